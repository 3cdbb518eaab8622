"""Turn what a user typed into a safe SQLite FTS5 query.

User strings are hostile: a stray ``"``, ``NEAR(``, ``title:`` or ``^`` is an
FTS5 syntax error or a column filter. :func:`to_fts_query` keeps only what a
search box should offer and quotes everything else:

- words become quoted terms (embedded quotes doubled), joined by implicit AND;
- a balanced ``"quoted phrase"`` stays a phrase;
- ``OR`` (upper case) between two terms is kept: ``a b OR c`` means
  ``a AND (b OR c)``;
- a trailing ``*`` makes a prefix query (``Душанб*``);
- a Russian word finds its inflected forms: it becomes a prefix query on its
  Snowball stem (``Таджикистан`` finds «Таджикистана», ``Хатлонская``
  finds «Хатлонской»), as FTS5's unicode61 tokenizer does not stem;
- unbalanced quotes, bare ``AND``/``NOT``/``NEAR``, parentheses, colons,
  carets, braces and ``+`` are dropped.

:func:`to_tsquery_text` turns the same parse into PostgreSQL ``to_tsquery``
syntax (every term quoted), so a search box means the same on both stores.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from ..errors import QueryError

# Snippet markers around matched words: private-use characters, because « » are ordinary Russian quotes.
MARK_START, MARK_END = "\ue000", "\ue001"
_PHRASE = re.compile(r'"([^"]*)"(\*?)')
# FTS5 syntax characters that have no meaning in a search box.
_SYNTAX = re.compile(r'[()^:{}+,"]')
_NEAR = re.compile(r"NEAR(/\d*)?")
# NUL, other control characters and lone surrogates cannot reach SQLite as text.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_OR = object()
_CYRILLIC_WORD = re.compile(r"[а-яёА-ЯЁ-]+")
# a shorter stem would find unrelated words ("мир*": «мировой», «мирный»)
_MIN_STEM = 4


MAX_QUERY = 300  # characters of a search query


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


def _russian_stem(word: str) -> str:
    """The word's Snowball stem as a prefix of the word itself (Snowball writes ё as е, which PostgreSQL's
    ``simple`` text search does not fold)."""
    lower = word.lower()
    return lower[:len(_stemmer().stemWord(lower))]


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
        if not prefix and _CYRILLIC_WORD.fullmatch(core):
            stem = _russian_stem(core)
            if len(stem) >= _MIN_STEM:  # (a stem that is the whole word too: "Хатлон" finds «Хатлонской»)
                core, prefix = stem, True
        if _has_token(core):
            items.append((core, prefix))


def _groups(text: str) -> list[list[tuple[str, bool]]]:
    """What ``text`` asks for: groups joined by AND of (term or phrase, prefix?) joined by OR."""
    if len(text) > MAX_QUERY:  # (the API's bound too: a query of 20,000 words took a minute to parse)
        raise QueryError(f"the search is {len(text)} characters long: at most {MAX_QUERY}", code="FL301")
    cleaned = _UNSAFE.sub(" ", text)
    items: list = []
    position = 0
    for match in _PHRASE.finditer(cleaned):
        _bare(cleaned[position : match.start()], items)
        phrase = " ".join(match.group(1).split())
        if _has_token(phrase):
            items.append((phrase, bool(match.group(2))))
        position = match.end()
    _bare(cleaned[position:], items)

    groups: list[list[tuple[str, bool]]] = []
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
    return groups


def _join(groups: list[list[str]], and_: str, or_: str) -> str:
    return and_.join(g[0] if len(g) == 1 else "(" + or_.join(g) + ")" for g in groups)


def to_fts_query(text: str) -> str:
    """A safe FTS5 MATCH expression for ``text``; QueryError when nothing searchable is left."""
    groups = _groups(text)
    return _join([[quote(term) + ("*" if prefix else "") for term, prefix in g] for g in groups], " AND ", " OR ")


def _ts_quote(term: str) -> str:
    """A ``to_tsquery`` operand: quoted, so its words are only words (several become a phrase)."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def to_tsquery_text(text: str) -> str:
    """The same query as :func:`to_fts_query` in PostgreSQL ``to_tsquery`` syntax (a bound value, never SQL)."""
    groups = _groups(text)
    return _join([[_ts_quote(term) + (":*" if prefix else "") for term, prefix in g] for g in groups], " & ", " | ")
