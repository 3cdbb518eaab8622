"""Dashboard pages. Each view reads through :class:`~faultlines.query.Queries` (as the REST API does)
and renders one template; parameters are validated by the same types as the API's."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..api.deps import Cursor, DocId, Label, Language, Since, Text, Until, queries
from ..alerts import AlertSettings, alerts
from ..api.routers.alerts import Alpha, Baseline, MinCount, Window
from ..errors import QueryError
from ..query import ClaimFilters, DocumentFilters, EventFilters, Page, Queries, document_detail
from . import render

router = APIRouter(include_in_schema=False)

SEARCH_PAGE = 30  # documents the search page ranks; the documents list pages through every match
NAV = [("overview", "Overview"), ("documents", "Documents"), ("events", "Events"), ("narratives", "Narratives"),
       ("claims", "Claims"), ("entities_page", "Entities"), ("alerts_page", "Alerts"), ("search", "Search"), ("api_docs", "API")]


def templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("faultlines.web", "templates"),
        autoescape=True,  # every page: article text and titles are hostile input
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["snippet"] = render.mark_snippet
    env.filters["listed"] = render.listed
    env.filters["place"] = render.place
    env.globals["definition"] = render.definition
    return Jinja2Templates(env=env)


def _url(request: Request):
    """The one URL builder for templates: a route name, its path parameters, then query parameters (empty ones dropped)."""

    def url(name: str, _path: dict[str, Any] | None = None, **query: Any) -> str:
        path = request.app.url_path_for(name, **(_path or {}))
        pairs = [(k, v) for k, v in query.items() if v not in (None, "")]
        return path + ("?" + urlencode(pairs) if pairs else "")

    return url


def page(request: Request, template: str, active: str, **context: Any) -> HTMLResponse:
    context.update(request=request, url=_url(request), nav=NAV, active=active)
    return request.app.state.templates.TemplateResponse(request, template, context)


@router.get("/", name="overview")
def overview(request: Request, q: Queries = Depends(queries)) -> HTMLResponse:
    counts = q.counts()
    timeline = q.event_timeline()
    stances = dict(q.facets()["stances"])
    return page(
        request, "overview.html", "overview",
        counts=counts,
        latest=q.documents(limit=10).items,
        timeline=render.bar_chart(timeline),
        events_total=counts["annotations_by_layer"].get("event", 0),
        top=q.top_narratives(),
        anchor=q.anchor_date().isoformat(),
        stances=stances,
        entities=q.entities(limit=12),
        alerts=alerts(q),
    )


@router.get("/documents", name="documents")
def documents(
    request: Request, q: Text = None, language: Language = None, source: Text = None, since: Since = None,
    until: Until = None, narrative: Label = None, technique: Label = None, country: Label = None,
    cursor: Cursor = None, queries_: Queries = Depends(queries),
) -> HTMLResponse:
    filters = DocumentFilters(q=q, language=language, source=source, since=since, until=until,
                              narrative=narrative, technique=technique, country=country)
    problem = None
    try:
        result = queries_.documents(filters, limit=50, cursor=cursor)
    except QueryError as exc:
        if exc.code != "FL301":  # (a bad cursor or date is the request's fault: 400)
            raise
        problem, result = str(exc), Page([])  # "%", "NEAR(": nothing to search for, said beside the box
    return page(request, "documents.html", "documents", filters=filters, result=result, facets=queries_.facets(),
                problem=problem)


@router.get("/articles/{doc_id:path}", name="article")
def article(
    request: Request, doc_id: DocId,
    layer: Annotated[Optional[Literal["technique", "entity", "claim", "event", "ner"]], Query()] = None,
) -> HTMLResponse:
    record = document_detail(request.app.state.store, doc_id)
    if record is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    present = [name for name in render.HIGHLIGHT_LAYERS if any(a["layer"] == name for a in record["annotations"])]
    chosen = layer or (present[0] if present else "technique")
    highlighted = render.highlight(record["text"], record["annotations"], chosen)
    ner = [a for a in record["annotations"] if a["layer"] == "ner"]
    entity_groups: dict[str, list[str]] = {}
    if record["entities"]:
        for e in record["entities"]:
            entity_groups.setdefault(e.get("role") or "no role", [])
            if e["text"] not in entity_groups[e.get("role") or "no role"]:
                entity_groups[e.get("role") or "no role"].append(e["text"])
    else:
        for a in ner:
            entity_groups.setdefault(a["label"] or "?", [])
            if a["text"] not in entity_groups[a["label"] or "?"]:
                entity_groups[a["label"] or "?"].append(a["text"])
    return page(
        request, "article.html", "documents",
        doc=record, layers=present, layer=chosen, highlighted=highlighted, entity_groups=entity_groups,
        entity_colours=render.colour_map(entity_groups), entities_by_role=bool(record["entities"]),
    )


@router.get("/events", name="events")
def events(
    request: Request, country: Label = None, event_type: Label = None, since: Since = None, until: Until = None,
    cursor: Cursor = None, q: Queries = Depends(queries),
) -> HTMLResponse:
    filters = EventFilters(country=country, event_type=event_type, since=since, until=until)
    result = q.events(filters, limit=100, cursor=cursor)
    geojson = _url(request)("events_geojson", country=country, event_type=event_type, since=since, until=until)
    return page(request, "events.html", "events", filters=filters, result=result, facets=q.facets(), geojson=geojson)


@router.get("/narratives", name="narratives")
def narratives(
    request: Request,
    period: Annotated[Literal["day", "week", "month"], Query()] = "week",
    narrative: Label = None, since: Since = None, until: Until = None, q: Queries = Depends(queries),
) -> HTMLResponse:
    trends = q.narrative_trends(period=period, by="narrative", since=since, until=until)
    chart = render.line_chart(trends["periods"], trends["series"][:12])
    by_source = None
    articles = None
    if narrative:
        source_trends = q.narrative_trends(period=period, by="source", narrative=narrative, since=since, until=until)
        by_source = render.line_chart(source_trends["periods"], source_trends["series"][:12])
        articles = q.documents(DocumentFilters(narrative=narrative, since=since, until=until), limit=50)
    return page(
        request, "narratives.html", "narratives",
        trends=trends, chart=chart, narrative=narrative, period=period, since=since, until=until,
        by_source=by_source, articles=articles, top=q.top_narratives(), anchor=q.anchor_date().isoformat(),
    )


@router.get("/claims", name="claims")
def claims(
    request: Request, q: Text = None, speaker: Text = None,
    stance: Annotated[Optional[str], Query(pattern=r"^(assert|confirm|deny|predict|question|cite)?$")] = None,
    cursor: Cursor = None, pairs: Cursor = None, queries_: Queries = Depends(queries),
) -> HTMLResponse:
    from ..api.routers.claims import contradiction_page

    filters = ClaimFilters(q=q, speaker=speaker, stance=stance)
    result = queries_.claims(filters, limit=50, cursor=cursor)
    found = request.app.state.contradictions
    found.refresh(queries_, request.app.state.model_lock)
    return page(
        request, "claims.html", "claims",
        filters=filters, result=result, stances=queries_.facets()["stances"],
        contradictions=found, pairs=contradiction_page(found, 100, pairs),
        stance_colours=render.colour_map(["assert", "confirm", "deny", "predict", "question", "cite"]),
    )


@router.get("/entities", name="entities_page")
def entities(
    request: Request, q: Text = None, role: Label = None, type: Label = None, cursor: Cursor = None,
    queries_: Queries = Depends(queries),
) -> HTMLResponse:
    from ..narratives.taxonomy import MAIN_ROLES

    result = queries_.entities(q=q, role=role, type=type, limit=100, cursor=cursor)
    return page(request, "entities.html", "entities_page", result=result, q=q, role=role, type=type,
                roles=MAIN_ROLES, types=("PER", "ORG", "GPE", "NORP", "LOC"))


@router.get("/alerts", name="alerts_page")
def alerts_page(
    request: Request, as_of: Since = None, window: Window = 7, baseline: Baseline = 8, min_count: MinCount = 3,
    alpha: Alpha = 0.01, queries_: Queries = Depends(queries),
) -> HTMLResponse:
    from datetime import date

    report, problem = None, None
    try:
        day = date.fromisoformat(as_of) if as_of else None
        settings = AlertSettings(day, window, baseline, min_count, alpha)
        report = alerts(queries_, settings)
    except ValueError:
        settings, problem = AlertSettings(None, window, baseline, min_count, alpha), \
            f"the window's end must be a date YYYY-MM-DD, not {as_of!r}"
    return page(request, "alerts.html", "alerts_page", report=report, settings=settings, as_of=as_of, problem=problem)


@router.get("/search", name="search")
def search(request: Request, q: Annotated[Optional[str], Query(max_length=300)] = None,
           queries_: Queries = Depends(queries)) -> HTMLResponse:
    results, problem = None, None
    if q and q.strip():
        try:
            results = queries_.search_all(q, limit=SEARCH_PAGE)
        except QueryError as exc:
            problem = str(exc)  # "%", "NEAR(": said beside the box, the page kept
    return page(request, "search.html", "search", q=q or "", results=results, problem=problem, shown=SEARCH_PAGE)


@router.get("/docs", name="api_docs")
def api_docs(request: Request) -> HTMLResponse:
    return page(request, "docs.html", "api_docs")
