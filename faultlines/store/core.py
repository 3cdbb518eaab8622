"""The document store: SQLite or PostgreSQL through SQLAlchemy Core.

One :class:`Store` per database. Writes run one at a time: in ``BEGIN
IMMEDIATE`` transactions on SQLite (the others wait ``busy_timeout``), under a
transaction-level advisory lock on PostgreSQL. Reads are short transactions so
a long export never blocks ingest. Every value reaches SQL as a bound
parameter.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import logging
import re
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, Engine, make_url

from ..errors import QueryError, StoreError
from ..model import OUTSIDE_YEARS, Annotation, Document, plausible
from ..settings import Settings
from . import pg
from .fts import MARK_END, MARK_START, to_fts_query
from .schema import SCHEMA_REVISION, analyses, annotations, document_sources, documents, reviews, runs

log = logging.getLogger(__name__)

# Bound parameters per IN (...) list; far below SQLite's 32766 limit.
_CHUNK = 500
_WRITE_OPTION = "faultlines_write"
# PostgreSQL advisory lock keys (per database): one writer, and one migrator, at a time.
_PG_WRITE_LOCK = 0x466C5772  # "FlWr"
_PG_MIGRATE_LOCK = 0x466C4D67  # "FlMg"
_DIALECTS = ("sqlite", "postgresql")

Versions = Literal["latest", "all"] | Mapping[str, str]


@dataclass
class AddResult:
    """What :meth:`Store.add` did: counts, and the stored id of every document given, in order."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchHit:
    """One full-text match. ``rank``: lower (more negative) is better (FTS5 bm25; minus ts_rank on PostgreSQL)."""

    id: str
    title: str | None
    snippet: str
    rank: float


# --------------------------------------------------------------------------- helpers


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json(value: Any) -> str | None:
    """A JSON column value as text (None stays SQL NULL); the common empty values cost nothing."""
    if value is None:
        return None
    if not value and isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return _dumps(value)


def _loads_object(text: Any) -> dict[str, Any]:
    if text is None or text == "{}":
        return {}
    if isinstance(text, dict):  # drivers that decode JSON themselves
        return text
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


class _Clock:
    """UTC ISO timestamps that never repeat or go backwards within a process."""

    def __init__(self) -> None:
        self._last = datetime.min.replace(tzinfo=timezone.utc)
        self._lock = threading.Lock()

    def now(self) -> str:
        with self._lock:
            current = datetime.now(timezone.utc)
            if current <= self._last:
                current = self._last + timedelta(microseconds=1)
            self._last = current
            return current.isoformat(timespec="microseconds")


_clock = _Clock()


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__


def _iso_bound(value: str | date | datetime | None, *, upper: bool) -> str | None:
    """A comparable ISO string for a since/until filter: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO timestamp;
    a bare ``until`` day, month or year includes all of it. Anything else is a QueryError (a typo must not quietly
    match nothing)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        value = value.isoformat()
    value = str(value)
    try:
        if len(value) > 10 and value[10] == "T":
            datetime.fromisoformat(value)
            return value
        if not _BOUND.fullmatch(value):
            raise ValueError(value)
        day = date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError as e:
        raise QueryError(f"bad date {value[:40]!r}: use a calendar date YYYY-MM-DD (or YYYY-MM, YYYY)", code="FL303") from e
    if not plausible(day):
        raise QueryError(f"date {value!r} {OUTSIDE_YEARS}", code="FL303")
    if not upper:
        return value
    if len(value) == 10:
        return (day + timedelta(days=1)).isoformat()
    if len(value) == 7:
        return f"{day.year + day.month // 12:04d}-{day.month % 12 + 1:02d}"
    return f"{day.year + 1:04d}"


_BOUND = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _check_offsets(doc: Document) -> None:
    length = len(doc.text)
    for a in doc.annotations:
        if not (isinstance(a.start, int) and isinstance(a.end, int) and 0 <= a.start <= a.end <= length):
            raise StoreError(
                f"annotation {a.layer}:{a.label} [{a.start}, {a.end}) of {a.analyzer or '?'}@{a.version or '?'} "
                f"does not fit the text (length {length}) of document {doc.id!r}; nothing of this batch was stored",
                code="FL205",
            )


def _doc_row(doc: Document, now: str) -> dict[str, Any]:
    return {
        "id": doc.id,
        "content_hash": doc.content_hash,
        "title": doc.title,
        "text": doc.text,
        "source": doc.source,
        "source_kind": doc.source_kind or "text",
        "language": doc.language,
        "language_score": doc.language_score,
        "published": doc.published,
        "published_readings": list(doc.published_readings or []),
        "published_basis": doc.published_basis,
        "fetched": doc.fetched,
        "meta": dict(doc.meta or {}),
        "ingested_at": now,
        "updated_at": now,
    }


def _row_to_doc(row: Any, anns: list[Annotation]) -> Document:
    return Document(
        id=row.id,
        text=row.text,
        title=row.title,
        source=row.source,
        source_kind=row.source_kind,
        language=row.language,
        language_score=row.language_score,
        published=row.published,
        published_readings=list(row.published_readings or []),
        published_basis=row.published_basis,
        fetched=row.fetched,
        meta=dict(row.meta or {}),
        annotations=anns,
        content_hash=row.content_hash,
    )


_Groups = dict[tuple[str, str], list[tuple[int, Annotation]]]


def _groups(doc: Document, analyzers: Mapping[str, str] | None) -> _Groups:
    """The doc's (position, annotation) pairs by (analyzer, version), plus empty groups for analyzers that ran and found nothing."""
    groups: _Groups = {}
    for position, a in enumerate(doc.annotations):
        groups.setdefault((a.analyzer, a.version), []).append((position, a))
    for name, version in (analyzers or {}).items():
        groups.setdefault((name, version), [])
    return groups


