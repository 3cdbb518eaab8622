"""Pydantic response models: the shapes documented in the OpenAPI schema (/openapi.json, /docs).

Annotation attributes pass through as extra fields (``extra="allow"``): the
record fields of INTERFACES.md §1 plus whatever an analyzer adds.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorOut(BaseModel):
    ok: bool = False
    error: str
    errors: list[Any] = []
    status: int


class DocRef(BaseModel):
    id: str
    title: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None


class DocumentSummary(BaseModel):
    id: str
    title: Optional[str] = None
    source: Optional[str] = None
    outlet: str
    language: Optional[str] = None
    published: Optional[str] = None
    chars: int
    counts: dict[str, int] = {}
    narratives: list[str] = []
    snippet: Optional[str] = Field(None, description="With q: matched words between U+E000 and U+E001")


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    next_cursor: Optional[str] = Field(None, description="Pass as ?cursor= for the next page; null on the last page")
    limit: int
    count: int


class AnnotationOut(BaseModel):
    layer: str
    label: Optional[str] = None
    start: int
    end: int
    text: str
    score: Optional[float] = None
    attrs: dict[str, Any] = {}
    analyzer: str
    version: str


class DocumentOut(Open):
    """The INTERFACES.md §1 record (``faultlines analyze`` output) plus ``annotations``: every stored annotation."""

    id: str
    text: str
    title: Optional[str] = None
    source: Optional[str] = None
    language: Optional[str] = None
    published: Optional[str] = None
    techniques: list[dict[str, Any]] = []
    narratives: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    annotations: list[AnnotationOut] = []


class EventOut(Open):
    event_type: Optional[str] = None
    start: int
    end: int
    annotation_id: int
    document: DocRef


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: Optional[str] = None
    limit: int
    count: int


class ClaimOut(Open):
    text: str
    stance: Optional[str] = None
    speaker: Optional[str] = None
    start: int
    end: int
    annotation_id: int
    document: DocRef


class ClaimPage(BaseModel):
    items: list[ClaimOut]
    next_cursor: Optional[str] = None
    limit: int
    count: int


class Contradictions(BaseModel):
    state: str = Field(description="pending (still computing), ready, unavailable (no claims stage), disabled or failed")
    error: Optional[str] = None
    items: list[dict[str, Any]] = []
    total: int = Field(0, description="Pairs in the whole list")
    limit: int = 100
    next_cursor: Optional[str] = Field(None, description="Pass as ?cursor= for the next page; null on the last page")
    computed_at: Optional[str] = Field(None, description="When the pairs were computed (UTC)")
    refreshing: bool = Field(False, description="Claims were stored since: new pairs are being computed")


class Series(BaseModel):
    name: str
    counts: list[int]
    total: int


class Trends(BaseModel):
    period: str
    by: str
    narrative: Optional[str] = None
    periods: list[str]
    series: list[Series]


class TopNarrative(BaseModel):
    narrative: str
    this_week: int
    last_week: int
    change: int


class EntityOut(BaseModel):
    name: str
    type: Optional[str] = None
    role: Optional[str] = None
    mentions: int
    documents: int
    aliases: Optional[list[str]] = Field(None, description="Surface forms grouped under the canonical name (entity layer).")


class Entities(BaseModel):
    layer: str
    items: list[EntityOut]
    next_cursor: Optional[str] = Field(None, description="Pass as ?cursor= for the next page; null on the last page")


class SearchHitOut(BaseModel):
    id: str
    title: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    outlet: str
    snippet: str
    rank: float


class SearchOut(BaseModel):
    q: str
    documents: list[SearchHitOut]
    documents_ranked_among: Optional[int] = Field(
        None, description="Set when the words are in more documents than this: the documents are the best of the "
                          "newest this many matches (add words or a date range to reach older ones).")
    claims: list[ClaimOut]
    entities: list[EntityOut]


class Stats(BaseModel):
    documents: int
    by_language: dict[str, int]
    annotations_by_layer: dict[str, int]
    newest_published: Optional[str] = None


class Health(BaseModel):
    ok: bool
    version: str
    documents: Optional[int]  # null where a token guards the server: the health check is public
    models_loaded: bool


class AnalyzeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article text; a first line followed by an empty line is the title")
    id: Optional[str] = Field(None, max_length=200, pattern=r"^[\w.~:@+\-]+$")
    published: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    source: Optional[str] = Field(None, max_length=2000)
    store: bool = Field(False, description="Also save the document and its annotations in the store")

    @field_validator("published")
    @classmethod
    def _a_real_day(cls, value: str | None) -> str | None:
        if value is not None:
            date.fromisoformat(value)  # "2025-02-30" matches the pattern but is no day: a 4xx, not a 500
        return value


class Alert(BaseModel):
    """One alert: a region (``kind`` violence or unrest; ``level`` country or admin1) or a narrative."""

    model_config = ConfigDict(extra="allow")
    kind: str
    name: str
    observed: int
    expected: float
    ratio: float
    baseline_count: int
    p_value: float
    score: float = Field(description="-log10 of p_value: how surprising the window is against its baseline")
    documents: list[str]
    more_documents: int


class Alerts(BaseModel):
    as_of: str
    window: list[str]
    baseline: list[str]
    settings: dict[str, Any]
    alerts: list[Alert]
