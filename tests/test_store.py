"""The document store on real SQLite files: round trips, identity rules, annotation versions, reading."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from helpers import ARTICLES, all_docs, annotate, make_doc, sqlite_checks

from faultlines.errors import QueryError, StoreError
from faultlines.model import Annotation, Document
from faultlines.settings import Settings
from faultlines.store import SCHEMA_REVISION, AddResult, Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db: Path):
    with Store(db) as s:
        yield s


# --------------------------------------------------------------------------- opening


def test_open_creates_store_with_sqlite_settings(store: Store, db: Path) -> None:
    assert db.exists()
    assert store.count() == 0
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_default_location_comes_from_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(settings=Settings(db=str(tmp_path / "a.db"))) as s:
        assert s.path == tmp_path / "a.db"
    monkeypatch.setenv("FAULTLINES_DB", str(tmp_path / "env.db"))
    with Store() as s:
        assert s.path == tmp_path / "env.db"
    with Store(f"sqlite:///{tmp_path / 'url.db'}") as s:
        assert (tmp_path / "url.db").exists()


def test_reopening_an_up_to_date_store_is_fast(db: Path) -> None:
    Store(db).close()
    started = time.perf_counter()
    for _ in range(5):
        Store(db).close()
    assert (time.perf_counter() - started) / 5 < 0.1


def test_unwritable_path_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError) as info:
        Store(blocker / "store.db")
    assert str(blocker) in str(info.value) and "--db" in str(info.value)
    assert "\n" not in str(info.value)
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)


def test_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are my notes about Bishkek, not a database. " * 200)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.code == "FL202"
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    assert path.read_text().startswith("These are my notes")


def test_newer_schema_revision_is_refused(db: Path) -> None:
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    with pytest.raises(StoreError) as info:
        Store(db)
    assert info.value.code == "FL203"
    assert str(db) in str(info.value) and "upgrade faultlines" in str(info.value)


# --------------------------------------------------------------------------- adding


def test_round_trip_is_exact_with_annotations(store: Store) -> None:
    doc = make_doc("dushanbe-ru", language_score=0.987654321, published_readings=["2025-12-02", "2025-02-12"],
                   published_basis="day-first (ru)", meta={"feed": "ТАСС", "tags": ["Душанбе", 1, None, {"ё": True}]})
    doc.add(Annotation("claim", 0, 80, label=None, score=0.75, analyzer="claims", version="1",
                       attrs={"speaker": "МИД Таджикистана", "stance": "deny", "about": {"topic": "военная помощь", "n": [1, 2.5]}}))
    doc.add(Annotation("sentence", 0, 83, analyzer="segment", version="1"))
    doc.add(Annotation("entity", 4, 16, label="ORG", analyzer="ner", version="2024.1", score=None, attrs={"fine_roles": []}))
    doc.add(Annotation("claim", 84, 118, analyzer="claims", version="1", attrs={"quote": True}))  # interleaved analyzers
    result = store.add([doc])
    assert result == AddResult(added=1, ids=["dushanbe-ru"])
    back = store.get("dushanbe-ru")
    assert back == doc
    assert back.to_dict() == doc.to_dict()
    assert back.span_text(back.layer("entity")[0]) == "Таджикистана"
    assert store.get("missing") is None


def test_round_trip_of_every_article(store: Store) -> None:
    docs = [annotate(d, "events", "1", attrs={"country": "Tajikistan", "nested": {"a": [1, "б"]}}, count=3) for d in all_docs()]
    store.add(docs)
    assert {d.id: d for d in store.iter_documents()} == {d.id: d for d in docs}


def test_re_adding_the_same_documents_adds_nothing(store: Store, db: Path) -> None:
    first = store.add(all_docs())
    assert (first.added, first.updated, first.unchanged) == (len(ARTICLES), 0, 0)
    before = sqlite_checks(db)
    second = store.add(all_docs())
    assert (second.added, second.updated, second.unchanged) == (0, 0, len(ARTICLES))
    assert second.ids == first.ids
    assert sqlite_checks(db) == before == ("ok", len(ARTICLES), len(ARTICLES))
    # Whitespace, line endings and a BOM do not make a new article.
    doc = make_doc("rogun-dam")
    copy = make_doc("rogun-dam", text="\ufeff" + doc.text.replace(" ", "  ") + "\r\n")
    assert store.add([copy]).unchanged == 1
    assert store.count() == len(ARTICLES)


def test_same_article_from_two_paths_is_one_document_with_two_sources(store: Store) -> None:
    a = make_doc("rogun-dam", id="rogun", source="feeds/asia/rogun.html")
    b = make_doc("rogun-dam", id="rogun-copy", source="mirror/rogun-copy.html")
    result = store.add([a, b])
    assert (result.added, result.unchanged) == (1, 1)
    assert result.ids == ["rogun", "rogun"]
    assert store.count() == 1
    assert store.sources("rogun") == ["feeds/asia/rogun.html", "mirror/rogun-copy.html"]
    store.add([b])  # seen again at a known path: nothing new
    assert store.sources("rogun") == ["feeds/asia/rogun.html", "mirror/rogun-copy.html"]
    assert store.stats()["sources"] == 2


def test_edited_file_replaces_text_and_drops_stale_annotations(store: Store, db: Path) -> None:
    original = annotate(make_doc("csto-kazakhstan"), "claims", "1", count=2)
    store.add([original])
    edited = make_doc("csto-kazakhstan", text=original.text + " A correction was appended on Friday.")
    result = store.add([edited])
    assert (result.added, result.updated, result.unchanged) == (0, 1, 0)
    assert result.ids == ["csto-kazakhstan"]
    stored = store.get("csto-kazakhstan")
    assert stored.text == edited.text and stored.content_hash == edited.content_hash
    assert stored.annotations == []
    assert store.analyzed([edited.content_hash], {"claims": "1"}) == set()
    assert store.known_hashes([original.content_hash, edited.content_hash]) == {edited.content_hash}
    assert store.search("correction")[0].id == "csto-kazakhstan"
    assert not store.search("correction appended Tokayev Friday nonexistentword")
    assert sqlite_checks(db) == ("ok", 1, 1)


def test_same_stem_in_different_directories_gets_a_distinct_id(store: Store) -> None:
    a = make_doc("khatlon-attack", id="index", source="site-a/2025/index.html")
    b = make_doc("bishkek-ru", id="index", source="site-b/news/index.html")
    result = store.add([a, b])
    assert result.added == 2
    assert result.ids == ["index", f"index-{b.content_hash[:8]}"]
    assert store.get(result.ids[1]).source == "site-b/news/index.html"
    # Later, site-b's index.html is edited: the disambiguated document is updated, not duplicated.
    b2 = make_doc("bishkek-ru", id="index", source="site-b/news/index.html", text=b.text + " Обновлено.")
    again = store.add([b2])
    assert (again.added, again.updated) == (0, 1)
    assert again.ids == [result.ids[1]]
    assert store.get(result.ids[1]).text.endswith("Обновлено.")
    assert store.get("index").text == a.text
    assert store.count() == 2


def test_duplicates_and_edits_inside_one_batch(store: Store) -> None:
    a = make_doc("rogun-dam", id="r", source="x/r.txt")
    a2 = make_doc("rogun-dam", id="r", source="x/r.txt", text=a.text + " Updated.")
    same = make_doc("rogun-dam", id="r-copy", source="y/r.txt", text=a.text + " Updated.")
    result = store.add([a, a2, same])
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    assert result.ids == ["r", "r", "r"]
    assert store.get("r").text == a2.text
    assert store.sources("r") == ["x/r.txt", "y/r.txt"]


def test_batches_commit_separately_and_ids_keep_input_order(store: Store) -> None:
    docs = [make_doc("rogun-dam", id=f"doc-{i}", text=f"Report {i} from Tashkent on the Rogun dam.") for i in range(23)]
    result = store.add(iter(docs), batch_size=5)
    assert result.added == 23 and result.ids == [d.id for d in docs]
    assert [d.id for d in store.iter_documents(batch_size=4)] == result.ids


def test_annotations_with_bad_offsets_are_refused(store: Store) -> None:
    doc = make_doc("rogun-dam")
    doc.annotations.append(Annotation("event", 5, len(doc.text) + 10, analyzer="events", version="1"))
    with pytest.raises(StoreError, match="does not fit"):
        store.add([doc])
    assert store.count() == 0


# --------------------------------------------------------------------------- annotation versions


def test_annotation_versions_are_kept_per_analyzer(store: Store) -> None:
    doc = make_doc("khatlon-attack")
    store.add([doc])
    store.save_annotations([annotate(make_doc("khatlon-attack"), "events", "1", count=2)])
    store.save_annotations([annotate(make_doc("khatlon-attack"), "events", "2", count=3)])
    store.save_annotations([annotate(make_doc("khatlon-attack"), "claims", "1", layer="claim", count=1)])

    latest = store.get("khatlon-attack")
    assert sorted({(a.analyzer, a.version) for a in latest.annotations}) == [("claims", "1"), ("events", "2")]
    assert len(latest.layer("event")) == 3
    every = store.get("khatlon-attack", versions="all")
    assert sorted({(a.analyzer, a.version) for a in every.annotations}) == [("claims", "1"), ("events", "1"), ("events", "2")]
    pinned = store.get("khatlon-attack", versions={"events": "1"})
    assert {a.version for a in pinned.layer("event")} == {"1"}

    # Re-saving v2 replaces v2 only; v1 stays.
    store.save_annotations([annotate(make_doc("khatlon-attack"), "events", "2", label="again", count=1)])
    every = store.get("khatlon-attack", versions="all")
    v2 = [a for a in every.annotations if a.analyzer == "events" and a.version == "2"]
    v1 = [a for a in every.annotations if a.analyzer == "events" and a.version == "1"]
    assert [a.label for a in v2] == ["again"] and len(v1) == 2
    # Re-running v1 makes it the latest again.
    store.save_annotations([annotate(make_doc("khatlon-attack"), "events", "1", count=2)])
    assert {a.version for a in store.get("khatlon-attack").layer("event")} == {"1"}
    assert store.stats()["annotations_by_analyzer"] == {"claims@1": 1, "events@1": 2, "events@2": 1}


def test_analyzed_and_known_hashes(store: Store) -> None:
    docs = all_docs()
    store.add(docs[:3])
    hashes = [d.content_hash for d in docs]
    assert store.known_hashes(hashes) == set(hashes[:3])
    store.save_annotations([annotate(docs[0], "events", "1")], analyzers={"claims": "1"})
    store.save_annotations([docs[1]], analyzers={"events": "1"})  # ran, found nothing
    assert store.analyzed(hashes, {"events": "1"}) == set(hashes[:2])
    assert store.analyzed(hashes, {"events": "1", "claims": "1"}) == {hashes[0]}
    assert store.analyzed(hashes, {"events": "2"}) == set()
    assert store.analyzed(hashes, {}) == set(hashes[:3])
    assert store.get(docs[1].id).annotations == []


def test_add_saves_annotations_and_records_analyzers(store: Store) -> None:
    run = store.start_run("faultlines ingest corpus/", Settings(db="postgresql://u:secret@host/db"))
    doc = annotate(make_doc("rogun-dam"), "events", "1", count=2)
    store.add([doc], run_id=run, analyzers={"events": "1", "claims": "1"})
    assert store.analyzed([doc.content_hash], {"events": "1", "claims": "1"}) == {doc.content_hash}
    # Re-adding the same article with new annotations replaces those versions.
    again = annotate(make_doc("rogun-dam"), "events", "1", label="x", count=1)
    assert store.add([again]).unchanged == 1
    assert [a.label for a in store.get("rogun-dam").annotations] == ["x"]
    # A copy with other bytes (CRLF) is the same article, but its offsets are not the stored text's.
    crlf = annotate(make_doc("rogun-dam", id="copy", text=doc.text.replace(" ", "\r\n")), "events", "1", label="crlf")
    assert store.add([crlf]).unchanged == 1
    assert [a.label for a in store.get("rogun-dam").annotations] == ["x"]
    store.finish_run(run, {"added": 1}, "ok")
    (record,) = store.runs()
    assert record["status"] == "ok" and record["counts"] == {"added": 1}
    assert "secret" not in str(record["settings"]) and record["settings"]["languages"] == ["en", "ru"]


def test_save_annotations_needs_a_stored_document_with_the_same_text(store: Store) -> None:
    with pytest.raises(StoreError, match="not in store"):
        store.save_annotations([annotate(make_doc("rogun-dam"), "events", "1")])
    store.add([make_doc("rogun-dam")])
    crlf = annotate(make_doc("rogun-dam", text=make_doc("rogun-dam").text.replace(" ", "\r\n")), "events", "1")
    with pytest.raises(StoreError, match="offsets"):
        store.save_annotations([crlf])
    assert store.save_annotations([annotate(make_doc("rogun-dam"), "events", "1")]) == 1


# --------------------------------------------------------------------------- reading


def test_iter_documents_streams_with_keyset_pages_and_filters(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(all_docs())
    store.add([make_doc("rogun-dam", id="undated", text="Undated note from Khujand.", published=None, language=None)])
    statements: list[tuple[str, tuple]] = []
    from sqlalchemy import event

    @event.listens_for(store._engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        statements.append((statement, parameters))

    got = list(store.iter_documents(batch_size=2, with_annotations=False))
    assert [d.id for d in got] == [*ARTICLES, "undated"]
    pages = [(s, p) for s, p in statements if "FROM documents" in s and "LIMIT" in s]
    assert len(pages) == 4  # 2 + 2 + 2 rows, then an empty page
    assert all("documents.pk > ?" in s for s, _ in pages[1:])
    # SQLite's dialect always writes OFFSET; keyset pagination keeps it at 0.
    assert all(p[-1] == 0 for s, p in pages if "OFFSET" in s)

    assert {d.id for d in store.iter_documents(language="ru")} == {"dushanbe-ru", "bishkek-ru"}
    assert {d.id for d in store.iter_documents(language=["ru", "en"])} == set(ARTICLES)
    assert {d.id for d in store.iter_documents(since="2025-10-12")} == {"khatlon-attack", "rogun-dam", "dushanbe-ru"}
    assert {d.id for d in store.iter_documents(until="2025-10-12")} == {"rogun-dam", "csto-kazakhstan", "bishkek-ru"}
    assert {d.id for d in store.iter_documents(since="2025-01-01", until="2025-06-30", language="ru")} == {"bishkek-ru"}
    with pytest.raises(QueryError):
        list(store.iter_documents(until="2025-13-45"))


def test_iter_documents_is_lazy(store: Store) -> None:
    store.add(all_docs())
    stream = store.iter_documents(batch_size=1)
    first = next(stream)
    store.add([make_doc("rogun-dam", id="late", text="Added while a reader was streaming.")])
    assert [first.id, *(d.id for d in stream)] == [*ARTICLES, "late"]


def test_stats(store: Store) -> None:
    store.add([annotate(d, "events", "1") for d in all_docs()])
    stats = store.stats()
    assert stats["documents"] == 5
    assert stats["by_language"] == {"en": 3, "ru": 2}
    assert stats["annotations"] == 5
    assert stats["annotations_by_layer"] == {"event": 5}
    assert stats["annotations_by_analyzer"] == {"events@1": 5}
    assert stats["revision"] == SCHEMA_REVISION


def test_document_from_json_round_trips_through_the_store(store: Store) -> None:
    doc = Document.from_json(make_doc("bishkek-ru").to_json())
    store.add([doc])
    assert store.get(doc.id).to_json() == doc.to_json()


def test_a_store_opened_for_reading_must_be_there(tmp_path: Path) -> None:
    missing = tmp_path / "mistyped.db"
    with pytest.raises(StoreError, match="no store at") as err:
        Store(missing, existing=True)
    assert err.value.code == "FL210" and not missing.exists()
    Store(missing).close()  # (without it a new store is made, as ingest wants)
    Store(missing, existing=True).close()
