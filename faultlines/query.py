"""Read-side queries shared by the REST API and the dashboard.

Everything here only reads. On SQLite it uses its own read-only connections
(``mode=ro``, ``PRAGMA query_only``), on PostgreSQL read-only transactions, so
a bug in a view can never write, and long reads never hold the writer's lock. Lists page with keyset cursors
(never OFFSET): a cursor is the sort key of the last row shown, encoded as
opaque URL-safe text. Every value reaches SQL as a bound parameter; the only
literals are the constant JSON paths, which must be literal for SQLite to use
the expression indexes of migration 0002.

Layers that are not in the store yet (events, claims, narratives,
techniques, entities with roles) simply give empty results.
"""
from __future__ import annotations

import base64
import functools
import json
import logging
import re
import sqlite3
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterator, NamedTuple, Sequence
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, Engine

from .errors import QueryError, StoreError
from .model import OUTSIDE_YEARS, PUBLISHED_YEARS, plausible
from .output import LAYER_FIELDS, RECORD_LISTS
from .store import pg
from .store.fts import MARK_END, MARK_START
from .store.core import add_sqlite_functions
from .store.fts import to_fts_query
from .store.schema import analyses, annotations, documents

log = logging.getLogger(__name__)

MAX_LIMIT = 500
GEOJSON_MAX = 5000
# Search looks for claims in this many of the newest documents that match the words (see Queries.search_claims).
SEARCH_CLAIM_DOCUMENTS = 2000
# An entity's surface forms (``aliases``) are read from its newest mentions only: reading the text of every
# mention of a common entity would take seconds.
ENTITY_FORM_SAMPLE = 200
# Ranked search scores at most this many of the newest matching documents.
SEARCH_RANK_DOCUMENTS = 10_000
# Entities are found by a surface form in the newest documents matching the words (forms recur across articles).
ENTITY_SEARCH_DOCUMENTS = 500
# Written as a literal: SQLite uses a partial index (ix_annotations_entity) only when the planner sees the value.
ENTITY_LAYER = annotations.c.layer == sa.literal_column("'entity'")
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
        day = date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
    except ValueError as e:
        raise QueryError(f"{name} {value!r} is not a calendar date", code="FL303") from e
    if not plausible(day):
        raise QueryError(f"{name} {value!r} {OUTSIDE_YEARS}", code="FL303")
    return value


def _upper(value: str) -> str:
    """An exclusive upper bound that includes the whole day/month/year ``value``."""
    if len(value) == 10:
        return (date.fromisoformat(value) + timedelta(days=1)).isoformat()
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return f"{int(value) + 1:04d}"


def _search_hit(row: Any, rank: float) -> dict[str, Any]:
    """One ranked search result (``rank``: lower is better, as bm25 gives it)."""
    return {"id": row.id, "title": row.title, "published": row.published, "language": row.language,
            "outlet": outlet(row.source), "snippet": row.snippet or "", "rank": round(rank, 4)}


def period_of(published: str | None, period: str) -> str | None:
    """The period an ISO date falls in: ``2025-11-26`` (day), ``2025-W48`` (ISO week) or ``2025-11`` (month)."""
    if not published:
        return None
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


