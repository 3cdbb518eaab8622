"""Streaming exports: rows leave as they are read (keyset pages), so memory stays flat."""
from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from ...export import CSV_COLUMNS
from ...output import RECORD_LISTS
from ...query import EventFilters, Queries, check_range
from ..deps import Label, Language, Since, Until, queries
from ..models import ErrorOut

router = APIRouter(prefix="/api", tags=["export"], responses={400: {"model": ErrorOut}})

EVENT_COLUMNS = ["event_type", "sub_event_type", "date", "country", "iso", "admin1", "location", "latitude",
                 "longitude", "actor1", "actor2", "fatalities", "injuries", "document_id", "start", "end"]


CHUNK = 256 * 1024


def _csv_line(row: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)
    return buffer.getvalue()


def _chunked(lines: Iterator[str]) -> Iterator[str]:
    """Join lines into ~256 KB chunks: each chunk of a sync generator costs a thread hop in Starlette."""
    buffer: list[str] = []
    size = 0
    for line in lines:
        buffer.append(line)
        size += len(line)
        if size >= CHUNK:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def _records(q: Queries, language: str | None, since: str | None, until: str | None) -> Iterator[dict]:
    check_range(since, until)  # a bad range is a 400 before the stream starts
    return q.iter_records(language=language, since=since, until=until)


@router.get("/export.jsonl", summary="Every document as an INTERFACES.md §1 record per line (streamed)")
def export_jsonl(language: Language = None, since: Since = None, until: Until = None,
                 q: Queries = Depends(queries)) -> StreamingResponse:
    records = _records(q, language, since, until)
    lines = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n" for record in records)
    return StreamingResponse(_chunked(lines), media_type="application/x-ndjson",
                             headers={"Content-Disposition": 'attachment; filename="faultlines.jsonl"'})


@router.get("/export.csv", summary="Every document as a CSV row: metadata, counts per record list, text (streamed)")
def export_csv(language: Language = None, since: Since = None, until: Until = None,
               q: Queries = Depends(queries)) -> StreamingResponse:
    records = _records(q, language, since, until)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for record in records:
            writer.writerow(
                [record["id"], record["source"], record["title"], record["language"], record["published"], record["genre"]]
                + [len(record[name]) for name in RECORD_LISTS] + [record["text"]]
            )
            if buffer.tell() >= CHUNK:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="faultlines.csv"'})


@router.get("/events.csv", summary="Events as CSV, one row per event (streamed, filtered like /api/events)")
def export_events(country: Label = None, event_type: Label = None, since: Since = None, until: Until = None,
                  q: Queries = Depends(queries)) -> StreamingResponse:
    filters = EventFilters(country=country, event_type=event_type, since=since, until=until)
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