def _settings_json(settings: Any) -> Any:
    if settings is None:
        return {}
    if dataclasses.is_dataclass(settings) and not isinstance(settings, type):
        settings = dataclasses.asdict(settings)
    data = json.loads(json.dumps(settings, ensure_ascii=False, default=str))
    if isinstance(data, dict) and isinstance(data.get("db"), str) and "://" in data["db"]:
        try:
            data["db"] = make_url(data["db"]).render_as_string(hide_password=True)
        except exc.ArgumentError:
            pass
    return data


class _Entry:
    """A stored (or about to be stored) document while a batch is being decided."""

    __slots__ = ("pk", "id", "source", "hash", "text", "row", "new", "edited", "groups")

    def __init__(self, pk: int | None, id: str, source: str | None, hash: str, text: str | None = None) -> None:
        self.pk = pk
        self.id = id
        self.source = source
        self.hash = hash
        self.text = text  # known for new/edited entries, and for stored ones when annotations need it
        self.row: dict[str, Any] | None = None  # row to insert or update
        self.new = pk is None
        self.edited = False
        self.groups: _Groups = {}


_SQLITE_DIALECT = None


_DOCUMENT_COLUMNS = (
    "id", "content_hash", "title", "text", "source", "source_kind", "language", "language_score", "published",
    "published_readings", "published_basis", "fetched", "meta", "ingested_at", "updated_at",
)  # fmt: skip
_ANALYSES_COLUMNS = ("doc_pk", "analyzer", "version", "run_id", "created_at")
_ANNOTATION_COLUMNS = ("doc_pk", "analyzer", "version", "layer", "label", "start", "end", "score", "attrs")


@functools.lru_cache(maxsize=64)
def _compiled_insert(table: sa.Table, columns: tuple[str, ...], ignore: bool) -> tuple[str, tuple[int, ...]]:
    """SQLite INSERT for ``columns`` of ``table`` (qmark parameters in ``columns`` order), and its JSON positions."""
    global _SQLITE_DIALECT
    if _SQLITE_DIALECT is None:
        from sqlalchemy.dialects import sqlite

        _SQLITE_DIALECT = sqlite.dialect(paramstyle="qmark")
    statement = table.insert().values({c: sa.bindparam(c) for c in columns})
    if ignore:
        statement = statement.prefix_with("OR IGNORE")
    compiled = statement.compile(dialect=_SQLITE_DIALECT)
    assert tuple(compiled.positiontup) == columns, (compiled.positiontup, columns)
    json_positions = tuple(i for i, c in enumerate(columns) if isinstance(table.c[c].type, sa.JSON))
    return str(compiled), json_positions


# --------------------------------------------------------------------------- the store


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def add_sqlite_functions(connection: sqlite3.Connection) -> None:
    """SQL functions SQLite lacks: ``unicode_lower`` (its own ``lower()`` folds ASCII only, so "Душанбе" would
    never match "душанбе")."""
    connection.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)


