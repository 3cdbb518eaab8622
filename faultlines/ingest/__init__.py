"""Ingest: files, directories, URLs, feeds, JSON and stdin to :class:`~faultlines.model.Document`.

:func:`iter_documents` is the entry point. It yields a Document for each
article and an :class:`~faultlines.errors.InputError` (yielded, not raised)
for each input that cannot be read, so a caller prints one line and goes on.
"""
from __future__ import annotations

import fnmatch
import os
import re
import sys
from pathlib import Path, PurePosixPath
from typing import Iterator, Sequence

from faultlines.errors import InputError
from faultlines.model import Document
from faultlines.settings import Settings

from .decode import decode_bytes, decode_bytes_ex, sniff_kind
from .feeds import read_feed
from .files import read_bytes, read_text_file, text_document
from .html import HtmlItem, extract_html, extract_html_many
from .jsonl import iter_json_text, json_document, read_json_documents
from .published import choose_published, normalize_given, parse_date_line
from .url import Fetched, Fetcher, fetch

__all__ = [
    "DEFAULT_INCLUDE",
    "Fetched",
    "Fetcher",
    "HtmlItem",
    "SUFFIX_KINDS",
    "choose_published",
    "decode_bytes",
    "extract_html",
    "extract_html_many",
    "fetch",
    "iter_documents",
    "json_document",
    "normalize_given",
    "parse_date_line",
    "read_feed",
    "read_json_documents",
    "read_text_file",
    "walk_directory",
]

SUFFIX_KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
DEFAULT_INCLUDE: tuple[str, ...] = tuple(f"*{suffix}" for suffix in SUFFIX_KINDS)
STDIN_LABEL = "<stdin>"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def iter_documents(
    inputs: Sequence[str],
    settings: Settings,
    *,
    published: str | None = None,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    fetcher: Fetcher | None = None,
) -> Iterator[Document | InputError]:
    """Documents from ``inputs``: paths, directories, http(s) URLs, ``-`` for stdin.

    ``published`` (an ISO date) overrides every date found; a value that is
    not a date raises ValueError here, before anything is read. Directories
    are walked recursively in sorted order; a file is taken when its name or
    its path relative to the directory matches an ``include`` glob and no
    ``exclude`` glob. One :class:`Fetcher` (one HTTP client) serves the run
    unless ``fetcher`` is given.
    """
    given = normalize_given(published) if published else None
    return _iter(list(inputs), settings, given, tuple(include), tuple(exclude), fetcher)


def _iter(
    inputs: list[str],
    settings: Settings,
    published: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    fetcher: Fetcher | None,
) -> Iterator[Document | InputError]:
    own = fetcher is None
    run_fetcher = fetcher or Fetcher(settings)
    try:
        for value in inputs:
            try:
                if value == "-":
                    yield from _stdin(settings, published, run_fetcher)
                elif _SCHEME.match(value):
                    yield from _url(value, settings, published, run_fetcher)
                elif os.path.isdir(value):
                    yield from _directory(value, settings, published, include, exclude, run_fetcher)
                else:
                    yield from _file(value, value, settings, published, run_fetcher)
            except InputError as exc:
                yield exc
            except Exception as exc:  # one bad input must not end the run
                yield InputError(value, f"unexpected error: {type(exc).__name__}: {exc}", code="FL100")
    finally:
        if own:
            run_fetcher.close()


# -- stdin ---------------------------------------------------------------------


def _read_stdin(settings: Settings) -> bytes:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(settings.max_bytes + 1)
    else:
        raw = stream.read(settings.max_bytes + 1)
        data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > settings.max_bytes:
        raise InputError(STDIN_LABEL, f"too large: over {settings.max_bytes} bytes", code="FL104")
    if not data.strip():
        raise InputError(STDIN_LABEL, "empty input on stdin", code="FL102")
    return data


def _stdin(settings: Settings, published: str | None, fetcher: Fetcher) -> Iterator[Document | InputError]:
    data = _read_stdin(settings)
    kind = sniff_kind(data)
    if kind == "json":
        text = decode_bytes(data, STDIN_LABEL)
        yield from iter_json_text(text, STDIN_LABEL, jsonl=None, published=published, source_kind="stdin")
    elif kind == "feed":
        yield from read_feed(STDIN_LABEL, settings, fetcher=fetcher, data=data, published=published)
    elif kind == "html":
        yield extract_html(data, STDIN_LABEL, settings, source_kind="stdin", published=published)
    else:
        text, encoding = decode_bytes_ex(data, STDIN_LABEL)
        yield text_document(
            text, doc_id=None, source=STDIN_LABEL, source_kind="stdin", published=published,
            meta={"encoding": encoding},
        )


# -- URLs ------------------------------------------------------------------------


