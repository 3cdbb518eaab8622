"""One error shape for every API failure: ``{"ok": false, "error", "errors", "status"}``.

Validation errors, unknown ids, bad filters, oversized bodies and unexpected
exceptions all answer with it (dashboard pages get an HTML page with the same
message); a traceback never reaches the client.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import FaultlinesError, QueryError, StoreError

log = logging.getLogger(__name__)


def envelope(status: int, error: str, errors: list[Any] | None = None) -> dict[str, Any]:
    return {"ok": False, "error": error, "errors": list(errors or []), "status": status}


def wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path.startswith("/-/") or path == "/openapi.json")


def error_response(request: Request, status: int, error: str, errors: list[Any] | None = None) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if wants_html(request) and getattr(request.app.state, "templates", None) is not None:
        from ..web.views import page

        try:
            response = page(request, "error.html", "", status=status, error=error, errors=errors or [])
            response.status_code = status
            if headers:
                response.headers.update(headers)
            return response
        except Exception:  # noqa: BLE001 - an error page must never fail: fall back to JSON
            log.exception("cannot render the error page for %s", request.url.path)
    return JSONResponse(envelope(status, error, errors), status_code=status, headers=headers)


def _location(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = []
        for item in exc.errors():
            if item.get("type") == "json_invalid":
                # (its location is a character position, not a parameter)
                at = next((p for p in item.get("loc", ()) if isinstance(p, int)), None)
                errors.append({"parameter": "body", "message": "not valid JSON" + (f" (at character {at})" if at is not None
                                                                                   else "")})
                continue
            where = _location(item.get("loc", ()))
            errors.append({"parameter": where, "message": item.get("msg", "invalid")})
        summary = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors) or "invalid request"
        return error_response(request, 400, f"bad request: {summary}", errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}: see /docs for the API"
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, detail)

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> Response:
        log.warning("store error on %s: %s", request.url.path, exc)
        return error_response(request, 503, str(exc))

    @app.exception_handler(FaultlinesError)
    async def _faultlines(request: Request, exc: FaultlinesError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, f"internal error ({type(exc).__name__}); see the server log")
