"""Plain text and Markdown files, and the size-checked reading every file kind uses."""
from __future__ import annotations

import os
import re
import stat
from datetime import date, datetime
from pathlib import Path

from faultlines.errors import InputError
from faultlines.model import Document
from faultlines.settings import Settings

from .decode import decode_bytes_ex
from .published import DATELINE, Published, from_dateline, from_lines, given, parse_date_line

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
# "By Rustam Nazarov", "Автор: Айбек Смадияров", "*By Jane Doe, Bishkek*", "Analysis by Elena Morozova": a byline
# among the first lines (never "By Tuesday, the protests had spread": two capitalised words at least, a short tail)
# (also two authors, "By Olzhas Auyezov and Guy Faulconbridge", and a newsroom, "By Asia-Plus staff", "By RFE/RL's
# Kyrgyz and Tajik services")
_NAME = r"[A-ZА-ЯЁ][\w'’./-]+(?:[ \t]+[A-ZА-ЯЁ][\w'’./-]+){1,3}"
_BYLINE = re.compile(r"^[ \t*_]*(?:(?:(?:Analysis|Commentary|Opinion|Comment|Column|Interview|Report|Reporting)[ \t]+)?"
                     r"(?:By|BY|by)|Author:|Автор:|Автор|(?:Комментарий|Мнение|Анализ|Колонка)[ \t]*:?)[ \t]+"
                     rf"(?P<name>{_NAME}(?:[ \t]+(?:and|и)[ \t]+{_NAME})?|[A-ZА-ЯЁ][\w'’./-]+(?:[ \t]+(?:[A-ZА-ЯЁ][\w'’./-]+|and))*"
                     r"[ \t]+(?:staff|correspondents?|services?|newsroom|desk|reporters?))"
                     r"[ \t*_]*(?:[,|—–-][\w'’.,|/ \t-]{0,50})?[ \t*_]*$", re.MULTILINE)
_BYLINE_LINES = 6
# "Пресс-служба Министерства внутренних дел Кыргызской Республики", "Press service of the Foreign Ministry": an
# institution's own release, written in its voice (its sentences are its claims)
_PRESS_SERVICE = re.compile(r"^[ \t*_]*(?P<name>(?:Пресс-служба|Пресс-центр|Пресс-секретариат|Press\s+(?:service|office)"
                            r"(?:\s+of)?)\s+[^\n]{3,100}?)[ \t*_.]*$", re.MULTILINE | re.IGNORECASE)


def read_bytes(path: str | os.PathLike[str], settings: Settings, *, source: str | None = None) -> bytes:
    """The bytes of a regular file, refused before reading when it is too large.

    Raises :class:`InputError` FL101 (missing, not a regular file,
    unreadable), FL102 (empty), FL104 (larger than ``settings.max_bytes``).
    """
    label = source if source is not None else str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(label, "dangling symbolic link: its target does not exist", code="FL101") from None
        raise InputError(label, "no such file or directory", code="FL101") from None
    except OSError as exc:
        raise InputError(label, f"cannot read: {exc.strerror or exc}", code="FL101") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a directory" if stat.S_ISDIR(st.st_mode) else "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a device" if (stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)) else "not a regular file"
        raise InputError(label, f"not a regular file ({kind})", code="FL101")
    if st.st_size > settings.max_bytes:
        raise InputError(
            label,
            f"too large: {st.st_size} bytes, the limit is {settings.max_bytes} (pass --max-bytes or set FAULTLINES_MAX_BYTES)",
            code="FL104",
        )
    if st.st_size == 0:
        raise InputError(label, "empty file", code="FL102")
    try:
        with open(path, "rb") as handle:
            data = handle.read(settings.max_bytes + 1)
    except OSError as exc:
        raise InputError(label, f"cannot read: {exc.strerror or exc}", code="FL101") from None
    if len(data) > settings.max_bytes:
        raise InputError(label, f"too large: over {settings.max_bytes} bytes", code="FL104")
    return data


def split_lines(text: str) -> list[str]:
    """Lines without their line ends (any of \\r\\n, \\r, \\n)."""
    return [m.group(0).rstrip("\r\n") for m in _LINE.finditer(text) if m.group(0)]


