"""HTML pages to Documents: main text and metadata via trafilatura.

Extraction is CPU-bound and trafilatura is not thread-safe, so batches run
in worker *processes* (:func:`extract_html_many`).
"""
from __future__ import annotations

import multiprocessing
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from faultlines.errors import InputError
from faultlines.model import Document
from faultlines.settings import Settings

from .decode import decode_bytes_ex
from .files import add_byline, split_lines
from .published import Published, from_lines, given

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 3
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer figure figcaption dd dt".split()
)


@dataclass(frozen=True)
class HtmlItem:
    """One page for :func:`extract_html_many`.

    ``data`` may already be an :class:`InputError` (the page could not be
    read); it is passed through in its place so results stay in input order.
    """

    data: bytes | str | InputError
    source: str
    url: str | None = None
    doc_id: str | None = None
    source_kind: str = "html"
    published: str | None = None
    declared_encoding: str | None = None
    meta: tuple[tuple[str, Any], ...] = ()


def _decode_html(data: bytes | str, source: str, declared: str | None) -> tuple[str, str | None]:
    if isinstance(data, str):
        if not data.strip():
            raise InputError(source, "empty HTML", code="FL102")
        return data.lstrip("\ufeff"), None
    meta = _META_CHARSET.search(data[:4096])
    hint = declared or (meta.group(1).decode("ascii", "replace") if meta else None)
    return decode_bytes_ex(data, source, declared=hint)


def has_main_text(text: str | None) -> bool:
    return bool(text) and len(_WORDS.findall(text)) >= _MIN_WORDS


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed's content:encoded or summary), blocks on their own lines."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(root)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def extract_html(
    data: bytes | str,
    source: str,
    settings: Settings,
    *,
    url: str | None = None,
    doc_id: str | None = None,
    source_kind: str = "html",
    published: str | None = None,
    declared_encoding: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Document:
    """Main text and metadata of an HTML page as a Document.

    Meta: ``author``, ``site``, ``url``, ``extraction`` ("trafilatura", or
    "baseline" when trafilatura found no main text but its baseline did),
    ``encoding``. ``published``: the CLI date, else the page's date
    metadata, else a date line at the top of the main text. ``doc_id`` None
    gives a content-hash id. Raises :class:`InputError` (FL104 too large,
    FL102/FL103/FL105 decoding, FL106 no main text).
    """
    import trafilatura

    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > settings.max_bytes:
        raise InputError(source, f"too large: {size} bytes, the limit is {settings.max_bytes}", code="FL104")
    html, encoding = _decode_html(data, source, declared_encoding)
    extraction = "trafilatura"
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on malformed input
        result = None
        error = f"{type(exc).__name__}: {exc}"
    else:
        error = None
    text = getattr(result, "text", None) if result is not None else None
    if not has_main_text(text):
        extraction = "baseline"
        try:
            text = trafilatura.baseline(html)[1]
        except Exception:
            text = ""
    if not has_main_text(text):
        why = f" ({error})" if error else ""
        raise InputError(source, f"no main text found in the HTML (empty, malformed or script-only page){why}", code="FL106")
    assert text is not None
    info_meta: dict[str, Any] = {"extraction": extraction}
    if encoding:
        info_meta["encoding"] = encoding
    get = (lambda name: getattr(result, name, None)) if result is not None else (lambda name: None)
    for key, attr in (("author", "author"), ("site", "sitename"), ("url", "url"), ("description", "description")):
        value = get(attr)
        if key == "author" and value:
            value = _as_written(html, value)
        if value:
            info_meta[key] = _closed_quotes(value) if key in ("author", "site") else value
    if url and "url" not in info_meta:
        info_meta["url"] = url
    info_meta.update(meta or {})
    if published:
        info = given(published)
    elif get("date"):
        info = Published(str(get("date"))[:10], [], "HTML metadata (trafilatura)")
    else:
        info = from_lines(split_lines(text), text)
    doc = Document(
        id=doc_id or "",
        text=text,
        title=(get("title") or None),
        source=source,
        source_kind=source_kind,
        meta=info_meta,
    )
    if not doc_id:
        doc.id = doc.content_hash[:16]
    info.apply(doc)
    add_byline(doc)
    return doc


# -- batches in worker processes -------------------------------------------------


def _as_item(item: HtmlItem | tuple) -> HtmlItem:
    return item if isinstance(item, HtmlItem) else HtmlItem(*item)


