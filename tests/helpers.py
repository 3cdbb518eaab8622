"""Small documents built in code for the store and export tests (no ../shared needed)."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from faultlines.model import Annotation, Document

ARTICLES: dict[str, dict[str, Any]] = {
    "khatlon-attack": {
        "title": "Three Chinese workers killed near Tajik-Afghan border",
        "language": "en",
        "published": "2025-11-27",
        "text": (
            "Three Chinese employees of the Shohin SM mining company were killed on Wednesday in "
            "Khatlon Province, Tajikistan's Foreign Ministry said. Gunmen crossed from Afghanistan "
            "and opened fire on the camp.\n\nOfficials in Dushanbe called the attack an act of terror "
            "and demanded that the Taliban authorities secure the border."
        ),
    },
    "rogun-dam": {
        "title": "Uzbekistan and Tajikistan sign water deal on Rogun dam",
        "language": "en",
        "published": "2025-10-12",
        "text": (
            "Uzbekistan and Tajikistan signed an agreement on water sharing from the Rogun dam, "
            "ending years of dispute over the Vakhsh river. President Shavkat Mirziyoyev said the "
            "deal would protect cotton farmers downstream."
        ),
    },
    "csto-kazakhstan": {
        "title": "CSTO troops leave Kazakhstan",
        "language": "en",
        "published": "2022-01-13",
        "text": (
            "Russian-led CSTO peacekeepers began leaving Kazakhstan on Thursday. Western media "
            "claimed Russia was invading Kazakhstan; in fact President Tokayev requested the "
            "assistance himself, the Kremlin said."
        ),
    },
    "dushanbe-ru": {
        "title": "МИД Таджикистана опроверг сообщения о переговорах",
        "language": "ru",
        "published": "2025-12-02",
        "text": (
            "МИД Таджикистана опроверг сообщения Reuters о переговорах по военной помощи России. "
            "«Ничего подобного не происходит», — заявили в Душанбе во вторник. "
            "Ёлки на площади Дӯстӣ уже установили."
        ),
    },
    "bishkek-ru": {
        "title": "Киргизия и Таджикистан открыли границу",
        "language": "ru",
        "published": "2025-03-14",
        "text": (
            "Киргизия и Таджикистан открыли пункты пропуска на границе после подписания договора "
            "о делимитации. Президент Садыр Жапаров назвал соглашение историческим."
        ),
    },
}


def make_doc(name: str = "khatlon-attack", *, id: str | None = None, source: str | None = None, text: str | None = None, **fields: Any) -> Document:
    """A Document for one of :data:`ARTICLES` (or with the given text), as ingest would build it."""
    base = dict(ARTICLES[name]) if name in ARTICLES else {}
    if text is not None:
        base["text"] = text
    base.update(fields)
    doc_id = id or name
    return Document(
        id=doc_id,
        source=source if source is not None else f"corpus/{doc_id}.txt",
        fetched="2025-12-10T09:00:00+00:00",
        **base,
    )


def all_docs() -> list[Document]:
    return [make_doc(name) for name in ARTICLES]


def annotate(doc: Document, analyzer: str, version: str, *, layer: str = "event", label: str | None = None, attrs: dict | None = None, count: int = 1) -> Document:
    """Add ``count`` annotations by ``analyzer@version`` over the first sentence-ish spans."""
    step = max(1, len(doc.text) // (count + 1))
    for i in range(count):
        doc.add(
            Annotation(
                layer=layer,
                start=i * step,
                end=min(len(doc.text), i * step + step // 2),
                label=label or f"{analyzer}-{version}-{i}",
                attrs=dict(attrs or {}),
                score=0.5 + i / 100,
                analyzer=analyzer,
                version=version,
            )
        )
    return doc


def sqlite_checks(path: Path) -> tuple[str, int, int]:
    """(integrity_check result, documents rows, FTS rows) via a plain sqlite3 connection; raises if FTS is inconsistent."""
    with sqlite3.connect(path) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')")
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        # An external-content table's own row count is the content table's; count the index instead.
        fts = conn.execute("SELECT count(*) FROM documents_fts_docsize").fetchone()[0]
    return integrity, docs, fts