def title_of(lines: list[str], *, markdown: bool = False) -> str | None:
    """The first non-empty line when an empty line follows it (or a Markdown heading), or when a byline or a date
    line follows it ("Headline / By Dmitry Kovalenko / 14 November 2026", "Заголовок / ДУШАНБЕ, 4 декабря 2026
    года.") and it does not end a sentence."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        heading = _MD_HEADING.match(line) if markdown else None
        if heading and heading.group(1):
            return heading.group(1).strip()
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following is None or parse_date_line(line) or _BYLINE.match(line):
            return None
        if not following.strip():
            return line.strip()
        header = _BYLINE.match(following) or _PRESS_SERVICE.match(following) \
            or (parse_date_line(following) and len(following) <= 60) \
            or DATELINE.match(following)
        return line.strip() if header and not line.rstrip().endswith((".", ",", ";", ":")) else None
    return None


def byline(text: str) -> tuple[int, int, str] | None:
    """(start, end, name) of the author's name in a byline among the first non-empty lines, else None."""
    seen = 0
    for line in _LINE.finditer(text):
        if not line.group(0).strip():
            if not line.group(0):
                break
            continue
        seen += 1
        if seen > _BYLINE_LINES:
            break
        end = line.start() + len(line.group(0).rstrip("\r\n"))
        m = _BYLINE.match(text, line.start(), end) or (_PRESS_SERVICE.match(text, line.start(), end) if seen > 1 else None)
        if m:
            return m.start("name"), m.end("name"), m.group("name")
    return None


def add_byline(doc: Document) -> None:
    """The author a byline names becomes ``meta["author"]`` (unless the source gave one) and its offsets
    ``meta["byline"]``: whoever writes the piece is no entity it casts."""
    found = byline(doc.text)
    if found is not None:
        doc.meta.setdefault("author", found[2])
        doc.meta["byline"] = [found[0], found[1]]


def text_document(
    text: str,
    *,
    doc_id: str | None,
    source: str,
    source_kind: str,
    published: str | None = None,
    markdown: bool = False,
    meta: dict | None = None,
    reference: tuple[date, str] | None = None,
) -> Document:
    """A Document from decoded plain text: title and date line (or wire dateline) from the top of it.

    ``text`` is kept whole (title and date line included) so offsets are
    offsets into the input. ``doc_id`` None means a content-hash id.
    ``reference``: the date a dateline without a year ("ALMATY, Dec 5 (Reuters) -") is read against, and
    what it is (the file's modification date); today when None.
    """
    lines = split_lines(text)
    info: Published = given(published) if published else from_lines(lines, text)
    if info.published is None and not published:
        info = from_dateline(text, *(reference or (date.today(), "today")))
    doc = Document(
        id=doc_id or "",
        text=text,
        title=title_of(lines, markdown=markdown),
        source=source,
        source_kind=source_kind,
        meta=dict(meta or {}),
    )
    if not doc_id:
        doc.id = doc.content_hash[:16]
    info.apply(doc)
    add_byline(doc)
    return doc


def read_text_file(
    path: str | os.PathLike[str], settings: Settings, *, published: str | None = None, source: str | None = None
) -> Document:
    """A .txt / .md file as a Document (id = file stem, source = the path as given).

    Title: the first line when an empty line follows it (it stays in
    ``text``). Publication date: a date alone on one of the first five
    non-empty lines, unless ``published`` is given. Raises :class:`InputError`.
    """
    label = source if source is not None else str(path)
    data = read_bytes(path, settings, source=label)
    text, encoding = decode_bytes_ex(data, label)
    p = Path(path)
    try:
        modified = (datetime.fromtimestamp(os.stat(path).st_mtime).date(), "the file's modification date")
    except OSError:
        modified = None
    return text_document(
        text,
        doc_id=p.stem or p.name,
        source=label,
        source_kind="file",
        published=published,
        markdown=p.suffix.lower() in (".md", ".markdown"),
        meta={"encoding": encoding, "format": "markdown" if p.suffix.lower() in (".md", ".markdown") else "text"},
        reference=modified,
    )
