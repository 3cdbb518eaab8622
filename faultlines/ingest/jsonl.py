"""JSON documents: ``.jsonl`` (one object a line) and ``.json`` (an object or a list of them), and Telegram
Desktop's channel exports (``result.json``: one document per text message).

Fields: ``id, title, text, url, published, language``; any other field is
kept in ``meta``. A bad line is one :class:`InputError`; the other lines
still give documents.
"""
from __future__ import annotations

import json
import logging
import os
import re
from typing import Any, Iterator

from faultlines.errors import InputError
from faultlines.model import ID_PATTERN, MAX_ID_LENGTH, PUBLISHED_YEARS, Document
from faultlines.settings import Settings

from .decode import decode_bytes_ex
from .files import read_bytes
from .published import Published, choose_published, given, iso_date, parse_date_line

log = logging.getLogger(__name__)

_KNOWN = ("id", "title", "text", "url", "published", "language")


def _bad(label: str, reason: str) -> InputError:
    return InputError(label, reason, code="FL110")


def json_document(
    obj: Any, where: str, *, published: str | None = None, source_kind: str = "json"
) -> Document | InputError:
    """One JSON object as a Document, or an FL110 error naming ``where`` ("path:line")."""
    if not isinstance(obj, dict):
        return _bad(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return _bad(where, "no non-empty string field \"text\"")
    given_id = obj.get("id")
    if given_id is not None and not isinstance(given_id, (str, int)):
        return _bad(where, "field \"id\" must be a string or a number")
    if given_id not in (None, "") and not re.fullmatch(ID_PATTERN, str(given_id)):
        # (the API and the dashboard open documents by id: one they cannot name would be stored out of reach)
        return _bad(where, f"field \"id\" must be 1 to {MAX_ID_LENGTH} characters without control characters")
    url = obj.get("url") if isinstance(obj.get("url"), str) and obj.get("url") else None
    title = obj.get("title") if isinstance(obj.get("title"), str) and obj.get("title").strip() else None
    language = obj.get("language") if isinstance(obj.get("language"), str) and obj.get("language") else None
    meta: dict[str, Any] = {}
    if isinstance(obj.get("meta"), dict):
        meta.update(obj["meta"])
    meta.update({k: v for k, v in obj.items() if k not in _KNOWN and k != "meta"})
    if url:
        meta.setdefault("url", url)
    meta["location"] = where
    doc = Document(
        id=str(given_id) if given_id not in (None, "") else "",
        text=text,
        title=title,
        source=url or where,
        source_kind=source_kind,
        language=language,
        meta=meta,
    )
    if not doc.id:
        doc.id = doc.content_hash[:16]
    if published:
        given(published).apply(doc)
    elif obj.get("published"):
        raw = obj["published"]
        iso = iso_date(raw) if isinstance(raw, str) else None
        if iso:
            Published(iso, [], "given in the JSON document").apply(doc)
        elif isinstance(raw, str) and len(parse_date_line(raw)) > 1:
            readings = parse_date_line(raw)
            chosen, basis = choose_published(readings, text, language, raw=raw)
            Published(chosen, readings, basis).apply(doc)
        else:
            doc.meta["published_raw"] = raw
            log.warning("%s: 'published' %r is no date between %d and %d; stored without one", where, raw, *PUBLISHED_YEARS)
    return doc


# -- Telegram Desktop's channel export ("Export chat history" as JSON: result.json) --------------------------------

def _is_telegram_export(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("messages"), list) and "text" not in value \
        and ("type" in value or "name" in value)


def _telegram_text(text: Any) -> str:
    """A message's text: a string, or a list of strings and entities ({"type": "bold", "text": "…"})."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) if isinstance(p, dict) else "" for p in text)
    return ""


def telegram_documents(export: dict, label: str, *, published: str | None = None) -> Iterator[Document | InputError]:
    """One document per text message of a Telegram channel or chat export; service messages and media without a
    caption carry no text and are skipped. The id is the channel's and the message's; the date is the message's."""
    channel = export.get("name") or "telegram"
    channel_id = export.get("id")
    texts = 0
    for index, message in enumerate(export["messages"]):
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        text = _telegram_text(message.get("text")).strip()
        if not text:
            continue
        texts += 1
        number = message.get("id", index)
        obj: dict[str, Any] = {"id": f"tg-{channel_id if channel_id is not None else channel}-{number}", "text": text,
                               "channel": channel, "message_id": number}
        date = message.get("date")
        if isinstance(date, str) and iso_date(date[:10]):
            obj["published"] = date[:10]
        for key in ("from", "forwarded_from", "reply_to_message_id", "edited"):
            if message.get(key) not in (None, ""):
                obj[key] = message[key]
        if isinstance(export.get("username"), str):
            obj["url"] = f"https://t.me/{export['username']}/{number}"
        doc = json_document(obj, f"{label}#{number}", published=published, source_kind="telegram")
        if isinstance(doc, Document):
            doc.meta["site"] = channel  # the channel speaks in its own posts
        yield doc
    if not texts:
        yield InputError(label, "Telegram export without text messages: no documents", code="FL102")


def _first_line_is_object(text: str) -> bool:
    for line in text.split("\n"):
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except json.JSONDecodeError:
                return False
    return False


def iter_json_text(
    text: str, label: str, *, jsonl: bool | None = None, published: str | None = None, source_kind: str = "json"
) -> Iterator[Document | InputError]:
    """Documents from JSON / JSONL text. ``jsonl`` None: guess (a .json that fails as one value is read as JSONL)."""
    if jsonl is not True:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            if jsonl is False or not (exc.msg == "Extra data" or _first_line_is_object(text)):
                yield _bad(f"{label}:{exc.lineno}", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
                return
        else:
            if _is_telegram_export(value):
                yield from telegram_documents(value, label, published=published)
                return
            if isinstance(value, list):
                if not value:
                    yield InputError(label, "empty JSON list: no documents", code="FL102")
                for index, obj in enumerate(value):
                    yield json_document(obj, f"{label}[{index}]", published=published, source_kind=source_kind)
            else:
                yield json_document(value, label, published=published, source_kind=source_kind)
            return
    seen = False
    # Split on "\n" only: JSON strings may hold U+2028 and other characters
    # that str.splitlines() would treat as line ends.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        where = f"{label}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _bad(where, f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield json_document(obj, where, published=published, source_kind=source_kind)
    if not seen:
        yield InputError(label, "no JSON documents", code="FL102")


def read_json_documents(
    path: str | os.PathLike[str], settings: Settings, *, published: str | None = None, source: str | None = None
) -> Iterator[Document | InputError]:
    """Documents from a .json or .jsonl file; bad lines / items are yielded as FL110 errors."""
    label = source if source is not None else str(path)
    try:
        data = read_bytes(path, settings, source=label)
        text, _ = decode_bytes_ex(data, label)
    except InputError as exc:
        yield exc
        return
    jsonl = str(path).lower().endswith(".jsonl") or str(path).lower().endswith(".ndjson")
    yield from iter_json_text(text, label, jsonl=True if jsonl else None, published=published)