def _url(url: str, settings: Settings, published: str | None, fetcher: Fetcher) -> Iterator[Document | InputError]:
    page = fetcher.fetch(url, accept=("html", "text", "feed"))
    sniffed = sniff_kind(page.body)
    if page.kind == "feed" or sniffed == "feed":
        yield from read_feed(url, settings, fetcher=fetcher, data=page.body, published=published)
    elif page.kind == "text":
        text, encoding = decode_bytes_ex(page.body, url, declared=page.charset)
        yield text_document(
            text, doc_id=None, source=url, source_kind="url", published=published,
            meta={"url": page.final_url, "encoding": encoding},
        )
    else:
        doc = extract_html(
            page.body, url, settings, url=page.final_url, source_kind="url",
            published=published, declared_encoding=page.charset,
        )
        doc.meta.setdefault("url", page.final_url)
        if page.final_url != url:
            doc.meta["final_url"] = page.final_url
        yield doc


# -- files and directories -------------------------------------------------------


def _kind(path: str) -> str | None:
    return SUFFIX_KINDS.get(Path(path).suffix.lower())


def _file(
    path: str, label: str, settings: Settings, published: str | None, fetcher: Fetcher
) -> Iterator[Document | InputError]:
    kind = _kind(path)
    if kind is None:
        data = read_bytes(path, settings, source=label)
        sniffed = sniff_kind(data)
        if sniffed == "text" and Path(path).suffix:
            raise InputError(
                label,
                f"unsupported file kind {Path(path).suffix!r}: give .txt, .md, .html, .json, .jsonl, .xml, .rss or .atom",
                code="FL111",
            )
        kind = sniffed
    if kind == "text":
        yield read_text_file(path, settings, published=published, source=label)
    elif kind == "html":
        data = read_bytes(path, settings, source=label)
        yield extract_html(data, label, settings, doc_id=_stem(path), source_kind="file", published=published)
    elif kind == "json":
        yield from read_json_documents(path, settings, published=published, source=label)
    elif kind == "feed":
        try:
            data = read_bytes(path, settings, source=label)
        except InputError as exc:
            yield exc
            return
        yield from read_feed(label, settings, fetcher=fetcher, data=data, published=published)
    else:  # pragma: no cover - sniff_kind returns one of the kinds above
        raise InputError(label, "unsupported input kind", code="FL111")


def _stem(path: str) -> str:
    p = Path(path)
    return p.stem or p.name


def _matches(name: str, rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(rel, p) for p in patterns)


def walk_directory(
    root: str, include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = ()
) -> Iterator[tuple[str, str] | InputError]:
    """``(path, relative posix path)`` of the entries under ``root`` to ingest, sorted.

    Subdirectories are entered (symbolic links to directories are not
    followed, so a link loop cannot trap the walk); an unreadable directory
    is yielded as an InputError. Entries that are not regular files are
    yielded too when their name matches: reading them reports why.
    """
    inc, exc = tuple(include), tuple(exclude)

    def walk(directory: str, prefix: PurePosixPath | None) -> Iterator[tuple[str, str] | InputError]:
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield InputError(directory, f"cannot list directory: {err.strerror or err}", code="FL101")
            return
        for entry in entries:
            rel = str(prefix / entry.name) if prefix else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if exc and _matches(entry.name, rel, exc):
                    continue
                yield from walk(entry.path, PurePosixPath(rel))
                continue
            if not _matches(entry.name, rel, inc) or (exc and _matches(entry.name, rel, exc)):
                continue
            yield entry.path, rel

    yield from walk(root, None)


def _directory(
    root: str,
    settings: Settings,
    published: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    fetcher: Fetcher,
) -> Iterator[Document | InputError]:
    entries = list(walk_directory(root, include, exclude))

    def html_items() -> Iterator[HtmlItem]:
        for entry in entries:
            if isinstance(entry, tuple) and _kind(entry[0]) == "html":
                path = entry[0]
                try:
                    data: bytes | InputError = read_bytes(path, settings)
                except InputError as err:
                    data = err
                yield HtmlItem(data, path, doc_id=_stem(path), source_kind="file", published=published)

    # HTML pages go through worker processes; the rest is read here. Both
    # follow the sorted entry order, so results come out in that order.
    html_results = extract_html_many(html_items(), settings)
    try:
        for entry in entries:
            if isinstance(entry, InputError):
                yield entry
            elif _kind(entry[0]) == "html":
                yield next(html_results)
            else:
                try:
                    yield from _file(entry[0], entry[0], settings, published, fetcher)
                except InputError as err:
                    yield err
                except Exception as err:  # noqa: BLE001 - one bad file must not end the walk
                    yield InputError(entry[0], f"unexpected error: {type(err).__name__}: {err}", code="FL100")
    finally:
        html_results.close()