def _run_item(item: HtmlItem, settings: Settings) -> Document | InputError:
    if isinstance(item.data, InputError):
        return item.data
    try:
        return extract_html(
            item.data,
            item.source,
            settings,
            url=item.url,
            doc_id=item.doc_id,
            source_kind=item.source_kind,
            published=item.published,
            declared_encoding=item.declared_encoding,
            meta=dict(item.meta),
        )
    except InputError as exc:
        return exc


def _worker(item: HtmlItem, settings: Settings) -> Document | tuple[str, str, str, str]:
    # InputError does not survive pickling (its __init__ takes two args), so
    # errors cross the process boundary as plain tuples.
    out = _run_item(item, settings)
    if isinstance(out, InputError):
        return ("InputError", out.source, out.reason, out.code)
    return out


def _unwrap(out: Document | tuple[str, str, str, str]) -> Document | InputError:
    if isinstance(out, tuple):
        return InputError(out[1], out[2], code=out[3])
    return out


def _mp_context() -> Any:
    # forkserver/spawn rather than fork: callers (tests, servers) may hold threads.
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods and sys.platform != "darwin":
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["faultlines.ingest.html", "trafilatura"])
        return ctx
    return multiprocessing.get_context("spawn")


def extract_html_many(
    items: Iterable[HtmlItem | tuple], settings: Settings, *, chunk_size: int | None = None
) -> Iterator[Document | InputError]:
    """:func:`extract_html` over many pages, in worker processes, in input order.

    ``items`` are :class:`HtmlItem` (or tuples of its fields) and are read
    lazily, ``chunk_size`` at a time (default 4 per worker), so at most one
    chunk of pages is in memory. With ``settings.workers == 1`` or a single
    item, extraction runs in this process. A pool that cannot start or
    breaks falls back to in-process extraction for what is left.
    """
    iterator = iter(items)
    first = next(iterator, None)
    if first is None:
        return
    second = next(iterator, None)
    if second is None or settings.workers <= 1:
        yield _run_item(_as_item(first), settings)
        if second is not None:
            yield _run_item(_as_item(second), settings)
            for item in iterator:
                yield _run_item(_as_item(item), settings)
        return
    size = chunk_size or max(2, settings.workers * 4)

    def chunks() -> Iterator[list[HtmlItem]]:
        chunk = [_as_item(first), _as_item(second)]
        for item in iterator:
            if len(chunk) >= size:
                yield chunk
                chunk = []
            chunk.append(_as_item(item))
        if chunk:
            yield chunk

    pool: ProcessPoolExecutor | None
    try:
        pool = ProcessPoolExecutor(max_workers=settings.workers, mp_context=_mp_context())
    except (OSError, NotImplementedError, ValueError):
        pool = None

    def submit(chunk: list[HtmlItem]) -> list[Any]:
        assert pool is not None
        return [
            item.data if isinstance(item.data, InputError) else pool.submit(_worker, item, settings)
            for item in chunk
        ]

    # Two chunks in flight at most: the one being yielded and the next.
    pending: tuple[list[HtmlItem], list[Any]] | None = None
    try:
        for chunk in chunks():
            submitted = None
            if pool is not None:
                try:
                    submitted = submit(chunk)
                except (BrokenProcessPool, RuntimeError, OSError):
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = None
            if pending is not None:
                yield from _collect(*pending, settings)
            pending = (chunk, submitted) if submitted is not None else None
            if submitted is None:
                for item in chunk:
                    yield _run_item(item, settings)
        if pending is not None:
            yield from _collect(*pending, settings)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _collect(chunk: list[HtmlItem], submitted: list[Any], settings: Settings) -> Iterator[Document | InputError]:
    for item, job in zip(chunk, submitted):
        if isinstance(job, InputError):
            yield job
            continue
        try:
            yield _unwrap(job.result())
        except (BrokenProcessPool, OSError, RuntimeError):
            # The pool died under this item: do it here instead.
            yield _run_item(item, settings)


_META_AUTHOR = re.compile(r"""<meta\s[^>]*?name=["']author["'][^>]*?content=["']([^"'<>]{1,200})["']""", re.I)


def _as_written(html: str, author: str) -> str:
    """The page's own author tag where the extractor dropped its dots ("H. Analyst" had become "H Analyst")."""
    found = _META_AUTHOR.search(html)
    written = found.group(1).strip() if found else ""
    return written if written and written.replace(".", "").split() == author.replace(".", "").split() else author


def _closed_quotes(name: str) -> str:
    """trafilatura cuts a closing quote off a name ("Редакция «Евразийского обозревателя»" came out without its »):
    close what the name opens."""
    if name.count("«") > name.count("»"):
        name += "»"
    if name.count('"') % 2:
        name += '"'
    return name
