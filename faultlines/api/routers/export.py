"""Streaming exports: rows leave as they are read (keyset pages), so memory stays flat."""
from __future__ import annotations

import csv
import io
from typing import Iterator

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from ...export import CSV_COLUMNS, csv_fields
from ...query import EventFilters, ExportRow, Queries, check_range
from ..deps import Doc, Iso, Label, Language, Since, Until, queries
from ..models import ErrorOut

router = APIRouter(prefix="/api", tags=["export"], responses={400: {"model": ErrorOut}})

EVENT_COLUMNS = ["event_type", "sub_event_type", "date", "country", "iso", "admin1", "location", "latitude",
                 "longitude", "actor1", "actor2", "fatalities", "injuries", "document_id", "start", "end"]


CHUNK = 256 * 1024


def _csv_line(row: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)
    return buffer.getvalue()


def _rows(q: Queries, language: str | None, since: str | None, until: str | None, *, render: bool) -> Iterator[ExportRow]:
    low, high = check_range(since, until)  # a bad range is a 400 before the stream starts
    # (the JSONL lines carry the paragraphs and sentences, as `faultlines export` writes them)
    return q.export_rows(languages=[language] if language else None, low=low, high=high, render=render,
                         with_segments=render)


def _jsonl_chunks(rows: Iterator[ExportRow]) -> Iterator[bytes]:
    """~256 KB of lines per chunk: each chunk of a sync generator costs a thread hop in Starlette."""
    lines: list[str] = []
    size = 0
    for row in rows:
        line = row.json()
        lines.append(line)
        size += len(line)
        if size >= CHUNK:
            lines.append("")
            yield "\n".join(lines).encode("utf-8")
            lines, size = [], 0
    if lines:
        lines.append("")
        yield "\n".join(lines).encode("utf-8")


def _csv_chunks(rows: Iterator[ExportRow]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(csv_fields(row))
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


@router.get("/export.jsonl", summary="Every document as an INTERFACES.md §1 record per line (streamed)")
def export_jsonl(language: Language = None, since: Since = None, until: Until = None,
                 q: Queries = Depends(queries)) -> StreamingResponse:
    rows = _rows(q, language, since, until, render=True)
    return StreamingResponse(_jsonl_chunks(rows), media_type="application/x-ndjson",
                             headers={"Content-Disposition": 'attachment; filename="faultlines.jsonl"'})


@router.get("/export.csv", summary="Every document as a CSV row: metadata, counts per record list, text (streamed)")
def export_csv(language: Language = None, since: Since = None, until: Until = None,
               q: Queries = Depends(queries)) -> StreamingResponse:
    rows = _rows(q, language, since, until, render=False)
    return StreamingResponse(_csv_chunks(rows), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="faultlines.csv"'})


@router.get("/events.csv", summary="Events as CSV, one row per event (streamed, filtered like /api/events)")
def export_events(country: Label = None, iso: Iso = None, event_type: Label = None, since: Since = None,
                  until: Until = None, doc: Doc = None, q: Queries = Depends(queries)) -> StreamingResponse:
    filters = EventFilters(country=country, iso=iso, event_type=event_type, since=since, until=until, doc=doc)
    first = q.events(filters, limit=500)  # validates the filters before the stream starts

    def lines() -> Iterator[str]:
        yield _csv_line(EVENT_COLUMNS)
        page = first
        while True:
            yield "".join(
                _csv_line([{**item, "document_id": item["document"]["id"]}.get(c) for c in EVENT_COLUMNS])
                for item in page.items
            )
            if not page.next_cursor:
                return
            page = q.events(filters, limit=500, cursor=page.next_cursor)

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="events.csv"'})
