"""REST routers, one per resource, all under /api (plus /-/health)."""
from . import alerts, analyze, claims, documents, entities, events, export, narratives, search, system

ROUTERS = [
    system.router, documents.router, events.router, claims.router, narratives.router, entities.router,
    search.router, analyze.router, export.router, alerts.router,
]
