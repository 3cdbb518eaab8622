"""Guard middleware: token check, request size limit and security headers.

Pure ASGI (no BaseHTTPMiddleware) so streaming exports stream. The token is
required on every API route and page (not on static assets or /-/health)
whenever one is configured, which ``faultlines serve`` insists on for any
non-loopback address. Browsers log in once with ``?token=...``; the server
answers with an HttpOnly, SameSite=Strict cookie holding an HMAC of the
token (never the token itself) and redirects to the same URL without it.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qsl, urlencode

COOKIE = "faultlines_session"
PUBLIC_PREFIXES = ("/static/", "/-/health", "/favicon.ico")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def session_value(token: str) -> str:
    return hmac.new(token.encode("utf-8"), b"faultlines-session-v1", hashlib.sha256).hexdigest()


def _host_name(value: bytes) -> str:
    """The host of a Host header, without its port: "127.0.0.1:8765" -> "127.0.0.1", "[::1]:8765" -> "::1"."""
    host = value.decode("latin-1").strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _json(status: int, message: str) -> tuple[int, bytes]:
    body = {"ok": False, "error": message, "errors": [], "status": status}
    return status, json.dumps(body).encode("utf-8")


class Guard:
    def __init__(self, app: Any, *, token: str | None, max_body: int, allowed_hosts: tuple[str, ...] | None = None) -> None:
        self.app = app
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None
        self.token = token or None
        self.session = session_value(token) if token else None
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in {k for k, _ in SECURITY_HEADERS}]
                message["headers"] = headers + SECURITY_HEADERS
            await send(message)

        path = scope.get("path", "")
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        if self.allowed_hosts is not None and _host_name(headers.get(b"host", b"")) not in self.allowed_hosts:
            # (DNS rebinding: a page at evil.example whose name now resolves to 127.0.0.1 sends Host: evil.example)
            await self._reply(send_with_headers, *_json(400, "unknown Host header: open the dashboard at the address "
                                                              "faultlines serve printed"))
            return
        if self.token and not path.startswith(PUBLIC_PREFIXES):
            verdict = self._authorize(scope, headers)
            if verdict is not True:
                await verdict(send_with_headers)
                return

        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                await self._reply(send_with_headers, *_json(400, "bad Content-Length header"))
                return
            if too_big:
                await self._reply(
                    send_with_headers, *_json(413, f"request body too large: the limit is {self.max_body} bytes")
                )
                return

        if length is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # A chunked body: read it here (it is small or refused) so an oversized one
            # is answered with 413 before the application sees any of it.
            chunks, size = [], 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > self.max_body:
                    await self._reply(
                        send_with_headers, *_json(413, f"request body too large: the limit is {self.max_body} bytes")
                    )
                    return
                if not message.get("more_body"):
                    break
            body = b"".join(chunks)
            replayed = False

            async def replay() -> dict[str, Any]:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _authorize(self, scope: Scope, headers: dict[bytes, bytes]) -> Any:
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth.lower().startswith("bearer ") and hmac.compare_digest(auth[7:].strip().encode(), self.token.encode()):
            return True
        cookie = headers.get(b"cookie", b"").decode("latin-1")
        for part in cookie.split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE and hmac.compare_digest(value.encode(), self.session.encode()):
                return True
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if given and hmac.compare_digest(given[-1].encode(), self.token.encode()):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope.get("path", "/") + (f"?{rest}" if rest else "")

            async def login(send: Send) -> None:
                cookie_header = f"{COOKIE}={self.session}; HttpOnly; SameSite=Strict; Path=/"
                await send({"type": "http.response.start", "status": 303,
                            "headers": [(b"location", location.encode("latin-1")), (b"set-cookie", cookie_header.encode()),
                                        (b"content-length", b"0")]})
                await send({"type": "http.response.body", "body": b""})

            return login
        path = scope.get("path", "")
        is_api = path.startswith("/api/") or path == "/openapi.json"
        message = (
            "authentication required: send 'Authorization: Bearer <FAULTLINES_TOKEN>'"
            if is_api
            else "authentication required: open this page once with ?token=<FAULTLINES_TOKEN> added to the URL"
        )

        async def refuse(send: Send) -> None:
            if is_api:
                await self._reply(send, *_json(401, message), extra=[(b"www-authenticate", b"Bearer")])
            else:
                body = (
                    "<!doctype html><meta charset=utf-8><title>faultlines: sign in</title>"
                    f"<h1>401</h1><p>{message}</p>"
                ).encode()
                await send({"type": "http.response.start", "status": 401,
                            "headers": [(b"content-type", b"text/html; charset=utf-8"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})

        return refuse

    @staticmethod
    async def _reply(send: Send, status: int, body: bytes, extra: list | None = None) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
                    + (extra or [])})
        await send({"type": "http.response.body", "body": body})
