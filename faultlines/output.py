"""The public per-document record of ../shared/INTERFACES.md §1.

Each list field is rendered from one annotation layer: the annotation's label
goes under the field's key, its attrs are merged in, then start/end/score.
Document-level labels (genre) are annotations spanning the whole text.
"""
from __future__ import annotations

from typing import Any

from .model import Annotation, Document

# layer -> (record field, key the label goes under, whether the span text is included as "text")
LAYER_FIELDS: dict[str, tuple[str, str | None, bool]] = {
    "technique": ("techniques", "technique", False),
    "narrative": ("narratives", "narrative", False),
    "entity": ("entities", "type", True),
    "event": ("events", "event_type", False),
    "debunk": ("debunks", None, False),
    "claim": ("claims", None, True),
}
RECORD_LISTS = tuple(field for field, _, _ in LAYER_FIELDS.values())


def _item(doc: Document, annotation: Annotation, label_key: str | None, with_text: bool) -> dict[str, Any]:
    item: dict[str, Any] = {}
    if with_text:
        item["text"] = doc.span_text(annotation)
    if label_key is not None:
        item[label_key] = annotation.label
    item.update(annotation.attrs)
    item["start"] = annotation.start
    item["end"] = annotation.end
    if annotation.score is not None:
        item["score"] = round(annotation.score, 4)
    return item


def document_record(doc: Document, *, with_segments: bool = True) -> dict[str, Any]:
    """Render a document as the INTERFACES.md §1 JSON object (plus extra fields)."""
    record: dict[str, Any] = {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "text": doc.text,
        "language": doc.language,
        "published": doc.published,
        "genre": doc.best_label("genre"),
    }
    for layer, (field, label_key, with_text) in LAYER_FIELDS.items():
        record[field] = [_item(doc, a, label_key, with_text) for a in doc.layer(layer)]
    # Extra fields (the interface welcomes them): provenance and segmentation.
    record["language_score"] = doc.language_score
    record["published_readings"] = list(doc.published_readings)
    record["published_basis"] = doc.published_basis
    record["source_kind"] = doc.source_kind
    record["content_hash"] = doc.content_hash
    record["meta"] = doc.meta
    record["analyzers"] = sorted({f"{a.analyzer}@{a.version}" for a in doc.annotations if a.analyzer})
    if with_segments:
        record["paragraphs"] = [[a.start, a.end] for a in doc.layer("paragraph")]
        record["sentences"] = [[a.start, a.end] for a in doc.layer("sentence")]
    return record
