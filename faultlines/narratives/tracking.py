"""Tracking entity roles in the store: which entities articles cast most as antagonist (or another role) per period.

Reads only through the public read API (:meth:`faultlines.query.Queries.entity_mentions`: the entity layer of
each document, never whole records), counting each document once per entity: an entity counts for a role in a
document when its aggregated role there (``entity_role``, over all its mentions) is that role.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..errors import QueryError
from ..query import check_range, period_of
from .roles import MAIN_ROLES

PERIODS = ("day", "week", "month")


def role_leaders(queries: Any, *, role: str = "Antagonist", period: str = "month", since: str | None = None,
                 until: str | None = None, language: str | None = None, limit: int = 10) -> dict[str, Any]:
    """Per period, the entities cast in ``role`` by the most documents.

    Each entity item: ``entity`` (canonical name), ``type``, ``documents``
    (documents casting it in ``role``), ``mentions`` (its mentions in those
    documents), ``share`` (of the documents mentioning it that period, the
    part casting it in ``role``) and ``fine_roles`` (most frequent first).
    """
    if role not in MAIN_ROLES:
        raise QueryError(f"role must be one of {', '.join(MAIN_ROLES)}, not {role!r}", code="FL303")
    if period not in PERIODS:
        raise QueryError(f"period must be day, week or month, not {period!r}", code="FL303")
    if limit < 1:
        raise QueryError("limit must be at least 1", code="FL303")
    low, high = check_range(since, until)
    cast: dict[str, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    seen: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    documents: dict[str, int] = defaultdict(int)
    undated = 0
    for published, entities in queries.entity_mentions(language=language, low=low, high=high):
        if not entities:
            continue
        bucket = period_of(published, period)
        if bucket is None:
            undated += 1
            continue
        documents[bucket] += 1
        by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in entities:
            by_entity[str(item.get("entity_id") or item.get("text"))].append(item)
        for items in by_entity.values():
            first = items[0]
            key = (first.get("canonical") or first.get("text") or "?", first.get("type") or "")
            seen[bucket][key] += 1
            if (first.get("entity_role") or first.get("role")) != role:
                continue
            slot = cast[bucket].setdefault(key, {"documents": 0, "mentions": 0, "fine": defaultdict(int)})
            slot["documents"] += 1
            slot["mentions"] += len(items)
            for item in items:
                if item.get("role") == role:
                    for fine in item.get("fine_roles") or []:
                        slot["fine"][fine] += 1
    periods = []
    for bucket in sorted(documents):
        ranked = sorted(cast[bucket].items(), key=lambda kv: (-kv[1]["documents"], -kv[1]["mentions"], kv[0][0]))
        periods.append({
            "period": bucket,
            "documents": documents[bucket],
            "entities": [
                {"entity": name, "type": type_, "documents": slot["documents"], "mentions": slot["mentions"],
                 "share": round(slot["documents"] / seen[bucket][(name, type_)], 3),
                 "fine_roles": sorted(slot["fine"], key=lambda f: -slot["fine"][f])}
                for (name, type_), slot in ranked[:limit]
            ],
        })
    return {"role": role, "period": period, "since": since, "until": until, "undated_documents": undated,
            "periods": periods}
