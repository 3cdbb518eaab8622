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
