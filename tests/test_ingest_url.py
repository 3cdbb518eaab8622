"""Fetching over real HTTP from a local server, and the address checks."""
from __future__ import annotations

import dataclasses
import ipaddress

import pytest

from faultlines.errors import InputError
from faultlines.ingest import Fetcher, fetch, iter_documents
from faultlines.ingest.url import forbidden_reason
from faultlines.settings import Settings
from ingest_support import Server, closed_port, fixture_bytes, standard_site

OPEN = Settings(workers=1, allow_private=True, http_timeout=5.0)
STRICT = Settings(workers=1, http_timeout=5.0)
PAGE = "/2025/12/10/tajik-afghan-border-attack.html"


@pytest.fixture(scope="module")
def site():
    with Server() as server:
        standard_site(server)
        server.add("/to-page", status=302, content_type=None, headers={"Location": PAGE})
        server.add("/loop", status=302, content_type=None, headers={"Location": "/loop"})
        server.add("/image.png", content_type="image/png", body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        server.add("/no-type", content_type=None, body=b"<html><body><p>x</p></body></html>")
        server.add("/huge-stream", stream_bytes=3_000_000)
        server.add("/huge-declared", body=b"<p>" + b"x" * 200_000 + b"</p>")
        server.add("/gone", status=410, body=b"<p>Gone</p>")
        server.add("/empty", body=b"")
        server.add("/to-metadata", status=301, content_type=None, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        server.add("/to-ftp", status=302, content_type=None, headers={"Location": "ftp://files.example.org/a.txt"})
        yield server


def fetch_error(url: str, settings: Settings = STRICT, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        fetch(url, settings, **kwargs)
    assert info.value.source == url
    return info.value


def test_fetch_page(site: Server) -> None:
    got = fetch(site.base + PAGE, OPEN)
    assert got.status == 200
    assert got.content_type == "text/html"
    assert got.charset == "utf-8"
    assert got.body == fixture_bytes("border_attack.html")
    assert got.final_url == got.url == site.base + PAGE


def test_trusted_address_hook(site: Server) -> None:
    # Not allow_private: only the one trusted address is let through.
    got = fetch(site.base + PAGE, STRICT, trusted_addresses=["127.0.0.1"])
    assert got.status == 200
    assert fetch_error(site.base + PAGE).code == "FL107"


def test_manual_redirect_followed(site: Server) -> None:
    got = fetch(site.base + "/to-page", OPEN)
    assert got.final_url == site.base + PAGE
    assert got.url == site.base + "/to-page"


def test_redirect_to_other_loopback_refused_at_the_hop(site: Server) -> None:
    site.add("/to-127-0-0-2", status=302, content_type=None, headers={"Location": f"http://127.0.0.2:{site.port}{PAGE}"})
    err = fetch_error(site.base + "/to-127-0-0-2", trusted_addresses=["127.0.0.1"])
    assert err.code == "FL107"
    assert "127.0.0.2" in err.reason and "loopback" in err.reason
    assert "/to-127-0-0-2" in site.hits


def test_redirect_to_metadata_address_refused(site: Server) -> None:
    err = fetch_error(site.base + "/to-metadata", trusted_addresses=["127.0.0.1"])
    assert err.code == "FL107" and "169.254.169.254" in err.reason and "link-local" in err.reason


def test_redirect_to_other_scheme_refused(site: Server) -> None:
    assert fetch_error(site.base + "/to-ftp", OPEN).code == "FL107"


def test_too_many_redirects(site: Server) -> None:
    err = fetch_error(site.base + "/loop", dataclasses.replace(OPEN, max_redirects=3))
    assert err.code == "FL108" and "redirects" in err.reason


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://127.0.0.1:9/", "loopback"),
        ("http://10.20.30.40/news", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://localhost/", "localhost"),
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.org/x", "scheme"),
    ],
)
def test_refused_urls(url: str, words: str) -> None:
    err = fetch_error(url)
    assert err.code == "FL107"
    assert words in err.reason
    if words in ("loopback", "private"):
        assert "--allow-private" in err.reason  # the option a user of the CLI types


def test_forbidden_reason_unit() -> None:
    ip = ipaddress.ip_address
    assert forbidden_reason(ip("93.184.215.14")) is None
    assert forbidden_reason(ip("2606:2800:21f:cb07:6820:80da:af6b:8b2c")) is None
    assert "loopback" in forbidden_reason(ip("::ffff:127.0.0.1"))
    assert "private" in forbidden_reason(ip("2002:c0a8:0101::1"))  # 6to4 around 192.168.1.1
    assert "private" in forbidden_reason(ip("fd00::1"))
    assert "link-local" in forbidden_reason(ip("fe80::1"))
    assert "reserved" in forbidden_reason(ip("240.0.0.1")) or "private" in forbidden_reason(ip("240.0.0.1"))
    assert forbidden_reason(ip("100.64.0.1")) is not None  # carrier-grade NAT


def test_unreachable_url() -> None:
    err = fetch_error(f"http://127.0.0.1:{closed_port()}/news", OPEN)
    assert err.code == "FL108"


def test_http_error_status(site: Server) -> None:
    err = fetch_error(site.base + "/gone", OPEN)
    assert err.code == "FL108" and "410" in err.reason
    assert fetch_error(site.base + "/does-not-exist", OPEN).code == "FL108"


def test_oversize_bodies(site: Server) -> None:
    small = dataclasses.replace(OPEN, max_bytes=100_000)
    streamed = fetch_error(site.base + "/huge-stream", small)
    assert streamed.code == "FL104" and "aborted" in streamed.reason
    declared = fetch_error(site.base + "/huge-declared", small)
    assert declared.code == "FL104"


def test_wrong_content_type(site: Server) -> None:
    assert fetch_error(site.base + "/image.png", OPEN).code == "FL111"
    assert fetch_error(site.base + "/no-type", OPEN).code == "FL111"
    # A feed type is accepted only where a feed is expected.
    assert fetch_error(site.base + "/feed.rss", OPEN).code == "FL111"
    assert fetch(site.base + "/feed.rss", OPEN, accept=("feed",)).content_type == "application/rss+xml"


def test_empty_body(site: Server) -> None:
    assert fetch_error(site.base + "/empty", OPEN).code == "FL102"


def test_one_client_per_fetcher(site: Server) -> None:
    with Fetcher(OPEN) as fetcher:
        a = fetcher.fetch(site.base + PAGE)
        client = fetcher.client
        b = fetcher.fetch(site.base + "/notes.txt")
        assert fetcher.client is client
    assert a.kind == "html" and b.kind == "text"


def test_url_documents_through_iter_documents(site: Server) -> None:
    inputs = [
        site.base + PAGE,
        site.base + "/notes.txt",
        site.base + "/windows-1251.txt",
        site.base + "/2025/12/05/gallery.html",
        f"http://127.0.0.1:{closed_port()}/",
    ]
    out = list(iter_documents(inputs, OPEN))
    page, notes, ru, gallery, down = out
    assert page.source == site.base + PAGE and page.source_kind == "url"
    assert page.id == page.content_hash[:16]
    assert page.meta["extraction"] == "trafilatura" and page.published == "2025-12-10"
    assert "Tajik border guards" in page.text
    assert notes.published == "2025-12-10" and notes.published_readings == ["2025-10-12", "2025-12-10"]
    assert notes.title.startswith("Second attack")
    assert ru.meta["encoding"] == "cp1251" and ru.published == "2025-12-01"
    assert isinstance(gallery, InputError) and gallery.code == "FL106"
    assert isinstance(down, InputError) and down.code == "FL108"


def test_refused_in_iter_documents_without_allow_private(site: Server) -> None:
    (err,) = list(iter_documents([site.base + PAGE], STRICT))
    assert isinstance(err, InputError) and err.code == "FL107" and "127.0.0.1" in err.reason
