"""Helpers for the ingest tests: fixture files and a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

DATA = Path(__file__).parent / "data" / "ingest"


def fixture_bytes(name: str, base: str | None = None) -> bytes:
    data = (DATA / name).read_bytes()
    if base is not None:
        data = data.replace(b"{BASE}", base.encode("ascii"))
    return data


@dataclass
class Route:
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    body: bytes | Callable[["Server"], bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Stream this many bytes of filler instead of ``body``, without Content-Length.
    stream_bytes: int = 0


class Server:
    """A threaded http.server on an ephemeral 127.0.0.1 port serving :class:`Route` s."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        routes, hits, server_ref = self.routes, self.hits, self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                hits.append(self.path)
                route = routes.get(self.path)
                if route is None:
                    body = b"<html><body><h1>404</h1><p>Not found</p></body></html>"
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                body = route.body(server_ref) if callable(route.body) else route.body
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if not route.stream_bytes:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    if route.stream_bytes:
                        chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
                        sent = 0
                        while sent < route.stream_bytes:
                            self.wfile.write(chunk)
                            sent += len(chunk)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def add(self, path: str, **kwargs: object) -> str:
        self.routes[path] = Route(**kwargs)  # type: ignore[arg-type]
        return self.base + path

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def closed_port() -> int:
    """A local TCP port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def standard_site(server: Server) -> None:
    """The pages and feeds of a small news site."""
    html = "text/html; charset=utf-8"
    server.add("/2025/12/10/tajik-afghan-border-attack.html", content_type=html, body=fixture_bytes("border_attack.html"))
    server.add("/ru/2025/12/01/obstrel.html", content_type=html, body=fixture_bytes("ru_border.html"))
    server.add("/2025/12/05/gallery.html", content_type=html, body=fixture_bytes("script_only.html"))
    server.add("/feed.rss", content_type="application/rss+xml; charset=utf-8", body=lambda s: fixture_bytes("feed_rss.xml", s.base))
    server.add("/feed.atom", content_type="application/atom+xml", body=lambda s: fixture_bytes("feed_atom.xml", s.base))
    server.add("/feed-as-html", content_type="text/html", body=lambda s: fixture_bytes("feed_rss.xml", s.base))
    server.add("/notes.txt", content_type="text/plain; charset=utf-8", body=fixture_bytes("ambiguous_date.txt"))
    server.add("/windows-1251.txt", content_type="text/plain; charset=windows-1251",
               body=fixture_bytes("ru_report.txt").decode("utf-8").encode("cp1251"))
