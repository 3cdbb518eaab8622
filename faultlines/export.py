"""Export stored documents as JSON Lines, CSV or Parquet, streaming.

Memory stays bounded: documents come from :meth:`Queries.export_rows`
(keyset pages, one query per page and table) and are written as they
arrive, Parquet one row group per page. A JSON line is the same text as
``json.dumps(document_record(doc), ensure_ascii=False)``, built without
decoding and re-encoding each stored annotation. Files are written under a
temporary name and renamed when complete, so an interrupted export never
leaves a truncated file behind.
"""
from __future__ import annotations

import csv
import os
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .errors import QueryError
from .output import RECORD_LISTS
from .query import ExportRow, Queries
from .store.core import _iso_bound

FORMATS = ("jsonl", "csv", "parquet")
CSV_COLUMNS = (
    ["id", "source", "title", "language", "published", "genre"]
    + [f"n_{name}" for name in RECORD_LISTS]
    + ["text"]
)
SCALAR_COLUMNS = ["id", "source", "title", "text", "language", "published", "genre"]
PARQUET_COLUMNS = [*SCALAR_COLUMNS, *RECORD_LISTS]


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


def export(
    store: Any, fmt: str, out: Path | str | None = None, *, batch_size: int = 1000,
    language: str | Iterable[str] | None = None, since: str | date | None = None, until: str | date | None = None,
) -> int:
    """Write every stored document (optionally filtered) in ``fmt``; returns the number of rows.

    ``fmt`` is ``"jsonl"`` (one :func:`~faultlines.output.document_record` per
    line), ``"csv"`` (one row per document: metadata, a count per record list
    field, the text) or ``"parquet"`` (list fields as JSON strings). ``out``
    None or ``"-"`` writes jsonl/csv to standard output. The filters are those
    of :meth:`Store.iter_documents`: ``language`` (one or several), ``since``
    and ``until`` (published; a bare ``until`` date includes that day).
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}", code="FL304")
    low, high = _iso_bound(since, upper=False), _iso_bound(until, upper=True)
    if low is not None and high is not None and low >= high:
        raise QueryError(f"--since {since} is after --until {until}", code="FL303")
    queries = Queries(store)
    try:
        rows = queries.export_rows(
            languages=None if language is None else [language] if isinstance(language, str) else list(language),
            low=low, high=high,
            with_segments=fmt == "jsonl", render=fmt != "csv", batch_size=batch_size,
        )
        return _write(fmt, rows, out, batch_size)
    finally:
        queries.close()


def _write(fmt: str, rows: Iterator[ExportRow], out: Path | str | None, batch_size: int) -> int:
    if fmt == "jsonl":
        return _jsonl(rows, out)
    if fmt == "csv":
        return _csv(rows, out)
    return _parquet(rows, out, batch_size)


def csv_fields(row: ExportRow) -> list[Any]:
    """The CSV_COLUMNS values of one row."""
    return [row.id, row.source, row.title, row.language, row.published, row.genre, *row.counts, row.text]


def _jsonl(rows: Iterator[ExportRow], out: Path | str | None) -> int:
    count = 0
    with _open_out(out, newline="\n") as handle:
        for row in rows:
            handle.write(row.json())
            handle.write("\n")
            count += 1
    return count


def _csv(rows: Iterator[ExportRow], out: Path | str | None) -> int:
    count = 0
    with _open_out(out, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(csv_fields(row))
            count += 1
    return count


def _parquet(rows: Iterator[ExportRow], out: Path | str | None, batch_size: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([pa.field(name, pa.string()) for name in PARQUET_COLUMNS])
    count = 0
    with _open_out(out, binary=True) as path:
        with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
            columns: dict[str, list[Any]] = {name: [] for name in PARQUET_COLUMNS}

            def flush() -> None:
                if columns["id"]:
                    writer.write_table(pa.Table.from_pydict(columns, schema=schema))
                    for values in columns.values():
                        values.clear()

            for row in rows:
                for name in SCALAR_COLUMNS:
                    columns[name].append(getattr(row, name))
                for name, value in zip(RECORD_LISTS, row.lists):
                    columns[name].append(value)
                count += 1
                if len(columns["id"]) >= batch_size:
                    flush()
            flush()
    return count
