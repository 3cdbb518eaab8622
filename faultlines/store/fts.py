"""Turn what a user typed into a safe SQLite FTS5 query.

User strings are hostile: a stray ``"``, ``NEAR(``, ``title:`` or ``^`` is an
FTS5 syntax error or a column filter. :func:`to_fts_query` keeps only what a
search box should offer and quotes everything else:

- words become quoted terms (embedded quotes doubled), joined by implicit AND;
- a balanced ``"quoted phrase"`` stays a phrase;
- ``OR`` (upper case) between two terms is kept: ``a b OR c`` means
  ``a AND (b OR c)``;
- a trailing ``*`` makes a prefix query (``Душанб*``);
- unbalanced quotes, bare ``AND``/``NOT``/``NEAR``, parentheses, colons,
  carets, braces and ``+`` are dropped.
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import QueryError

_PHRASE = re.compile(r'"([^"]*)"(\*?)')
# FTS5 syntax characters that have no meaning in a search box.
_SYNTAX = re.compile(r'[()^:{}+,"]')
_NEAR = re.compile(r"NEAR(/\d*)?")
# NUL, other control characters and lone surrogates cannot reach SQLite as text.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_OR = object()


def _has_token(text: str) -> bool:
    """Whether the unicode61 tokenizer would find a token in ``text``."""
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LN" or category == "Co":
            return True
    return False


def quote(text: str) -> str:
    """An FTS5 string literal: ``text`` in double quotes, inner quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


def _bare(segment: str, items: list) -> None:
    for chunk in _SYNTAX.sub(" ", segment).split():
        if chunk == "OR":
            items.append(_OR)
            continue
        if chunk in ("AND", "NOT") or _NEAR.fullmatch(chunk):
            continue
        prefix = chunk.endswith("*")
        core = chunk.rstrip("*")
        if _has_token(core):
            items.append(quote(core) + ("*" if prefix else ""))


def to_fts_query(text: str) -> str:
    """A safe FTS5 MATCH expression for ``text``; QueryError when nothing searchable is left."""
    cleaned = _UNSAFE.sub(" ", text)
    items: list = []
    position = 0
    for match in _PHRASE.finditer(cleaned):
        _bare(cleaned[position : match.start()], items)
        phrase = " ".join(match.group(1).split())
        if _has_token(phrase):
            items.append(quote(phrase) + match.group(2))
        position = match.end()
    _bare(cleaned[position:], items)

    groups: list[list[str]] = []
    join_or = False
    for item in items:
        if item is _OR:
            join_or = bool(groups)
            continue
        if join_or:
            groups[-1].append(item)
        else:
            groups.append([item])
        join_or = False
    if not groups:
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise QueryError(
            f"nothing to search for in {shown!r}: give at least one word", code="FL301"
        )
    return " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
