"""Export as JSON Lines, CSV and Parquet: rows round-trip, filters apply, an empty store exports nothing."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from helpers import ARTICLES, all_docs

from faultlines.errors import QueryError
from faultlines.export import CSV_COLUMNS, PARQUET_COLUMNS, export
from faultlines.model import Annotation
from faultlines.output import RECORD_LISTS, document_record
from faultlines.store import Store


def _docs():
    docs = all_docs()
    khatlon = docs[0]
    khatlon.add(Annotation("event", 0, 120, label="Violence against civilians", analyzer="events", version="1",
                           attrs={"sub_event_type": "Attack", "country": "Tajikistan", "fatalities": 3}))
    khatlon.add(Annotation("entity", 178, 186, label="GPE", analyzer="ner", version="1", attrs={"role": "Protagonist"}))
    khatlon.add(Annotation("genre", 0, len(khatlon.text), label="news", score=0.9, analyzer="genre", version="1"))
    ru = docs[3]
    ru.add(Annotation("claim", 85, 119, analyzer="claims", version="1", attrs={"stance": "deny", "quote": True}))
    return docs


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "s.db") as s:
        s.add(_docs())
        yield s


def test_jsonl_rows_are_document_records(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert export(store, "jsonl", out, batch_size=2) == len(ARTICLES)
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records == [json.loads(json.dumps(document_record(d), ensure_ascii=False)) for d in _docs()]
    khatlon = records[0]
    assert khatlon["genre"] == "news"
    assert khatlon["events"][0]["event_type"] == "Violence against civilians" and khatlon["events"][0]["fatalities"] == 3
    assert khatlon["entities"][0]["text"] == khatlon["text"][178:186]
    assert "Душанбе" in lines[3]  # UTF-8, not \\u escapes
    assert not list(tmp_path.glob(".*.tmp"))


def test_jsonl_to_stdout_with_filters(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(store, "jsonl", "-", language="ru") == 2
    ids = [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]
    assert ids == ["dushanbe-ru", "bishkek-ru"]
    assert export(store, "jsonl", None, since="2025-11-01") == 2


def test_csv_one_row_per_document(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert export(store, "csv", out) == len(ARTICLES)
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == CSV_COLUMNS
    by_id = {r["id"]: r for r in rows}
    assert by_id["khatlon-attack"]["n_events"] == "1" and by_id["khatlon-attack"]["n_entities"] == "1"
    assert by_id["khatlon-attack"]["genre"] == "news"
    assert by_id["dushanbe-ru"]["n_claims"] == "1"
    for doc in _docs():  # texts with newlines and quotes survive
        assert by_id[doc.id]["text"] == doc.text and by_id[doc.id]["title"] == doc.title


def test_parquet_round_trips_rows(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    assert export(store, "parquet", out, batch_size=2) == len(ARTICLES)
    parquet = pq.ParquetFile(out)
    assert parquet.metadata.num_row_groups == 3  # one per page of 2
    table = parquet.read()
    assert table.column_names == PARQUET_COLUMNS
    rows = table.to_pylist()
    for row, doc in zip(rows, _docs()):
        record = document_record(doc)
        assert {k: row[k] for k in ("id", "source", "title", "text", "language", "published", "genre")} == {
            k: record[k] for k in ("id", "source", "title", "text", "language", "published", "genre")
        }
        for name in RECORD_LISTS:
            assert json.loads(row[name]) == record[name]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_empty_store(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"empty.{fmt}"
    with Store(tmp_path / "empty.db") as s:
        assert export(s, fmt, out) == 0
    if fmt == "jsonl":
        assert out.read_text() == ""
    elif fmt == "csv":
        assert out.read_text().splitlines() == [",".join(CSV_COLUMNS)]
    else:
        table = pq.read_table(out)
        assert table.num_rows == 0 and table.column_names == PARQUET_COLUMNS


def test_bad_format_and_parquet_to_stdout(store: Store, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x.xlsx")
    with pytest.raises(QueryError, match="output file"):
        export(store, "parquet", "-")


def test_memory_stays_bounded(tmp_path: Path) -> None:
    """Exporting streams: peak traced memory does not grow with the number of documents."""
    import tracemalloc

    from faultlines.model import Document

    with Store(tmp_path / "big.db") as s:
        text = "Officials in Tashkent discussed the Rogun dam and water quotas. " * 30
        s.add(Document(id=f"d{i}", text=f"{i} {text}", source=f"x/{i}.txt") for i in range(1500))
        peaks = []
        for fmt in ("jsonl", "parquet"):
            tracemalloc.start()
            export(s, fmt, tmp_path / f"big.{fmt}", batch_size=100)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    corpus = 1500 * len(text)
    assert all(peak < corpus / 2 for peak in peaks), (peaks, corpus)


def _tricky_docs() -> list:
    """Documents whose annotations take every branch of the export's JSON building (see Queries.export_rows)."""
    docs = _docs()
    khatlon, rogun, ru = docs[0], docs[1], docs[3]
    # Attrs that repeat the label key, as the events analyzer writes them, and that override the span text.
    khatlon.add(Annotation("event", 121, 200, label="Battles", analyzer="events", version="1",
                           attrs={"event_type": "Battles", "country": "Tajikistan", "latitude": 37.9, "injuries": None}))
    khatlon.add(Annotation("entity", 0, 5, label="CARDINAL", analyzer="ner", version="1", attrs={"type": "NUM", "text": "3"}))
    khatlon.add(Annotation("claim", 200, 260, analyzer="claims", version="1", score=None,
                           attrs={"quote": 'they said "start": now', "sources": ["Reuters", "AP"], "nested": {"a": [1, 2.5]}}))
    khatlon.add(Annotation("debunk", 0, len(khatlon.text), analyzer="debunks", version="1",
                           attrs={"attributed_to": None, "claim": "invasion", "motive": None, "counter": "requested"}))
    khatlon.add(Annotation("genre", 0, len(khatlon.text), label="analysis", score=0.9, analyzer="genre", version="1"))
    khatlon.add(Annotation("paragraph", 0, 200, analyzer="segment", version="1"))
    khatlon.add(Annotation("sentence", 0, 120, analyzer="segment", version="1"))
    khatlon.add(Annotation("sentence", 121, 200, analyzer="segment", version="1"))
    # Equal spans keep their insertion order; a missing score counts as 0 for the genre.
    rogun.add(Annotation("technique", 0, 40, label="Loaded_Language", score=0.123456, analyzer="persuasion", version="1",
                         attrs={"definition": "Слова с сильной окраской", "paragraph": 0}))
    rogun.add(Annotation("technique", 0, 40, label="Doubt", score=0.5, analyzer="persuasion", version="1"))
    rogun.add(Annotation("genre", 0, len(rogun.text), label="news", analyzer="genre", version="1"))
    rogun.add(Annotation("narrative", 0, len(rogun.text), label="Water war", score=1.0, analyzer="narratives", version="1",
                         attrs={"subnarrative": "Dams as weapons"}))
    rogun.meta = {"feed": "Азия-Плюс", "tags": ["water", "dam"]}
    rogun.published_readings = ["2025-10-12", "2025-12-10"]
    rogun.published_basis = "day-first (locale ru)"
    ru.add(Annotation("entity", 43, 50, label="ORG", analyzer="roles", version="1",
                      attrs={"role": "Antagonist", "fine_roles": ["Deceiver"], "canonical": "Reuters"}))
    return docs