def periods_between(first: str, last: str, period: str) -> list[str]:
    """Every period from ``first`` to ``last`` (as :func:`period_of` names them), the empty ones included."""
    if period == "month":
        start, end = date.fromisoformat(first + "-01"), date.fromisoformat(last + "-01")
        step = lambda d: date(d.year + d.month // 12, d.month % 12 + 1, 1)  # noqa: E731
    elif period == "day":
        start, end = date.fromisoformat(first), date.fromisoformat(last)
        step = lambda d: d + timedelta(days=1)  # noqa: E731
    else:
        start = date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
        end = date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
        step = lambda d: d + timedelta(days=7)  # noqa: E731
    out = []
    while start <= end:
        out.append(period_of(start.isoformat(), period))
        start = step(start)
    return out


def check_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = check_date(since, "since"), check_date(until, "until")
    if since and until and since > until:
        raise QueryError(f"since ({since}) is after until ({until}): swap them or widen the range", code="FL303")
    return since, (_upper(until) if until else None)


def check_limit(limit: int, maximum: int = MAX_LIMIT) -> int:
    if not isinstance(limit, int) or not 1 <= limit <= maximum:
        raise QueryError(f"limit must be between 1 and {maximum}, not {limit!r}", code="FL303")
    return limit


def outlet(source: str | None, meta: dict[str, Any] | None = None) -> str:
    """The outlet a source stands for: a URL's host; for a saved page, the host of the URL it gives (its canonical
    link) or its site name; else "local files"."""
    if source and "://" in source:
        host = urlsplit(source).hostname or source
        return host[4:] if host.startswith("www.") else host
    url = (meta or {}).get("url")
    if isinstance(url, str) and "://" in url:
        return outlet(url)
    site = (meta or {}).get("site")
    if isinstance(site, str) and site.strip():
        return site.strip()
    return "local files" if source else "unknown"


ACLED_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                               "Strategic developments"})


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
        if store.dialect == "postgresql":
            # The store's pool, every transaction READ ONLY (the server refuses any write).
            return store._engine.execution_options(postgresql_readonly=True), False
        if store.path is None:
            return store._engine, False
        uri = f"file:{store.path.resolve()}?mode=ro"
        engine = sa.create_engine(
            "sqlite+pysqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, timeout=store.timeout, check_same_thread=False),
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            add_sqlite_functions(dbapi_connection)
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
        except exc.DataError as e:
            if "NUL" in str(e.orig):  # psycopg refuses it before sending: PostgreSQL text cannot hold one
                raise QueryError("a filter value holds a NUL character, which no stored text can match", code="FL303") from e
            raise StoreError(f"store {self.store.where}: {e.orig}", code="FL200") from e
        except (exc.DBAPIError, sqlite3.Error) as e:
            raise StoreError(f"store {self.store.where}: {getattr(e, 'orig', e)}", code="FL200") from e

    # -- dialect helpers --------------------------------------------------------

    def _attr(self, column: Any, name: str) -> Any:
        """``attrs.name`` as text, written exactly as the 0002 indexes are."""
        if self.dialect == "sqlite":
            return sa.func.json_extract(column, sa.literal_column(f"'$.{name}'"))
        return column.op("->>")(sa.literal_column(f"'{name}'"))

    def _lower(self, value: Any) -> Any:
        """Lower case of every script (SQLite's own lower() folds ASCII only)."""
        return sa.func.unicode_lower(value) if self.dialect == "sqlite" else sa.func.lower(value)

    def _contains(self, haystack: Any, needle: str) -> Any:
        """``needle`` occurs in ``haystack`` (plain text, no LIKE wildcards)."""
        if self.dialect == "sqlite":
            return sa.func.instr(haystack, needle) > 0
        return sa.func.strpos(haystack, needle) > 0

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
            .correlate(a)  # without it SQLAlchemy drops the link to the outer row and hides both versions
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

    def aggregate(self, key: Any, compute: Any) -> Any:
        """``compute()``, cached per store version like the aggregates here: for read-side modules (alerts)."""
        return self._cached(("aggregate", key), compute)

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
                .group_by(documents.c.language).order_by(sa.func.count().desc(), documents.c.language)
            ).all()
            country = self._attr(a.c.attrs, "country")
            countries = c.execute(
                sa.select(country, sa.func.count()).where(a.c.layer == "event", country.is_not(None))
                .group_by(country).order_by(sa.func.count().desc(), country).limit(300)
            ).all()
            labels = {}
            for layer in ("event", "narrative", "technique", "claim"):
                labels[layer] = c.execute(
                    sa.select(a.c.label, sa.func.count()).where(a.c.layer == layer, a.c.label.is_not(None))
                    .group_by(a.c.label).order_by(sa.func.count().desc(), a.c.label).limit(300)
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
            # (a date a store of an older version took in unchecked, "9999-12-31", is no one's "today")
            newest = c.execute(sa.select(sa.func.max(documents.c.published)).where(
                documents.c.published < f"{PUBLISHED_YEARS[1] + 1}")).scalar_one()
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
            if self.dialect == "postgresql":
                conditions.append(pg.matches(pg.tsquery(f.q)))
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
                if f.q:
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
        by_pk = {r.pk: item for r, item in zip(rows, items)}
        if self.dialect == "postgresql":
            headline = pg.headline(pg.tsquery(q), MARK_START, MARK_END, 16)
            for pk, snippet in c.execute(sa.select(documents.c.pk, headline).where(documents.c.pk.in_(list(by_pk)))):
                by_pk[pk]["snippet"] = snippet
            return
        sql = sa.text(
            "SELECT rowid AS pk, snippet(documents_fts, -1, :a, :b, '…', 16) AS snippet FROM documents_fts "
            "WHERE documents_fts MATCH :match AND rowid IN (SELECT value FROM json_each(:pks))"
        )
        params = {"a": MARK_START, "b": MARK_END, "match": to_fts_query(q), "pks": json.dumps(list(by_pk))}
        for pk, snippet in c.execute(sql, params):
            by_pk[pk]["snippet"] = snippet

    def search_all(self, q: str, *, limit: int = 30) -> dict[str, Any]:
        """What a search box shows: documents (:meth:`search`), claims (:meth:`search_claims`) and entities
        (:meth:`entities`) matching ``q``; ``documents_ranked_among``: the number of newest matches the documents
        were ranked among when the word is in more documents than that, else None."""
        hits, ranked_among = self._search(q, limit)
        return {
            "documents": hits,
            "documents_ranked_among": ranked_among,
            "claims": self.search_claims(q, limit=min(limit, 20)),
            "entities": self.entities(q=q, limit=min(limit, 20))["items"],
        }

    def search(self, q: str, *, limit: int = 30) -> list[dict[str, Any]]:
        """Documents matching ``q`` best first, each with a snippet marked by MARK_START/MARK_END.

        A word in more than SEARCH_RANK_DOCUMENTS documents is ranked among the newest that many of them (scoring
        every match of a word in 40 % of 100,000 documents takes ~160 ms); :meth:`search_all` says when.
        """
        return self._search(q, limit)[0]

    def _search(self, q: str, limit: int) -> tuple[list[dict[str, Any]], int | None]:
        """The hits, and the number of newest matches they were ranked among when that bound applied."""
        check_limit(limit)
        match = to_fts_query(q)
        # the lower bound of the newest SEARCH_RANK_DOCUMENTS matches (both indexes walk matches in pk order: cheap)
        floor_query = self._newest_matching(q, 1).offset(SEARCH_RANK_DOCUMENTS - 1)
        if self.dialect == "postgresql":
            d = documents
            with self._read() as c:
                floor = c.execute(floor_query).scalar()
                query = pg.ranked(pg.tsquery(q), limit, d.c.id, d.c.title, d.c.published, d.c.language, d.c.source,
                                  start=MARK_START, stop=MARK_END, words=24, floor=floor)
                rows = c.execute(query).all()
            return [_search_hit(r, -float(r.rank)) for r in rows], (SEARCH_RANK_DOCUMENTS if floor is not None else None)
        # Rank (bm25, titles weighted 5:1; cheaper per match than FTS5's rank column), then read and make snippets
        # for the returned page only.
        ranked_sql = sa.text(
            "SELECT rowid AS pk, bm25(documents_fts, 5.0, 1.0) AS rank FROM documents_fts "
            "WHERE documents_fts MATCH :match AND rowid >= :floor ORDER BY rank, rowid DESC LIMIT :limit"
        )
        page_sql = sa.text(
            "SELECT d.pk AS pk, d.id AS id, d.title AS title, d.published AS published, d.language AS language, "
            "d.source AS source, snippet(documents_fts, -1, :a, :b, '…', 24) AS snippet "
            "FROM documents_fts JOIN documents AS d ON d.pk = documents_fts.rowid "
            "WHERE documents_fts MATCH :match AND documents_fts.rowid IN (SELECT value FROM json_each(:pks))"
        )
        with self._read() as c:
            floor = c.execute(floor_query).scalar()
            ranked = c.execute(ranked_sql, {"match": match, "floor": floor or 0, "limit": limit}).all()
            if not ranked:
                return [], None
            params = {"a": MARK_START, "b": MARK_END, "match": match, "pks": json.dumps([r.pk for r in ranked])}
            by_pk = {r.pk: r for r in c.execute(page_sql, params)}
        hits = [_search_hit(r, float(hit.rank)) for hit in ranked if (r := by_pk.get(hit.pk)) is not None]
        return hits, (SEARCH_RANK_DOCUMENTS if floor is not None else None)

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
            if f.event_type not in ACLED_EVENT_TYPES:  # (a typo must not quietly match nothing)
                raise QueryError(f"event_type must be one of {', '.join(sorted(ACLED_EVENT_TYPES))}, not "
                                 f"{f.event_type[:60]!r}", code="FL303")
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

    def events_between(self, since: str, until: str, *, limit: int = 200_000) -> list[dict[str, Any]]:
        """Every event dated in [since, until), as ``events`` lists them (for aggregates such as alerts)."""
        a = annotations
        query, event_date = self._event_query(EventFilters(since=since, until=until), self._event_columns())
        with self._read() as c:
            rows = c.execute(query.order_by(event_date, a.c.id).limit(limit)).all()
        return [self._event_item(r) for r in rows]

    def narrative_documents(self, since: str, until: str) -> tuple[int, list[dict[str, Any]]]:
        """Documents published in [since, until): how many, and for those with narratives, their id, publication
        date and narrative labels."""
        a, d = annotations, documents
        in_range = (d.c.published >= since, d.c.published < until)
        with self._read() as c:
            total = c.execute(sa.select(sa.func.count()).select_from(d).where(*in_range)).scalar_one()
            by_doc: dict[str, dict[str, Any]] = {}
            query = (sa.select(d.c.id, d.c.published, a.c.label).select_from(a.join(d, d.c.pk == a.c.doc_pk))
                     .where(a.c.layer == "narrative", self._latest(a), *in_range))
            for doc_id, published, label in c.execute(query):
                item = by_doc.setdefault(doc_id, {"id": doc_id, "published": published, "narratives": set()})
                item["narratives"].add(label)
        return int(total), list(by_doc.values())

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
        values = decode_cursor(cursor, (int,))
        conditions = [annotations.c.id < values[0]] if values else []
        with self._read() as c:
            rows = c.execute(self._claims_query(f, conditions).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [self._claim_item(r) for r in rows]
        return Page(items, encode_cursor([rows[-1].aid]) if more and rows else None, limit)

    def search_claims(self, q: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Claims whose text, speaker or topic contains ``q`` (as ``claims(ClaimFilters(q=q))``), newest first.

        Only the SEARCH_CLAIM_DOCUMENTS newest documents that match ``q`` in
        the full-text index are looked at: a claim that contains the words is
        in a document that contains them, and a search box cannot wait for a
        scan of every claim span in the store (~1 s on 100,000 documents when
        nothing matches).
        """
        check_limit(limit)
        matching = self._newest_matching(q, SEARCH_CLAIM_DOCUMENTS)
        query = self._claims_query(ClaimFilters(q=q), [annotations.c.doc_pk.in_(matching)]).limit(limit)
        with self._read() as c:
            rows = c.execute(query).all()
        return [self._claim_item(r) for r in rows]

    def _claims_query(self, f: ClaimFilters, extra: list[Any]) -> Any:
        """Claims matching ``f`` and the ``extra`` conditions, newest first (by annotation id)."""
        a, d = annotations, documents
        text = self._span_text(a, d)
        conditions = [a.c.layer == "claim", self._latest(a)]
        if f.stance:
            conditions.append(a.c.label == f.stance)
        if f.doc:
            conditions.append(d.c.id == f.doc)
        if f.language:
            conditions.append(d.c.language == f.language)
        if f.speaker:
            conditions.append(self._contains(self._lower(self._attr(a.c.attrs, "speaker")), f.speaker.lower()))
        if f.q:
            needle = f.q.lower()
            conditions.append(
                sa.or_(
                    self._contains(self._lower(text), needle),
                    self._contains(self._lower(self._attr(a.c.attrs, "speaker")), needle),
                    self._contains(self._lower(self._attr(a.c.attrs, "about")), needle),
                )
            )
        conditions.extend(extra)
        return (
            sa.select(
                a.c.id.label("aid"), a.c.label, a.c.start, a.c.end, a.c.score, sa.type_coerce(a.c.attrs, sa.Text).label("attrs"),
                text.label("text"), d.c.id.label("doc_id"), d.c.title.label("doc_title"), d.c.published.label("doc_published"),
                d.c.language.label("doc_language"),
            )
            .select_from(a.join(d, d.c.pk == a.c.doc_pk))
            .where(*conditions)
            .order_by(a.c.id.desc())
        )

    def _claim_item(self, r: Any) -> dict[str, Any]:
        item: dict[str, Any] = {"text": r.text}
        item.update(self._loads(r.attrs))
        item.setdefault("stance", r.label)
        item.update({"start": r.start, "end": r.end, "score": r.score, "annotation_id": r.aid})
        item["document"] = {"id": r.doc_id, "title": r.doc_title, "published": r.doc_published, "language": r.doc_language}
        return item

    def store_version(self) -> tuple[Any, ...]:
        """Changes whenever documents or annotations are stored (two rowid lookups): what was computed from the store
        before may be out of date."""
        return self._version()

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

        if self.dialect == "sqlite":
            # The planner prefers ix_annotations_layer_label, which is not covering here.
            labels: Any = sa.text(
                "SELECT doc_pk, label FROM annotations INDEXED BY ix_annotations_narrative WHERE layer = 'narrative'"
                + (" AND label = :label" if narrative else "")
            ).bindparams(**({"label": narrative} if narrative else {}))
        else:
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
            when = {pk: period_of(published, period) for pk, published in c.execute(dated) if pk in by_doc}
            outlets: dict[int, str] = {}
            if by == "source":
                pks = sorted(when)
                for start in range(0, len(pks), 500):
                    chunk = pks[start : start + 500]
                    for pk, source, meta in c.execute(sa.select(d.c.pk, d.c.source, d.c.meta).where(d.c.pk.in_(chunk))):
                        outlets[pk] = outlet(source, meta)
        counts: dict[str, dict[str, int]] = {}
        for pk, period_key in when.items():
            if period_key is None:
                continue
            names = by_doc[pk] if by == "narrative" else {outlets.get(pk, "unknown")}
            for name in names:
                per = counts.setdefault(name, {})
                per[period_key] = per.get(period_key, 0) + 1
        seen = sorted({p for per in counts.values() for p in per})
        ordered = periods_between(seen[0], seen[-1], period) if seen else []  # (weeks with none count 0, not vanish)
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
        doc: str | None = None, limit: int = 100, cursor: str | None = None,
    ) -> dict[str, Any]:
        """Entity mentions grouped by name, type and role, most frequent first.

        ``layer`` defaults to "entity" (mentions with roles) when the store has
        any, else "ner" (plain named entities). Role mentions group under the
        entity's canonical name ("Dushanbe" as the government and "Tajikistan"
        are one entity), each item listing the surface forms of its newest
        mentions (``aliases``); ``q`` picks the entities whose canonical name
        contains it, or one of whose forms does in the newest
        ENTITY_SEARCH_DOCUMENTS documents matching it in the full-text index (a
        substring scan of every mention would take seconds on a large store),
        any script's case folded. Pages with ``cursor`` (the ``next_cursor`` of the page before): the sort key
        (mentions, name, type, role) of the last item shown.
        """
        check_limit(limit)
        after = decode_cursor(cursor, (int, str, str, str))
        with self._read() as c:
            if layer is None:
                has_roles = c.execute(sa.select(annotations.c.id).where(annotations.c.layer == "entity").limit(1)).first()
                layer = "entity" if has_roles else "ner"
            if layer not in ("entity", "ner"):
                raise QueryError(f"layer must be entity or ner, not {layer!r}", code="FL303")
            if layer == "ner":
                items = self._named_entities(c, type, role, q, doc, limit + 1, after)
            else:
                items = self._role_entities(c, type, role, q, doc, limit + 1, after)
        more = len(items) > limit
        items = items[:limit]
        last = items[-1] if more else None
        return {"layer": layer, "items": items, "next_cursor": encode_cursor(
            (last["mentions"], last["name"], last["type"], last["role"] or "")) if last else None}

    def _named_entities(self, c: Any, type: str | None, role: str | None, q: str | None, doc: str | None,
                        limit: int, after: list[Any] | None) -> list[dict[str, Any]]:
        """Plain NER mentions grouped by their text, after the sort key ``after`` (mentions, name, type, role)."""
        a, d = annotations, documents
        name = self._span_text(a, d)
        role_expr = self._attr(a.c.attrs, "role")
        conditions = [a.c.layer == "ner"]
        if type:
            conditions.append(a.c.label == type)
        if role:
            conditions.append(role_expr == role)
        if doc:
            conditions.append(d.c.id == doc)
        if q:
            conditions.append(self._contains(self._lower(name), q.lower()))
        mentions = sa.func.count()
        role_or_empty = sa.func.coalesce(role_expr, "", type_=sa.Text)
        query = (
            sa.select(name.label("name"), a.c.label, role_expr.label("role"), mentions.label("mentions"),
                      sa.func.count(sa.distinct(a.c.doc_pk)).label("documents"))
            .select_from(a.join(d, d.c.pk == a.c.doc_pk))
            .where(*conditions)
            .group_by(name, a.c.label, role_expr)
            .order_by(sa.desc("mentions"), self._bytewise(name), self._bytewise(a.c.label),
                      self._bytewise(role_or_empty))
            .limit(limit)
        )
        if after:  # keyset: fewer mentions, or as many and a later (name, type, role)
            count, *key = after
            later = sa.false()
            for column, value in reversed(list(zip((name, a.c.label, role_or_empty), key))):
                later = sa.or_(self._bytewise(column) > value, sa.and_(column == value, later))
            query = query.having(sa.or_(mentions < count, sa.and_(mentions == count, later)))
        return [{"name": r.name, "type": r.label, "role": r.role, "mentions": r.mentions, "documents": r.documents}
                for r in c.execute(query)]

    def _role_entities(self, c: Any, type: str | None, role: str | None, q: str | None, doc: str | None,
                       limit: int, after: list[Any] | None) -> list[dict[str, Any]]:
        """The entity layer grouped by canonical name, type and role.

        Without ``doc`` the groups come from :meth:`_group_entities` (the whole
        store, once per store version) and are filtered here; one document's
        are counted on the spot.
        """
        if doc:
            a, d = annotations, documents
            one = [ENTITY_LAYER, a.c.doc_pk == sa.select(d.c.pk).where(d.c.id == doc).scalar_subquery()]
            groups = self._group_entities(c, one)
        else:
            one = [ENTITY_LAYER]
            groups = self._cached(("entity-groups",), lambda: self._group_entities(c, one))
        names = set(self._entity_names_matching(c, q, [g[0] for g in groups])) if q else None
        rows = [g for g in groups
                if (not type or g[1] == type) and (not role or g[2] == role) and (names is None or g[0] in names)]
        # Python's string order is code point order, as _bytewise makes the databases' (and NULL roles sort as "")
        rows.sort(key=lambda g: (-g[3], g[0], g[1], g[2] or ""))
        if after:
            start = (-after[0], *after[1:])
            rows = [g for g in rows if (-g[3], g[0], g[1], g[2] or "") > start]
        page = rows[:limit]
        keys = tuple(g[:3] for g in page)

        def forms() -> list[list[str]]:
            return [self._entity_forms(c, one, *key) for key in keys]

        aliases = forms() if doc else self._cached(("entity-forms", keys), forms)
        return [{"name": name, "type": label, "role": role_, "mentions": mentions, "documents": documents_,
                 "aliases": names_}
                for (name, label, role_, mentions, documents_), names_ in zip(page, aliases)]

    def _group_entities(self, c: Any, conditions: list[Any]) -> list[tuple[str, str, str | None, int, int]]:
        """(canonical name, type, role, mentions, documents), most mentioned first (read from ix_annotations_entity:
        0.5 s over 500,000 mentions)."""
        a = annotations
        canonical = self._attr(a.c.attrs, "canonical")
        role_expr = self._attr(a.c.attrs, "role")
        query = (
            sa.select(canonical, a.c.label, role_expr, sa.func.count().label("mentions"),
                      sa.func.count(sa.distinct(a.c.doc_pk)))
            .where(*conditions, canonical.is_not(None))
            .group_by(canonical, a.c.label, role_expr)
            .order_by(sa.desc("mentions"), self._bytewise(canonical), self._bytewise(a.c.label),
                      self._bytewise(role_expr))
        )
        return [tuple(r) for r in c.execute(query)]

    def _entity_forms(self, c: Any, conditions: list[Any], name: str, label: str, role: str | None) -> list[str]:
        """The surface forms of an entity's newest ENTITY_FORM_SAMPLE mentions, most frequent first."""
        a, d = annotations, documents
        canonical = self._attr(a.c.attrs, "canonical")
        role_expr = self._attr(a.c.attrs, "role")
        same = [canonical == name, a.c.label == label, role_expr == role if role is not None else role_expr.is_(None)]
        newest = (  # an index range of ix_annotations_entity, newest documents first
            sa.select(self._span_text(a, d)).select_from(a.join(d, d.c.pk == a.c.doc_pk)).where(*conditions, *same)
            .order_by(a.c.doc_pk.desc()).limit(ENTITY_FORM_SAMPLE)
        )
        forms = Counter(form for (form,) in c.execute(newest))
        return [f for f, _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))]

    def entity_mentions(self, *, language: str | None = None, low: str | None = None,
                        high: str | None = None) -> Iterator[tuple[str | None, list[dict[str, Any]]]]:
        """(published, mentions) for every document with entity-role mentions, ``published`` in
        [``low``, ``high``) when given; each mention: ``type``, ``role``, ``fine_roles``, ``entity_id``,
        ``canonical``, ``entity_role`` (the latest roles version; the entity layer only, never whole records)."""
        a, d = annotations, documents
        conditions = [ENTITY_LAYER, self._latest(a)]
        if language:
            conditions.append(d.c.language == language)
        if low:
            conditions.append(d.c.published >= low)
        if high:
            conditions.append(d.c.published < high)
        query = (
            sa.select(a.c.doc_pk, d.c.published, a.c.label, sa.type_coerce(a.c.attrs, sa.Text).label("attrs"))
            .select_from(a.join(d, d.c.pk == a.c.doc_pk)).where(*conditions).order_by(a.c.doc_pk, a.c.start, a.c.id)
        )
        keys = ("role", "fine_roles", "entity_id", "canonical", "entity_role")
        with self._read() as c:
            current, published, mentions = None, None, []
            for r in c.execute(query):
                if r.doc_pk != current:
                    if mentions:
                        yield published, mentions
                    current, published, mentions = r.doc_pk, r.published, []
                attrs = self._loads(r.attrs)
                mentions.append({"type": r.label, **{k: attrs.get(k) for k in keys}})
            if mentions:
                yield published, mentions

    def _entity_names_matching(self, c: Any, q: str, every: list[str]) -> list[str]:
        """Of the canonical names ``every``, those containing ``q``, and those of entities named by a form
        containing it in the ENTITY_SEARCH_DOCUMENTS newest documents that match ``q`` (as a prefix) in the full-text
        index."""
        needle = q.lower().strip().rstrip("*").strip()  # "tajik*" means what "tajik" does here
        if not needle:
            return []
        a, d = annotations, documents
        canonical = self._attr(a.c.attrs, "canonical")
        names = {n for n in every if needle in n.lower()}
        # the last word as a prefix ("tajik" -> Tajikistan); other text is matched as typed
        needle_query = needle + "*" if needle.split()[-1].isalnum() else needle
        try:
            matching = self._newest_matching(needle_query, ENTITY_SEARCH_DOCUMENTS)
        except QueryError:  # punctuation only: no words to look up forms by
            return sorted(names)
        surface = self._span_text(a, d)
        named = (
            sa.select(canonical, surface).select_from(a.join(d, d.c.pk == a.c.doc_pk))
            .where(ENTITY_LAYER, a.c.doc_pk.in_(matching))
        )
        names.update(name for name, form in c.execute(named) if name and form and needle in form.lower())
        return sorted(names)

    def _newest_matching(self, q: str, limit: int) -> Any:
        """A subquery of the pks of the ``limit`` newest documents matching the search-box text ``q`` in the
        full-text index (QueryError FL301 when ``q`` holds no word)."""
        if self.dialect == "postgresql":
            return (sa.select(documents.c.pk).where(pg.matches(pg.tsquery(q)))
                    .order_by(documents.c.pk.desc()).limit(limit))
        return (
            sa.select(sa.literal_column("rowid")).select_from(sa.table("documents_fts"))
            .where(sa.literal_column("documents_fts").op("MATCH")(to_fts_query(q)))
            .order_by(sa.literal_column("rowid").desc()).limit(limit)
        )

    def _bytewise(self, value: Any) -> Any:
        """``value`` ordered by code point on both databases (SQLite's default; PostgreSQL's is the locale's)."""
        return sa.collate(value, "C") if self.dialect == "postgresql" else value

    # -- export -------------------------------------------------------------------------

    def export_rows(
        self, *, languages: Sequence[str] | None = None, low: str | None = None, high: str | None = None,
        with_segments: bool = False, render: bool = True, batch_size: int = 1000,
    ) -> Iterator["ExportRow"]:
        """Every document (filtered) as an :class:`ExportRow`, in storage order, ``batch_size`` at a time.

        ``languages`` None means any (an empty list, none); ``low``/``high``
        bound ``published`` (ISO text, inclusive/exclusive; undated documents
        drop out when either is given). Keyset pages on ``pk``, no connection
        held between pages, latest analyzer versions as :meth:`Store.get`;
        one query per page and table, never one per document, and only the
        layers a record shows (a store's sentence and NER rows stay in the
        database unless ``with_segments``). ``render`` False skips building
        the JSON (a CSV needs only the counts).
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if languages is not None and not languages:
            return
        where, filters = ["pk > ?"], []
        if languages:
            where.append(f"language IN ({', '.join('?' * len(languages))})")
            filters.extend(languages)
        if low:
            where.append("published >= ?")
            filters.append(low)
        if high:
            where.append("published < ?")
            filters.append(high)
        layers = [*_ITEM_LAYERS, "genre", *(("paragraph", "sentence") if with_segments else ())]
        # JSON columns as their stored text: SQLite gives it; PostgreSQL's json type keeps it verbatim, ::text reads it.
        as_text = "::text" if self.dialect == "postgresql" else ""
        sql = {
            "documents": "SELECT pk, id, source, title, text, language, published, language_score, "
                         f"published_readings{as_text}, published_basis, source_kind, content_hash, meta{as_text} "
                         f"FROM documents WHERE {' AND '.join(where)} ORDER BY pk LIMIT ?",
            # The covering primary key: created_at is read only where two versions of an analyzer compete.
            "versions": "SELECT doc_pk, analyzer, version FROM analyses WHERE doc_pk BETWEEN ? AND ?",
            "created": "SELECT doc_pk, analyzer, version, created_at FROM analyses WHERE doc_pk BETWEEN ? AND ?",
            # Text order within a layer, ties in insertion order: what Document.layer() gives.
            "annotations": 'SELECT doc_pk, analyzer, version, layer, label, start, "end", score, '
                           f"{'attrs' + as_text if render else 'NULL'} "
                           f"FROM annotations WHERE doc_pk BETWEEN ? AND ? AND layer IN ({', '.join('?' * len(layers))}) "
                           'ORDER BY doc_pk, start, "end", id',
            # Which analyzer versions annotated each document (the record's "analyzers"), from the covering index.
            "ran": "SELECT DISTINCT doc_pk, analyzer, version FROM annotations WHERE doc_pk BETWEEN ? AND ?",
        }
        if self.dialect == "postgresql":  # psycopg takes %s, not ?
            sql = {name: text.replace("?", "%s") for name, text in sql.items()}
        analyzer_lists: dict[tuple[tuple[str, str], ...], str] = {}  # the "analyzers" JSON of each set seen
        last = 0
        while True:
            with self._read() as c:
                cursor = c.connection.driver_connection.cursor()
                try:
                    cursor.execute(sql["documents"], (last, *filters, batch_size))
                    docs = cursor.fetchall()
                    if not docs:
                        return
                    first, last = docs[0][0], docs[-1][0]
                    latest = self._latest_versions(cursor, sql, first, last)
                    cursor.execute(sql["ran"], (first, last))
                    ran: dict[int, list[tuple[str, str]]] = {}
                    dropped = False
                    for pk, analyzer, version in cursor:
                        if latest.get((pk, analyzer), version) != version:
                            dropped = True
                        elif analyzer:
                            ran.setdefault(pk, []).append((analyzer, version))
                    texts = {r[0]: r[4] for r in docs}
                    # Most pages hold neither older analyzer versions nor filtered-out documents: no test per row then.
                    check = dropped or bool(filters)
                    found: dict[int, dict[str, list[Any]]] = {}  # pk -> record field -> items
                    bucket: dict[str, list[Any]] = {}
                    current = None
                    cursor.execute(sql["annotations"], (first, last, *layers))
                    for pk, analyzer, version, layer, label, start, end, score, attrs in cursor:
                        if check and (pk not in texts or latest.get((pk, analyzer), version) != version):
                            continue
                        if pk != current:
                            current, bucket = pk, found.setdefault(pk, {})
                        kind, name, label_key, with_text, own_keys = _LAYER_SPECS[layer]
                        if kind is _ITEM:
                            value = None
                            if render:
                                value = _item_json(label_key, with_text, own_keys, texts[pk], label, start, end, score, attrs)
                        elif kind is _SEGMENT:
                            value = f"[{start}, {end}]"
                        else:  # genre: the best label is chosen below
                            value = (label, score)
                        items = bucket.get(name)
                        if items is None:
                            bucket[name] = [value]
                        else:
                            items.append(value)
                finally:
                    cursor.close()
            nothing: dict[str, list[Any]] = {}
            for (pk, doc_id, source, title, text, language, published, language_score, readings, basis, source_kind,
                 content, meta) in docs:
                bucket = found.get(pk, nothing)
                counts = tuple([len(bucket.get(name, ())) for name in RECORD_LISTS])
                lists: tuple[str, ...] = ()
                extra = ""
                if render:
                    lists = tuple([_list_json(bucket.get(name)) for name in RECORD_LISTS])
                    pairs = tuple(ran.get(pk, ()))
                    analyzers_json = analyzer_lists.get(pairs)
                    if analyzers_json is None:
                        names = sorted({f"{analyzer}@{version}" for analyzer, version in pairs})
                        analyzers_json = analyzer_lists[pairs] = json.dumps(names, ensure_ascii=False)
                    extra = (
                        f', "language_score": {_json_number(language_score)}, "published_readings": {_json_list(readings)}, '
                        f'"published_basis": {_json_text(basis)}, "source_kind": {_json_text(source_kind)}, '
                        f'"content_hash": {_json_text(content)}, "meta": {_json_object(meta)}, "analyzers": {analyzers_json}'
                    )
                    if with_segments:
                        extra += (f', "paragraphs": {_list_json(bucket.get("paragraphs"))}, '
                                  f'"sentences": {_list_json(bucket.get("sentences"))}')
                genre = _best_label(bucket["genre"]) if "genre" in bucket else None
                yield ExportRow(doc_id, source, title, text, language, published, genre, counts, lists, extra)
            if len(docs) < batch_size:
                return

    @staticmethod
    def _latest_versions(cursor: Any, sql: dict[str, str], first: int, last: int) -> dict[tuple[int, str], str]:
        """(doc pk, analyzer) -> the version that ran last, for the documents ``first``..``last``."""
        latest: dict[tuple[int, str], str] = {}
        competing = False
        cursor.execute(sql["versions"], (first, last))
        for pk, analyzer, version in cursor:
            competing = competing or (pk, analyzer) in latest
            latest[(pk, analyzer)] = version
        if competing:
            newest: dict[tuple[int, str], tuple[str, str]] = {}
            cursor.execute(sql["created"], (first, last))
            for pk, analyzer, version, created in cursor:
                key = (pk, analyzer)
                if key not in newest or (created, version) > newest[key]:
                    newest[key] = (created, version)
            latest = {key: version for key, (_, version) in newest.items()}
        return latest


# --------------------------------------------------------------------------- export rows

# json.dumps(str, ensure_ascii=False) without the per-call overhead (the C function it uses).
_encode_string = json.encoder.encode_basestring
_ITEM, _SEGMENT, _GENRE = "item", "segment", "genre"
_ITEM_LAYERS = tuple(LAYER_FIELDS)
# layer -> (kind, record field, label key, span text?, the keys an item sets itself as they would appear in attrs JSON).
_LAYER_SPECS: dict[str, tuple[Any, ...]] = {
    layer: (_ITEM, field_name, label_key, with_text, tuple(
        f'"{key}"' for key in ("start", "end", "score", *(["text"] if with_text else []), *([label_key] if label_key else []))
    ))
    for layer, (field_name, label_key, with_text) in LAYER_FIELDS.items()
}
_LAYER_SPECS.update({
    "genre": (_GENRE, "genre", None, False, ()),
    "paragraph": (_SEGMENT, "paragraphs", None, False, ()),
    "sentence": (_SEGMENT, "sentences", None, False, ()),
})
_LISTS_FORMAT = ", ".join(f'"{name}": {{}}' for name in RECORD_LISTS)


def _json_text(value: str | None) -> str:
    return "null" if value is None else _encode_string(value)


def _json_number(value: float | int | None) -> str:
    if value is None:
        return "null"
    if value - value != 0:
        return json.dumps(value)  # NaN, Infinity
    return repr(value)  # what json.dumps writes for int and float


def _json_object(stored: Any) -> str:
    """A stored JSON object column as record JSON: the stored text itself (written by json.dumps) when it is one."""
    if isinstance(stored, str) and stored[:1] == "{" and stored[-1:] == "}":
        return stored
    return json.dumps(Queries._loads(stored), ensure_ascii=False)


def _json_list(stored: Any) -> str:
    if isinstance(stored, str) and stored[:1] == "[" and stored[-1:] == "]":
        return stored
    value = json.loads(stored) if isinstance(stored, str) else stored
    return json.dumps(list(value or []), ensure_ascii=False)


def _list_json(items: list[str] | None) -> str:
    return "[" + ", ".join(items) + "]" if items else "[]"


def _sets_any(attrs: str, keys: tuple[str, ...]) -> bool:
    """Whether stored attrs JSON may set one of ``keys`` (quoted): json.dumps never escapes the letters of a key,
    and a quoted key inside a string value would read ``\\"key\\"``, so a miss is certain, a hit possible."""
    for key in keys:
        if key in attrs:
            return True
    return False


@functools.lru_cache(maxsize=4096, typed=True)
def _score_json(score: float) -> str:
    """An item's score as the record writes it (rounded to 4 places); scores repeat, so remembered."""
    return _json_number(round(score, 4))


