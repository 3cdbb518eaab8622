"""Score the events analyzer against a gold set (``faultlines eval events GOLD``).

Gold files are JSON lines: ``{"id", "language", "published", "text",
"events": [{"event_type", "sub_event_type", "plover", "date", "country",
"admin1", "fatalities", "actor1", "actor2"}, ...]}``. The passages run
through the real pipeline (language, segment, nlp, events).

Matching rule (per passage): a predicted and a gold event may pair when
they share the PLOVER category or the ACLED event type, or are both violent
(PLOVER ASSAULT); pairs are taken greedily by agreement (type, date,
admin1, country), each event used once. Unpaired predictions are false
positives, unpaired gold events false negatives.

Field accuracy is over paired events whose gold record states the field
(a stated null counts: predicting a value there is wrong):
type = event_type and sub_event_type (plover for events ACLED does not
code); date = the ISO date (range start for ranges); country, admin1,
fatalities: equal; actor1 / actor2: ACLED-normalized names
(``actor1_acled``), compared case-insensitively; for events ACLED does not
code or codes without an actor (talks, denials, agreements), the parties'
names (``actor1``, ``actor2``).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

FIELDS = ("type", "plover", "date", "country", "admin1", "fatalities", "actor1", "actor2")


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    rows: list[dict[str, Any]] = []
    for f in files:
        for n, line in enumerate(f.read_text("utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row.setdefault("id", f"{f.stem}-{n}")
                rows.append(row)
    return rows


def corpus_hash(rows: Iterable[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()[:16]


def _value(event: dict[str, Any], field: str) -> Any:
    if field == "type":
        if event.get("event_type") is None:
            return ("PLOVER", event.get("plover"))
        return (event.get("event_type"), event.get("sub_event_type"))
    if field in ("actor1", "actor2"):
        v = event.get(f"{field}_acled") or event.get(field)
        return v.casefold() if isinstance(v, str) else v
    return event.get(field)


def _pairable(p: dict[str, Any], g: dict[str, Any]) -> bool:
    if p.get("plover") == g.get("plover"):
        return True
    if g.get("event_type") and p.get("event_type") == g.get("event_type"):
        return True
    return False


def _agreement(p: dict[str, Any], g: dict[str, Any]) -> float:
    score = 0.0
    score += 2 * (_value(p, "type") == _value(g, "type"))
    score += 1 * (p.get("date") == g.get("date"))
    score += 1 * (p.get("admin1") == g.get("admin1"))
    score += 0.5 * (p.get("country") == g.get("country"))
    return score


def match(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    pairs = [(_agreement(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold) if _pairable(p, g)]
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def evaluate(rows: list[dict[str, Any]], *, settings=None) -> dict[str, Any]:
    """Run the pipeline over the gold passages and score detection and fields."""
    from ..model import Document
    from ..pipeline import Pipeline

    pipeline = Pipeline(("language", "segment", "nlp", "claims", "events"), settings)  # as analysis runs them
    docs = [Document(id=str(r["id"]), text=r["text"], language=r.get("language"), published=r.get("published")) for r in rows]
    analyzed = list(pipeline.pipe(docs))
    tp = fp = fn = 0
    right = {f: 0 for f in FIELDS}
    total = {f: 0 for f in FIELDS}
    errors: list[dict[str, Any]] = []
    by_lang: dict[str, dict[str, int]] = {}
    for row, doc in zip(rows, analyzed):
        predicted = [dict(a.attrs) for a in doc.layer("event")]
        gold = row.get("events") or []
        pairs = match(predicted, gold)
        lang = row.get("language") or doc.language or "?"
        stats = by_lang.setdefault(lang, {"tp": 0, "fp": 0, "fn": 0, "passages": 0})
        stats["passages"] += 1
        stats["tp"] += len(pairs)
        stats["fp"] += len(predicted) - len(pairs)
        stats["fn"] += len(gold) - len(pairs)
        tp += len(pairs)
        fp += len(predicted) - len(pairs)
        fn += len(gold) - len(pairs)
        paired_p = {i for i, _ in pairs}
        paired_g = {j for _, j in pairs}
        for i, p in enumerate(predicted):
            if i not in paired_p:
                errors.append({"id": row["id"], "error": "false positive", "predicted": _brief(p)})
        for j, g in enumerate(gold):
            if j not in paired_g:
                errors.append({"id": row["id"], "error": "missed", "gold": g})
        for i, j in pairs:
            p, g = predicted[i], gold[j]
            for f in FIELDS:
                gold_key = {"type": "event_type"}.get(f, f)
                if gold_key not in g:
                    continue
                total[f] += 1
                if _value(p, f) == _value(g, f):
                    right[f] += 1
                else:
                    errors.append({"id": row["id"], "error": f, "predicted": _value(p, f), "gold": _value(g, f)})
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "passages": len(rows),
        "gold_events": tp + fn,
        "predicted_events": tp + fp,
        "corpus_sha256_16": corpus_hash(rows),
        "detection": {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                      "tp": tp, "fp": fp, "fn": fn},
        "by_language": {
            lang: {**s, "f1": round(2 * s["tp"] / (2 * s["tp"] + s["fp"] + s["fn"]), 3) if s["tp"] + s["fp"] + s["fn"] else 1.0}
            for lang, s in sorted(by_lang.items())
        },
        "fields": {f: {"accuracy": round(right[f] / total[f], 3) if total[f] else None, "n": total[f]} for f in FIELDS},
        "errors": errors,
    }


def _brief(event: dict[str, Any]) -> dict[str, Any]:
    keys = ("event_type", "sub_event_type", "plover", "date", "country", "admin1", "fatalities", "actor1_acled", "actor2_acled", "trigger")
    return {k: event.get(k) for k in keys}
