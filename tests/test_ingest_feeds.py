"""RSS 2.0 and Atom feeds: entry pages fetched from a local server, feed content as fallback."""
from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.errors import InputError
from faultlines.ingest import Fetcher, iter_documents, read_feed
from faultlines.model import Document
from faultlines.settings import Settings
from ingest_support import Server, closed_port, fixture_bytes, standard_site

OPEN = Settings(workers=2, allow_private=True, http_timeout=5.0)


@pytest.fixture(scope="module")
def site():
    with Server() as server:
        standard_site(server)
        server.add("/not-xml.rss", content_type="application/rss+xml", body=b"Breaking: border attack. More soon.\n")
        server.add("/empty-channel.xml", content_type="application/xml",
                   body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
        yield server


def test_rss_feed_from_url(site: Server) -> None:
    out = list(read_feed(site.base + "/feed.rss", OPEN))
    assert len(out) == 3
    page, fallback, failed = out
    # Entry 1: its page was fetched and extracted.
    assert isinstance(page, Document)
    assert page.source == site.base + "/2025/12/10/tajik-afghan-border-attack.html"
    assert page.source_kind == "feed"
    assert page.meta["extraction"] == "trafilatura"
    assert page.meta["feed"] == site.base + "/feed.rss"
    assert page.meta["author"] == "Dilnoza Rahimova"
    assert page.title == "Chinese workers killed in attack near Tajik-Afghan border"
    assert (page.published, page.published_basis) == ("2025-12-10", "feed entry date")
    assert "An earlier attack on November 26" in page.text and "cookie" not in page.text
    # Entry 2: page 404, content:encoded used instead.
    assert isinstance(fallback, Document)
    assert fallback.meta["extraction"] == "feed-content"
    assert fallback.text.startswith("Tajikistan has moved additional border guard units")
    assert "\nThe State Committee" in fallback.text
    assert fallback.published == "2025-12-08"
    # Entry 3: page is script-only and the entry has no content.
    assert isinstance(failed, InputError)
    assert failed.source == site.base + "/2025/12/05/gallery.html"


def test_atom_feed_from_url(site: Server) -> None:
    with Fetcher(OPEN) as fetcher:
        first, second = read_feed(site.base + "/feed.atom", OPEN, fetcher=fetcher)
    assert first.meta["extraction"] == "trafilatura"
    assert first.title == "На таджикско-афганской границе обстреляли лагерь китайских рабочих"
    assert first.meta["author"] == "Фаррух Саидов"
    assert first.published == "2025-12-01"
    assert "Погибли два гражданина Китая" in first.text
    assert second.meta["extraction"] == "feed-content"
    assert second.text.startswith("Пограничные войска Таджикистана")
    assert second.published == "2025-11-28"
    assert first.meta["feed_title"] == "Вести Азии: Безопасность"


def test_feed_urls_sniffed_in_iter_documents(site: Server) -> None:
    out = list(iter_documents([site.base + "/feed.atom", site.base + "/feed-as-html"], OPEN, published="2025-12-31"))
    docs = [d for d in out if isinstance(d, Document)]
    assert len(docs) == 4  # 2 Atom entries, 2 usable RSS entries (served as text/html)
    assert {d.published for d in docs} == {"2025-12-31"}
    assert all(d.source_kind == "feed" for d in docs)


def test_local_feed_file_falls_back_to_feed_content(tmp_path: Path, caplog) -> None:
    # Entry links point at a closed local port and private addresses are refused: no network needed.
    path = tmp_path / "security.rss"
    path.write_bytes(fixture_bytes("feed_rss.xml", f"http://127.0.0.1:{closed_port()}"))
    with caplog.at_level("WARNING", logger="faultlines.ingest.feeds"):
        out = list(iter_documents([str(path)], Settings(workers=1)))
    # the fallback is said (it had been silent, only in meta["page_error"])
    assert sum("feed entry's own text is analyzed" in r.getMessage() for r in caplog.records) == 2
    first, second, third = out
    assert first.meta["extraction"] == "feed-content"
    assert first.text.startswith("Two Chinese nationals were killed")  # from <description>
    assert "FL107" in first.meta["page_error"]
    assert second.meta["extraction"] == "feed-content" and second.meta["feed"] == str(path)
    assert isinstance(third, InputError)


def test_feed_not_xml(tmp_path: Path, site: Server) -> None:
    path = tmp_path / "news.rss"
    path.write_text("This is not a feed, just words.\n", encoding="utf-8")
    (err,) = list(iter_documents([str(path)], OPEN))
    assert err.code == "FL109" and err.source == str(path)
    (err,) = list(read_feed(site.base + "/not-xml.rss", OPEN))
    assert err.code == "FL109"


def test_feed_without_entries(tmp_path: Path, site: Server) -> None:
    (err,) = list(read_feed(site.base + "/empty-channel.xml", OPEN))
    assert err.code == "FL109" and "no entries" in err.reason
    broken = tmp_path / "broken.atom"
    broken.write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Broken</tit', encoding="utf-8")
    (err,) = list(read_feed(str(broken), OPEN))
    assert err.code == "FL109" and "malformed" in err.reason
    # Malformed but with a recoverable entry: the entry is read (here: no link, no text).
    partial = tmp_path / "partial.atom"
    partial.write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x', encoding="utf-8")
    (err,) = list(read_feed(str(partial), OPEN))
    assert err.code == "FL106" and "entry 1" in err.reason
