"""``faultlines serve``: the REST API and dashboard over a store (and ``faultlines bench api``)."""
from __future__ import annotations

import os
import socket
from typing import Annotated, Optional

import typer

from . import bench  # noqa: F401 - registers `faultlines bench api`


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option("--host", help="Address to bind; anything but loopback needs FAULTLINES_TOKEN.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8765,
        db: Annotated[Optional[str], typer.Option("--db", help="Store: an SQLite file or SQLAlchemy URL (env FAULTLINES_DB; default ./faultlines.db).")] = None,
        no_models: Annotated[bool, typer.Option("--no-models", help="Do not load analyzers (POST /api/analyze answers 503); starts faster.")] = False,
        no_contradictions: Annotated[bool, typer.Option("--no-contradictions", help="Do not compare claims across articles at startup.")] = False,
    ) -> None:
        """Serve the REST API (/api, docs at /docs) and the dashboard over a store."""
        import uvicorn

        from ..cli import _fatal, _settings, err
        from ..errors import FaultlinesError
        from ..store import Store
        from .app import ServeSettings, create_app, is_loopback, loopback_hosts

        core = _settings(db)
        token = os.environ.get("FAULTLINES_TOKEN") or None
        settings = ServeSettings(
            db=core.db, host=host, port=port, token=token,
            load_models=not no_models, contradictions=not no_contradictions, core=core,
            allowed_hosts=loopback_hosts(host) if is_loopback(host) and not token else None,
        )
        try:
            settings.check()
            Store(settings=core, existing=True).close()  # migrate (once, as the writer) before read-only connections open
        except FaultlinesError as exc:
            _fatal(exc)
        shown = f"[{host}]" if ":" in host else host
        try:  # (a busy port is one line before "serving …", not uvicorn's error after it)
            socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET).close()
        except OSError as exc:
            _fatal(FaultlinesError(f"cannot listen on {shown}:{port}: {exc.strerror or exc}; pass another --port"))
        err.print(f"faultlines: serving {core.db_shown()} at http://{shown}:{port}/ (API docs at /docs)", markup=False)
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", server_header=False)