def _item_json(
    label_key: str | None, with_text: bool, own_keys: tuple[str, ...], text: str, label: str | None, start: int, end: int,
    score: float | None, attrs: Any,
) -> str:
    """``output._item`` as JSON text: the stored attrs JSON is spliced in unless it may set one of the item's own keys."""
    if attrs == "{}":
        members = ""
    elif isinstance(attrs, str) and attrs[:1] == "{" and attrs[-1:] == "}" and not _sets_any(attrs, own_keys):
        members = attrs[1:-1].strip()
        members = members + ", " if members else ""
    else:
        return _item_json_decoded(label_key, with_text, text, label, start, end, score, attrs)
    span = '"text": ' + _encode_string(text[start:end]) + ", " if with_text else ""
    labelled = "" if label_key is None else f'"{label_key}": {"null" if label is None else _encode_string(label)}, '
    scored = "" if score is None else ', "score": ' + _score_json(score)
    return f'{{{span}{labelled}{members}"start": {start}, "end": {end}{scored}}}'


def _item_json_decoded(
    label_key: str | None, with_text: bool, text: str, label: str | None, start: int, end: int, score: float | None, attrs: Any,
) -> str:
    """The attrs override the label or the span text (as dict.update does in output._item): build the dict."""
    item: dict[str, Any] = {}
    if with_text:
        item["text"] = text[start:end]
    if label_key is not None:
        item[label_key] = label
    item.update(Queries._loads(attrs))
    item["start"] = start
    item["end"] = end
    if score is not None:
        item["score"] = round(score, 4)
    return json.dumps(item, ensure_ascii=False)


