from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ...query import Queries
from ..deps import queries
from ..models import Health, Stats

router = APIRouter(tags=["system"])


@router.get("/-/health", response_model=Health, summary="Liveness: the store answers")
def health(request: Request, q: Queries = Depends(queries)) -> dict:
    from ... import __version__

    # (public even where a token guards the rest, so no figure of the store's: the count is null there)
    guarded = request.app.state.settings.token is not None
    return {"ok": True, "version": __version__, "documents": None if guarded else q.counts()["documents"],
            "models_loaded": request.app.state.pipeline is not None}


@router.get("/api/stats", response_model=Stats, summary="Counts of documents and annotations")
def stats(q: Queries = Depends(queries)) -> dict:
    return q.counts()


@router.get("/api/facets", summary="Values offered by the filters: languages, countries, types, narratives, techniques, stances")
def facets(q: Queries = Depends(queries)) -> dict:
    return {name: [{"value": v, "count": n} for v, n in values] for name, values in q.facets().items()}
