from __future__ import annotations

from typing import Annotated, Optional

from fastapi import APIRouter, Depends, Query, Request

from ...query import ClaimFilters, Queries
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
def contradictions(request: Request) -> dict:
    """Computed in the background at startup (state "pending" until then) by the claims stage."""
    found = request.app.state.contradictions
    return {"state": found.state, "error": found.error, "items": found.rows}
