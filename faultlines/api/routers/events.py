from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from ...query import GEOJSON_MAX, EventFilters, Queries
from ..deps import Cursor, Doc, Iso, Label, Limit, Since, Until, queries
from ..models import ErrorOut, EventPage

router = APIRouter(prefix="/api", tags=["events"], responses={400: {"model": ErrorOut}})


def _filters(country, iso, event_type, since, until, doc) -> EventFilters:
    return EventFilters(country=country, iso=iso, event_type=event_type, since=since, until=until, doc=doc)


@router.get("/events", response_model=EventPage, summary="Events, newest event date first, filtered, cursor-paged")
def list_events(
    country: Label = None, iso: Iso = None, event_type: Label = None, since: Since = None, until: Until = None,
    doc: Doc = None, limit: Limit = 50, cursor: Cursor = None, q: Queries = Depends(queries),
) -> dict:
    """``since``/``until`` filter the event's date (not the article's)."""
    return q.events(_filters(country, iso, event_type, since, until, doc), limit=limit, cursor=cursor).to_dict()


@router.get("/events.geojson", summary="Located events as a GeoJSON FeatureCollection (newest first)")
def events_geojson(
    country: Label = None, iso: Iso = None, event_type: Label = None, since: Since = None, until: Until = None,
    doc: Doc = None, limit: Annotated[int, Query(ge=1, le=GEOJSON_MAX)] = 1000, q: Queries = Depends(queries),
) -> JSONResponse:
    # A JSONResponse directly: FastAPI's generic encoder is slow on thousands of features.
    return JSONResponse(q.events_geojson(_filters(country, iso, event_type, since, until, doc), limit=limit),
                        media_type="application/geo+json")
