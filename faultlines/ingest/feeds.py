"""RSS / Atom feeds: one Document per entry, from the entry's page when it can be fetched."""
from __future__ import annotations

import logging
from datetime import date
from typing import Any, Iterator

import feedparser

from faultlines.errors import InputError
from faultlines.model import Document
from faultlines.settings import Settings

from .decode import strip_bom_bytes
from .files import read_bytes
from .html import HtmlItem, extract_html_many, fragment_to_text, has_main_text
from .published import Published, given
from .url import Fetcher, is_url

log = logging.getLogger(__name__)

_BATCH = 16


def parse_feed(data: bytes, source: str) -> Any:
    """feedparser's result for ``data``; FL109 when it is not a feed with entries."""
    head = strip_bom_bytes(data[:1024]).lstrip()
    if not head.startswith(b"<"):
        raise InputError(source, "not a feed: not XML (expected RSS or Atom)", code="FL109")
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    if not parsed.entries:
        if parsed.bozo:
            why = parsed.get("bozo_exception")
            raise InputError(source, f"not a feed: malformed XML ({why})", code="FL109")
        raise InputError(source, f"not a feed: no entries found ({parsed.version or 'not RSS or Atom'})", code="FL109")
    return parsed


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
            except (ValueError, AttributeError):
                continue
    return None


def _entry_content(entry: Any) -> str:
    for content in entry.get("content") or []:
        text = fragment_to_text(content.get("value", ""))
        if has_main_text(text):
            return text
    return fragment_to_text(entry.get("summary", "") or "")


def read_feed(
    source: str,
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
    data: bytes | None = None,
    published: str | None = None,
) -> Iterator[Document | InputError]:
    """Documents for the entries of a feed (a URL or a local file).

    Each entry's link is fetched and extracted (in worker processes, a batch
    at a time); when that fails, the entry's own content:encoded / summary is
    used (meta ``extraction`` "feed-content"), and when that is empty too the
    entry yields an :class:`InputError`. A feed that cannot be read yields one
    InputError (FL109 when it is not a feed). ``data``: bytes already
    fetched for ``source``.
    """
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        if data is None:
            try:
                if is_url(source):
                    data = fetcher.fetch(source, accept=("feed", "html")).body
                else:
                    data = read_bytes(source, settings)
            except InputError as exc:
                yield exc
                return
        try:
            parsed = parse_feed(data, source)
        except InputError as exc:
            yield exc
            return
        feed_title = parsed.feed.get("title")
        entries = list(enumerate(parsed.entries, start=1))
        for start in range(0, len(entries), _BATCH):
            yield from _batch(entries[start : start + _BATCH], source, feed_title, settings, fetcher, published)
    finally:
        if own:
            fetcher.close()


def _batch(
    entries: list[tuple[int, Any]],
    feed_source: str,
    feed_title: str | None,
    settings: Settings,
    fetcher: Fetcher,
    published: str | None,
) -> Iterator[Document | InputError]:
    items: list[HtmlItem] = []
    for number, entry in entries:
        link = entry.get("link") or ""
        label = link or f"{feed_source}#entry-{number}"
        meta = _entry_meta(entry, feed_source, feed_title)
        if link and is_url(link):
            try:
                page = fetcher.fetch(link, accept=("html",))
                items.append(
                    HtmlItem(
                        page.body, label, url=page.final_url, source_kind="feed",
                        declared_encoding=page.charset, meta=tuple(meta.items()),
                    )
                )
                continue
            except InputError as exc:
                items.append(HtmlItem(exc, label))
                continue
        items.append(HtmlItem(InputError(label, "entry has no http(s) link", code="FL106"), label))
    for (number, entry), result in zip(entries, extract_html_many(items, settings)):
        link = entry.get("link") or ""
        label = link or f"{feed_source}#entry-{number}"
        if isinstance(result, Document):
            doc = result
            doc.title = entry.get("title") or doc.title
            if entry.get("author"):
                doc.meta["author"] = entry.get("author")
        else:
            text = _entry_content(entry)
            if not has_main_text(text):
                yield InputError(
                    label,
                    f"feed entry {number}: page not usable ({result.reason}) and the entry has no content",
                    code="FL106" if result.code in ("FL106", "FL102") else result.code,
                )
                continue
            meta = _entry_meta(entry, feed_source, feed_title)
            meta["extraction"] = "feed-content"
            meta["page_error"] = str(result)
            # (the fallback had been silent: the page's refusal was only in meta)
            log.warning("%s: page not used (%s); the feed entry's own text is analyzed", label, result.reason)
            doc = Document(id="", text=text, title=entry.get("title") or None, source=label, source_kind="feed", meta=meta)
            doc.id = doc.content_hash[:16]
        doc.source = label
        doc.source_kind = "feed"
        entry_date = _entry_date(entry)
        if published:
            given(published).apply(doc)
        elif entry_date:
            Published(entry_date, [], "feed entry date").apply(doc)
        yield doc


def _entry_meta(entry: Any, feed_source: str, feed_title: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {"feed": feed_source}
    if feed_title:
        meta["feed_title"] = feed_title
    if entry.get("link"):
        meta["url"] = entry.get("link")
    if entry.get("author"):
        meta["author"] = entry.get("author")
    if entry.get("id"):
        meta["entry_id"] = entry.get("id")
    return meta
