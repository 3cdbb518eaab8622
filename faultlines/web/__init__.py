"""The dashboard: server-rendered Jinja2 pages over :mod:`faultlines.query`.

Templates autoescape; scripts are static files (the Content-Security-Policy
allows no inline script); Leaflet, Swagger UI and the base map ship in
``static/`` so nothing is fetched from the network at run time.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).with_name("static")


def install(app: FastAPI) -> None:
    from .views import router, templates

    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(router)