class Store:
    """The faultlines document store.

    ``Store(path)`` opens (creating and migrating if needed) an SQLite file;
    ``Store("postgresql+psycopg://user@host/db")`` a PostgreSQL database
    (which must exist; its tables are created); ``Store()`` the
    ``Settings.from_env().db`` location. Use as a context manager or call
    :meth:`close`.
    """

    def __init__(
        self,
        url_or_path: str | Path | None = None,
        settings: Settings | None = None,
        *,
        timeout: float = 30.0,
        existing: bool = False,
    ) -> None:
        """``existing``: refuse an SQLite file that is not there (FL210) instead of creating an empty store: a command
        that only reads, given a mistyped ``--db``, would otherwise quietly find nothing."""
        settings = settings or Settings.from_env()
        if url_or_path is not None:
            settings = replace(settings, db=str(url_or_path))
        # Kept so that work done for this store (e.g. worker processes) opens the same database.
        self.settings = settings
        self.url = make_url(settings.db_url())
        self.dialect = self.url.get_backend_name()
        self.path: Path | None = None
        if self.dialect == "sqlite" and self.url.database not in (None, "", ":memory:"):
            self.path = Path(self.url.database)
        if existing and self.path is not None and not self.path.exists():
            raise StoreError(f"no store at {settings.db_shown()}: run `faultlines demo --db {settings.db}` or "
                             f"`faultlines analyze … --db {settings.db}` first, or pass the right --db", code="FL210")
        self.where = str(self.path) if self.path else self.url.render_as_string(hide_password=True)
        self.timeout = timeout
        self._engine = self._create_engine()
        try:
            self._open()
        except BaseException:
            self._engine.dispose()
            raise

    # -- connection handling ------------------------------------------------

    def _create_engine(self) -> Engine:
        kwargs: dict[str, Any] = {"json_serializer": _dumps, "json_deserializer": json.loads}
        if self.dialect not in _DIALECTS:
            raise StoreError(
                f"store {self.where}: {self.dialect} is not supported; use an SQLite file or a "
                "postgresql+psycopg:// URL",
                code="FL209",
            )
        if self.dialect == "postgresql":
            # A server may drop idle connections (restarts, timeouts): test each before use.
            kwargs["pool_pre_ping"] = True
            kwargs["connect_args"] = {"connect_timeout": max(1, round(self.timeout)), "application_name": "faultlines"}
            try:
                return sa.create_engine(self.url, **kwargs)
            except ImportError as e:
                raise StoreError(
                    f"store {self.where} needs the PostgreSQL driver: pip install 'faultlines[postgres]' ({e})",
                    code="FL209",
                ) from e
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(
                    f"cannot create the directory for store {self.path}: {e.strerror}; "
                    "choose a writable --db path or set FAULTLINES_DB",
                    code="FL201",
                ) from e
            if self.path.is_dir():
                raise StoreError(
                    f"store path {self.path} is a directory; give a file name such as {self.path / 'faultlines.db'}",
                    code="FL201",
                )
        kwargs["connect_args"] = {"timeout": self.timeout}
        engine = sa.create_engine(self.url, **kwargs)
        busy_ms = int(self.timeout * 1000)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            # Let SQLAlchemy (below) issue BEGIN itself, so DDL is transactional too.
            dbapi_connection.isolation_level = None
            add_sqlite_functions(dbapi_connection)
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
                cursor.execute("PRAGMA foreign_keys = ON")
            finally:
                cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            # Writers take the write lock up front (no read-then-upgrade deadlocks).
            immediate = connection.get_execution_options().get(_WRITE_OPTION)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine

    def _error(self, error: BaseException) -> StoreError:
        message = _first_line(error)
        lower = message.lower()
        where = self.where
        if self.dialect == "postgresql" and isinstance(error, exc.OperationalError) and (
            "connection" in lower or "could not connect" in lower or "authentication" in lower
        ):
            return StoreError(
                f"cannot connect to store {where}: {message}; check the --db URL (or FAULTLINES_DB), "
                "that the server runs and that the database exists",
                code="FL201",
            )
        if "unable to open database file" in lower:
            return StoreError(
                f"cannot open store {where}: the file or its directory is not writable; "
                "choose a writable --db path or set FAULTLINES_DB",
                code="FL201",
            )
        if "not a database" in lower or "file is encrypted" in lower or "malformed" in lower:
            return StoreError(
                f"{where} is not a faultlines store ({message}); point --db at a store or at a new file name",
                code="FL202",
            )
        if "locked" in lower or "busy" in lower:
            return StoreError(
                f"store {where} is locked by another writer (waited {self.timeout:g} s); "
                "retry when the other faultlines process has finished",
                code="FL207",
            )
        if "readonly" in lower or "read-only" in lower:
            return StoreError(
                f"store {where} is read-only; check its permissions (and its directory's) or use another --db path",
                code="FL208",
            )
        if "disk" in lower or "full" in lower:
            return StoreError(f"cannot write store {where}: {message}; free disk space or use another --db path", code="FL208")
        return StoreError(f"store {where}: {message}", code="FL200")

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                yield connection
        except (exc.DBAPIError, sqlite3.Error) as e:
            raise self._error(e) from e

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                connection.execution_options(**{_WRITE_OPTION: True})
                with connection.begin():
                    if self.dialect == "postgresql":
                        # Writers queue here, as on SQLite: a batch's lookups stay true until it commits.
                        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")
                    yield connection
        except exc.StatementError as e:
            if isinstance(e, exc.DBAPIError):
                raise self._error(e) from e
            raise StoreError(f"cannot write to store {self.where}: {_first_line(e)}", code="FL205") from e
        except sqlite3.Error as e:
            raise self._error(e) from e

    # -- opening and migrations -----------------------------------------------

    def _revision(self, connection: Connection) -> str | None:
        if self.dialect == "sqlite":
            exists = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).first()
        else:
            exists = sa.inspect(connection).has_table("alembic_version")
        if not exists:
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def revision(self) -> str | None:
        """The schema revision the database is at."""
        with self._read() as connection:
            return self._revision(connection)

    def _open(self) -> None:
        with self._read() as connection:
            current = self._revision(connection)
        if current == SCHEMA_REVISION:
            return
        from . import migrate  # Alembic is imported only when there is something to migrate.

        if current is not None and current not in migrate.known_revisions():
            raise StoreError(
                f"store {self.where} has schema revision {current!r}, newer than this faultlines knows "
                f"({SCHEMA_REVISION!r}); upgrade faultlines or use another --db path",
                code="FL203",
            )
        try:
            with self._engine.connect() as connection:
                connection.execution_options(**{_WRITE_OPTION: True})
                if self.dialect == "postgresql":
                    self._migrate_pg(connection, migrate)
                else:
                    migrate.upgrade(connection)
        except Exception as e:
            # Another process may have migrated it meanwhile.
            try:
                if self.revision() == SCHEMA_REVISION:
                    return
            except StoreError:
                pass
            if isinstance(e, (exc.DBAPIError, sqlite3.Error)):
                error = self._error(e)
                if error.code != "FL200":
                    raise error from e
            raise StoreError(
                f"cannot migrate store {self.where} to {SCHEMA_REVISION}: {_first_line(e)}; "
                "if it is not a faultlines store, use another --db path",
                code="FL204",
            ) from e

    def _migrate_pg(self, connection: Connection, migrate: Any) -> None:
        """Migrate under a session advisory lock: another process opening the new database waits, then finds it done."""
        connection.exec_driver_sql(f"SELECT pg_advisory_lock({_PG_MIGRATE_LOCK})")
        connection.commit()
        try:
            if self._revision(connection) != SCHEMA_REVISION:
                connection.commit()
                migrate.upgrade(connection)
        finally:
            connection.rollback()
            connection.exec_driver_sql(f"SELECT pg_advisory_unlock({_PG_MIGRATE_LOCK})")
            connection.commit()

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.where!r})"

    # -- writing ----------------------------------------------------------------

    def add(
        self,
        docs: Iterable[Document],
        *,
        batch_size: int = 500,
        run_id: int | None = None,
        analyzers: Mapping[str, str] | None = None,
    ) -> AddResult:
        """Store documents (and their annotations), one transaction per batch.

        - Same content (``content_hash``) as a stored document: nothing is
          added; the new source is recorded in ``document_sources``
          (``unchanged``).
        - Same id and same source, different content: the article was edited;
          its text and metadata are replaced and its old annotations dropped
          (``updated``).
        - Same id, different source and content: stored under
          ``f"{id}-{content_hash[:8]}"``.

        Annotations on the documents are saved as in :meth:`save_annotations`
        (for an unchanged document only when its text is exactly the stored
        text, so offsets stay true). ``analyzers`` ({name: version}) records
        analyzers that ran even where they found nothing.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        result = AddResult()
        for batch in _batched(docs, batch_size):
            for doc in batch:
                _check_offsets(doc)
                if self.dialect == "postgresql":
                    self._check_no_nul(doc)
            with self._write() as connection:
                self._add_batch(connection, batch, result, run_id, analyzers)
        return result

    def _check_no_nul(self, doc: Document) -> None:
        for name in ("id", "text", "title", "source", "language", "published"):
            value = getattr(doc, name)
            if isinstance(value, str) and "\x00" in value:
                raise StoreError(
                    f"document {doc.id!r} has a NUL character in its {name}, which PostgreSQL text cannot hold; "
                    f"remove it and add the document again; nothing of this batch was stored",
                    code="FL205",
                )

    def _lookup(
        self, connection: Connection, batch: list[Document], analyzers: Mapping[str, str] | None
    ) -> tuple[dict[str, _Entry], dict[str, _Entry]]:
        hashes = sorted({d.content_hash for d in batch})
        ids = sorted({d.id for d in batch} | {f"{d.id}-{d.content_hash[:8]}" for d in batch})
        cols = (documents.c.pk, documents.c.id, documents.c.source, documents.c.content_hash)
        rows: dict[int, Any] = {}
        for chunk in _chunks(hashes):
            rows.update((r.pk, r) for r in connection.execute(sa.select(*cols).where(documents.c.content_hash.in_(chunk))))
        for chunk in _chunks(ids):
            rows.update((r.pk, r) for r in connection.execute(sa.select(*cols).where(documents.c.id.in_(chunk))))
        by_hash: dict[str, _Entry] = {}
        by_id: dict[str, _Entry] = {}
        for r in rows.values():
            entry = _Entry(r.pk, r.id, r.source, r.content_hash)
            entry.new = False
            by_hash[r.content_hash] = entry
            by_id[r.id] = entry
        # Texts of stored documents whose duplicates bring annotations (offsets must be true to the stored text).
        by_pk = {e.pk: e for e in by_hash.values()}
        need_text = sorted(
            {by_hash[d.content_hash].pk for d in batch if d.content_hash in by_hash and (d.annotations or analyzers)}
        )
        for chunk in _chunks(need_text):
            for r in connection.execute(sa.select(documents.c.pk, documents.c.text).where(documents.c.pk.in_(chunk))):
                by_pk[r.pk].text = r.text
        return by_hash, by_id

    def _family(self, connection: Connection, doc: Document, by_id: dict[str, _Entry], pending: list[_Entry]) -> _Entry | None:
        """A document stored under ``doc.id`` or ``doc.id-<hash>`` from the same source as ``doc``."""
        prefix = doc.id + "-"

        def member(entry_id: str) -> bool:
            rest = entry_id[len(prefix):]
            return entry_id.startswith(prefix) and 8 <= len(rest) <= 64 and all(c in "0123456789abcdef" for c in rest)

        for entry in pending:
            if entry.source == doc.source and member(entry.id):
                return entry
        source_match = documents.c.source.is_(None) if doc.source is None else documents.c.source == doc.source
        query = sa.select(documents.c.pk, documents.c.id, documents.c.source, documents.c.content_hash).where(
            source_match, sa.func.substr(documents.c.id, 1, len(prefix)) == prefix
        )
        for r in connection.execute(query):
            if member(r.id):
                if r.id in by_id:
                    return by_id[r.id]
                entry = _Entry(r.pk, r.id, r.source, r.content_hash)
                entry.new = False
                by_id[r.id] = entry
                return entry
        return None

    def _free_id(self, connection: Connection, doc: Document, by_id: dict[str, _Entry]) -> str:
        for length in (8, 16, 64):
            candidate = f"{doc.id}-{doc.content_hash[:length]}"
            if candidate in by_id:
                continue
            if length > 8 and connection.execute(sa.select(documents.c.pk).where(documents.c.id == candidate)).first():
                continue
            return candidate
        raise StoreError(f"cannot find a free id for document {doc.id!r} in {self.where}", code="FL205")

    def _add_batch(
        self,
        connection: Connection,
        batch: list[Document],
        result: AddResult,
        run_id: int | None,
        analyzers: Mapping[str, str] | None,
    ) -> None:
        now = _clock.now()
        by_hash, by_id = self._lookup(connection, batch, analyzers)
        touched: list[_Entry] = []  # entries to insert or update, in order
        pending: list[_Entry] = []  # entries inserted by this batch
        source_pairs: list[tuple[_Entry, str]] = []

        for doc in batch:
            groups = _groups(doc, analyzers)
            entry = by_hash.get(doc.content_hash)
            if entry is not None:  # the same article again
                result.unchanged += 1
                result.ids.append(entry.id)
                if doc.source is not None:
                    source_pairs.append((entry, doc.source))
                if groups:
                    if entry.text == doc.text:
                        entry.groups.update(groups)
                    else:
                        log.warning(
                            "annotations of %s not saved: its text differs from stored %s (same article, other bytes)",
                            doc.source or doc.id,
                            entry.id,
                        )
                continue

            current = by_id.get(doc.id)
            if current is not None and current.source != doc.source:
                current = self._family(connection, doc, by_id, pending)
            if current is not None:  # an edited article: replace it
                by_hash.pop(current.hash, None)
                current.hash = doc.content_hash
                current.text = doc.text
                row = _doc_row(doc, now)
                row["id"] = current.id
                if current.new:
                    row["ingested_at"] = current.row["ingested_at"]
                else:
                    current.edited = True
                current.row = row
                current.groups = dict(groups)
                by_hash[current.hash] = current
                if current not in touched:
                    touched.append(current)
                result.updated += 1
                result.ids.append(current.id)
                continue

            stored_id = doc.id if doc.id not in by_id else self._free_id(connection, doc, by_id)
            entry = _Entry(None, stored_id, doc.source, doc.content_hash, doc.text)
            entry.row = _doc_row(doc, now)
            entry.row["id"] = stored_id
            entry.groups = dict(groups)
            by_hash[entry.hash] = entry
            by_id[stored_id] = entry
            pending.append(entry)
            touched.append(entry)
            if doc.source is not None:
                source_pairs.append((entry, doc.source))
            result.added += 1
            result.ids.append(stored_id)

        # Inserts; then their new primary keys, looked up by the (unique) stored id.
        new = [e for e in touched if e.new]
        if new:
            self._insert_rows(connection, documents, _DOCUMENT_COLUMNS, [tuple(e.row[c] for c in _DOCUMENT_COLUMNS) for e in new])
            by_new_id = {e.id: e for e in new}
            for chunk in _chunks(list(by_new_id)):
                query = sa.select(documents.c.pk, documents.c.id).where(documents.c.id.in_(chunk))
                for pk, stored_id in connection.execute(query):
                    by_new_id[stored_id].pk = pk
        # Edits: new text and metadata; the old annotations' offsets are void.
        edited = [e for e in touched if e.edited]
        if edited:
            params = []
            for e in edited:
                row = {k: v for k, v in e.row.items() if k not in ("id", "ingested_at")}
                row["b_pk"] = e.pk
                params.append(row)
            connection.execute(documents.update().where(documents.c.pk == sa.bindparam("b_pk")), params)
            pks = [{"b_pk": e.pk} for e in edited]
            connection.execute(annotations.delete().where(annotations.c.doc_pk == sa.bindparam("b_pk")), pks)
            connection.execute(analyses.delete().where(analyses.c.doc_pk == sa.bindparam("b_pk")), pks)

        if source_pairs:
            pairs = list(dict.fromkeys((entry.pk, source, now) for entry, source in source_pairs))
            self._insert_rows(connection, document_sources, ("doc_pk", "source", "first_seen"), pairs, ignore=True)

        with_groups = {id(e): e for e in list(by_hash.values()) if e.groups}
        self._write_annotations(connection, list(with_groups.values()), run_id, now)

    def _insert_rows(
        self,
        connection: Connection,
        table: sa.Table,
        columns: tuple[str, ...],
        rows: list[tuple[Any, ...]],
        *,
        ignore: bool = False,
    ) -> None:
        """Bulk insert (executemany) of ``rows``, tuples in ``columns`` order.

        ``ignore`` skips rows that would break a unique constraint. On SQLite
        the statement is compiled once by SQLAlchemy and run by the driver
        with JSON serialized here: Core's per-row parameter processing would
        cost more than SQLite's own work.
        """
        if not rows:
            return
        if self.dialect == "sqlite":
            sql, json_positions = _compiled_insert(table, columns, ignore)
            if json_positions:
                params: list[Any] = []
                for row in rows:
                    row = list(row)
                    for i in json_positions:
                        row[i] = _json(row[i])
                    params.append(tuple(row))
            else:
                params = rows
            connection.exec_driver_sql(sql, params)
            return
        # PostgreSQL: SQLAlchemy sends the rows as multi-row INSERTs ("insertmanyvalues").
        dicts = [dict(zip(columns, row)) for row in rows]
        if not ignore:
            connection.execute(table.insert(), dicts)
            return
        from sqlalchemy.dialects.postgresql import insert

        connection.execute(insert(table).on_conflict_do_nothing(), dicts)

    def _write_annotations(self, connection: Connection, entries: list[_Entry], run_id: int | None, now: str) -> None:
        """Replace, per entry, the annotations of each (analyzer, version) in ``entry.groups``."""
        keys: list[tuple[int, str, str, int | None, str]] = []
        stale: list[dict[str, Any]] = []  # versions to replace on documents annotated before this batch
        rows: list[tuple[Any, ...]] = []
        for entry in entries:
            pk = entry.pk
            ordered: list[tuple[int, Annotation]] = []
            for (analyzer, version), group in entry.groups.items():
                keys.append((pk, analyzer, version, run_id, now))
                if not (entry.new or entry.edited):
                    stale.append({"b_pk": pk, "b_analyzer": analyzer, "b_version": version})
                ordered.extend(group)
            if len(entry.groups) > 1:
                ordered.sort(key=lambda pair: pair[0])  # the document's own order
            rows.extend(
                (pk, a.analyzer, a.version, a.layer, a.label, a.start, a.end, a.score, a.attrs or {}) for _, a in ordered
            )
            entry.groups = {}
        if not keys:
            return
        if stale:
            for table in (annotations, analyses):
                connection.execute(
                    table.delete().where(
                        table.c.doc_pk == sa.bindparam("b_pk"),
                        table.c.analyzer == sa.bindparam("b_analyzer"),
                        table.c.version == sa.bindparam("b_version"),
                    ),
                    stale,
                )
        self._insert_rows(connection, analyses, _ANALYSES_COLUMNS, keys)
        self._insert_rows(connection, annotations, _ANNOTATION_COLUMNS, rows)

    def save_annotations(
        self,
        docs: Iterable[Document],
        *,
        run_id: int | None = None,
        analyzers: Mapping[str, str] | None = None,
        batch_size: int = 500,
    ) -> int:
        """Save the documents' annotations; returns the number of documents written.

        For each (analyzer, version) present in ``doc.annotations`` (and each
        in ``analyzers``, for analyzers that ran and found nothing), that
        version's stored annotations are replaced atomically; other versions
        of the same analyzer are kept. Each document must already be stored
        (found by content_hash, else id) with exactly the same text.
        """
        written = 0
        for batch in _batched(docs, batch_size):
            for doc in batch:
                _check_offsets(doc)
            with self._write() as connection:
                entries = self._resolve(connection, batch)
                for entry, doc in zip(entries, batch):
                    entry.groups.update(_groups(doc, analyzers))
                unique = list({id(e): e for e in entries}.values())
                written += len(unique)
                self._write_annotations(connection, unique, run_id, _clock.now())
        return written

    def _resolve(self, connection: Connection, batch: list[Document]) -> list[_Entry]:
        cols = (documents.c.pk, documents.c.id, documents.c.content_hash, documents.c.text)
        found: dict[str, Any] = {}
        by_id: dict[str, Any] = {}
        hashes = sorted({d.content_hash for d in batch})
        for chunk in _chunks(hashes):
            for r in connection.execute(sa.select(*cols).where(documents.c.content_hash.in_(chunk))):
                found[r.content_hash] = r
        missing = sorted({d.id for d in batch if d.content_hash not in found})
        for chunk in _chunks(missing):
            for r in connection.execute(sa.select(*cols).where(documents.c.id.in_(chunk))):
                by_id[r.id] = r
        entries: dict[int, _Entry] = {}
        result = []
        for doc in batch:
            row = found.get(doc.content_hash) or by_id.get(doc.id)
            if row is None:
                raise StoreError(
                    f"document {doc.id!r} is not in store {self.where}; add it (Store.add) before saving its annotations",
                    code="FL206",
                )
            if row.text != doc.text:
                raise StoreError(
                    f"document {doc.id!r} differs from the stored text of {row.id!r}; its annotation offsets "
                    "would not be true to the stored text: add the document again (Store.add) first",
                    code="FL206",
                )
            if row.pk not in entries:
                entry = _Entry(row.pk, row.id, None, row.content_hash, row.text)
                entry.new = False
                entries[row.pk] = entry
            result.append(entries[row.pk])
        return result

    # -- runs ---------------------------------------------------------------------

    def start_run(self, command: str, settings: Any = None) -> int:
        """Record the start of a run (command line and settings); returns its id."""
        with self._write() as connection:
            return connection.execute(
                runs.insert().returning(runs.c.id),
                {
                    "started_at": _clock.now(),
                    "command": command,
                    "settings": _settings_json(settings),
                    "status": "running",
                },
            ).scalar_one()

    def finish_run(self, run_id: int, counts: Mapping[str, Any] | None = None, status: str = "ok") -> None:
        with self._write() as connection:
            connection.execute(
                runs.update()
                .where(runs.c.id == run_id)
                .values(finished_at=_clock.now(), counts=dict(counts or {}), status=status)
            )

    def runs(self) -> list[dict[str, Any]]:
        """Every run, newest first."""
        with self._read() as connection:
            return [dict(r._mapping) for r in connection.execute(sa.select(runs).order_by(runs.c.id.desc()))]

    # -- analysts' verdicts -----------------------------------------------------------

    def add_review(self, review: Mapping[str, Any]) -> None:
        """Store one verdict on a claim (``claim_id``, ``rating``, ``reviewed_at``; ``note``, ``reviewer``, ``url``
        optional); earlier verdicts on the claim are kept, the latest counts."""
        row = {name: review.get(name) for name in ("claim_id", "rating", "note", "reviewer", "url", "reviewed_at")}
        with self._write() as connection:
            connection.execute(reviews.insert(), row)

    def reviews(self) -> dict[str, dict[str, Any]]:
        """claim id -> its latest verdict (by ``reviewed_at``, then by order of storing)."""
        latest: dict[str, dict[str, Any]] = {}
        query = sa.select(reviews).order_by(reviews.c.reviewed_at, reviews.c.id)
        with self._read() as connection:
            for r in connection.execute(query):
                item = dict(r._mapping)
                item.pop("id")
                latest[item["claim_id"]] = item
        return latest

    # -- reading --------------------------------------------------------------------

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The given content hashes that are already stored."""
        wanted = sorted(set(hashes))
        found: set[str] = set()
        with self._read() as connection:
            for chunk in _chunks(wanted):
                found.update(
                    connection.execute(
                        sa.select(documents.c.content_hash).where(documents.c.content_hash.in_(chunk))
                    ).scalars()
                )
        return found

    @staticmethod
    def _analyzed_query(analyzer_versions: Mapping[str, str]) -> sa.Select:
        """The content hashes of stored documents on which every given analyzer version has run."""
        pairs = sa.or_(
            *(sa.and_(analyses.c.analyzer == a, analyses.c.version == v) for a, v in analyzer_versions.items())
        )
        return (
            sa.select(documents.c.content_hash)
            .join(analyses, analyses.c.doc_pk == documents.c.pk)
            .where(pairs)
            .group_by(documents.c.content_hash)
            .having(sa.func.count() == len(analyzer_versions))
        )

    def analyzed(self, content_hashes: Iterable[str], analyzer_versions: Mapping[str, str]) -> set[str]:
        """The given hashes of stored documents on which every given analyzer version has run."""
        if not analyzer_versions:
            return self.known_hashes(content_hashes)
        wanted = sorted(set(content_hashes))
        query = self._analyzed_query(analyzer_versions)
        found: set[str] = set()
        with self._read() as connection:
            for chunk in _chunks(wanted, 400):
                found.update(connection.execute(query.where(documents.c.content_hash.in_(chunk))).scalars())
        return found

    def analyzed_hashes(self, analyzer_versions: Mapping[str, str]) -> set[str]:
        """The hashes of all stored documents on which every given analyzer version has run."""
        with self._read() as connection:
            if not analyzer_versions:
                return set(connection.execute(sa.select(documents.c.content_hash)).scalars())
            return set(connection.execute(self._analyzed_query(analyzer_versions)).scalars())

    def _annotations(self, connection: Connection, pks: Sequence[int], versions: Versions) -> dict[int, list[Annotation]]:
        chosen: dict[int, dict[str, str]] = {}
        if versions != "all":
            pinned = dict(versions) if isinstance(versions, Mapping) else {}
            latest: dict[tuple[int, str], tuple[str, str]] = {}
            for chunk in _chunks(pks):
                query = sa.select(analyses.c.doc_pk, analyses.c.analyzer, analyses.c.version, analyses.c.created_at).where(
                    analyses.c.doc_pk.in_(chunk)
                )
                for r in connection.execute(query):
                    key = (r.doc_pk, r.analyzer)
                    if key not in latest or (r.created_at, r.version) > latest[key]:
                        latest[key] = (r.created_at, r.version)
            for (pk, analyzer), (_, version) in latest.items():
                chosen.setdefault(pk, {})[analyzer] = pinned.get(analyzer, version)
        out: dict[int, list[Annotation]] = {}
        every = versions == "all"
        c = annotations.c
        # attrs as raw JSON text: most are "{}", which need no decoding.
        columns = (c.doc_pk, c.analyzer, c.version, c.layer, c.label, c.start, c.end, c.score, sa.type_coerce(c.attrs, sa.Text))
        for chunk in _chunks(pks):
            query = sa.select(*columns).where(c.doc_pk.in_(chunk)).order_by(c.id)
            for pk, analyzer, version, layer, label, start, end, score, attrs in connection.execute(query):
                if not every:
                    wanted = chosen.get(pk)
                    if wanted is not None and wanted.get(analyzer, version) != version:
                        continue
                out.setdefault(pk, []).append(
                    Annotation(layer, start, end, label, _loads_object(attrs), score, analyzer, version)
                )
        return out

    def get(self, id: str, *, versions: Versions = "latest") -> Document | None:
        """The stored document with this id and its annotations, or None.

        ``versions="latest"`` (default) returns, per analyzer, the version that
        ran most recently; ``"all"`` every stored version; a mapping
        ``{analyzer: version}`` pins some analyzers to a version.
        """
        with self._read() as connection:
            row = connection.execute(sa.select(documents).where(documents.c.id == id)).first()
            if row is None:
                return None
            anns = self._annotations(connection, [row.pk], versions)
        return _row_to_doc(row, anns.get(row.pk, []))

    def sources(self, id: str) -> list[str]:
        """Every path/URL the document with this id was seen at, first seen first."""
        with self._read() as connection:
            query = (
                sa.select(document_sources.c.source)
                .join(documents, documents.c.pk == document_sources.c.doc_pk)
                .where(documents.c.id == id)
                .order_by(document_sources.c.first_seen, document_sources.c.source)
            )
            return list(connection.execute(query).scalars())

    def iter_documents(
        self,
        *,
        batch_size: int = 1000,
        language: str | Iterable[str] | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        with_annotations: bool = True,
        versions: Versions = "latest",
    ) -> Iterator[Document]:
        """Stream stored documents in storage order, ``batch_size`` rows at a time.

        Keyset pagination on ``pk``: memory stays bounded and no connection is
        held while the caller works. ``since``/``until`` compare ``published``
        (ISO; a bare ``until`` date includes that day); documents without a
        date are left out when either is given.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        filters = []
        if language is not None:
            languages = [language] if isinstance(language, str) else list(language)
            filters.append(documents.c.language.in_(languages))
        low, high = _iso_bound(since, upper=False), _iso_bound(until, upper=True)
        if low is not None:
            filters.append(documents.c.published >= low)
        if high is not None:
            filters.append(documents.c.published < high)
        last = None
        while True:
            query = sa.select(documents).where(*filters).order_by(documents.c.pk).limit(batch_size)
            if last is not None:
                query = query.where(documents.c.pk > last)
            with self._read() as connection:
                rows = connection.execute(query).all()
                if not rows:
                    return
                anns = self._annotations(connection, [r.pk for r in rows], versions) if with_annotations else {}
            for row in rows:
                yield _row_to_doc(row, anns.get(row.pk, []))
            if len(rows) < batch_size:
                return
            last = rows[-1].pk

    def optimize(self) -> None:
        """Merge the full-text index into one segment (worth it after a large ingest) and refresh planner stats."""
        if self.dialect == "postgresql":  # its GIN index needs no merging; autovacuum would get to the stats later
            with self._write() as connection:
                connection.exec_driver_sql("ANALYZE documents, document_sources, annotations, analyses")
            return
        with self._write() as connection:
            connection.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
            connection.exec_driver_sql("PRAGMA optimize")

    def count(self) -> int:
        with self._read() as connection:
            return connection.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()

    def stats(self) -> dict[str, Any]:
        """Counts: documents, by language, sources, annotations by layer and by analyzer@version, runs."""
        with self._read() as connection:
            scalar = lambda table: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()  # noqa: E731
            by_language = {
                (lang if lang is not None else "unknown"): n
                for lang, n in connection.execute(
                    sa.select(documents.c.language, sa.func.count()).group_by(documents.c.language)
                )
            }
            by_layer = dict(
                connection.execute(sa.select(annotations.c.layer, sa.func.count()).group_by(annotations.c.layer)).all()
            )
            by_analyzer = {
                f"{a}@{v}": n
                for a, v, n in connection.execute(
                    sa.select(annotations.c.analyzer, annotations.c.version, sa.func.count()).group_by(
                        annotations.c.analyzer, annotations.c.version
                    )
                )
            }
            return {
                "store": self.where,
                "revision": self._revision(connection),
                "documents": scalar(documents),
                "by_language": dict(sorted(by_language.items(), key=lambda kv: (-kv[1], kv[0]))),
                "sources": scalar(document_sources),
                "annotations": scalar(annotations),
                "annotations_by_layer": dict(sorted(by_layer.items())),
                "annotations_by_analyzer": dict(sorted(by_analyzer.items())),
                "runs": scalar(runs),
            }

    # -- search ---------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, raw: bool = False) -> list[SearchHit]:
        """Full-text search over titles and texts, best first.

        By default any input is turned into a safe query
        (:func:`~faultlines.store.fts.to_fts_query`; the same words, phrases,
        ``OR`` and ``prefix*`` on PostgreSQL); ``raw=True`` passes the
        database's own syntax through (FTS5 MATCH on SQLite, ``to_tsquery``
        on PostgreSQL), and a syntax error becomes a QueryError. Snippets
        mark matches with MARK_START … MARK_END (U+E000, U+E001).
        """
        if not isinstance(limit, int) or limit < 1:
            raise QueryError(f"limit must be a positive integer, not {limit!r}", code="FL303")
        if raw:
            if not query or not query.strip():
                raise QueryError("nothing to search for: the query is empty", code="FL301")
            match = query
        else:
            match = to_fts_query(query)
        if self.dialect == "postgresql":
            return self._search_pg(query, limit, raw)
        sql = sa.text(
            "SELECT d.id AS id, d.title AS title, "
            "snippet(documents_fts, -1, :mark_start, :mark_end, '…', 16) AS snippet, "
            "bm25(documents_fts, 5.0, 1.0) AS rank "
            "FROM documents_fts JOIN documents AS d ON d.pk = documents_fts.rowid "
            "WHERE documents_fts MATCH :match ORDER BY rank LIMIT :limit"
        )
        try:
            with self._engine.connect() as connection:
                rows = connection.execute(
                    sql, {"match": match, "limit": limit, "mark_start": MARK_START, "mark_end": MARK_END}
                ).all()
        except exc.OperationalError as e:
            message = _first_line(e)
            lower = message.lower()
            if "locked" in lower or "busy" in lower or "disk" in lower or "unable to open" in lower:
                raise self._error(e) from e
            hint = " (leave out --raw to search the words as typed)" if raw else ""
            raise QueryError(f"cannot search for {query[:60]!r}: {message}{hint}", code="FL302") from e
        except (exc.DBAPIError, sqlite3.Error, UnicodeError) as e:
            if isinstance(e, UnicodeError):
                raise QueryError(f"cannot search for {query[:60]!r}: not valid text", code="FL302") from e
            raise self._error(e) from e
        return [SearchHit(r.id, r.title, r.snippet or "", float(r.rank)) for r in rows]

    def _search_pg(self, query: str, limit: int, raw: bool) -> list[SearchHit]:
        if "\x00" in query:  # the one character PostgreSQL text cannot hold (the safe path drops it)
            query = query.replace("\x00", " ")
        statement = pg.ranked(
            pg.tsquery(query, raw=raw), limit, documents.c.id, documents.c.title, start=MARK_START, stop=MARK_END, words=16
        )
        try:
            with self._engine.connect() as connection:
                rows = connection.execute(statement).all()
        except (exc.DataError, exc.ProgrammingError) as e:  # a raw query's syntax
            hint = " (leave out --raw to search the words as typed)" if raw else ""
            raise QueryError(f"cannot search for {query[:60]!r}: {_first_line(e)}{hint}", code="FL302") from e
        except exc.DBAPIError as e:
            raise self._error(e) from e
        except (exc.StatementError, UnicodeError) as e:  # text the driver cannot encode (lone surrogates)
            raise QueryError(f"cannot search for {query[:60]!r}: not valid text", code="FL302") from e
        return [SearchHit(r.id, r.title, r.snippet or "", -float(r.rank)) for r in rows]
