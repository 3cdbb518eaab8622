"""The store, read queries, REST API and CLI on a real PostgreSQL server, checked against SQLite.

The demo corpus is ingested by the runner (cheap analyzers, no encoder) into an
SQLite file and a PostgreSQL database, plus the same hand-made documents
(narrative and technique labels, a hostile article, odd unicode); everything
read back must agree. The server is started by ``tests/pg_support.py``: these
tests are skipped without one, and fail under ``FAULTLINES_REQUIRE_POSTGRES=1``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from helpers import annotate, make_doc
from web_support import hostile_document

from faultlines.demo import DEMO_ARTICLES
from faultlines.errors import QueryError, StoreError
from faultlines.export import export
from faultlines.model import Annotation, Document
from faultlines.output import document_record
from faultlines.query import MARK_END, MARK_START, ClaimFilters, DocumentFilters, EventFilters, Queries
from faultlines.runner import run
from faultlines.settings import Settings
from faultlines.store import SCHEMA_REVISION, Store, migrate
from faultlines.store.schema import include_object, metadata

ANALYZERS = ("language", "segment", "nlp", "claims", "events", "debunks")
TESTS_DIR = Path(__file__).resolve().parent
ODD_ID = "odd-unicode"
# Astral letters, combining marks, zero-width joiner, RTL text, emoji, ё and a lone quote.
ODD_TEXT = (
    "Ёжик 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 café (cafe\u0301) مرحبا بالعالم 👩\u200d👩\u200d👧 flag 🇹🇯 O'Brien's \"quote\n\n"
    "Второй абзац: жёлтый квадрат; zero\u200bwidth; tab\there."
)
NARRATIVES = {
    "russia-201st-base-false-narrative": "Russia is the guarantor of security",
    "gbao-chinese-base-rumour-ru": "China expands its military presence",
    "tajikistan-forgetful-friends": "Russia is the guarantor of security",
}
HOSTILE_QUERIES = [
    "'; DROP TABLE documents; --",
    "\" OR 1=1 --",
    "Robert'); DROP TABLE annotations;--",
    "NEAR(a b) title:x ^y {z} AND NOT OR",
    "a\x00b",
    "\ud800 lone surrogate",
    "🇹🇯 👩\u200d👩\u200d👧",
    "$1 %s %(x)s ? :name \\",
    "x" * 300,
]


def _odd_document() -> Document:
    return Document(id=ODD_ID, text=ODD_TEXT, title="Ёжик & 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 <b>", source="tests/odd.txt", language="ru",
                    published="2025-12-09T08:30:00+05:00", meta={"note": "ё \u200b 👩\u200d👧", "n": [1, 2.5, None]})


def _narrative_labels(store: Store) -> list[Document]:
    docs = []
    for doc_id, label in NARRATIVES.items():
        doc = store.get(doc_id)
        assert doc is not None, doc_id
        doc.annotations = [Annotation("narrative", 0, len(doc.text), label, {"subnarrative": "Other"}, 0.8,
                                      "fixture-narratives", "1")]
        docs.append(doc)
    return docs


def _fill(db: str) -> Store:
    settings = Settings.from_env(db=db)
    store = Store(settings=settings)
    report = run([str(DEMO_ARTICLES)], settings=settings, store=store, analyzers=ANALYZERS)
    assert report.ok and report.added == 18, (report.as_dict(), report.errors)
    store.add([hostile_document(), _odd_document()], analyzers={"fixture": "1"})
    assert store.save_annotations(_narrative_labels(store)) == len(NARRATIVES)
    return store


@dataclass
class Stores:
    sqlite: Store
    postgres: Store
    url: str

    def queries(self) -> tuple[Queries, Queries]:
        return Queries(self.sqlite), Queries(self.postgres)


@pytest.fixture(scope="module")
def stores(pg_server, tmp_path_factory):
    url = pg_server.create_database("demo")
    sqlite = _fill(str(tmp_path_factory.mktemp("pg-compare") / "demo.db"))
    postgres = _fill(url)
    yield Stores(sqlite, postgres, url)
    sqlite.close()
    postgres.close()


def _export(store: Store, fmt: str, out: Path) -> list[str]:
    export(store, fmt, out, batch_size=7)  # several pages
    return out.read_text(encoding="utf-8").splitlines()


# --------------------------------------------------------------------------- schema


def test_fresh_database_migrates_to_head_and_back(pg_url) -> None:
    with Store(pg_url) as store:
        assert store.revision() == SCHEMA_REVISION
        with store._engine.connect() as conn:
            opts = {"compare_type": True, "include_object": include_object}
            assert compare_metadata(MigrationContext.configure(conn, opts=opts), metadata) == []
            collations = {
                (t, c): coll
                for t, c, coll in conn.execute(sa.text(
                    "SELECT table_name, column_name, collation_name FROM information_schema.columns "
                    "WHERE table_schema = 'public' AND data_type = 'text'"
                ))
            }
            generated = conn.execute(sa.text(
                "SELECT data_type, is_generated FROM information_schema.columns "
                "WHERE table_name = 'documents' AND column_name = 'search_vector'"
            )).one()
            indexes = set(conn.execute(sa.text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).scalars())
        # Key columns compare byte by byte (as on SQLite); the human text keeps the database's collation.
        expected = {
            (table.name, column.name): "C" if column.type.dialect_impl(conn.dialect).collation == "C" else None
            for table in metadata.tables.values() for column in table.columns if isinstance(column.type, sa.Text)
        }
        assert collations == expected
        assert expected[("documents", "published")] == "C" and expected[("documents", "text")] is None
        assert tuple(generated) == ("tsvector", "ALWAYS")
        assert {"ix_documents_search_vector", "ix_annotations_event_date", "ix_annotations_narrative"} <= indexes

        with store._engine.connect() as conn:
            migrate.downgrade(conn, "base")
        assert store.revision() is None
        with store._engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) == {"alembic_version"}
            migrate.upgrade(conn)
        assert store.revision() == SCHEMA_REVISION
        store.add([make_doc("rogun-dam"), make_doc("dushanbe-ru")])
        assert [h.id for h in store.search("Rogun")] == ["rogun-dam"]


def test_missing_database_is_one_clear_error(pg_server) -> None:
    with pytest.raises(StoreError) as info:
        Store(pg_server.url("no_such_database"))
    assert info.value.code == "FL201" and "no_such_database" in str(info.value) and "does not exist" in str(info.value)


def test_plain_postgresql_url_means_psycopg(pg_url) -> None:
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    assert Settings(db=plain).db_url() == pg_url
    with Store(plain) as store:
        assert store.dialect == "postgresql" and store.url.get_driver_name() == "psycopg"


# --------------------------------------------------------------------------- ingest and export


def test_export_is_the_same_lines_as_on_sqlite(stores, tmp_path) -> None:
    sqlite_lines = _export(stores.sqlite, "jsonl", tmp_path / "s.jsonl")
    postgres_lines = _export(stores.postgres, "jsonl", tmp_path / "p.jsonl")
    assert len(sqlite_lines) == 20
    assert postgres_lines == sqlite_lines
    records = {json.loads(line)["id"]: json.loads(line) for line in postgres_lines}
    assert records[ODD_ID]["text"] == ODD_TEXT and records[ODD_ID]["meta"]["note"] == "ё \u200b 👩\u200d👧"
    assert records["russia-201st-base-false-narrative"]["narratives"][0]["narrative"] == NARRATIVES[
        "russia-201st-base-false-narrative"]
    assert sum(len(r["claims"]) for r in records.values()) > 100 and sum(len(r["events"]) for r in records.values()) > 20
    # The fast export path gives what the record builder gives for each stored document.
    by_id = {json.loads(line)["id"]: line for line in postgres_lines}
    for doc in stores.postgres.iter_documents(batch_size=6):
        record = document_record(doc)
        line = json.loads(by_id[doc.id])
        assert {k: line[k] for k in record} == record
    assert _export(stores.postgres, "csv", tmp_path / "p.csv") == _export(stores.sqlite, "csv", tmp_path / "s.csv")
    filtered = []
    for store, name in ((stores.postgres, "p-ru.jsonl"), (stores.sqlite, "s-ru.jsonl")):
        export(store, "jsonl", tmp_path / name, language="ru", since="2025-12-01", until="2025-12-08")
        filtered.append((tmp_path / name).read_text(encoding="utf-8").splitlines())
    assert filtered[0] == filtered[1]
    assert {json.loads(x)["id"] for x in filtered[0]} == {
        "darvaz-attack-chinese-citizens-killed-ru", "tajik-foreign-ministry-denies-reuters-report-ru",
        "russia-does-not-abandon-its-own-ru",
    }


def test_reingest_adds_nothing(stores) -> None:
    before = stores.postgres.stats()
    settings = Settings.from_env(db=stores.url)
    report = run([str(DEMO_ARTICLES)], settings=settings, store=stores.postgres, analyzers=ANALYZERS)
    assert report.as_dict() == {"read": 18, "analyzed": 0, "added": 0, "updated": 0, "unchanged": 18, "errors": 0}
    for store in (stores.postgres, stores.sqlite):  # both, so that the later comparisons see the same writes
        again = store.add([hostile_document(), _odd_document()], analyzers={"fixture": "1"})
        assert (again.added, again.unchanged) == (0, 2)
    after = stores.postgres.stats()
    assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in before.items() if k != "runs"}
    assert after["runs"] == before["runs"] + 1 and stores.postgres.runs()[0]["status"] == "ok"
    with stores.postgres._engine.connect() as conn:
        duplicates = conn.execute(sa.text(
            "SELECT count(*) FROM (SELECT doc_pk, analyzer, version, layer, label, start, \"end\" FROM annotations "
            "GROUP BY doc_pk, analyzer, version, layer, label, start, \"end\", attrs::text HAVING count(*) > 1) AS d"
        )).scalar_one()
    assert duplicates == 0


def test_runner_resumes_where_a_run_stopped(pg_url) -> None:
    files = sorted(str(p) for p in DEMO_ARTICLES.iterdir() if p.suffix in (".txt", ".md", ".html"))
    settings = Settings.from_env(db=pg_url)
    with Store(settings=settings) as store:
        first = run(files[:6], settings=settings, store=store, analyzers=("language", "segment"))
        assert (first.analyzed, first.added) == (6, 6)
        rest = run([str(DEMO_ARTICLES)], settings=settings, store=store, analyzers=("language", "segment"))
        assert (rest.read, rest.analyzed, rest.added, rest.unchanged) == (18, 12, 12, 6)
        assert store.count() == 18


CHILD = f"""
import sys
sys.path.insert(0, {str(TESTS_DIR)!r})
from helpers import annotate, make_doc
from faultlines.store import Store

