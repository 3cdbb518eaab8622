from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, Query

from ...query import Queries
from ..deps import Cursor, Label, Limit, Text, queries
from ..models import Entities, ErrorOut

router = APIRouter(prefix="/api", tags=["entities"], responses={400: {"model": ErrorOut}})


@router.get("/entities", response_model=Entities, summary="Entities with their roles, most mentioned first")
def entities(
    layer: Annotated[Optional[Literal["entity", "ner"]], Query(description="entity (with roles) or ner; default: entity when present")] = None,
    type: Label = None, role: Label = None, q: Text = None, doc: Label = None, limit: Limit = 100, cursor: Cursor = None,
    queries_: Queries = Depends(queries),
) -> dict:
    return queries_.entities(layer=layer, type=type, role=role, q=q, doc=doc, limit=limit, cursor=cursor)
