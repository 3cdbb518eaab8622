from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ...query import Queries
from ..deps import queries
from ..models import ErrorOut, SearchOut

router = APIRouter(prefix="/api", tags=["search"], responses={400: {"model": ErrorOut}})


@router.get("/search", name="api_search", response_model=SearchOut, summary="Search documents (full text), claims and entities")
def search(
    q: Annotated[str, Query(min_length=1, max_length=300)],
    limit: Annotated[int, Query(ge=1, le=100)] = 30,
    queries_: Queries = Depends(queries),
) -> dict:
    """Document snippets mark matches between U+E000 and U+E001 (« » are ordinary quotes in Russian).

    Claims are those containing ``q`` in the newest matching documents (``Queries.search_claims``).
    """
    return {"q": q, **queries_.search_all(q, limit=limit)}
