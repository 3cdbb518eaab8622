"""Early warning over the store: regions where violence or unrest rises above their own recent past, and
narratives that surge.

Read side only (``store → query → alerts``). For the window of ``window`` days that ends at ``as_of`` (the
newest publication date in the store unless given) and the ``baseline`` windows of the same length before
it:

* **Regions** (each country, and each of its first-level regions): the incidents of political violence (Battles,
  Explosions/Remote violence, Violence against civilians) and of unrest (Protests, Riots), an incident being
  the reports of several articles that the events stage links (``events.link.group_reports``), so one attack
  covered by six outlets counts once. The window's count ``k`` is set against the baseline's rate per window
  ``λ = (b + ½) / baseline`` (the half keeps a region that had nothing from an infinite surprise), and the
  region alerts when ``k ≥ min_count`` and the Poisson tail ``P(X ≥ k | λ) < alpha``.
* **Narratives**: the documents of the window that push a narrative against all the window's documents, set
  against the narrative's share of the baseline's documents ``p₀ = (b + ½) / (N + 1)``; it alerts when
  ``k ≥ min_count`` and the binomial tail ``P(X ≥ k | n, p₀) < alpha``.

Each alert carries its score ``-log10 p``, what was observed and expected, and the documents behind it, so an
analyst can read the evidence.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from scipy.stats import binom, poisson

from .events.link import group_reports
from .model import OUTSIDE_YEARS, plausible
from .query import Queries, QueryError

VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
UNREST = frozenset({"Protests", "Riots"})
FAMILIES = {"violence": VIOLENCE, "unrest": UNREST}
EXAMPLES = 5  # documents named per alert


@dataclass(frozen=True)
class AlertSettings:
    as_of: date | None = None  # the window's last day; None: the newest publication date in the store
    window: int = 7  # days
    baseline: int = 8  # windows before it
    min_count: int = 3
    alpha: float = 0.01

    def check(self) -> None:
        if self.as_of is not None and not plausible(self.as_of):
            raise QueryError(f"as_of {self.as_of} {OUTSIDE_YEARS}", code="FL303")
        if not 1 <= self.window <= 366:
            raise QueryError(f"window must be 1 to 366 days, not {self.window}", code="FL303")
        if not 1 <= self.baseline <= 104:
            raise QueryError(f"baseline must be 1 to 104 windows, not {self.baseline}", code="FL303")
        if self.min_count < 1:
            raise QueryError(f"min_count must be at least 1, not {self.min_count}", code="FL303")
        if not 0 < self.alpha < 1:
            raise QueryError(f"alpha must lie between 0 and 1, not {self.alpha}", code="FL303")


def alerts(queries: Queries, settings: AlertSettings = AlertSettings()) -> dict[str, Any]:
    """Region and narrative alerts of the window ending at ``settings.as_of``, strongest first (computed once
    per store version)."""
    settings.check()
    return queries.aggregate(("alerts", settings), lambda: _alerts(queries, settings))


def _alerts(queries: Queries, settings: AlertSettings) -> dict[str, Any]:
    as_of = settings.as_of or queries.anchor_date()
    start = as_of - timedelta(days=settings.window - 1)
    base_start = start - timedelta(days=settings.window * settings.baseline)
    end = as_of + timedelta(days=1)
    found = _region_alerts(queries, settings, base_start, start, end)
    found += _narrative_alerts(queries, settings, base_start, start, end)
    found.sort(key=lambda a: (-a["score"], a["kind"], a["name"]))
    return {
        "as_of": as_of.isoformat(),
        "window": [start.isoformat(), as_of.isoformat()],
        "baseline": [base_start.isoformat(), (start - timedelta(days=1)).isoformat()],
        "settings": {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(settings).items()},
        "alerts": found,
    }


def _surprise(p: float) -> float:
    return round(-math.log10(max(p, 1e-300)), 2)


def _incident_date(reports: list[dict[str, Any]]) -> str:
    """The earliest date that a report gives to the day ("last week" or "days later" only bound it)."""
    exact = [e["date"] for e in reports if e.get("date_precision") == "day"]
    return min(exact or [e["date"] for e in reports])


def _region_alerts(queries: Queries, settings: AlertSettings, base_start: date, start: date, end: date) -> list[dict]:
    reports: dict[tuple[str, str, str | None], list[dict[str, Any]]] = {}
    for event in queries.events_between(base_start.isoformat(), end.isoformat()):
        family = next((name for name, types in FAMILIES.items() if event.get("event_type") in types), None)
        if family is None or not (event.get("iso") or event.get("country")):
            continue
        country = event.get("country") or event["iso"]
        reports.setdefault((family, country, None), []).append(event)  # the whole country heats up ...
        if event.get("admin1"):
            reports.setdefault((family, country, event["admin1"]), []).append(event)  # ... or one of its regions
    out = []
    for (family, country, admin1), events in reports.items():
        groups = group_reports([(e["document"]["id"], e) for e in events])
        recent, before = [], 0
        for group in groups:
            first = _incident_date([events[i] for i in group])
            if first >= start.isoformat():
                recent.append([events[i] for i in group])
            else:
                before += 1
        k = len(recent)
        if k < settings.min_count:
            continue
        rate = (before + 0.5) / settings.baseline
        p = float(poisson.sf(k - 1, rate))
        if p >= settings.alpha:
            continue
        killed = [min((e["fatalities"] for e in group if e.get("fatalities") is not None), default=0) for group in recent]
        documents = list(dict.fromkeys(e["document"]["id"] for group in recent for e in group))
        out.append({
            "kind": family, "name": f"{admin1}, {country}" if admin1 else country, "level": "admin1" if admin1 else "country",
            "country": country, "admin1": admin1, "observed": k, "expected": round(rate, 2), "ratio": round(k / rate, 1),
            "baseline_count": before, "p_value": p, "score": _surprise(p), "fatalities": sum(killed),
            "dates": sorted({_incident_date(group) for group in recent}),
            "documents": documents[:EXAMPLES], "more_documents": max(0, len(documents) - EXAMPLES),
        })
    return out


def _narrative_alerts(queries: Queries, settings: AlertSettings, base_start: date, start: date, end: date) -> list[dict]:
    n_recent, recent = queries.narrative_documents(start.isoformat(), end.isoformat())
    n_before, before = queries.narrative_documents(base_start.isoformat(), start.isoformat())
    counts_before: dict[str, int] = {}
    for doc in before:
        for label in doc["narratives"]:
            counts_before[label] = counts_before.get(label, 0) + 1
    by_label: dict[str, list[str]] = {}
    for doc in sorted(recent, key=lambda d: (d["published"] or "", d["id"]), reverse=True):
        for label in doc["narratives"]:
            by_label.setdefault(label, []).append(doc["id"])
    out = []
    for label, documents in by_label.items():
        k = len(documents)
        if label == "Other" or k < settings.min_count:
            continue
        b = counts_before.get(label, 0)
        share = (b + 0.5) / (n_before + 1)
        p = float(binom.sf(k - 1, n_recent, share))
        if p >= settings.alpha:
            continue
        out.append({
            "kind": "narrative", "name": label, "observed": k, "of_documents": n_recent,
            "expected": round(share * n_recent, 2), "ratio": round(k / (share * n_recent), 1),
            "baseline_count": b, "baseline_documents": n_before, "p_value": p, "score": _surprise(p),
            "documents": documents[:EXAMPLES], "more_documents": max(0, k - EXAMPLES),
        })
    return out
