from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Depends, Query, Request

from ...errors import QueryError
from ...query import ClaimFilters, Queries, decode_cursor, encode_cursor
from ..deps import Cursor, Label, Language, Limit, Text, queries
from ..models import ClaimPage, Contradictions, ErrorOut

router = APIRouter(prefix="/api", tags=["claims"], responses={400: {"model": ErrorOut}})

Stance = Annotated[Optional[str], Query(pattern=r"^(assert|confirm|deny|predict|question|cite)?$")]


@router.get("/claims", response_model=ClaimPage, summary="Claims, newest first, filtered, cursor-paged")
def list_claims(
    q: Text = None, speaker: Text = None, stance: Stance = None, doc: Label = None, language: Language = None,
    limit: Limit = 50, cursor: Cursor = None, queries_: Queries = Depends(queries),
) -> dict:
    """``q`` finds words in the claim's text, speaker or topic; ``speaker`` a part of the speaker's name."""
    filters = ClaimFilters(q=q, speaker=speaker, stance=stance, doc=doc, language=language)
    return queries_.claims(filters, limit=limit, cursor=cursor).to_dict()


@router.get("/contradictions", response_model=Contradictions, summary="Pairs of claims that contradict each other")
def contradictions(request: Request, limit: Limit = 100, cursor: Cursor = None) -> dict:
    """Computed in the background by the claims stage at startup (state "pending" until then) and again after claims
    are stored (``refreshing`` true meanwhile); ``total`` pairs, ``limit`` a page, ``next_cursor`` the next page."""
    found = request.app.state.contradictions
    found.refresh(request.app.state.queries, request.app.state.model_lock)
    return contradiction_page(found, limit, cursor)


def contradiction_page(found, limit: int, cursor: str | None) -> dict:
    """One page of the computed pairs; a cursor is the offset into one computation (a later one refuses it)."""
    rows = found.rows
    values = decode_cursor(cursor, (int, int))
    start = 0
    if values is not None:
        generation, start = values
        if generation != found.generation or not 0 <= start <= len(rows):
            raise QueryError("bad cursor: the contradictions were computed again since; start from the first page",
                             code="FL303")
    end = start + limit
    return {"state": found.state, "error": found.error, "items": rows[start:end], "total": len(rows), "limit": limit,
            "next_cursor": encode_cursor((found.generation, end)) if end < len(rows) else None,
            "computed_at": found.computed_at, "refreshing": found.refreshing}
