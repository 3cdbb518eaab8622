"""View helpers for the dashboard: highlighted article text, snippets, small SVG charts.

Article text is hostile input. Everything taken from it is escaped here with
:func:`markupsafe.escape` before it is wrapped in our own ``<mark>`` tags, and
the templates autoescape the rest; nothing from a document is ever marked
safe unescaped.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Iterable

from markupsafe import Markup, escape

from ..query import MARK_END, MARK_START

# Span layers the article view can highlight, in the order it prefers them.
HIGHLIGHT_LAYERS = ("technique", "entity", "claim", "event", "ner")
PALETTE = 12


@functools.lru_cache(maxsize=1)
def definitions() -> dict[str, dict[str, str]]:
    text = resources.files("faultlines.web").joinpath("resources/definitions.json").read_text(encoding="utf-8")
    return json.loads(text)


def definition(layer: str, key: str | None) -> str | None:
    if not key:
        return None
    return definitions().get(layer, {}).get(key)


def mark_snippet(snippet: str | None) -> Markup:
    """A search snippet: escaped first, then the private-use match markers become <mark>."""
    escaped = str(escape(snippet or ""))
    return Markup(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def listed(value: Any) -> str:
    """An attribute for display: lists (a claim's source chain) joined with commas."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value if v not in (None, ""))
    return "" if value is None else str(value)


def colour_key(layer: str, annotation: dict[str, Any]) -> str:
    """What a span is coloured by: an entity's role, a claim's stance, else its label."""
    attrs = annotation.get("attrs") or {}
    if layer == "entity" and attrs.get("role"):
        return str(attrs["role"])
    return str(annotation.get("label") or layer)


@dataclass
class LegendItem:
    key: str
    colour: int
    count: int
    definition: str | None


@dataclass
class Highlighted:
    layer: str
    html: Markup
    legend: list[LegendItem] = field(default_factory=list)
    spans: int = 0


def place(event: dict[str, Any]) -> str:
    """An event's place: the location (or province) and its country, once ("Kazakhstan", not "Kazakhstan,
    Kazakhstan", where the text names only the state)."""
    where = event.get("location") or event.get("admin1") or ""
    country = event.get("country") or ""
    return ", ".join(x for x in (where, country) if x) if where != country else where


def _tooltip(layer: str, annotation: dict[str, Any]) -> str:
    key = colour_key(layer, annotation)
    parts = [key]
    label = annotation.get("label")
    if label and label != key:
        parts.append(f"({label})")
    meaning = definition(layer, key)
    if meaning:
        parts.append(f"— {meaning}")
    attrs = annotation.get("attrs") or {}
    if layer == "claim" and attrs.get("speaker"):
        parts.append(f"— speaker: {attrs['speaker']}")
    if layer == "event":
        kind = attrs.get("sub_event_type") or attrs.get("plover")
        if kind:
            parts.append(f"({kind})")
        where = ", ".join(x for x in (attrs.get("date"), place(attrs)) if x)
        if where:
            parts.append(f"— {where}")
    if annotation.get("score") is not None:
        parts.append(f"(score {annotation['score']:.2f})")
    return " ".join(parts)


def highlight(text: str, annotations: Iterable[dict[str, Any]], layer: str) -> Highlighted:
    """The text with every span of ``layer`` in ``<mark>`` elements (overlaps split into pieces).

    Each mark carries ``data-spans`` (``start:end`` of every span covering it)
    so a piece can be traced back to stored offsets, a colour class by its
    first span's key, and a title with label, definition and score.
    """
    spans = [a for a in annotations if a.get("layer") == layer and 0 <= a["start"] < a["end"] <= len(text)]
    spans.sort(key=lambda a: (a["start"], -a["end"]))
    colours: dict[str, int] = {}
    counts: dict[str, int] = {}
    for a in spans:
        key = colour_key(layer, a)
        colours.setdefault(key, len(colours) % PALETTE)
        counts[key] = counts.get(key, 0) + 1
    bounds = sorted({0, len(text)} | {a["start"] for a in spans} | {a["end"] for a in spans})
    starts: dict[int, list[int]] = {}
    for index, a in enumerate(spans):
        starts.setdefault(a["start"], []).append(index)
    open_spans: list[int] = []
    pieces: list[str] = []
    for left, right in zip(bounds, bounds[1:]):
        open_spans = [i for i in open_spans if spans[i]["end"] > left] + starts.get(left, [])
        chunk = escape(text[left:right])
        if not open_spans:
            pieces.append(str(chunk))
            continue
        first = spans[open_spans[0]]
        keys = " ".join(f"{spans[i]['start']}:{spans[i]['end']}" for i in open_spans)
        title = " | ".join(dict.fromkeys(_tooltip(layer, spans[i]) for i in open_spans))
        nested = " nested" if len(open_spans) > 1 else ""
        pieces.append(
            f'<mark class="hl c{colours[colour_key(layer, first)]}{nested}" data-spans="{escape(keys)}" '
            f'title="{escape(title)}">{chunk}</mark>'
        )
    legend = [LegendItem(k, colours[k], counts[k], definition(layer, k)) for k in colours]
    return Highlighted(layer, Markup("".join(pieces)), legend, len(spans))


def colour_map(keys: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in keys:
        out.setdefault(key, len(out) % PALETTE)
    return out


@dataclass
class Chart:
    width: int
    height: int
    lines: list[dict[str, Any]]
    bars: list[dict[str, Any]]
    xlabels: list[dict[str, Any]]
    ylabels: list[dict[str, Any]]
    empty: bool


def line_chart(periods: list[str], series: list[dict[str, Any]], *, width: int = 760, height: int = 240) -> Chart:
    """Polylines for ``series`` (name, counts) over ``periods``: coordinates only, drawn by the template."""
    left, right, top, bottom = 36, 12, 12, 28
    top_value = max([max(s["counts"], default=0) for s in series] + [1])
    n = max(len(periods), 1)
    step = (width - left - right) / max(n - 1, 1)

    def x(i: int) -> float:
        return round(left + (i * step if n > 1 else (width - left - right) / 2), 1)

    def y(v: float) -> float:
        return round(height - bottom - v * (height - top - bottom) / top_value, 1)

    lines = []
    colours = colour_map(s["name"] for s in series)
    for s in series:
        points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(s["counts"]))
        dots = [{"x": x(i), "y": y(v), "label": f"{s['name']}: {v} in {periods[i]}"} for i, v in enumerate(s["counts"])]
        lines.append({"name": s["name"], "points": points, "colour": colours[s["name"]], "dots": dots, "total": s.get("total")})
    every = max(1, n // 8)
    xlabels = [{"x": x(i), "y": height - 8, "text": p} for i, p in enumerate(periods) if i % every == 0]
    ylabels = [{"x": left - 6, "y": y(v) + 4, "text": str(v)} for v in sorted({0, top_value // 2, top_value})]
    return Chart(width, height, lines, [], xlabels, ylabels, not series)


def bar_chart(points: list[tuple[str, int]], *, width: int = 760, height: int = 140) -> Chart:
    left, right, top, bottom = 36, 12, 10, 24
    top_value = max([v for _, v in points] + [1])
    n = max(len(points), 1)
    slot = (width - left - right) / n
    bars = []
    for i, (when, value) in enumerate(points):
        h = value * (height - top - bottom) / top_value
        bars.append({"x": round(left + i * slot + slot * 0.1, 1), "y": round(height - bottom - h, 1),
                     "w": round(max(slot * 0.8, 1), 1), "h": round(h, 1), "label": f"{when}: {value}"})
    every = max(1, n // 6)
    xlabels = [{"x": round(left + i * slot, 1), "y": height - 6, "text": when} for i, (when, _) in enumerate(points) if i % every == 0]
    ylabels = [{"x": left - 6, "y": height - bottom + 4, "text": "0"}, {"x": left - 6, "y": top + 8, "text": str(top_value)}]
    return Chart(width, height, [], bars, xlabels, ylabels, not points)
