"""The core document model: one article and the layered annotations on it.

Every stage reads and annotates a :class:`Document`. Its ``text`` is frozen
after ingest: every annotation is a ``(start, end)`` character range into it
(end exclusive), so offsets stay true from ingest to export. This module
imports nothing from the rest of the package.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timezone
from typing import Any, Iterable, Iterator

_SPACE = re.compile(r"\s+")

# The longest document id the API and the dashboard open (ingest refuses longer ones), and what an id may hold.
MAX_ID_LENGTH = 300
ID_PATTERN = rf"^[^\x00-\x1f\x7f]{{1,{MAX_ID_LENGTH}}}$"

# News is dated within these years; a date outside them is a typo or a probe ("9999-12-31"), and date arithmetic
# over the store (alert windows, trends) would overflow at the calendar's edges.
PUBLISHED_YEARS = (1900, 2100)


def plausible(day: date) -> bool:
    """Whether ``day`` may be a publication date (or a bound of a query over them)."""
    return PUBLISHED_YEARS[0] <= day.year <= PUBLISHED_YEARS[1]


OUTSIDE_YEARS = f"lies outside the years {PUBLISHED_YEARS[0]}-{PUBLISHED_YEARS[1]}"


def normalize_for_identity(text: str) -> str:
    """Text as compared for identity: NFC, whitespace folded, case folded.

    Two copies of one article that differ only in line endings, indentation
    or a BOM get the same content hash.
    """
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    return _SPACE.sub(" ", text).strip().casefold()


# Control characters other than line breaks and tabs never belong to an article, and ESC sequences in one would
# reach the terminal of whoever prints it ("\x1b[2J" clears the screen). Each becomes a space, so offsets hold.
# (A lone surrogate, which a JSON "\udc00" escape can make, cannot be stored as UTF-8: it becomes U+FFFD.)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def neutralize_controls(text: str) -> str:
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(" ", text)
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed so the span neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the normalized text: the identity of an article."""
    return hashlib.sha256(normalize_for_identity(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Annotation:
    """One labelled character range produced by one analyzer version.

    ``layer`` groups annotations of one kind ("sentence", "technique",
    "event", ...); overlapping annotations in a layer are allowed.
    """

    layer: str
    start: int
    end: int
    label: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    score: float | None = None
    analyzer: str = ""
    version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "attrs": self.attrs,
            "score": self.score,
            "analyzer": self.analyzer,
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Annotation":
        return cls(
            layer=data["layer"],
            start=int(data["start"]),
            end=int(data["end"]),
            label=data.get("label"),
            attrs=dict(data.get("attrs") or {}),
            score=data.get("score"),
            analyzer=data.get("analyzer", ""),
            version=data.get("version", ""),
        )


class OffsetError(ValueError):
    """An annotation whose offsets do not fit the document text."""


@dataclass(slots=True)
class Document:
    """An article: its text, metadata and annotations.

    ``id`` is the given id (a JSON document's ``id``, a file's stem) or, when
    nothing names the article, a short content hash. ``content_hash`` is the
    identity used for de-duplication: the same article read from two paths is
    one document.

    ``published`` is an ISO date. When the date line was ambiguous
    (``10/12/2025``) every reading is kept in ``published_readings`` and
    ``published_basis`` says why ``published`` was chosen.
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    source_kind: str = "text"
    language: str | None = None
    language_score: float | None = None
    published: str | None = None
    published_readings: list[str] = field(default_factory=list)
    published_basis: str | None = None
    fetched: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    annotations: list[Annotation] = field(default_factory=list)
    content_hash: str = ""
    # Per-run scratch space shared by analyzers (e.g. the spaCy parse); never serialized or compared.
    work: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError("Document.text must be str")
        self.text = neutralize_controls(self.text)
        if isinstance(self.title, str):
            self.title = neutralize_controls(self.title)
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        if self.fetched is None:
            self.fetched = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if isinstance(self.published, date):
            self.published = self.published.isoformat()

    # annotations -----------------------------------------------------------
    def add(self, annotation: Annotation) -> Annotation:
        """Add an annotation after checking that its offsets fit the text."""
        if not (0 <= annotation.start <= annotation.end <= len(self.text)):
            raise OffsetError(
                f"annotation {annotation.layer}:{annotation.label} [{annotation.start}, "
                f"{annotation.end}) outside text of length {len(self.text)} in {self.id!r}"
            )
        self.annotations.append(annotation)
        return annotation

    def extend(self, annotations: Iterable[Annotation]) -> None:
        for annotation in annotations:
            self.add(annotation)

    def layer(self, name: str) -> list[Annotation]:
        """Annotations of one layer, in text order."""
        return sorted(
            (a for a in self.annotations if a.layer == name), key=lambda a: (a.start, a.end)
        )

    def best_label(self, name: str) -> str | None:
        """The highest-scoring label of a document-level layer ("genre"), or None."""
        candidates = self.layer(name)
        if not candidates:
            return None
        return max(candidates, key=lambda a: a.score if a.score is not None else 0.0).label

    def layers(self) -> list[str]:
        return sorted({a.layer for a in self.annotations})

    def drop_layer(self, name: str) -> None:
        self.annotations = [a for a in self.annotations if a.layer != name]

    def title_end(self) -> int:
        """Where the title ends when the text opens with it (after leading white space), else 0."""
        head = len(self.text) - len(self.text.lstrip())
        return head + len(self.title) if self.title and self.text.startswith(self.title, head) else 0

    def span_text(self, annotation: Annotation) -> str:
        return self.text[annotation.start : annotation.end]

    def iter_text(self, layer: str) -> Iterator[tuple[Annotation, str]]:
        for annotation in self.layer(layer):
            yield annotation, self.span_text(annotation)

    # serialization -----------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "work"}
        data["annotations"] = [a.to_dict() for a in self.annotations]
        data["published_readings"] = list(self.published_readings)
        data["meta"] = dict(self.meta)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known and k not in ("annotations", "work")}
        doc = cls(**kwargs)
        doc.extend(Annotation.from_dict(a) for a in data.get("annotations") or [])
        return doc

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, text: str) -> "Document":
        return cls.from_dict(json.loads(text))
