"""Export stored documents as JSON Lines, CSV or Parquet, streaming.

Memory stays bounded: documents come from :meth:`Store.iter_documents`
(keyset pages) and are written as they arrive, Parquet one row group per
page. Files are written under a temporary name and renamed when complete, so
an interrupted export never leaves a truncated file behind.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from .errors import QueryError
from .output import RECORD_LISTS, document_record

FORMATS = ("jsonl", "csv", "parquet")
CSV_COLUMNS = (
    ["id", "source", "title", "language", "published", "genre"]
    + [f"n_{name}" for name in RECORD_LISTS]
    + ["text"]
)
PARQUET_COLUMNS = ["id", "source", "title", "text", "language", "published", "genre", *RECORD_LISTS]


@contextmanager
def _open_out(out: Path | str | None, *, binary: bool = False, newline: str | None = None) -> Iterator[IO[Any]]:
    if out is None or str(out) == "-":
        if binary:
            raise QueryError("parquet cannot be written to standard output: give an output file (--out FILE.parquet)", code="FL304")
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(out)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if binary:
            yield tmp  # type: ignore[misc]  # pyarrow opens the path itself
        else:
            with open(tmp, "w", encoding="utf-8", newline=newline) as handle:
                yield handle
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def export(store: Any, fmt: str, out: Path | str | None = None, *, batch_size: int = 1000, **filters: Any) -> int:
    """Write every stored document (optionally filtered) in ``fmt``; returns the number of rows.

    ``fmt`` is ``"jsonl"`` (one :func:`~faultlines.output.document_record` per
    line), ``"csv"`` (one row per document: metadata, a count per record list
    field, the text) or ``"parquet"`` (list fields as JSON strings). ``out``
    None or ``"-"`` writes jsonl/csv to standard output. ``filters`` go to
    :meth:`Store.iter_documents` (``language``, ``since``, ``until``).
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}", code="FL304")
    docs = store.iter_documents(batch_size=batch_size, with_annotations=True, **filters)
    records = (document_record(doc) for doc in docs)
    if fmt == "jsonl":
        return _jsonl(records, out)
    if fmt == "csv":
        return _csv(records, out)
    return _parquet(records, out, batch_size)


def _jsonl(records: Iterator[dict[str, Any]], out: Path | str | None) -> int:
    rows = 0
    with _open_out(out, newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
            rows += 1
    return rows


def _csv(records: Iterator[dict[str, Any]], out: Path | str | None) -> int:
    rows = 0
    with _open_out(out, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for record in records:
            writer.writerow(
                [record["id"], record["source"], record["title"], record["language"], record["published"], record["genre"]]
                + [len(record[name]) for name in RECORD_LISTS]
                + [record["text"]]
            )
            rows += 1
    return rows


def _parquet(records: Iterator[dict[str, Any]], out: Path | str | None, batch_size: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([pa.field(name, pa.string()) for name in PARQUET_COLUMNS])
    rows = 0
    with _open_out(out, binary=True) as path:
        with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
            columns: dict[str, list[Any]] = {name: [] for name in PARQUET_COLUMNS}

            def flush() -> None:
                if columns["id"]:
                    writer.write_table(pa.Table.from_pydict(columns, schema=schema))
                    for values in columns.values():
                        values.clear()

            for record in records:
                for name in PARQUET_COLUMNS:
                    value = record[name]
                    columns[name].append(json.dumps(value, ensure_ascii=False) if name in RECORD_LISTS else value)
                rows += 1
                if len(columns["id"]) >= batch_size:
                    flush()
            flush()
    return rows
