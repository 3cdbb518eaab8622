"""Features shared by training and inference: cue lexicons, repetition, paragraph context.

The cue lexicons are data (resources/lexicon_{en,ru}.json); this module only
compiles and counts them.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

RESOURCES = Path(__file__).parent / "resources"
_WORD = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)


class Lexicon:
    """Compiled cue classes of one language: counts for features, matches for spans."""

    def __init__(self, lang: str) -> None:
        path = RESOURCES / f"lexicon_{lang}.json"
        if not path.exists():
            path = RESOURCES / "lexicon_en.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        self.classes: list[str] = [k for k in data if not k.startswith("_")]
        self.techniques = {k: tuple(data[k]["techniques"]) for k in self.classes}
        sources = {k: r"(?<!\w)(?:" + "|".join(data[k]["patterns"]) + r")(?!\w)" for k in self.classes}
        self.patterns = {k: re.compile(src, re.IGNORECASE | re.UNICODE) for k, src in sources.items()}
        # matching lower-case patterns against lower-cased text is 2.5x faster than IGNORECASE
        lower = all(re.sub(r"\\.", "", src) == re.sub(r"\\.", "", src).lower() for src in sources.values())
        self._lower_patterns = {k: re.compile(src, re.UNICODE) for k, src in sources.items()} if lower else None
        self._index = {k: j for j, k in enumerate(self.classes)}
        # a paragraph's matches serve its count features and its token cues, and a one-sentence
        # paragraph's serve its sentence too: the regexes are a third of the heads' time
        self._spans = lru_cache(maxsize=16384)(self._scan)

    def _scan(self, text: str) -> tuple[tuple[tuple[int, int], ...], ...]:
        patterns, target = self.patterns, text
        if self._lower_patterns is not None:
            lowered = text.lower()
            if len(lowered) == len(text):  # offsets stay valid (not so for e.g. "İ")
                patterns, target = self._lower_patterns, lowered
        return tuple(tuple(m.span() for m in patterns[k].finditer(target)) for k in self.classes)

    def counts(self, texts: Sequence[str]) -> np.ndarray:
        out = np.array([[len(spans) for spans in self._spans(text)] for text in texts], dtype=np.float32)
        return np.log1p(out.reshape(len(texts), len(self.classes)))

    def forget(self) -> None:
        """Empty the match cache (benchmarks: no pass may reuse another's work)."""
        self._spans.cache_clear()

    def matches(self, text: str, cls: str) -> tuple[tuple[int, int], ...]:
        return self._spans(text)[self._index[cls]]


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    return Lexicon(lang)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def shape_features(paragraphs: Sequence[str]) -> np.ndarray:
    """Per paragraph of one article: position, length, punctuation, repetition of article words."""
    n = len(paragraphs)
    toks = [words(p) for p in paragraphs]
    article_counts = Counter(w for t in toks for w in t if len(w) > 3)
    title = set(toks[0]) if toks else set()
    rows = []
    for i, (p, t) in enumerate(zip(paragraphs, toks)):
        content = [w for w in t if len(w) > 3]
        repeated = sum(1 for w in set(content) if article_counts[w] >= 4)
        rows.append([
            1.0 if i == 0 else 0.0,
            i / max(n - 1, 1),
            np.log1p(len(t)) / 6,
            min(p.count("!"), 3) / 3,
            min(p.count("?"), 3) / 3,
            min(p.count('"') + p.count("“") + p.count("«"), 6) / 6,
            sum(1 for w in _WORD.findall(p) if len(w) > 2 and w.isupper()) / max(len(t), 1),
            repeated / max(len(set(content)), 1),
            len(title & set(content)) / max(len(title), 1) if i else 0.0,
        ])
    return np.asarray(rows, dtype=np.float32).reshape(n, 9)


def context_texts(paragraphs: Sequence[str]) -> list[str]:
    """The previous and next paragraph of each paragraph (the window the labels often depend on)."""
    return [" ".join(paragraphs[max(i - 1, 0):i] + paragraphs[i + 1:i + 2]) for i in range(len(paragraphs))]
