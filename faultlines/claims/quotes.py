"""Direct quotations in every common typographic style, with hard bounds.

Recognised: straight ``"…"`` and curly ``“…”`` double quotes, ``«…»``,
``„…“`` (and ``„…”``), single quotes ``'…'`` / ``‘…’`` used as quotes,
Markdown block quotes (``> …`` lines), and the newspaper convention for a
quote running over several paragraphs (each paragraph reopens the quote and
only the last one closes it).

Bad input never makes a quote swallow the article: a quote never crosses a
paragraph boundary unless the next paragraph opens with a continuation mark,
an unclosed quote ends with the sentence it opened in, and no quote is
longer than :data:`MAX_QUOTE` characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import strip_span

MAX_QUOTE = 1500
# opening mark -> closing marks accepted for it
PAIRS = {"«": "»", "“": "”\"", "„": "“”", "\"": "\"”", "‘": "’", "'": "'’"}
_BLOCK_LINE = re.compile(r"^[ \t]*>[ \t]?(.*)$", re.MULTILINE)
_SENT_END = re.compile(r"[.!?…](?=\s|$)")


@dataclass(slots=True)
class Quote:
    open: int         # offset of the opening mark (or of the first '>' of a block quote)
    close: int        # offset just after the closing mark (or the capped end)
    start: int        # the quoted text, marks excluded, white space trimmed
    end: int
    group: int        # pieces of one quote spread over several paragraphs share a group
    closed: bool      # False when the quote was capped (unbalanced)
    block: bool = False


def _is_opening(text: str, i: int) -> bool:
    mark = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    if mark in "«„“‘":
        return True
    # straight marks: opening only at a word start (not an apostrophe as in "Tajikistan's")
    return not before.isalnum() and (after.isalnum() or after in "«„“‘\"'(.…")


def _is_closing(text: str, i: int, opener: str) -> bool:
    mark = text[i]
    if mark not in PAIRS[opener]:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in "»”“’" and opener not in "'\"":
        return not before.isspace() or mark == "»"
    if before.isspace():
        return False
    return not after.isalnum()



def _paragraph_end(text: str, i: int) -> int:
    stop = text.find("\n\n", i)
    return len(text) if stop == -1 else stop


def _next_paragraph_start(text: str, end: int) -> int | None:
    j = end
    while j < len(text) and text[j].isspace():
        j += 1
    return j if j < len(text) else None


def _sentence_cap(text: str, start: int, limit: int) -> int:
    match = _SENT_END.search(text, start, limit)
    return match.end() if match else limit


def find_quotes(text: str) -> list[Quote]:
    """Every direct quotation in ``text``, in order; never raises on odd input."""
    quotes: list[Quote] = []
    blocked: list[tuple[int, int]] = []
    group = 0
    for block in _blocks(text):
        group += 1
        quotes.append(Quote(block[0], block[1], block[2], block[3], group, True, block=True))
        blocked.append((block[0], block[1]))
    i = 0
    continuing: int | None = None
    while i < len(text):
        if any(s <= i < e for s, e in blocked):
            i = next(e for s, e in blocked if s <= i < e)
            continue
        mark = text[i]
        if mark not in PAIRS or not _is_opening(text, i):
            i += 1
            continue
        para_end = min(_paragraph_end(text, i), i + MAX_QUOTE)
        close = _find_close(text, i, para_end)
        if close is not None:
            start, end = strip_span(text, i + 1, close)
            if start < end:
                if continuing is None:
                    group += 1
                quotes.append(Quote(i, close + 1, start, end, continuing or group, True))
            continuing = None
            i = close + 1
            continue
        if mark in "'‘":
            # an unmatched single quote is far more often an apostrophe than a quotation
            i += 1
            continue
        nxt = _next_paragraph_start(text, para_end)
        if continuing is None:
            group += 1
        this_group = continuing or group
        if nxt is not None and para_end < len(text) and text[nxt] == mark and para_end - i < MAX_QUOTE:
            # newspaper style: the quote goes on in the next paragraph, which reopens it
            start, end = strip_span(text, i + 1, para_end)
            if start < end:
                quotes.append(Quote(i, para_end, start, end, this_group, False))
            continuing = this_group
            i = nxt
            continue
        # unbalanced: end the quote with the sentence it opened in
        cap = _sentence_cap(text, i + 1, para_end)
        start, end = strip_span(text, i + 1, cap)
        if start < end:
            quotes.append(Quote(i, cap, start, end, this_group, False))
        continuing = None
        i = max(cap, i + 1)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _find_close(text: str, i: int, limit: int) -> int | None:
    opener = text[i]
    depth = 0
    j = i + 1
    while j < limit:
        c = text[j]
        if c == opener and opener in "«„“‘" and _is_opening(text, j):
            depth += 1  # nested quote of the same style
        elif _is_closing(text, j, opener):
            if depth == 0:
                return j
            depth -= 1
        j += 1
    return None


def _blocks(text: str) -> list[tuple[int, int, int, int]]:
    """Markdown block quotes: runs of lines starting with '>' (open, close, start, end)."""
    found: list[tuple[int, int, int, int]] = []
    current: list[re.Match[str]] = []

    def flush() -> None:
        if current:
            first, last = current[0], current[-1]
            start, end = strip_span(text, first.start(1), last.end(1))
            if start < end:
                found.append((first.start(), last.end(), start, end))
            current.clear()

    previous_end = None
    for match in _BLOCK_LINE.finditer(text):
        if previous_end is not None and text[previous_end:match.start()].strip("\n") == "" and text.count("\n", previous_end, match.start()) <= 1:
            current.append(match)
        else:
            flush()
            current.append(match)
        previous_end = match.end()
    flush()
    return found
