"""Score the claims analyzer against a gold set (``faultlines eval claims GOLD``).

Gold: JSONL, one passage per line::

    {"id": "en-01", "language": "en", "text": "...", "meta": {"site": "..."},
     "claims": [{"text": "exact substring", "speaker": "Reuters" | null, "stance": "cite",
                 "quote": false, "via": ["Reuters", "sources in Dushanbe"] | null}]}

Matching: a predicted claim matches a gold claim when their character spans
overlap with Dice >= 0.5 (one-to-one, best first). Span P/R/F1 count
matches. Speaker and stance accuracy are over matched gold claims (the
end-to-end figures, where a missed claim counts as wrong, are reported too).
Speakers compare leniently: case, determiners, possessive 's and word
endings (first 5 letters, for Russian inflection) are ignored, and one name
may contain the other ("Crisis Group" ~ "Analysts at the Crisis Group").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..model import Document

_WORD = re.compile(r"\w+", re.UNICODE)
_DROP = {"the", "a", "an", "s", "its", "his", "her"}
MIN_DICE = 0.5


def speaker_key(name: str | None) -> tuple[str, ...]:
    if name is None:
        return ()
    name = name.casefold().replace("ё", "е").replace("’", "'")
    name = re.sub(r"'s\b", "", name)
    return tuple(w[:5] for w in _WORD.findall(name) if w not in _DROP)


def speaker_match(gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    g, p = speaker_key(gold), speaker_key(predicted)
    if not g or not p:
        return g == p
    return g == p or set(g) <= set(p) or set(p) <= set(g)


def via_match(gold: list[str] | None, predicted: Any) -> bool:
    if not gold:
        return not predicted
    if not predicted or len(predicted) != len(gold):
        return False
    return all(speaker_match(g, p) for g, p in zip(gold, predicted))


def dice(a: tuple[int, int], b: tuple[int, int]) -> float:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    if overlap <= 0:
        return 0.0
    return 2 * overlap / ((a[1] - a[0]) + (b[1] - b[0]))


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_ok: int = 0
    stance_ok: int = 0
    quote_ok: int = 0
    via_ok: int = 0
    via_total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: "Scores") -> None:
        for name in ("gold", "predicted", "matched", "speaker_ok", "stance_ok", "quote_ok", "via_ok", "via_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def figures(self) -> dict[str, Any]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        ratio = lambda n, d: round(n / d, 3) if d else None  # noqa: E731 - None: nothing to score
        return {
            "gold_claims": self.gold,
            "predicted_claims": self.predicted,
            "matched": self.matched,
            "span_precision": round(precision, 3),
            "span_recall": round(recall, 3),
            "span_f1": round(f1, 3),
            "speaker_accuracy": ratio(self.speaker_ok, self.matched),
            "stance_accuracy": ratio(self.stance_ok, self.matched),
            "quote_accuracy": ratio(self.quote_ok, self.matched),
            "via_accuracy": ratio(self.via_ok, self.via_total),
            "speaker_accuracy_end_to_end": ratio(self.speaker_ok, self.gold),
            "stance_accuracy_end_to_end": ratio(self.stance_ok, self.gold),
        }


def load_gold(paths: Iterable[Path]) -> list[dict[str, Any]]:
    items = []
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            for number, line in enumerate(file.read_text("utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                item = json.loads(line)
                for claim in item["claims"]:
                    if claim["text"] not in item["text"]:
                        raise ValueError(f"{file}:{number}: claim text not found in passage: {claim['text']!r}")
                items.append(item)
    return items


def score_passage(item: dict[str, Any], doc: Document) -> Scores:
    scores = Scores()
    gold = []
    for claim in item["claims"]:
        start = item["text"].find(claim["text"])
        gold.append((start, start + len(claim["text"]), claim))
    predicted = [(a.start, a.end, a.attrs) for a in doc.layer("claim")]
    scores.gold, scores.predicted = len(gold), len(predicted)
    pairs = sorted(((dice(g[:2], p[:2]), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)), reverse=True)
    used_g, used_p, matches = set(), set(), {}
    for value, gi, pi in pairs:
        if value < MIN_DICE or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches[gi] = pi
    for gi, (start, end, claim) in enumerate(gold):
        if gi not in matches:
            scores.errors.append({"id": item["id"], "error": "missed", "gold": claim["text"]})
            continue
        scores.matched += 1
        attrs = predicted[matches[gi]][2]
        ok_speaker = speaker_match(claim.get("speaker"), attrs.get("speaker"))
        ok_stance = claim.get("stance") == attrs.get("stance")
        scores.speaker_ok += ok_speaker
        scores.stance_ok += ok_stance
        scores.quote_ok += bool(claim.get("quote")) == bool(attrs.get("quote"))
        if claim.get("via"):
            scores.via_total += 1
            scores.via_ok += via_match(claim.get("via"), attrs.get("via"))
        if not ok_speaker:
            scores.errors.append({"id": item["id"], "error": "speaker", "gold": claim.get("speaker"), "predicted": attrs.get("speaker")})
        if not ok_stance:
            scores.errors.append({"id": item["id"], "error": "stance", "gold": claim.get("stance"), "predicted": attrs.get("stance")})
    for pi, (start, end, attrs) in enumerate(predicted):
        if pi not in used_p:
            scores.errors.append({"id": item["id"], "error": "spurious", "predicted": doc.text[start:end]})
    return scores


def evaluate(paths: Iterable[Path], *, settings=None) -> dict[str, Any]:
    """Run segment + nlp + claims on every gold passage; figures overall and per language."""
    from ..pipeline import Pipeline

    items = load_gold([Path(p) for p in paths])
    pipeline = Pipeline(("language", "segment", "nlp", "claims"), settings)
    docs = [Document(id=item["id"], text=item["text"], language=item.get("language"), meta=dict(item.get("meta") or {}))
            for item in items]
    total, by_language = Scores(), {}
    for item, doc in zip(items, pipeline.pipe(docs, batch_size=32)):
        scores = score_passage(item, doc)
        total.add(scores)
        by_language.setdefault(item.get("language") or "?", Scores()).add(scores)
    report = {"passages": len(items), **total.figures(),
              "by_language": {lang: {"passages": sum(1 for i in items if (i.get("language") or "?") == lang), **s.figures()}
                              for lang, s in sorted(by_language.items())},
              "errors": total.errors}
    return report
