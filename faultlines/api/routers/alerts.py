from __future__ import annotations

from datetime import date
from typing import Annotated, Optional

from fastapi import APIRouter, Depends, Query

from ...alerts import AlertSettings, alerts
from ...query import Queries
from ..deps import queries
from ..models import Alerts, ErrorOut

router = APIRouter(prefix="/api/alerts", tags=["alerts"], responses={400: {"model": ErrorOut}})

# the settings of an alert report (the dashboard's alerts page takes the same)
Window = Annotated[int, Query(ge=1, le=366, description="Days in the window")]
Baseline = Annotated[int, Query(ge=1, le=104, description="Windows before it that set the expected level")]
MinCount = Annotated[int, Query(ge=1, le=10_000, description="Incidents or documents an alert needs at least")]
Alpha = Annotated[float, Query(gt=0, le=0.5, description="Alert below this tail probability")]


@router.get("", response_model=Alerts,
            summary="Regions where violence or unrest rises above their recent past, and narratives that surge")
def list_alerts(
    as_of: Annotated[Optional[date], Query(description="The window's last day; default: the newest article's date")] = None,
    window: Window = 7, baseline: Baseline = 8, min_count: MinCount = 3, alpha: Alpha = 0.01,
    q: Queries = Depends(queries),
) -> dict:
    return alerts(q, AlertSettings(as_of, window, baseline, min_count, alpha))
