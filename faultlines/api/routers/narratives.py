from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from ...query import Queries
from ..deps import Label, Since, Until, queries
from ..models import ErrorOut, TopNarrative, Trends

router = APIRouter(prefix="/api/narratives", tags=["narratives"], responses={400: {"model": ErrorOut}})


@router.get("/trends", response_model=Trends, summary="Documents per period per narrative, or per outlet of one narrative")
def trends(
    period: Annotated[Literal["day", "week", "month"], Query()] = "month",
    by: Annotated[Literal["narrative", "source"], Query()] = "narrative",
    narrative: Label = None, since: Since = None, until: Until = None, q: Queries = Depends(queries),
) -> dict:
    return q.narrative_trends(period=period, by=by, narrative=narrative, since=since, until=until)


@router.get("/top", response_model=list[TopNarrative], summary="Narratives this week vs. last (weeks end at the newest article)")
def top(q: Queries = Depends(queries)) -> list:
    return q.top_narratives()
