"""Shared helpers for the claims tests: analyze a passage once per text (models load once per process)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from faultlines.model import Document
from faultlines.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "faultlines" / "demo" / "articles"
GOLD = ROOT / "gold" / "claims"


@lru_cache(maxsize=1)
def pipeline() -> Pipeline:
    return Pipeline(("language", "segment", "nlp", "claims"))


@lru_cache(maxsize=256)
def analyze(text: str, language: str = "en", meta: str = "{}") -> Document:
    return pipeline()(Document(id="t", text=text, language=language, meta=json.loads(meta)))


def claims(text: str, language: str = "en", **meta) -> list[dict]:
    doc = analyze(text, language, json.dumps(meta, sort_keys=True))
    return [dict(a.attrs, text=doc.text[a.start : a.end], start=a.start, end=a.end) for a in doc.layer("claim")]


def gold_passage(passage_id: str) -> dict:
    lang = passage_id.split("-")[0]
    for line in (GOLD / f"{lang}.jsonl").read_text("utf-8").splitlines():
        item = json.loads(line)
        if item["id"] == passage_id:
            return item
    raise KeyError(passage_id)
