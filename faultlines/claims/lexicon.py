"""Cue lexicons for the claims stage, loaded lazily from ``faultlines/resources``.

The heuristics live in data (``claims_en.json``, ``claims_ru.json``; the
outlets and offices in ``claims_sources.json``, read by ``faultlines.sources``)
so an analyst can extend them without touching control flow.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


def _load(name: str) -> dict[str, Any]:
    return json.loads(resources.files("faultlines.resources").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True)
class Lexicon:
    """One language's cues, with the lookups the extractor needs."""

    language: str
    data: dict[str, Any]

    def verb_stance(self, lemma: str, text: str) -> str | None:
        """Stance a reporting verb carries, or None when the word is no reporting verb."""
        if self.language == "en":
            return self.data["verbs"].get(lemma.lower())
        word = text.lower()
        best = None
        for stem, stance in self.data["verbs"].items():
            # the longest matching stem wins ("подтверд" over nothing, "опроверг" over "опровер")
            if " " not in stem and word.startswith(stem) and (best is None or len(stem) > len(best[0])):
                best = (stem, stance)
        return best[1] if best else None

    def words(self, key: str) -> tuple[str, ...]:
        return tuple(self.data.get(key, ()))

    @property
    def according(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(seq) for seq in self.data.get("according", ()))

    def has_cue(self, key: str, text: str) -> bool:
        return _cue_pattern(self.language, key)(text) is not None

    def cue_matches(self, key: str, text: str) -> list[re.Match[str]]:
        return list(_cue_regex(self.language, key).finditer(text))


@lru_cache(maxsize=None)
def _cue_regex(language: str, key: str) -> re.Pattern[str]:
    words = lexicon(language).data.get(key, ())
    if language == "ru":
        # Russian cues are stems: match at a word start, any ending.
        body = "|".join(sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{body})", re.IGNORECASE)
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _cue_pattern(language: str, key: str):
    return _cue_regex(language, key).search


def cue_count(language: str, key: str, text: str) -> int:
    return len(_cue_regex(language, key).findall(text))


@lru_cache(maxsize=4)
def lexicon(language: str) -> Lexicon:
    return Lexicon(language, _load("claims_ru.json" if language == "ru" else "claims_en.json"))
