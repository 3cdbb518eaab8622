"""Read-side queries shared by the REST API and the dashboard.

Everything here only reads. On SQLite it uses its own read-only connections
(``mode=ro``, ``PRAGMA query_only``), so a bug in a view can never write, and
long reads never hold the writer's lock. Lists page with keyset cursors
(never OFFSET): a cursor is the sort key of the last row shown, encoded as
opaque URL-safe text. Every value reaches SQL as a bound parameter; the only
literals are the constant JSON paths, which must be literal for SQLite to use
the expression indexes of migration 0002.

Layers that are not in the store yet (events, claims, narratives,
techniques, entities with roles) simply give empty results.
"""
from __future__ import annotations

import base64
import json
import logging
import re
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterator, Sequence
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, Engine

from .errors import QueryError, StoreError
from .store.fts import to_fts_query
from .store.schema import analyses, annotations, documents

log = logging.getLogger(__name__)

MAX_LIMIT = 500
GEOJSON_MAX = 5000
# Snippet markers: private-use characters, because « » are ordinary Russian quotes.
MARK_START, MARK_END = "\ue000", "\ue001"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# --------------------------------------------------------------------------- cursors and params


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, shape: Sequence[type]) -> list[Any] | None:
    """The values of a cursor made by :func:`encode_cursor`; QueryError (FL303) for anything else."""
    if cursor is None or cursor == "":
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError) as e:
        raise QueryError("bad cursor: pass back the next_cursor value of the previous page unchanged", code="FL303") from e
    if not isinstance(values, list) or len(values) != len(shape):
        raise QueryError("bad cursor: pass back the next_cursor value of the previous page unchanged", code="FL303")
    for value, kind in zip(values, shape):
        if value is not None and not isinstance(value, kind):
            raise QueryError("bad cursor: pass back the next_cursor value of the previous page unchanged", code="FL303")
    return values