def _best_label(candidates: list[tuple[str | None, float | None]]) -> str | None:
    """``Document.best_label``: the first highest-scoring label, a missing score counting as 0."""
    best, best_score = None, None
    for label, score in candidates:
        score = 0.0 if score is None else score
        if best_score is None or score > best_score:
            best, best_score = label, score
    return best


class ExportRow(NamedTuple):
    """One document as :meth:`Queries.export_rows` reads it: scalar fields, record list sizes and JSON, the rest as JSON."""

    id: str
    source: str | None
    title: str | None
    text: str
    language: str | None
    published: str | None
    genre: str | None
    #: the number of items of each RECORD_LISTS field
    counts: tuple[int, ...]
    #: each RECORD_LISTS field as JSON text (what json.dumps writes for it); empty when read with ``render=False``
    lists: tuple[str, ...]
    #: the record's remaining fields as JSON members (', "language_score": …'); empty with ``render=False``
    extra: str

    def json(self) -> str:
        """The INTERFACES.md §1 record, the same text as ``json.dumps(document_record(doc), ensure_ascii=False)``."""
        doc_id, source, title, text, language, published, genre, _, lists, extra = self
        return (
            f'{{"id": {_json_text(doc_id)}, "source": {_json_text(source)}, "title": {_json_text(title)}, '
            f'"text": {_encode_string(text)}, "language": {_json_text(language)}, '
            f'"published": {_json_text(published)}, "genre": {_json_text(genre)}, '
            f"{_LISTS_FORMAT.format(*lists)}{extra}}}"
        )


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
