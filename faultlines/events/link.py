"""Cross-article linking: the same incident reported by several sources becomes one incident.

:func:`link_incidents` is pure: it reads the ``event`` annotations of the
documents it is given and returns incidents, each listing its sources and
what each source says about fatalities (disagreements are kept, as ACLED
notes keep them: "5 reported by A; 3 by B"). Events link when their type
family, dates, places and actors are compatible; two events of one article
never link (the analyzer already merged those).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Sequence

from ..model import Document

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
# Generic actor names say nothing against a link: none, or the armed group a report could not name.
_GENERIC_ACTORS = {None, ""}


def generic(actor: str | None) -> bool:
    return actor in _GENERIC_ACTORS or actor.startswith("Unidentified Armed Group")


@dataclass
class Incident:
    """One real-world incident and every report of it."""

    id: str
    event_type: str | None
    sub_event_type: str | None
    plover: str
    date: str | None
    date_range: list[str] | None
    country: str | None
    iso: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    fatalities_by_source: dict[str, int | None] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _range(e: dict[str, Any]) -> tuple[date, date] | None:
    r = e.get("date_range") or ([e["date"], e["date"]] if e.get("date") else None)
    if not r:
        return None
    return date.fromisoformat(r[0]), date.fromisoformat(r[1])


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two coded events can be reports of one incident."""
    violent = a.get("event_type") in VIOLENT and b.get("event_type") in VIOLENT
    if not violent and (a.get("plover") != b.get("plover") or a.get("event_type") != b.get("event_type")):
        return False
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None or ra[1] < rb[0] or rb[1] < ra[0]:
        return False
    if a.get("iso") and b.get("iso") and a["iso"] != b["iso"]:
        return False
    for key in ("admin1", "admin2"):
        if a.get(key) and b.get(key) and a[key] != b[key]:
            return False
    if not (a.get("iso") and b.get("iso")) and not (a.get("location") and a.get("location") == b.get("location")):
        return False
    def same(x, y) -> bool:
        return generic(x) or generic(y) or x.split(" (")[0] == y.split(" (")[0]

    pairs = (("actor1_acled", "actor1_acled"), ("actor2_acled", "actor2_acled"))
    if not all(same(a.get(k), b.get(m)) for k, m in pairs):
        # a battle told from each side (the Kyrgyz report names the Tajik forces first, the Tajik report the Kyrgyz),
        # or an attack whose sides one report's wording turned round ("Gunmen … kill three border guards" against
        # "нападение на заставу"): the same two sides
        crossed = violent and same(
            a.get("actor1_acled"), b.get("actor2_acled")) and same(a.get("actor2_acled"), b.get("actor1_acled"))
        if not crossed:
            return False
    f1, f2 = a.get("fatalities"), b.get("fatalities")
    if violent and f1 is not None and f2 is not None and min(f1, f2) == 0 < max(f1, f2):
        # a deadly and a bloodless report are rarely one incident; differing positive counts are kept as disagreement
        return False
    return True


def _specificity(e: dict[str, Any]) -> int:
    return sum(1 for k in ("admin2", "admin1", "iso", "latitude", "actor1_acled", "actor2_acled") if e.get(k)) + (
        2 if e.get("date_precision") == "day" else 0)


def group_reports(reports: Sequence[tuple[str, dict[str, Any]]]) -> list[list[int]]:
    """Indices of ``(document id, event attrs)`` reports grouped into incidents: a report joins the first group
    that holds no report of its document and whose every report it is compatible with."""
    groups: list[list[int]] = []
    spans: list[tuple[date, date] | None] = []  # each group's dates from its first start to its last end
    for i, (doc_id, ev) in enumerate(reports):
        own = _range(ev)
        home = None
        for g, group in enumerate(groups):
            span = spans[g]
            # a report compatible with every report of a group overlaps their dates: a cheap test first
            if own is None or span is None or own[1] < span[0] or span[1] < own[0]:
                continue
            if all(reports[j][0] != doc_id and compatible(ev, reports[j][1]) for j in group):
                home = g
                break
        if home is None:
            groups.append([i])
            spans.append(own)
        else:
            groups[home].append(i)
            span = spans[home]
            spans[home] = (min(span[0], own[0]), max(span[1], own[1]))
    return groups


def link_incidents(documents: Iterable[Document]) -> list[Incident]:
    """Group the events of ``documents`` into incidents (in order of their earliest date)."""
    return [incident for incident, _ in link_reports(documents)]


def link_reports(documents: Iterable[Document]) -> list[tuple[Incident, list[tuple[Document, Any]]]]:
    """Each incident with its reports, ``(document, event annotation)``, the most specific report first."""
    reports = [(doc, ann) for doc in documents for ann in doc.layer("event")]
    linked = []
    for group in group_reports([(doc.id, dict(ann.attrs)) for doc, ann in reports]):
        incident = _incident([(reports[i][0], dict(reports[i][1].attrs), reports[i][1].start, reports[i][1].end)
                              for i in group])
        linked.append((incident, sorted((reports[i] for i in group), key=lambda r: -_specificity(r[1].attrs))))
    linked.sort(key=lambda pair: (pair[0].date or "9999", pair[0].id))
    return linked


def _incident(group) -> Incident:
    best = max(group, key=lambda it: _specificity(it[1]))[1]
    by_source: dict[str, int | None] = {}
    sources = []
    for doc, ev, start, end in group:
        by_source[doc.id] = ev.get("fatalities")
        sources.append({"doc_id": doc.id, "source": doc.source, "title": doc.title, "published": doc.published,
                        "start": start, "end": end, "fatalities": ev.get("fatalities"), "injuries": ev.get("injuries")})
    figures = {v for v in by_source.values() if v is not None}
    notes = ""
    if len(figures) > 1:
        notes = "Fatality reports differ: " + "; ".join(f"{v} according to {k}" for k, v in by_source.items() if v is not None) + \
                ". The lowest figure is coded."
    key = "|".join(sorted(f"{d.id}:{s}" for d, _, s, _ in group))
    ranges = [r for r in (_range(it[1]) for it in group) if r]
    date_range = [max(r[0] for r in ranges).isoformat(), min(r[1] for r in ranges).isoformat()] if ranges else None
    if date_range and date_range[0] > date_range[1]:
        date_range = [best["date_range"][0], best["date_range"][1]] if best.get("date_range") else None
    return Incident(
        id=hashlib.sha1(key.encode()).hexdigest()[:12],
        event_type=best.get("event_type"), sub_event_type=best.get("sub_event_type"), plover=best.get("plover", ""),
        date=best.get("date"), date_range=date_range,
        country=best.get("country"), iso=best.get("iso"), admin1=best.get("admin1"), admin2=best.get("admin2"),
        location=best.get("location"), latitude=best.get("latitude"), longitude=best.get("longitude"),
        actor1=best.get("actor1_acled") or best.get("actor1"), actor2=best.get("actor2_acled") or best.get("actor2"),
        fatalities=min(figures) if figures else None, fatalities_by_source=by_source, sources=sources, notes=notes,
    )
