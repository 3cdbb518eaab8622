"""The REST API (FastAPI): ``create_app(settings)`` serves the store's documents,
events, claims, narratives and entities as JSON, plus the dashboard pages of
:mod:`faultlines.web`. Started by ``faultlines serve``; see docs/dashboard.md.
"""
from .app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
