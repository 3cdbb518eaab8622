"""Safe fetching of web pages and feeds.

Only http and https. Every hop (the first request and each redirect, which
are followed by hand) is checked: the host is resolved and refused when any
of its addresses is loopback, private, link-local, multicast, reserved,
unspecified or otherwise not global (IPv4-mapped, 6to4 and NAT64 IPv6 forms
are unwrapped), unless ``settings.allow_private``. The connection then goes
to the checked address (the Host header and TLS SNI keep the name), so a
second DNS answer cannot point the request elsewhere. Bodies are streamed
and cut off past ``settings.max_bytes``.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Collection, Iterable

import httpx

from faultlines.errors import InputError
from faultlines.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
    }
)
_TYPES_BY_KIND = {"html": HTML_TYPES, "text": TEXT_TYPES, "feed": FEED_TYPES}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True)
class Fetched:
    """A fetched body. ``url`` is the one asked for, ``final_url`` the one after redirects."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    charset: str | None = None

    @property
    def kind(self) -> str:
        """"feed", "html" or "text", from the content type."""
        if self.content_type in FEED_TYPES:
            return "feed"
        if self.content_type in TEXT_TYPES:
            return "text"
        return "html"


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` may not be fetched from, or None when it is a global address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = forbidden_reason(embedded)
            return f"{inner} (as {ip})" if inner else None
        if ip.teredo is not None:
            return "a Teredo tunnel address"
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    )
    for attr, reason in checks:
        if getattr(ip, attr):
            return reason
    if not ip.is_global:
        return "not a globally routable address"
    return None


def _refuse(source: str, reason: str) -> InputError:
    return InputError(source, reason, code="FL107")


def _fail(source: str, reason: str) -> InputError:
    return InputError(source, reason, code="FL108")


class Fetcher:
    """One HTTP client for one ingest run; use as a context manager or call :meth:`close`.

    ``trusted_addresses`` allow-lists exact IP addresses even when they are
    private (for tests that serve pages from 127.0.0.1); every other address
    is still checked.
    """

    def __init__(self, settings: Settings, *, trusted_addresses: Iterable[str] = ()) -> None:
        self.settings = settings
        self.trusted = frozenset(ipaddress.ip_address(a) for a in trusted_addresses)
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.settings.http_timeout),
                follow_redirects=False,
                # No proxies from the environment: a proxy would bypass the address checks.
                trust_env=False,
                # No pooled connections: a TLS connection verified for one host
                # name must not be reused for another name on the same address.
                limits=httpx.Limits(max_keepalive_connections=0),
                headers={
                    "User-Agent": self.settings.user_agent,
                    "Accept-Encoding": "gzip, deflate",
                },
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- checks ----------------------------------------------------------------
    def check(self, url: str, source: str) -> tuple[httpx.URL, str | None]:
        """The parsed URL and the address to connect to (None: connect by name).

        Raises FL107 for a refused scheme or address, FL108 when the name
        does not resolve.
        """
        try:
            parsed = httpx.URL(url)
        except Exception as exc:
            raise _refuse(source, f"not a valid URL: {exc}") from None
        if parsed.scheme not in ("http", "https"):
            raise _refuse(source, f"scheme {parsed.scheme or '(none)'!r} refused: only http and https URLs are fetched")
        host = parsed.host
        if not host:
            raise _refuse(source, "URL has no host")
        if self.settings.allow_private:
            return parsed, None
        raw_host = parsed.raw_host.decode("ascii")
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                infos = socket.getaddrinfo(raw_host, parsed.port or (443 if parsed.scheme == "https" else 80), type=socket.SOCK_STREAM)
            except (socket.gaierror, UnicodeError, OSError) as exc:
                raise _fail(source, f"cannot resolve host {host!r}: {exc}") from None
            addresses = []
            for info in infos:
                address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
                if address not in addresses:
                    addresses.append(address)
            if not addresses:
                raise _fail(source, f"cannot resolve host {host!r}: no addresses")
        for address in addresses:
            if address in self.trusted:
                continue
            reason = forbidden_reason(address)
            if reason:
                shown = host if str(address) == host else f"{host} ({address})"
                raise _refuse(
                    source,
                    f"refused host {shown}: {reason}; fetching from private networks needs --allow-private (allow_private=True in Python)",
                )
        return parsed, str(addresses[0])

    # -- fetching ----------------------------------------------------------------
    def fetch(self, url: str, *, accept: Collection[str] = ("html", "text"), source: str | None = None) -> Fetched:
        """GET ``url``; ``accept`` names the kinds of content allowed ("html", "text", "feed").

        Raises :class:`InputError`: FL107 refused, FL108 network / HTTP
        failure or too many redirects, FL104 body over ``max_bytes``, FL111
        content type not accepted, FL102 empty body.
        """
        label = source or url
        allowed = frozenset().union(*(_TYPES_BY_KIND[k] for k in accept))
        settings = self.settings
        deadline = time.monotonic() + 2 * settings.http_timeout
        current = url
        for hop in range(settings.max_redirects + 1):
            parsed, address = self.check(current, label)
            request_url = parsed
            headers = {}
            extensions = {}
            if address is not None:
                request_url = parsed.copy_with(host=address)
                headers["Host"] = parsed.netloc.decode("ascii")
                if parsed.scheme == "https":
                    extensions["sni_hostname"] = parsed.raw_host.decode("ascii")
            accept_header = ", ".join(sorted(allowed)) + ", */*;q=0.1"
            headers["Accept"] = accept_header
            try:
                request = self.client.build_request("GET", request_url, headers=headers, extensions=extensions)
                response = self.client.send(request, stream=True)
            except httpx.TimeoutException:
                raise _fail(label, f"timed out after {settings.http_timeout:g} s connecting to {parsed.host}") from None
            except httpx.HTTPError as exc:
                raise _fail(label, f"fetch failed: {exc or type(exc).__name__}") from None
            try:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise _fail(label, f"HTTP {response.status_code} redirect without a Location header")
                    current = str(parsed.join(location))
                    continue
                return self._read(url, str(parsed), response, allowed, label, deadline)
            finally:
                response.close()
        raise _fail(label, f"too many redirects (more than {settings.max_redirects})")

    def _read(
        self, url: str, final_url: str, response: httpx.Response, allowed: frozenset[str], label: str, deadline: float
    ) -> Fetched:
        settings = self.settings
        if response.status_code >= 400:
            raise _fail(label, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
        if response.status_code != 200 and response.status_code != 203:
            raise _fail(label, f"unexpected HTTP status {response.status_code}")
        raw_type = response.headers.get("content-type", "")
        content_type = raw_type.split(";", 1)[0].strip().lower()
        if content_type not in allowed:
            raise InputError(
                label,
                f"content type {content_type or '(none)'!r} not accepted here (expected one of {', '.join(sorted(allowed))})",
                code="FL111",
            )
        length = response.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_bytes:
            raise InputError(label, f"response too large: {length} bytes, the limit is {settings.max_bytes}", code="FL104")
        chunks: list[bytes] = []
        total = 0
        try:
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > settings.max_bytes:
                    raise InputError(
                        label, f"response too large: over {settings.max_bytes} bytes, download aborted", code="FL104"
                    )
                if time.monotonic() > deadline:
                    raise _fail(label, f"download too slow: not done in {2 * settings.http_timeout:g} s")
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise _fail(label, f"timed out after {settings.http_timeout:g} s reading the response") from None
        except httpx.HTTPError as exc:
            raise _fail(label, f"fetch failed while reading: {exc or type(exc).__name__}") from None
        body = b"".join(chunks)
        if not body.strip():
            raise InputError(label, "empty response body", code="FL102")
        return Fetched(
            url=url,
            final_url=final_url,
            status=response.status_code,
            content_type=content_type,
            body=body,
            charset=response.charset_encoding,
        )


def fetch(
    url: str,
    settings: Settings,
    *,
    accept: Collection[str] = ("html", "text"),
    fetcher: Fetcher | None = None,
    trusted_addresses: Iterable[str] = (),
) -> Fetched:
    """Fetch one URL safely (see :class:`Fetcher`); a run fetching many should share one Fetcher."""
    if fetcher is not None:
        return fetcher.fetch(url, accept=accept)
    with Fetcher(settings, trusted_addresses=trusted_addresses) as own:
        return own.fetch(url, accept=accept)


def is_url(value: str) -> bool:
    low = value[:10].lower()
    return low.startswith("http://") or low.startswith("https://")