def test_export_lines_are_exactly_the_document_records(tmp_path: Path) -> None:
    """Lines are built from the stored JSON without decoding it: they must be json.dumps(document_record(doc)) exactly."""
    with Store(tmp_path / "s.db") as s:
        s.add(_tricky_docs())
        # A newer version of one analyzer: the older version's annotations leave the record.
        rogun = next(d for d in s.iter_documents() if d.id == "rogun-dam")
        rogun.annotations = [Annotation("technique", 10, 30, label="Flag_Waving", score=0.7, analyzer="persuasion", version="2")]
        s.save_annotations([rogun])
        stored = list(s.iter_documents())
        out = tmp_path / "out.jsonl"
        assert export(s, "jsonl", out, batch_size=2) == len(stored)
        lines = out.read_text(encoding="utf-8").splitlines()
        assert lines == [json.dumps(document_record(d), ensure_ascii=False) for d in stored]
        by_id = {json.loads(line)["id"]: json.loads(line) for line in lines}
        assert [t["technique"] for t in by_id["rogun-dam"]["techniques"]] == ["Flag_Waving"]
        assert by_id["rogun-dam"]["genre"] == "news" and by_id["khatlon-attack"]["genre"] == "news"  # a tie: the first
        assert by_id["khatlon-attack"]["entities"][0]["text"] == "3" and by_id["khatlon-attack"]["paragraphs"] == [[0, 200]]
        # The REST export's records: the same, without the segments.
        from faultlines.query import Queries

        queries = Queries(s)
        rows = list(queries.export_rows(batch_size=3))
        assert [row.json() for row in rows] == [json.dumps(document_record(d, with_segments=False), ensure_ascii=False) for d in stored]
        counted = list(queries.export_rows(render=False))
        assert [row.counts for row in counted] == [tuple(len(document_record(d)[name]) for name in RECORD_LISTS) for d in stored]
        queries.close()


@pytest.mark.parametrize(
    "filters", [{"language": "ru"}, {"language": ["en", "ru"]}, {"language": []}, {"since": "2025-10-12"},
                {"until": "2025-10-12"}, {"since": "2025-01-01", "until": "2025-11-30", "language": "en"}],
)
def test_filters_match_iter_documents(store: Store, tmp_path: Path, filters: dict) -> None:
    out = tmp_path / "f.jsonl"
    export(store, "jsonl", out, batch_size=2, **filters)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [d.id for d in store.iter_documents(**filters)]


def test_rerunning_an_older_analyzer_version_shows_its_claims(tmp_path: Path) -> None:
    """The list endpoints keep the annotations of the version that ran last, whichever version that is."""
    import time

    from faultlines.query import ClaimFilters, Queries

    with Store(tmp_path / "v.db") as s:
        s.add(_tricky_docs())
        khatlon = next(d for d in s.iter_documents() if d.id == "khatlon-attack")
        khatlon.annotations = [Annotation("claim", 0, 40, analyzer="claims", version="2", attrs={"stance": "assert"})]
        s.save_annotations([khatlon])
        time.sleep(1.1)  # created_at has one-second resolution on some stores
        khatlon.annotations = [Annotation("claim", 50, 90, analyzer="claims", version="1", attrs={"stance": "deny"})]
        s.save_annotations([khatlon])
        queries = Queries(s)
        mine = [c for c in queries.claims(ClaimFilters(), limit=50).items if c["document"]["id"] == "khatlon-attack"]
        queries.close()
    assert [(c["start"], c["stance"]) for c in mine] == [(50, "deny")]