docs = [annotate(make_doc("rogun-dam", id=f"report-{{i:05d}}", text=f"Report {{i}} from Душанбе on water, day {{i}}."),
                 "events", "1", count=2) for i in range(1500)]
with Store(sys.argv[1]) as store:
    for start in range(0, 1500, 100):
        print(start, store.add(docs[start:start + 100], batch_size=50).added, flush=True)
print("done", flush=True)
"""


def test_killed_writer_then_rerun(pg_url) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, pg_url], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for _ in range(3):  # let it commit a few batches, then kill it while it writes the next
        assert child.stdout.readline()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    with Store(pg_url) as store:
        stored = store.count()
        assert 300 <= stored < 1500 and stored % 50 == 0  # whole batches only
        assert store.stats()["annotations"] == 2 * stored
    rerun = subprocess.run([sys.executable, "-c", CHILD, pg_url], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0 and rerun.stdout.rstrip().endswith("done"), rerun.stderr
    with Store(pg_url) as store:
        figures = store.stats()
        assert (figures["documents"], figures["annotations"], figures["sources"]) == (1500, 3000, 1500)
        assert [h.id for h in store.search("Report 1499")][:1] == ["report-01499"]


def test_concurrent_writers_store_each_document_once(pg_url) -> None:
    docs = [annotate(make_doc("bishkek-ru", id=f"border-{i:04d}", text=f"Граница {i} открыта."), "events", "1")
            for i in range(300)]
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with Store(pg_url) as store:  # each opens its own connections (and races to migrate)
                store.add(docs, batch_size=20, analyzers={"events": "1"})
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=write) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(pg_url) as store:
        figures = store.stats()
    assert (figures["documents"], figures["annotations"], figures["sources"]) == (300, 300, 300)


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize("q, word", [("Душанбе", "Душанбе"), ("душанбе", "Душанбе"), ("Reuters", "Reuters"),
                                     ("Душанб*", "Душанбе"), ('"Chinese citizens" OR Khorog', None)])
def test_search_finds_the_same_documents_with_snippets(stores, q, word) -> None:
    sqlite_hits = stores.sqlite.search(q, limit=50)
    postgres_hits = stores.postgres.search(q, limit=50)
    assert postgres_hits and {h.id for h in postgres_hits} == {h.id for h in sqlite_hits}
    assert [h.rank for h in postgres_hits] == sorted(h.rank for h in postgres_hits)  # best (lowest) first
    if word:
        assert any(f"{MARK_START}{word}{MARK_END}" in h.snippet for h in postgres_hits)
    sq, pq = stores.queries()
    found = pq.search(q, limit=50)
    assert {r["id"] for r in found} == {r["id"] for r in sq.search(q, limit=50)}
    assert all(MARK_START in r["snippet"] and MARK_END in r["snippet"] for r in found if word)
    claims = [(c["document"]["id"], c["start"], c["end"]) for c in pq.search_claims(q)]
    sqlite_claims = [(c["document"]["id"], c["start"], c["end"]) for c in sq.search_claims(q)]
    assert claims == sqlite_claims  # both fold Cyrillic case (SQLite through the store's unicode_lower)
    if not q.isascii():
        assert bool(claims) == (q.lower() == "душанбе")  # a claim quotes officials in Душанбе; no "*" in claim texts


def test_a_common_word_is_ranked_among_the_same_newest_matches(stores, monkeypatch) -> None:
    import faultlines.query

    monkeypatch.setattr(faultlines.query, "SEARCH_RANK_DOCUMENTS", 3)
    sq, pq = stores.queries()
    on_sqlite, on_postgres = sq.search_all("Tajikistan", limit=50), pq.search_all("Tajikistan", limit=50)
    assert on_sqlite["documents_ranked_among"] == on_postgres["documents_ranked_among"] == 3
    assert len(on_postgres["documents"]) == 3
    assert {h["id"] for h in on_postgres["documents"]} == {h["id"] for h in on_sqlite["documents"]}


def test_raw_search_takes_tsquery_syntax(stores) -> None:
    with_reuters = {h.id for h in stores.postgres.search("Душанбе & Reuters", raw=True, limit=50)}
    without = {h.id for h in stores.postgres.search("Душанбе & !Reuters", raw=True, limit=50)}
    every = {h.id for h in stores.postgres.search("Душанбе", limit=50)}
    assert with_reuters and without and with_reuters | without == every and not with_reuters & without


def test_search_of_odd_unicode(stores) -> None:
    for q in ("Ёжик", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "жёлтый", "مرحبا"):
        assert [h.id for h in stores.postgres.search(q)] == [ODD_ID], q
        assert [h.id for h in stores.sqlite.search(q)] == [ODD_ID], q
    doc = stores.postgres.get(ODD_ID)
    assert doc.text == ODD_TEXT and doc.title == "Ёжик & 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 <b>" and doc.meta["n"] == [1, 2.5, None]


def test_hostile_input_does_no_harm(stores) -> None:
    before = stores.postgres.stats()
    sq, pq = stores.queries()
    for q in HOSTILE_QUERIES:
        for store in (stores.sqlite, stores.postgres):
            try:
                hits = store.search(q)
            except QueryError as e:
                assert e.code in ("FL301", "FL302"), (q, e)
            else:
                assert all(isinstance(h.snippet, str) for h in hits)
        for queries in (sq, pq):
            try:
                queries.search(q)
                queries.documents(DocumentFilters(q=q))
            except QueryError as e:
                assert e.code in ("FL301", "FL302"), (q, e)
        for field in ("language", "source", "narrative", "technique", "country"):
            filters = DocumentFilters(**{field: q.replace("\x00", "").replace("\ud800", "")})
            assert pq.documents(filters).items == sq.documents(filters).items == [], (field, q)
        if "\x00" not in q:
            assert pq.claims(ClaimFilters(q=q.replace("\ud800", ""), speaker="'--")).items == []
    with pytest.raises(QueryError) as info:  # PostgreSQL text cannot hold NUL: a clear 400-style error, not a crash
        pq.claims(ClaimFilters(speaker="a\x00b"))
    assert info.value.code == "FL303"
    with pytest.raises(QueryError) as info:
        stores.postgres.search("(unbalanced & ", raw=True)
    assert info.value.code == "FL302"
    assert stores.postgres.stats() == before
    # (a NUL, which PostgreSQL text cannot hold, never reaches the store: the document model makes it a space)
    assert Document(id="nul", text="a\x00b", source="x").text == "a b"


# --------------------------------------------------------------------------- read queries


def _pages(queries: Queries, filters: DocumentFilters, limit: int = 3) -> list[dict]:
    items, cursor = [], None
    while True:
        page = queries.documents(filters, limit=limit, cursor=cursor)
        items += page.items
        if page.next_cursor is None:
            return items
        cursor = page.next_cursor


DOCUMENT_FILTERS = [
    DocumentFilters(),
    DocumentFilters(language="ru"),
    DocumentFilters(language="en", since="2025-11", until="2025-12-04"),
    DocumentFilters(since="2025-12-01"),
    DocumentFilters(until="2025-10-31"),
    DocumentFilters(narrative="Russia is the guarantor of security"),
    DocumentFilters(technique="Loaded_Language"),
    DocumentFilters(country="Kyrgyzstan"),
    DocumentFilters(country="Tajikistan", language="ru", since="2025-11-01"),
    DocumentFilters(source="tests/"),
    DocumentFilters(q="Tajikistan OR Таджикистан", language="en"),
]


@pytest.mark.parametrize("filters", DOCUMENT_FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.active().items()) or "all")
def test_document_lists_and_cursors_agree(stores, filters) -> None:
    sq, pq = stores.queries()
    postgres_items = _pages(pq, filters)
    sqlite_items = _pages(sq, filters)
    assert postgres_items, "the filter should match something in the corpus"
    snippets = [item.pop("snippet", None) for item in postgres_items]
    for item in sqlite_items:
        item.pop("snippet", None)
    assert postgres_items == sqlite_items
    if filters.q:
        assert all(s and MARK_START in s for s in snippets)
    dates = [i["published"] for i in postgres_items]
    assert dates == sorted(dates, reverse=True)


def test_events_claims_entities_and_trends_agree(stores) -> None:
    sq, pq = stores.queries()

    def walk(method, filters):
        """Every page; annotation ids are left out (a sequence and SQLite's rowid may number the same rows apart)."""
        items, cursor = [], None
        while True:
            page = method(filters, limit=7, cursor=cursor)
            items += [{k: v for k, v in item.items() if k != "annotation_id"} for item in page.items]
            if page.next_cursor is None:
                return items
            cursor = page.next_cursor

    for filters in (EventFilters(), EventFilters(country="Tajikistan", since="2025-11"), EventFilters(iso="kg")):
        events = walk(pq.events, filters)
        assert events and events == walk(sq.events, filters)
    for filters in (ClaimFilters(), ClaimFilters(language="ru"), ClaimFilters(q="border"), ClaimFilters(speaker="ministry")):
        claims = walk(pq.claims, filters)
        assert claims and claims == walk(sq.claims, filters), filters
    def features(queries):
        collection = queries.events_geojson()
        for feature in collection["features"]:
            del feature["properties"]["annotation_id"]
        return collection

    assert features(pq) == features(sq) and features(pq)["features"]
    assert pq.event_timeline() == sq.event_timeline()
    for kwargs in ({}, {"layer": "ner"}, {"q": "tajik"}, {"q": "душанбе"}, {"type": "LOC"}):
        entities = pq.entities(**kwargs)
        assert entities["items"] and entities == sq.entities(**kwargs), kwargs
    for kwargs in ({}, {"type": "GPE"}):  # pages of three, the same on both stores and equal to one page
        pages = [pq.entities(limit=3, **kwargs)]
        while pages[-1]["next_cursor"]:
            pages.append(pq.entities(limit=3, cursor=pages[-1]["next_cursor"], **kwargs))
        whole = pq.entities(limit=500, **kwargs)
        assert len(pages) > 2 and [i for p in pages for i in p["items"]] == whole["items"], kwargs
        assert pages[1] == sq.entities(limit=3, cursor=pages[0]["next_cursor"], **kwargs)
    for kwargs in ({}, {"by": "source", "period": "week"}, {"period": "day", "narrative": "China expands its military presence"}):
        trends = pq.narrative_trends(**kwargs)
        assert trends["series"] and trends == sq.narrative_trends(**kwargs)
    assert pq.top_narratives() == sq.top_narratives() and pq.top_narratives()
    assert pq.facets() == sq.facets() and pq.counts() == sq.counts()
    assert pq.anchor_date() == sq.anchor_date()


def test_read_side_cannot_write(stores) -> None:
    _, pq = stores.queries()
    with pytest.raises(StoreError):
        with pq._read() as c:
            c.execute(sa.text("DELETE FROM annotations"))
    assert stores.postgres.stats()["annotations"] > 0


# --------------------------------------------------------------------------- REST API and CLI


def test_rest_api_answers_on_postgresql(stores, tmp_path) -> None:
    from fastapi.testclient import TestClient

    from faultlines.api import ServeSettings, create_app

    def app(db: str):
        return TestClient(create_app(ServeSettings(db=db, load_models=False, contradictions=False)))

    sqlite_db = str(stores.sqlite.path)
    with app(stores.url) as pg_client, app(sqlite_db) as sqlite_client:
        for params in ({"language": "ru", "limit": 2}, {"country": "Tajikistan", "since": "2025-12-01", "limit": 2},
                       {"q": "Душанбе", "limit": 2}):
            ids, cursor = [], None
            while True:
                response = pg_client.get("/api/documents", params={**params, **({"cursor": cursor} if cursor else {})})
                assert response.status_code == 200, response.text
                body = response.json()
                ids += [item["id"] for item in body["items"]]
                cursor = body["next_cursor"]
                if not cursor:
                    break
            assert ids and ids == [i["id"] for i in _pages(Queries(stores.sqlite), DocumentFilters(**{
                k: v for k, v in params.items() if k != "limit"}))]
        found = pg_client.get("/api/search", params={"q": "Душанбе"}).json()
        assert found["documents"] and all(MARK_START in d["snippet"] for d in found["documents"])
        assert {d["id"] for d in found["documents"]} == {
            d["id"] for d in sqlite_client.get("/api/search", params={"q": "Душанбе"}).json()["documents"]}
        exported = pg_client.get("/api/export.jsonl")
        assert exported.status_code == 200
        assert exported.text == sqlite_client.get("/api/export.jsonl").text
        assert len(exported.text.splitlines()) == 20
        ru_csv = pg_client.get("/api/export.csv", params={"language": "ru"}).text
        assert ru_csv == sqlite_client.get("/api/export.csv", params={"language": "ru"}).text
        assert len(list(csv.reader(io.StringIO(ru_csv)))) == 1 + 7
        detail = pg_client.get(f"/api/documents/{ODD_ID}").json()
        assert detail == sqlite_client.get(f"/api/documents/{ODD_ID}").json() and detail["text"] == ODD_TEXT
        for q in HOSTILE_QUERIES:
            response = pg_client.get("/api/search", params={"q": q.replace("\x00", "").replace("\ud800", "")[:300]})
            assert response.status_code in (200, 400), (q, response.text)
        assert pg_client.get("/api/claims", params={"speaker": "a\x00b"}).json()["status"] == 400
        assert pg_client.get("/api/documents", params={"q": "\x00"}).json()["status"] == 400
        assert pg_client.get("/api/stats").json()["documents"] == 20


def test_cli_stats_and_search(stores) -> None:
    url = stores.url.replace("postgresql+psycopg://", "postgresql://")  # the plain form works too
    done = subprocess.run([sys.executable, "-m", "faultlines.cli", "stats", "--db", url, "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["documents"] == 20 and figures["revision"] == SCHEMA_REVISION
    assert figures["annotations_by_layer"]["narrative"] == len(NARRATIVES)

    from typer.testing import CliRunner

    from faultlines.cli import app

    result = CliRunner().invoke(app, ["search", "Душанбе", "--db", stores.url, "--json"])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert hits and {h["id"] for h in hits} == {h.id for h in stores.sqlite.search("Душанбе")}


def test_cli_never_prints_the_store_password(pg_url, tmp_path) -> None:
    from typer.testing import CliRunner

    from faultlines.cli import app

    article = tmp_path / "note.txt"
    article.write_text("Border talks\n\nTajik and Kyrgyz officials met in Batken on Monday.", encoding="utf-8")
    # the test server trusts its socket, so the password is never checked: only whether it leaks
    url = pg_url.replace("postgresql+psycopg://postgres@", "postgresql+psycopg://postgres:s3cret-pw@")
    assert "s3cret-pw" in url
    result = CliRunner().invoke(app, ["ingest", str(article), "--db", url])
    assert result.exit_code == 0, result.output
    assert "s3cret-pw" not in result.output and "***" in result.output
    missing = CliRunner().invoke(app, ["show", "no-such-id", "--db", url])
    assert missing.exit_code != 0 and "s3cret-pw" not in missing.output


def test_claim_verdicts_are_stored_in_postgresql(stores) -> None:
    from typer.testing import CliRunner

    from faultlines.cli import app

    claims = [json.loads(line) for line in
              CliRunner().invoke(app, ["claims", "export", "--format", "jsonl", "--db", stores.url]).stdout.splitlines()]
    denial = next(c for c in claims if c["stance"] == "deny")
    done = CliRunner().invoke(app, ["review", denial["claim_id"], "--rating", "misleading", "--note", "see the Security Council",
                                    "--db", stores.url])
    assert done.exit_code == 0, done.output
    exported = CliRunner().invoke(app, ["claims", "export", "--format", "claimreview", "--db", stores.url])
    assert exported.exit_code == 0, exported.output
    (review,) = json.loads(exported.stdout)
    assert review["reviewRating"]["alternateName"] == "Misleading" and review["claimReviewed"] == denial["text"]