def check_date(value: str | None, name: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a real date), else QueryError naming the parameter."""
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise QueryError(f"{name} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), not {value[:40]!r}", code="FL303")
    try:
        date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
    except ValueError as e:
        raise QueryError(f"{name} {value!r} is not a calendar date", code="FL303") from e
    return value


def _upper(value: str) -> str:
    """An exclusive upper bound that includes the whole day/month/year ``value``."""
    if len(value) == 10:
        return (date.fromisoformat(value) + timedelta(days=1)).isoformat()
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return f"{int(value) + 1:04d}"


def check_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = check_date(since, "since"), check_date(until, "until")
    if since and until and since > until:
        raise QueryError(f"since ({since}) is after until ({until}): swap them or widen the range", code="FL303")
    return since, (_upper(until) if until else None)


def check_limit(limit: int, maximum: int = MAX_LIMIT) -> int:
    if not isinstance(limit, int) or not 1 <= limit <= maximum:
        raise QueryError(f"limit must be between 1 and {maximum}, not {limit!r}", code="FL303")
    return limit


def outlet(source: str | None) -> str:
    """The outlet a source stands for: a URL's host, else the file's folder or kind."""
    if not source:
        return "unknown"
    if "://" in source:
        host = urlsplit(source).hostname or source
        return host[4:] if host.startswith("www.") else host
    return "local files"


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None = None
    limit: int = 50

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor, "limit": self.limit, "count": len(self.items)}


@dataclass(frozen=True)
class DocumentFilters:
    q: str | None = None
    language: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    narrative: str | None = None
    technique: str | None = None
    country: str | None = None

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class EventFilters:
    country: str | None = None
    iso: str | None = None
    event_type: str | None = None
    since: str | None = None
    until: str | None = None
    doc: str | None = None


@dataclass(frozen=True)
class ClaimFilters:
    q: str | None = None
    speaker: str | None = None
    stance: str | None = None
    doc: str | None = None
    language: str | None = None


@dataclass
class _Cache:
    key: Any = None
    value: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- the queries


class Queries:
    """Read-only queries over one store (see the module docstring)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.dialect = store.dialect
        self._engine, self._own_engine = self._read_engine(store)
        self._contradictions = _Cache()
        self._cache: dict[Any, tuple[Any, Any]] = {}
        self._cache_lock = threading.Lock()

    # -- connections ------------------------------------------------------------

    @staticmethod
    def _read_engine(store: Any) -> tuple[Engine, bool]:
        if store.dialect != "sqlite" or store.path is None:
            return store._engine, False
        uri = f"file:{store.path.resolve()}?mode=ro"
        engine = sa.create_engine(
            "sqlite+pysqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, timeout=store.timeout, check_same_thread=False),
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {int(store.timeout * 1000)}")
                cursor.execute("PRAGMA query_only = ON")
            finally:
                cursor.close()

        return engine, True

    def close(self) -> None:
        if self._own_engine:
            self._engine.dispose()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                yield connection
        except exc.OperationalError as e:
            message = str(getattr(e, "orig", e))
            if "fts5" in message.lower() or "syntax" in message.lower():
                raise QueryError(f"cannot search: {message}", code="FL302") from e
            raise StoreError(f"store {self.store.where}: {message}", code="FL200") from e
        except (exc.DBAPIError, sqlite3.Error) as e:
            raise StoreError(f"store {self.store.where}: {getattr(e, 'orig', e)}", code="FL200") from e

    # -- dialect helpers --------------------------------------------------------

    def _attr(self, column: Any, name: str) -> Any:
        """``attrs.name`` as text, written exactly as the 0002 indexes are."""
        if self.dialect == "sqlite":
            return sa.func.json_extract(column, sa.literal_column(f"'$.{name}'"))
        return column.op("->>")(sa.literal_column(f"'{name}'"))

    def _span_text(self, a: Any, d: Any) -> Any:
        return sa.func.substr(d.c.text, a.c.start + 1, a.c.end - a.c.start)

    @staticmethod
    def _latest(a: Any) -> Any:
        """Only annotations of the analyzer version that ran last on their document."""
        mine = analyses.alias("mine")
        newer = analyses.alias("newer")
        mine_created = (
            sa.select(mine.c.created_at)
            .where(mine.c.doc_pk == a.c.doc_pk, mine.c.analyzer == a.c.analyzer, mine.c.version == a.c.version)
            .scalar_subquery()
        )
        return ~sa.exists().where(
            newer.c.doc_pk == a.c.doc_pk,
            newer.c.analyzer == a.c.analyzer,
            newer.c.version != a.c.version,
            newer.c.created_at > mine_created,
        )

    @staticmethod
    def _loads(value: Any) -> dict[str, Any]:
        if value is None or value == "{}":
            return {}
        if isinstance(value, dict):
            return value
        data = json.loads(value)
        return data if isinstance(data, dict) else {}

    # -- aggregate caching ---------------------------------------------------------

    def _version(self) -> tuple[Any, ...]:
        """Changes whenever documents or annotations are added (both maxima are rowid lookups)."""
        with self._read() as c:
            return (
                c.execute(sa.select(sa.func.max(documents.c.pk))).scalar_one(),
                c.execute(sa.select(sa.func.max(annotations.c.id))).scalar_one(),
            )

    def _cached(self, key: Any, compute: Any) -> Any:
        """Aggregates over the whole store (facets, trends, timeline) are computed once per store version."""
        version = self._version()
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                return hit[1]
        value = compute()
        with self._cache_lock:
            if len(self._cache) > 256:
                self._cache.clear()
            self._cache[key] = (version, value)
        return value

    # -- overview ---------------------------------------------------------------

    def counts(self) -> dict[str, Any]:
        """Documents (by language) and annotations (by layer); cached per store version."""
        return self._cached(("counts",), self._counts)

    def _counts(self) -> dict[str, Any]:
        with self._read() as c:
            total = c.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
            by_language = {
                (lang or "unknown"): n
                for lang, n in c.execute(sa.select(documents.c.language, sa.func.count()).group_by(documents.c.language))
            }
            by_layer = dict(
                c.execute(sa.select(annotations.c.layer, sa.func.count()).group_by(annotations.c.layer)).all()
            )
            newest = c.execute(sa.select(sa.func.max(documents.c.published))).scalar_one()
        return {
            "documents": total,
            "by_language": dict(sorted(by_language.items(), key=lambda kv: (-kv[1], kv[0]))),
            "annotations_by_layer": dict(sorted(by_layer.items())),
            "newest_published": newest,
        }

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Values to offer in filter menus (cached per store version)."""
        return self._cached(("facets",), self._facets)

    def _facets(self) -> dict[str, list[tuple[str, int]]]:
        """Values to offer in filter menus: languages, outlets, event countries/types, narratives, techniques, stances."""
        a = annotations
        with self._read() as c:
            languages = c.execute(
                sa.select(documents.c.language, sa.func.count()).where(documents.c.language.is_not(None))
                .group_by(documents.c.language).order_by(sa.func.count().desc())
            ).all()
            country = self._attr(a.c.attrs, "country")
            countries = c.execute(
                sa.select(country, sa.func.count()).where(a.c.layer == "event", country.is_not(None))
                .group_by(country).order_by(sa.func.count().desc()).limit(300)
            ).all()
            labels = {}
            for layer in ("event", "narrative", "technique", "claim"):
                labels[layer] = c.execute(
                    sa.select(a.c.label, sa.func.count()).where(a.c.layer == layer, a.c.label.is_not(None))
                    .group_by(a.c.label).order_by(sa.func.count().desc()).limit(300)
                ).all()
        return {
            "languages": [tuple(r) for r in languages],
            "countries": [tuple(r) for r in countries],
            "event_types": [tuple(r) for r in labels["event"]],
            "narratives": [tuple(r) for r in labels["narrative"]],
            "techniques": [tuple(r) for r in labels["technique"]],
            "stances": [tuple(r) for r in labels["claim"]],
        }

    def anchor_date(self) -> date:
        """"Today" for the dashboard: the newest publication date in the store (a demo corpus lives in its own time)."""
        with self._read() as c:
            newest = c.execute(sa.select(sa.func.max(documents.c.published))).scalar_one()
        try:
            return date.fromisoformat(str(newest)[:10]) if newest else date.today()
        except ValueError:
            return date.today()

    # -- documents ----------------------------------------------------------------

    def _doc_conditions(self, f: DocumentFilters) -> list[Any]:
        d = documents
        conditions: list[Any] = []
        if f.language:
            conditions.append(d.c.language == f.language)
        if f.source:
            # A prefix: an outlet's URLs or a folder; a range keeps the index usable.
            conditions.append(sa.and_(d.c.source >= f.source, d.c.source < f.source + "\U0010ffff"))
        since, until = check_range(f.since, f.until)
        if since:
            conditions.append(d.c.published >= since)
        if until:
            conditions.append(d.c.published < until)
        if f.narrative:
            conditions.append(self._having("narrative", lambda t: t.c.label == f.narrative))
        if f.technique:
            conditions.append(self._having("technique", lambda t: t.c.label == f.technique))
        if f.country:
            conditions.append(self._having("event", lambda t: self._attr(t.c.attrs, "country") == f.country))
        if f.q:
            match = to_fts_query(f.q)
            if self.dialect != "sqlite":  # pragma: no cover - PostgreSQL later
                vector = sa.func.to_tsvector("simple", sa.func.coalesce(d.c.title, "") + " " + d.c.text)
                conditions.append(vector.op("@@")(sa.func.websearch_to_tsquery("simple", f.q)))
            else:
                fts = sa.table("documents_fts", sa.column("rowid"))
                conditions.append(
                    d.c.pk.in_(sa.select(fts.c.rowid).where(sa.text("documents_fts MATCH :match").bindparams(match=match)))
                )
        return conditions

    # Below this many matching annotations a filter is applied as pk IN (matches) and the
    # few rows sorted; above it, documents are walked newest first and each is checked
    # (EXISTS), which finds a page long before it has looked at every match.
    DENSE = 3000

    def _having(self, layer: str, test: Any) -> Any:
        """Documents with an annotation of ``layer`` passing ``test(table)``, in the form that is fast for how many match."""
        a, d = annotations, documents
        with self._read() as c:
            probe = sa.select(sa.literal(1)).where(a.c.layer == layer, test(a)).limit(self.DENSE).subquery()
            matches = c.execute(sa.select(sa.func.count()).select_from(probe)).scalar_one()
        if matches < self.DENSE:
            return d.c.pk.in_(sa.select(a.c.doc_pk).where(a.c.layer == layer, test(a)))
        inner = annotations.alias("having")
        return sa.exists().where(inner.c.doc_pk == d.c.pk, inner.c.layer == layer, test(inner))

    def documents(self, f: DocumentFilters = DocumentFilters(), *, limit: int = 50, cursor: str | None = None) -> Page:
        """Documents newest first (by publication date, undated last), filtered; keyset-paged."""
        check_limit(limit)
        d = documents
        values = decode_cursor(cursor, (str, (str, type(None)), int))
        conditions = self._doc_conditions(f)
        columns = (d.c.pk, d.c.id, d.c.title, d.c.source, d.c.language, d.c.published, sa.func.length(d.c.text).label("chars"))
        rows: list[Any] = []
        with self._read() as c:
            phase = values[0] if values else "dated"
            if phase not in ("dated", "undated"):
                raise QueryError("bad cursor: pass back the next_cursor value of the previous page unchanged", code="FL303")
            if phase == "dated":
                query = sa.select(*columns).where(*conditions, d.c.published.is_not(None))
                if values:
                    published, pk = values[1], values[2]
                    query = query.where(sa.tuple_(d.c.published, d.c.pk) < sa.tuple_(published, pk))
                rows = list(c.execute(query.order_by(d.c.published.desc(), d.c.pk.desc()).limit(limit + 1)))
                if len(rows) <= limit:
                    rest = sa.select(*columns).where(*conditions, d.c.published.is_(None))
                    rows += list(c.execute(rest.order_by(d.c.pk.desc()).limit(limit + 1 - len(rows))))
            else:
                query = sa.select(*columns).where(*conditions, d.c.published.is_(None), d.c.pk < values[2])
                rows = list(c.execute(query.order_by(d.c.pk.desc()).limit(limit + 1)))
            more = len(rows) > limit
            rows = rows[:limit]
            items = [self._doc_item(r) for r in rows]
            if items:
                self._add_counts(c, rows, items)
                if f.q and self.dialect == "sqlite":
                    self._add_snippets(c, f.q, rows, items)
        next_cursor = None
        if more and rows:
            last = rows[-1]
            next_cursor = encode_cursor(["dated" if last.published is not None else "undated", last.published, last.pk])
        return Page(items, next_cursor, limit)

    @staticmethod
    def _doc_item(r: Any) -> dict[str, Any]:
        return {
            "id": r.id,
            "title": r.title,
            "source": r.source,
            "outlet": outlet(r.source),
            "language": r.language,
            "published": r.published,
            "chars": r.chars,
        }

    def _add_counts(self, c: Connection, rows: list[Any], items: list[dict[str, Any]]) -> None:
        a = annotations
        by_pk = {r.pk: item for r, item in zip(rows, items)}
        for item in items:
            item["counts"] = {}
            item["narratives"] = []
        shown = ("event", "claim", "technique", "narrative", "entity", "ner")
        query = (
            sa.select(a.c.doc_pk, a.c.layer, sa.func.count())
            .where(a.c.doc_pk.in_(list(by_pk)), a.c.layer.in_(shown))
            .group_by(a.c.doc_pk, a.c.layer)
        )
        for pk, layer, n in c.execute(query):
            by_pk[pk]["counts"][layer] = n
        narratives = (
            sa.select(a.c.doc_pk, a.c.label)
            .where(a.c.doc_pk.in_(list(by_pk)), a.c.layer == "narrative")
            .order_by(a.c.doc_pk, a.c.score.desc())
        )
        for pk, label in c.execute(narratives):
            if label and label not in by_pk[pk]["narratives"]:
                by_pk[pk]["narratives"].append(label)

    def _add_snippets(self, c: Connection, q: str, rows: list[Any], items: list[dict[str, Any]]) -> None:
        sql = sa.text(
            "SELECT rowid AS pk, snippet(documents_fts, -1, :a, :b, '…', 16) AS snippet FROM documents_fts "
            "WHERE documents_fts MATCH :match AND rowid IN (SELECT value FROM json_each(:pks))"
        )
        by_pk = {r.pk: item for r, item in zip(rows, items)}
        params = {"a": MARK_START, "b": MARK_END, "match": to_fts_query(q), "pks": json.dumps(list(by_pk))}
        for pk, snippet in c.execute(sql, params):
            by_pk[pk]["snippet"] = snippet

    def search(self, q: str, *, limit: int = 30) -> list[dict[str, Any]]:
        """Documents matching ``q`` best first, each with a snippet marked by MARK_START/MARK_END."""
        check_limit(limit)
        match = to_fts_query(q)
        if self.dialect != "sqlite":  # pragma: no cover - PostgreSQL later
            return [
                {"id": h.id, "title": h.title, "snippet": h.snippet.replace("«", MARK_START).replace("»", MARK_END),
                 "rank": h.rank}
                for h in self.store.search(q, limit=limit)
            ]
        # Rank first (FTS5's rank column, titles weighted 5:1), then make snippets for the top rows
        # only: snippet() in the ranked query itself would run for every match before the sort.
        sql = sa.text(
            "SELECT d.id AS id, d.title AS title, d.published AS published, d.language AS language, "
            "d.source AS source, snippet(documents_fts, -1, :a, :b, '…', 24) AS snippet, "
            "documents_fts.rank AS rank FROM documents_fts JOIN documents AS d ON d.pk = documents_fts.rowid "
            "WHERE documents_fts MATCH :match AND documents_fts.rank MATCH 'bm25(5.0, 1.0)' AND documents_fts.rowid IN "
            "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH :match AND rank MATCH 'bm25(5.0, 1.0)' "
            "ORDER BY rank LIMIT :limit) ORDER BY rank"
        )
        with self._read() as c:
            rows = c.execute(sql, {"a": MARK_START, "b": MARK_END, "match": match, "limit": limit}).all()
        return [
            {"id": r.id, "title": r.title, "published": r.published, "language": r.language, "outlet": outlet(r.source),
             "snippet": r.snippet or "", "rank": round(float(r.rank), 4)}
            for r in rows
        ]

    # -- events -------------------------------------------------------------------

    def _event_query(self, f: EventFilters, columns: Sequence[Any]) -> tuple[Any, Any]:
        a, d = annotations, documents
        event_date = self._attr(a.c.attrs, "date")
        conditions = [a.c.layer == "event", self._latest(a)]
        if f.country:
            conditions.append(self._attr(a.c.attrs, "country") == f.country)
        if f.iso:
            conditions.append(self._attr(a.c.attrs, "iso") == f.iso.upper())
        if f.event_type:
            conditions.append(a.c.label == f.event_type)
        since, until = check_range(f.since, f.until)
        if since:
            conditions.append(event_date >= since)
        if until:
            conditions.append(event_date < until)
        if f.doc:
            conditions.append(d.c.id == f.doc)
        query = sa.select(*columns).select_from(a.join(d, d.c.pk == a.c.doc_pk)).where(*conditions)
        return query, event_date

    def _event_columns(self) -> tuple[Any, ...]:
        a, d = annotations, documents
        return (
            a.c.id.label("aid"), a.c.label, a.c.start, a.c.end, a.c.score, sa.type_coerce(a.c.attrs, sa.Text).label("attrs"),
            self._attr(a.c.attrs, "date").label("event_date"), d.c.id.label("doc_id"), d.c.title.label("doc_title"),
            d.c.published.label("doc_published"), d.c.language.label("doc_language"),
        )

    def _event_item(self, r: Any) -> dict[str, Any]:
        item: dict[str, Any] = {"event_type": r.label}
        item.update(self._loads(r.attrs))
        item.update({"start": r.start, "end": r.end, "score": r.score, "annotation_id": r.aid})
        item["document"] = {"id": r.doc_id, "title": r.doc_title, "published": r.doc_published, "language": r.doc_language}
        return item

    def events(self, f: EventFilters = EventFilters(), *, limit: int = 50, cursor: str | None = None) -> Page:
        """Events newest first by event date (undated last), filtered; keyset-paged."""
        check_limit(limit)
        a = annotations
        values = decode_cursor(cursor, (str, (str, type(None)), int))
        query, event_date = self._event_query(f, self._event_columns())
        with self._read() as c:
            phase = values[0] if values else "dated"
            if phase not in ("dated", "undated"):
                raise QueryError("bad cursor: pass back the next_cursor value of the previous page unchanged", code="FL303")
            rows: list[Any] = []
            if phase == "dated":
                dated = query.where(event_date.is_not(None))
                if values:
                    dated = dated.where(sa.tuple_(event_date, a.c.id) < sa.tuple_(values[1], values[2]))
                rows = list(c.execute(dated.order_by(event_date.desc(), a.c.id.desc()).limit(limit + 1)))
                if len(rows) <= limit:
                    undated = query.where(event_date.is_(None)).order_by(a.c.id.desc()).limit(limit + 1 - len(rows))
                    rows += list(c.execute(undated))
            else:
                undated = query.where(event_date.is_(None), a.c.id < values[2]).order_by(a.c.id.desc()).limit(limit + 1)
                rows = list(c.execute(undated))
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = None
        if more and rows:
            last = rows[-1]
            next_cursor = encode_cursor(["dated" if last.event_date is not None else "undated", last.event_date, last.aid])
        return Page([self._event_item(r) for r in rows], next_cursor, limit)

    def events_geojson(self, f: EventFilters = EventFilters(), *, limit: int = GEOJSON_MAX) -> dict[str, Any]:
        """A GeoJSON FeatureCollection of the newest ``limit`` located events."""
        check_limit(limit, GEOJSON_MAX)
        a = annotations
        query, event_date = self._event_query(f, self._event_columns())
        query = query.where(
            self._attr(a.c.attrs, "latitude").is_not(None), self._attr(a.c.attrs, "longitude").is_not(None)
        )
        features = []
        with self._read() as c:
            for r in c.execute(query.order_by(event_date.desc(), a.c.id.desc()).limit(limit)):
                item = self._event_item(r)
                try:
                    lon, lat = float(item.pop("longitude")), float(item.pop("latitude"))
                except (TypeError, ValueError):
                    continue
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    continue
                features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": item})
        return {"type": "FeatureCollection", "features": features}

    def event_timeline(self, *, days: int = 120) -> list[tuple[str, int]]:
        """Events per day over the ``days`` before the newest publication date (cached per store version)."""
        return self._cached(("timeline", days), lambda: self._event_timeline(days))

    def _event_timeline(self, days: int) -> list[tuple[str, int]]:
        """Events per day over the ``days`` before the newest publication date."""
        a = annotations
        event_date = self._attr(a.c.attrs, "date")
        since = (self.anchor_date() - timedelta(days=days)).isoformat()
        day = sa.func.substr(event_date, 1, 10)
        with self._read() as c:
            rows = c.execute(
                sa.select(day, sa.func.count()).where(a.c.layer == "event", event_date >= since)
                .group_by(day).order_by(day)
            ).all()
        return [(r[0], r[1]) for r in rows if r[0]]

    # -- claims ---------------------------------------------------------------------

    def claims(self, f: ClaimFilters = ClaimFilters(), *, limit: int = 50, cursor: str | None = None) -> Page:
        """Claims newest first (by annotation id), filtered; keyset-paged."""
        check_limit(limit)
        a, d = annotations, documents
        values = decode_cursor(cursor, (int,))
        text = self._span_text(a, d)
        conditions = [a.c.layer == "claim", self._latest(a)]
        if f.stance:
            conditions.append(a.c.label == f.stance)
        if f.doc:
            conditions.append(d.c.id == f.doc)
        if f.language:
            conditions.append(d.c.language == f.language)
        if f.speaker:
            conditions.append(sa.func.instr(sa.func.lower(self._attr(a.c.attrs, "speaker")), f.speaker.lower()) > 0)
        if f.q:
            needle = f.q.lower()
            conditions.append(
                sa.or_(
                    sa.func.instr(sa.func.lower(text), needle) > 0,
                    sa.func.instr(sa.func.lower(self._attr(a.c.attrs, "speaker")), needle) > 0,
                    sa.func.instr(sa.func.lower(self._attr(a.c.attrs, "about")), needle) > 0,
                )
            )
        if values:
            conditions.append(a.c.id < values[0])
        query = (
            sa.select(
                a.c.id.label("aid"), a.c.label, a.c.start, a.c.end, a.c.score, sa.type_coerce(a.c.attrs, sa.Text).label("attrs"),
                text.label("text"), d.c.id.label("doc_id"), d.c.title.label("doc_title"), d.c.published.label("doc_published"),
                d.c.language.label("doc_language"),
            )
            .select_from(a.join(d, d.c.pk == a.c.doc_pk))
            .where(*conditions)
            .order_by(a.c.id.desc())
            .limit(limit + 1)
        )
        with self._read() as c:
            rows = c.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = []
        for r in rows:
            item: dict[str, Any] = {"text": r.text}
            item.update(self._loads(r.attrs))
            item.setdefault("stance", r.label)
            item.update({"start": r.start, "end": r.end, "score": r.score, "annotation_id": r.aid})
            item["document"] = {"id": r.doc_id, "title": r.doc_title, "published": r.doc_published, "language": r.doc_language}
            items.append(item)
        return Page(items, encode_cursor([rows[-1].aid]) if more and rows else None, limit)

    def contradictions(self, *, max_documents: int = 300) -> list[dict[str, Any]] | None:
        """Contradicting claim pairs among the newest ``max_documents`` documents with claims.

        None when the claims stage (``faultlines.claims.find_contradictions``)
        is not installed. Cached until the claims in the store change.
        """
        try:
            from .claims import find_contradictions  # lazily: it loads an embedding model
        except ImportError:
            return None
        a = annotations
        with self._read() as c:
            key = c.execute(sa.select(sa.func.count(), sa.func.max(a.c.id)).where(a.c.layer == "claim")).one()
            key = tuple(key) + (max_documents,)
            if self._contradictions.key == key:
                return self._contradictions.value
            pks = c.execute(
                sa.select(a.c.doc_pk).where(a.c.layer == "claim").group_by(a.c.doc_pk)
                .order_by(a.c.doc_pk.desc()).limit(max_documents)
            ).scalars().all()
        if not pks:
            rows: list[dict[str, Any]] = []
        else:
            with self._read() as c:
                ids = c.execute(sa.select(documents.c.id).where(documents.c.pk.in_(pks))).scalars().all()
            docs = [doc for doc in (self.store.get(i) for i in ids) if doc is not None]
            for doc in docs:
                # Only the claims stage's own claims (with ids) can be compared.
                doc.annotations = [a for a in doc.annotations if a.layer != "claim" or a.attrs.get("claim_id")]
            rows = [x.row() for x in find_contradictions(docs)]
        self._contradictions.key, self._contradictions.value = key, rows
        return rows

    # -- narratives and entities -------------------------------------------------------

    def narrative_trends(
        self,
        *,
        period: str = "month",
        by: str = "narrative",
        narrative: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> dict[str, Any]:
        """Documents per period per narrative (``by="narrative"``) or per outlet of narratives (``by="source"``).

        Cached per store version. Computed from two index-only scans (document
        dates; narrative labels by document) merged here: joining them in SQL
        would read every document row, and long texts make those rows large.
        """
        if period not in ("day", "week", "month"):
            raise QueryError(f"period must be day, week or month, not {period!r}", code="FL303")
        if by not in ("narrative", "source"):
            raise QueryError(f"by must be narrative or source, not {by!r}", code="FL303")
        low, high = check_range(since, until)
        key = ("trends", period, by, narrative, low, high)
        return self._cached(key, lambda: self._narrative_trends(period, by, narrative, low, high))

    def _narrative_trends(self, period: str, by: str, narrative: str | None, low: str | None, high: str | None) -> dict[str, Any]:
        a, d = annotations, documents

        def bucket(published: str) -> str | None:
            try:
                day = date.fromisoformat(published[:10])
            except ValueError:
                return None
            if period == "day":
                return day.isoformat()
            if period == "month":
                return day.isoformat()[:7]
            year, week, _ = day.isocalendar()
            return f"{year}-W{week:02d}"

        if self.dialect == "sqlite":
            # The planner prefers ix_annotations_layer_label, which is not covering here.
            labels: Any = sa.text(
                "SELECT doc_pk, label FROM annotations INDEXED BY ix_annotations_narrative WHERE layer = 'narrative'"
                + (" AND label = :label" if narrative else "")
            ).bindparams(**({"label": narrative} if narrative else {}))
        else:  # pragma: no cover - PostgreSQL later
            labels = sa.select(a.c.doc_pk, a.c.label).where(a.c.layer == "narrative")
            if narrative:
                labels = labels.where(a.c.label == narrative)
        dated = sa.select(d.c.pk, d.c.published).where(d.c.published.is_not(None))
        if low:
            dated = dated.where(d.c.published >= low)
        if high:
            dated = dated.where(d.c.published < high)
        with self._read() as c:
            by_doc: dict[int, set[str]] = {}
            for pk, label in c.execute(labels):
                by_doc.setdefault(pk, set()).add(label or "?")
            when = {pk: bucket(published) for pk, published in c.execute(dated) if pk in by_doc}
            outlets: dict[int, str] = {}
            if by == "source":
                pks = sorted(when)
                for start in range(0, len(pks), 500):
                    chunk = pks[start : start + 500]
                    for pk, source in c.execute(sa.select(d.c.pk, d.c.source).where(d.c.pk.in_(chunk))):
                        outlets[pk] = outlet(source)
        counts: dict[str, dict[str, int]] = {}
        for pk, period_key in when.items():
            if period_key is None:
                continue
            names = by_doc[pk] if by == "narrative" else {outlets.get(pk, "unknown")}
            for name in names:
                per = counts.setdefault(name, {})
                per[period_key] = per.get(period_key, 0) + 1
        ordered = sorted({p for per in counts.values() for p in per})
        series = [
            {"name": name, "counts": [per.get(p, 0) for p in ordered], "total": sum(per.values())}
            for name, per in counts.items()
        ]
        series.sort(key=lambda s: (-s["total"], s["name"]))
        return {"period": period, "by": by, "narrative": narrative, "periods": ordered, "series": series}

    def top_narratives(self, *, days: int = 7, limit: int = 10) -> list[dict[str, Any]]:
        """Narratives by documents this week vs. last (cached per store version)."""
        return self._cached(("top", days, limit), lambda: self._top_narratives(days, limit))

    def _top_narratives(self, days: int, limit: int) -> list[dict[str, Any]]:
        """Narratives by documents in the last ``days`` (to the newest publication date) vs. the ``days`` before."""
        a, d = annotations, documents
        anchor = self.anchor_date()
        this_start = (anchor - timedelta(days=days - 1)).isoformat()
        last_start = (anchor - timedelta(days=2 * days - 1)).isoformat()
        end = (anchor + timedelta(days=1)).isoformat()
        this = sa.func.count(sa.distinct(sa.case((d.c.published >= this_start, d.c.pk))))
        last = sa.func.count(sa.distinct(sa.case((d.c.published < this_start, d.c.pk))))
        query = (
            sa.select(a.c.label, this.label("this"), last.label("last"))
            .select_from(a.join(d, d.c.pk == a.c.doc_pk))
            .where(a.c.layer == "narrative", d.c.published >= last_start, d.c.published < end)
            .group_by(a.c.label)
            .order_by(sa.desc("this"), sa.desc("last"), a.c.label)
            .limit(limit)
        )
        with self._read() as c:
            rows = c.execute(query).all()
        return [{"narrative": r.label, "this_week": r.this, "last_week": r.last, "change": r.this - r.last} for r in rows]

    def entities(
        self, *, layer: str | None = None, type: str | None = None, role: str | None = None, q: str | None = None,
        doc: str | None = None, limit: int = 100,
    ) -> dict[str, Any]:
        """Entity mentions grouped by name, type and role, most frequent first.

        ``layer`` defaults to "entity" (mentions with roles) when the store has
        any, else "ner" (plain named entities).
        """
        check_limit(limit)
        a, d = annotations, documents
        with self._read() as c:
            if layer is None:
                has_roles = c.execute(sa.select(a.c.id).where(a.c.layer == "entity").limit(1)).first()
                layer = "entity" if has_roles else "ner"
            if layer not in ("entity", "ner"):
                raise QueryError(f"layer must be entity or ner, not {layer!r}", code="FL303")
            name = self._span_text(a, d)
            role_expr = self._attr(a.c.attrs, "role")
            conditions = [a.c.layer == layer]
            if type:
                conditions.append(a.c.label == type)
            if role:
                conditions.append(role_expr == role)
            if doc:
                conditions.append(d.c.id == doc)
            if q:
                conditions.append(sa.func.instr(sa.func.lower(name), q.lower()) > 0)
            query = (
                sa.select(name.label("name"), a.c.label, role_expr.label("role"), sa.func.count().label("mentions"),
                          sa.func.count(sa.distinct(a.c.doc_pk)).label("documents"))
                .select_from(a.join(d, d.c.pk == a.c.doc_pk))
                .where(*conditions)
                .group_by(name, a.c.label, role_expr)
                .order_by(sa.desc("mentions"), name)
                .limit(limit)
            )
            rows = c.execute(query).all()
        return {
            "layer": layer,
            "items": [
                {"name": r.name, "type": r.label, "role": r.role, "mentions": r.mentions, "documents": r.documents}
                for r in rows
            ],
        }

    # -- export -------------------------------------------------------------------------

    def iter_records(
        self, *, language: str | None = None, since: str | None = None, until: str | None = None, batch_size: int = 1000,
    ) -> Iterator[dict[str, Any]]:
        """Every document (filtered) as its INTERFACES.md §1 record, in storage order, ``batch_size`` at a time.

        Like :meth:`Store.iter_documents` (keyset pages on ``pk``, no
        connection held between pages, latest analyzer versions) but reading
        only the layers a record shows: a store's sentence/paragraph/NER rows
        (most of its annotations) never leave SQLite.
        """
        from .model import Annotation, Document
        from .output import LAYER_FIELDS, document_record

        d, a = documents, annotations
        low, high = check_range(since, until)
        conditions = []
        if language:
            conditions.append(d.c.language == language)
        if low:
            conditions.append(d.c.published >= low)
        if high:
            conditions.append(d.c.published < high)
        layers = list(LAYER_FIELDS) + ["genre"]
        columns = (d.c.pk, d.c.id, d.c.text, d.c.title, d.c.source, d.c.source_kind, d.c.language, d.c.language_score,
                   d.c.published, sa.type_coerce(d.c.published_readings, sa.Text).label("readings"), d.c.published_basis,
                   d.c.fetched, sa.type_coerce(d.c.meta, sa.Text).label("meta"), d.c.content_hash)
        last = 0
        while True:
            with self._read() as c:
                rows = c.execute(
                    sa.select(*columns).where(*conditions, d.c.pk > last).order_by(d.c.pk).limit(batch_size)
                ).all()
                if not rows:
                    return
                first, last = rows[0].pk, rows[-1].pk
                latest: dict[tuple[int, str], tuple[str, str]] = {}
                for pk, analyzer, version, created in c.execute(
                    sa.select(analyses.c.doc_pk, analyses.c.analyzer, analyses.c.version, analyses.c.created_at)
                    .where(analyses.c.doc_pk.between(first, last))
                ):
                    key = (pk, analyzer)
                    if key not in latest or (created, version) > latest[key]:
                        latest[key] = (created, version)
                found: dict[int, list[Annotation]] = {}
                if self.dialect == "sqlite":
                    # The hot loop of an export: the driver's cursor directly (constant SQL, bound values).
                    marks = ", ".join("?" * len(layers))
                    rows_iter: Any = c.connection.driver_connection.execute(
                        'SELECT doc_pk, analyzer, version, layer, label, start, "end", score, attrs FROM annotations '
                        f"WHERE doc_pk BETWEEN ? AND ? AND layer IN ({marks}) ORDER BY id",
                        (first, last, *layers),
                    )
                else:  # pragma: no cover - PostgreSQL later
                    rows_iter = c.execute(
                        sa.select(a.c.doc_pk, a.c.analyzer, a.c.version, a.c.layer, a.c.label, a.c.start, a.c.end,
                                  a.c.score, sa.type_coerce(a.c.attrs, sa.Text))
                        .where(a.c.doc_pk.between(first, last), a.c.layer.in_(layers))
                        .order_by(a.c.id)
                    )
                # Which analyzer versions annotated each document (the record's "analyzers"), from the covering index.
                ran: dict[int, set[str]] = {}
                for pk, analyzer, version in c.execute(
                    sa.select(a.c.doc_pk, a.c.analyzer, a.c.version).where(a.c.doc_pk.between(first, last)).distinct()
                ):
                    chosen = latest.get((pk, analyzer))
                    if analyzer and (chosen is None or chosen[1] == version):
                        ran.setdefault(pk, set()).add(f"{analyzer}@{version}")
                for pk, analyzer, version, layer, label, start, end, score, attrs in rows_iter:
                    chosen = latest.get((pk, analyzer))
                    if chosen is not None and chosen[1] != version:
                        continue
                    found.setdefault(pk, []).append(Annotation(layer, start, end, label, self._loads(attrs), score, analyzer, version))
            for r in rows:
                readings = json.loads(r.readings) if r.readings and r.readings != "[]" else []
                doc = Document(
                    id=r.id, text=r.text, title=r.title, source=r.source, source_kind=r.source_kind, language=r.language,
                    language_score=r.language_score, published=r.published, published_readings=readings,
                    published_basis=r.published_basis, fetched=r.fetched, meta=self._loads(r.meta),
                    annotations=found.get(r.pk, []), content_hash=r.content_hash,
                )
                record = document_record(doc, with_segments=False)
                record["analyzers"] = sorted(ran.get(r.pk, ()))
                yield record
            if len(rows) < batch_size:
                return


def document_detail(store: Any, doc_id: str) -> dict[str, Any] | None:
    """The INTERFACES.md §1 record of one stored document plus ``annotations``: every layer, with span text."""
    from .output import document_record

    doc = store.get(doc_id)
    if doc is None:
        return None
    record = document_record(doc)
    record["annotations"] = [
        {
            "layer": a.layer, "label": a.label, "start": a.start, "end": a.end, "text": doc.text[a.start : a.end],
            "score": a.score, "attrs": a.attrs, "analyzer": a.analyzer, "version": a.version,
        }
        for a in sorted(doc.annotations, key=lambda a: (a.layer, a.start, a.end))
        if a.layer not in ("sentence", "paragraph")
    ]
    return record
