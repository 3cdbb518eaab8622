"""The application factory: ``create_app(ServeSettings(...))``.

One :class:`~faultlines.store.Store` (the writer, used only by ``POST
/api/analyze?store=true``) and one :class:`~faultlines.query.Queries` (read-only
connections, used by every GET) per app. Models for ``POST /api/analyze`` load
once at startup (lifespan), and cross-article contradictions are computed in a
background thread so no request waits for the embedding model.
"""
from __future__ import annotations

import ipaddress
import logging
import threading
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from dataclasses import dataclass, field
from typing import Any, AsyncIterator

from fastapi import FastAPI

from ..settings import Settings
from . import errors
from .security import Guard

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


MIN_TOKEN = 16


def loopback_hosts(host: str) -> tuple[str, ...]:
    """The names a browser on this machine sends as Host for a server bound to ``host`` (a loopback address)."""
    return tuple(dict.fromkeys(("127.0.0.1", "localhost", "::1", host.strip("[]"))))


@dataclass(frozen=True)
class ServeSettings:
    """What ``faultlines serve`` was asked for (defaults → environment → CLI, like :class:`Settings`)."""

    db: str = "faultlines.db"
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    # Required on API and pages when set; `serve` refuses a non-loopback host without one.
    token: str | None = None
    # Request bodies above this are refused with 413.
    max_body: int = 1024 * 1024
    # POST /api/analyze refuses texts longer than this (characters).
    analyze_max_chars: int = 200_000
    # Load the analyzers at startup so POST /api/analyze answers at once (off: it answers 503).
    load_models: bool = True
    # Compute cross-article contradictions in the background at startup.
    contradictions: bool = True
    analyzers: tuple[str, ...] | None = None
    core: Settings = field(default_factory=Settings)
    # Host headers answered (None: any). `serve` on loopback without a token answers its own names only, so that a
    # web page whose domain an attacker points at 127.0.0.1 (DNS rebinding) cannot read or write the store.
    allowed_hosts: tuple[str, ...] | None = None

    def check(self) -> None:
        """Refuse to expose the store on a non-loopback address without a token, or with a token one could guess."""
        from ..errors import FaultlinesError

        if not is_loopback(self.host) and not self.token:
            raise FaultlinesError(
                f"refusing to serve on {self.host}: binding beyond loopback needs a token; "
                "set FAULTLINES_TOKEN (a long random string) or use --host 127.0.0.1",
                code="FL701",
            )
        if self.token is not None and len(self.token) < MIN_TOKEN:
            raise FaultlinesError(
                f"FAULTLINES_TOKEN has {len(self.token)} characters: use a random string of at least {MIN_TOKEN} "
                "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(24))')",
                code="FL701",
            )


class _Contradictions:
    """Contradictions computed in a background thread, at startup and again whenever claims have been stored since
    (``refresh``); ``state`` is pending, ready, unavailable or failed, and ``refreshing`` says new pairs are on the way
    while the last ones are served."""

    def __init__(self) -> None:
        self.state = "pending"
        self.rows: list[dict[str, Any]] = []
        self.error: str | None = None
        self.thread: threading.Thread | None = None
        self.version: tuple[Any, ...] | None = None  # the store the rows were computed from (Queries.store_version)
        self.computed_at: str | None = None
        self.generation = 0  # counts the lists computed, so that a cursor from an earlier list is refused
        self._starting = threading.Lock()

    @property
    def refreshing(self) -> bool:
        return self.state == "ready" and self.thread is not None and self.thread.is_alive()

    def start(self, queries: Any, lock: threading.Lock) -> None:
        def work() -> None:
            try:
                version = queries.store_version()
                with lock:
                    rows = queries.contradictions()  # (the same list, cached, while the claims are the same)
                if rows is None:
                    self.state = "unavailable"
                else:
                    if rows is not self.rows:
                        self.rows, self.generation = rows, self.generation + 1
                        self.computed_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
                    self.version, self.state = version, "ready"
            except Exception as exc:  # noqa: BLE001 - reported on the page, logged here
                log.exception("contradictions failed")
                self.error, self.state = f"{type(exc).__name__}: {exc}", "failed"

        self.thread = threading.Thread(target=work, name="faultlines-contradictions", daemon=True)
        self.thread.start()

    def refresh(self, queries: Any, lock: threading.Lock) -> None:
        """Recompute in the background when the store changed after the last computation (the served pairs had
        stayed those of the startup however many articles were analyzed into the store since)."""
        with self._starting:
            if self.state == "ready" and not self.refreshing and queries.store_version() != self.version:
                self.start(queries, lock)


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """The FastAPI app serving the REST API under /api, the dashboard, /docs and /-/health."""
    from ..store import Store
    from ..query import Queries
    from ..web import install as install_web
    from .routers import ROUTERS

    settings = settings or ServeSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        core = Settings.from_env(db=settings.db)
        store = Store(settings=core)
        app.state.store = store
        app.state.queries = Queries(store)
        app.state.pipeline = None
        app.state.model_lock = threading.Lock()
        app.state.contradictions = _Contradictions()
        try:
            if settings.load_models:
                from ..pipeline import DEFAULT_ANALYZERS, Pipeline

                app.state.pipeline = Pipeline(settings.analyzers or DEFAULT_ANALYZERS, core)
            if settings.contradictions:
                app.state.contradictions.start(app.state.queries, app.state.model_lock)
            else:
                app.state.contradictions.state = "disabled"
            yield
        finally:
            app.state.queries.close()
            store.close()

    app = FastAPI(
        title="faultlines",
        summary="Events, claims, persuasion and narratives in English and Russian news.",
        version=_version(),
        lifespan=lifespan,
        docs_url=None,  # served by the dashboard with vendored Swagger UI (no CDN, strict CSP)
        redoc_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    install_web(app)
    app.add_middleware(Guard, token=settings.token, max_body=settings.max_body, allowed_hosts=settings.allowed_hosts)
    return app


def _version() -> str:
    from .. import __version__

    return __version__
