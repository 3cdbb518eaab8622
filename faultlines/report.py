"""Terminal rendering (Rich) of documents, store statistics, the demo summary and benchmarks."""
from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Annotation, Document

# Segmentation layers are shown as structure, not listed item by item.
STRUCTURE_LAYERS = {"paragraph", "sentence"}
# Layers with a section of their own in `show` (the rest get a table each).
SECTION_LAYERS = {"technique", "technique_paragraph", "genre", "frame", "narrative", "entity", "debunk"}
SNIPPET = 90
ENTITY_ROWS = 15
# Background colours for marked spans, black text on each stays readable; they cycle past 24 labels.
PALETTE = (
    "light_goldenrod2", "sky_blue1", "light_green", "plum2", "light_salmon1", "aquamarine1", "khaki1", "thistle1",
    "dark_sea_green2", "light_pink1", "pale_turquoise1", "wheat1", "light_steel_blue1", "pale_green1", "orchid1",
    "navajo_white1", "light_cyan1", "misty_rose1", "honeydew2", "light_sky_blue1", "dark_olive_green1", "pink1",
    "light_yellow3", "medium_purple1",
)


def _snippet(text: str, width: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def render_document(
    doc: Document,
    console: Console,
    *,
    show_text: bool = True,
    mark_layers: tuple[str, ...] = ("technique",),
    truncate: int | None = None,
) -> None:
    """The `faultlines show` report: metadata, analysis summary, the text with spans marked, legend, other layers.

    ``mark_layers`` are the layers whose spans are marked in the text (each
    label gets a colour and a legend number: ``[span text]3``); ``truncate``
    shows at most that many characters of the text (the legend still covers
    the whole document).
    """
    _render_header(doc, console)
    _render_summary(doc, console)
    legend = legend_entries(doc, mark_layers)
    if show_text:
        _render_text(doc, console, legend, truncate)
    if legend:
        _render_legend(doc, console, legend)
    _render_entities(doc, console)
    _render_debunks(doc, console)
    _render_other_layers(doc, console, skip=SECTION_LAYERS)
    analyzers = sorted({f"{a.analyzer}@{a.version}" for a in doc.annotations if a.analyzer})
    console.print(f"[dim]analyzers: {', '.join(analyzers) or 'none'}[/]")


def _render_header(doc: Document, console: Console) -> None:
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    meta.add_row("id", doc.id)
    meta.add_row("source", f"{doc.source or '-'} ({doc.source_kind})")
    language = doc.language or "unknown"
    if doc.language_score is not None:
        language += f" ({doc.language_score:.2f})"
    if doc.meta.get("language_supported") is False:
        language += "  [not analyzed: unsupported language]"
    meta.add_row("language", language)
    published = doc.published or "unknown"
    if doc.published_readings:
        published += f"  (readings: {', '.join(doc.published_readings)})"
    meta.add_row("published", published)
    if doc.published_basis:
        meta.add_row("", doc.published_basis)
    for key in ("author", "site", "url", "feed", "extraction"):
        if doc.meta.get(key):
            meta.add_row(key, str(doc.meta[key]))
    meta.add_row("fetched", doc.fetched or "-")
    console.print(Panel(meta, title=Text(doc.title or doc.id, style="bold"), title_align="left"))
    console.print(f"[bold]{len(doc.layer('paragraph'))}[/] paragraphs, [bold]{len(doc.layer('sentence'))}[/] sentences, "
                  f"{len(doc.text)} characters")


def _ranked(doc: Document, layer: str) -> list[Annotation]:
    return sorted(doc.layer(layer), key=lambda a: -(a.score or 0.0))


def _render_summary(doc: Document, console: Console) -> None:
    """Genre, frames and narratives: the document-level labels, best first."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    genres = _ranked(doc, "genre")
    if genres:
        grid.add_row("genre", ", ".join(f"{a.label} {_score(a.score)}".strip() for a in genres))
    frames = _ranked(doc, "frame")
    if frames:
        grid.add_row("frames", ", ".join(f"{a.label} {_score(a.score)}".strip() for a in frames))
    for annotation in _ranked(doc, "narrative"):
        line = Text(annotation.label or "")
        sub = annotation.attrs.get("subnarrative")
        if sub and sub != annotation.label:
            line.append(f"  › {sub}", style="dim")
        line.append(f"  {_score(annotation.score)}")
        grid.add_row("narrative", line)
    if doc.meta.get("persuasion_skipped"):
        grid.add_row("persuasion", f"skipped: {doc.meta['persuasion_skipped']}")
    if grid.row_count:
        console.print(grid)


class LegendEntry:
    """One marked label: its number, colour and the spans that carry it."""

    def __init__(self, number: int, key: str, color: str) -> None:
        self.number, self.key, self.color = number, key, color
        self.spans: list[Annotation] = []

    @property
    def style(self) -> str:
        return f"black on {self.color}"


def _legend_key(annotation: Annotation) -> str:
    if annotation.layer == "technique":
        return annotation.label or "technique"
    return f"{annotation.layer}: {annotation.label}" if annotation.label else annotation.layer


def legend_entries(doc: Document, layers: tuple[str, ...]) -> dict[str, LegendEntry]:
    """Legend entries numbered by first appearance in the text."""
    entries: dict[str, LegendEntry] = {}
    spans = sorted((a for a in doc.annotations if a.layer in layers and a.end > a.start), key=lambda a: (a.start, -a.end))
    for annotation in spans:
        key = _legend_key(annotation)
        if key not in entries:
            entries[key] = LegendEntry(len(entries) + 1, key, PALETTE[len(entries) % len(PALETTE)])
        entries[key].spans.append(annotation)
    return entries


def marked_text(doc: Document, start: int, end: int, legend: dict[str, LegendEntry]) -> Text:
    """``doc.text[start:end]`` with every legend span in it marked: coloured, opened with ``[`` and closed
    with ``]N`` (N = legend number), so the marks stay visible without colour.

    Overlapping spans nest their brackets; a stretch covered by several spans
    takes the colour of the innermost one and is underlined. Spans crossing
    ``start``/``end`` are cut there.
    """
    pieces = [(max(a.start, start), min(a.end, end), entry) for entry in legend.values() for a in entry.spans
              if a.start < end and a.end > start]
    bounds = sorted({start, end, *(s for s, _, _ in pieces), *(e for _, e, _ in pieces)})
    out = Text()
    for left, right in zip(bounds, bounds[1:]):
        # openings at `left`, outer (longer) spans first; equal spans in legend order
        for _, _, entry in sorted((p for p in pieces if p[0] == left), key=lambda p: (-p[1], p[2].number)):
            out.append("[", style=f"bold {entry.style}")
        covering = sorted((p for p in pieces if p[0] <= left and p[1] >= right), key=lambda p: p[1] - p[0])
        style = ""
        if covering:
            style = covering[0][2].style + (" underline" if len(covering) > 1 else "")
        out.append(doc.text[left:right], style=style)
        # closings at `right`, inner (shorter) spans first; equal spans in reverse, so brackets nest
        for _, _, entry in sorted((p for p in pieces if p[1] == right), key=lambda p: (-p[0], -p[2].number)):
            out.append(f"]{entry.number}", style=f"bold {entry.style}")
    return out


def _render_text(doc: Document, console: Console, legend: dict[str, LegendEntry], truncate: int | None) -> None:
    limit = len(doc.text) if not truncate else min(truncate, len(doc.text))
    blocks = [(a.start, a.end) for a in doc.layer("paragraph")] or [(0, len(doc.text))]
    # paragraph numbers in a column of their own, so wrapped lines stay indented under the text
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", justify="right")
    grid.add_column()
    for number, (start, end) in enumerate(blocks, 1):
        if start >= limit:
            break
        shown_end = end
        if end > limit:
            # cut at a word boundary so the last line does not end mid-word
            cut = doc.text.rfind(" ", start, limit)
            shown_end = cut if cut > start else limit
        body = marked_text(doc, start, shown_end, legend)
        if shown_end < end:
            body.append(" …", style="dim")
        grid.add_row(str(number), body)
    console.print()
    console.print(grid)
    if limit < len(doc.text):
        console.print(f"[dim]… text cut at {limit} of {len(doc.text)} characters (--truncate 0 shows it all)[/]")
    console.print()


def _render_legend(doc: Document, console: Console, legend: dict[str, LegendEntry]) -> None:
    table = Table("#", "label", "spans", "score", "definition", title="legend", title_justify="left")
    for entry in legend.values():
        scores = [a.score for a in entry.spans if a.score is not None]
        definition = next((a.attrs.get("definition") for a in entry.spans if a.attrs.get("definition")), "")
        table.add_row(str(entry.number), Text(entry.key, style=entry.style), str(len(entry.spans)),
                      _score(max(scores)) if scores else "", definition)
    console.print(table)


def _render_entities(doc: Document, console: Console) -> None:
    """Entity roles aggregated per entity (merged mentions share an ``entity_id`` or ``canonical`` name)."""
    groups: dict[str, list[Annotation]] = {}
    for annotation in doc.layer("entity"):
        key = str(annotation.attrs.get("entity_id") or annotation.attrs.get("canonical") or doc.span_text(annotation))
        groups.setdefault(key, []).append(annotation)
    if not groups:
        return
    table = Table("entity", "type", "role", "fine roles", "mentions", "score",
                  title=f"entities ({len(groups)})", title_justify="left")
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0].start))
    for mentions in ordered[:ENTITY_ROWS]:
        names = Counter(doc.span_text(a) for a in mentions)
        name = str(mentions[0].attrs.get("canonical") or names.most_common(1)[0][0])
        roles = Counter(a.attrs.get("role") for a in mentions if a.attrs.get("role"))
        fine = sorted({f for a in mentions for f in a.attrs.get("fine_roles") or []})
        scores = [a.score for a in mentions if a.score is not None]
        table.add_row(_snippet(name, 40), mentions[0].label or "", roles.most_common(1)[0][0] if roles else "",
                      ", ".join(fine), str(len(mentions)), _score(max(scores)) if scores else "")
    console.print(table)
    if len(ordered) > ENTITY_ROWS:
        console.print(f"[dim]… {len(ordered) - ENTITY_ROWS} more entities (--json lists them all)[/]")


def _render_debunks(doc: Document, console: Console) -> None:
    items = doc.layer("debunk")
    if not items:
        return
    console.print(Text(f"debunks ({len(items)})", style="italic"))
    for number, annotation in enumerate(items, 1):
        attrs = annotation.attrs
        head = Text(f"{number:>3}  ")
        head.append(f"{attrs.get('attributed_to') or '(unnamed)'}", style="bold")
        head.append(": ")
        head.append(_snippet(attrs.get("claim") or "(claim implied)", 160), style="italic")
        console.print(head)
        if attrs.get("motive"):
            console.print(Text(f"     motive: {_snippet(attrs['motive'], 160)}", style="dim"))
        console.print(Text(f"     counter: {_snippet(attrs.get('counter') or '', 160)}"))


def _render_other_layers(doc: Document, console: Console, skip: set[str]) -> None:
    by_layer = Counter(a.layer for a in doc.annotations)
    for layer in sorted(by_layer):
        if layer in STRUCTURE_LAYERS or layer in skip:
            continue
        table = Table("label", "text", "score", "details", title=f"{layer} ({by_layer[layer]})", title_justify="left")
        for annotation, text in doc.iter_text(layer):
            details = ", ".join(f"{k}={v}" for k, v in annotation.attrs.items() if v not in (None, "", [], {}))
            table.add_row(annotation.label or "", _snippet(text), _score(annotation.score), _snippet(details, 60))
        console.print(table)


def render_stats(figures: dict[str, Any], console: Console) -> None:
    table = Table("measure", "value", title="store", title_justify="left")
    for key, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "-"
        table.add_row(str(key), str(value))
    console.print(table)


def render_demo_summary(store, report, console: Console) -> None:
    table = Table(title="demo corpus", title_justify="left")
    # Cells are shortened here: Rich collapses narrow columns beside no_wrap ones.
    table.add_column("id")
    for name in ("lang", "published"):
        table.add_column(name)
    for name in ("sents", "events", "claims"):
        table.add_column(name, justify="right")
    table.add_column("title")
    for doc in store.iter_documents():
        table.add_row(
            _snippet(doc.id, 24),
            doc.language or "?",
            doc.published or "?",
            str(len(doc.layer("sentence"))),
            str(len(doc.layer("event"))),
            str(len(doc.layer("claim"))),
            _snippet(doc.title or "", 22),
        )
    console.print(table)
    render_stats(store.stats(), console)
    console.print(
        f"{report.read} read, {report.added} stored. Next: [bold]faultlines search Khatlon --db {store.where}[/], "
        f"[bold]faultlines show tajikistan-forgetful-friends --db {store.where}[/], "
        f"[bold]faultlines events incidents --db {store.where}[/], "
        f"[bold]faultlines claims contradictions --db {store.where}[/]"
    )


def render_bench(result: dict[str, Any], console: Console) -> None:
    table = Table("measure", "value", title=f"bench: {result['name']}", title_justify="left")
    for key, value in result.items():
        if key == "name":
            continue
        table.add_row(key, f"{value:,.1f}" if isinstance(value, float) else str(value))
    console.print(table)
