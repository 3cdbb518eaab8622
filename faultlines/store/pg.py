"""PostgreSQL full-text search: the expressions :class:`~faultlines.store.Store` and the read side share.

The index is the generated ``documents.search_vector`` column of migration
0001 ('simple' configuration: lower-cased words, no stemming; title weight A,
text weight D; the first :data:`INDEXED_CHARS` characters of a text). What a
user typed becomes ``to_tsquery`` syntax through
:func:`~faultlines.store.fts.to_tsquery_text` and reaches SQL as a bound value.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .fts import to_tsquery_text
from .schema import documents

#: Characters of a text in the index (migration 0001: a tsvector holds at most 1 MB).
INDEXED_CHARS = 200_000

_CONFIG = sa.literal_column("'simple'::regconfig")
# Weights of D, C, B, A: a title word counts five times a text word, as bm25(5, 1) does on SQLite.
_WEIGHTS = sa.literal_column("'{0.2, 0.2, 0.2, 1.0}'::float4[]")
_VECTOR = sa.literal_column("documents.search_vector")


def tsquery(text: str, *, raw: bool = False) -> Any:
    """``to_tsquery('simple', :value)`` for a search box's text (``raw``: text already in tsquery syntax)."""
    return sa.func.to_tsquery(_CONFIG, sa.bindparam(None, text if raw else to_tsquery_text(text), sa.Text))


def matches(query: Any) -> Any:
    """Documents whose index matches ``query`` (uses the GIN index)."""
    return _VECTOR.op("@@")(query)


def rank(query: Any) -> Any:
    """How well a document matches, higher is better (length-normalized ts_rank)."""
    return sa.func.ts_rank(_WEIGHTS, _VECTOR, query, 1)


def headline(query: Any, start: str, stop: str, words: int) -> Any:
    """A snippet of the document text around the matches, each marked ``start``…``stop``."""
    options = f'StartSel="{start}", StopSel="{stop}", MaxWords={words}, MinWords={words // 2}, MaxFragments=2, FragmentDelimiter=" … "'
    return sa.func.ts_headline(_CONFIG, sa.func.left(documents.c.text, INDEXED_CHARS), query, sa.literal(options, sa.Text))


def ranked(query: Any, limit: int, *columns: Any, start: str, stop: str, words: int, floor: int | None = None) -> Any:
    """The ``limit`` best matches, best first (ties: newest stored first), with ``columns`` and a snippet
    (``floor``: only documents stored at or after that pk).

    Ranked in a subquery first, so that snippets (which parse the text) are made for the returned rows only.
    """
    score = rank(query).label("rank")
    best = (
        sa.select(documents.c.pk, score)
        .where(matches(query), *([documents.c.pk >= floor] if floor is not None else []))
        .order_by(score.desc(), documents.c.pk.desc())
        .limit(limit)
        .subquery("best")
    )
    return (
        sa.select(*columns, headline(query, start, stop, words).label("snippet"), best.c.rank)
        .join_from(best, documents, documents.c.pk == best.c.pk)
        .order_by(best.c.rank.desc(), best.c.pk.desc())
    )
