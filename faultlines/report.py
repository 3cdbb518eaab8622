"""Terminal rendering (Rich) of documents, store statistics, the demo summary and benchmarks."""
from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Document

# Segmentation layers are shown as structure, not listed item by item.
STRUCTURE_LAYERS = {"paragraph", "sentence"}
SNIPPET = 90


def _snippet(text: str, width: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_document(doc: Document, console: Console) -> None:
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

    paragraphs = doc.layer("paragraph")
    sentences = doc.layer("sentence")
    console.print(f"[bold]{len(paragraphs)}[/] paragraphs, [bold]{len(sentences)}[/] sentences, "
                  f"{len(doc.text)} characters")
    for number, (annotation, text) in enumerate(doc.iter_text("paragraph"), 1):
        line = Text(f"{number:>3}  ", style="dim")
        line.append(text)
        console.print(line)

    by_layer = Counter(a.layer for a in doc.annotations)
    for layer in sorted(by_layer):
        if layer in STRUCTURE_LAYERS:
            continue
        table = Table("label", "text", "score", "details", title=f"{layer} ({by_layer[layer]})", title_justify="left")
        for annotation, text in doc.iter_text(layer):
            details = ", ".join(f"{k}={v}" for k, v in annotation.attrs.items() if v not in (None, "", [], {}))
            score = "" if annotation.score is None else f"{annotation.score:.2f}"
            table.add_row(annotation.label or "", _snippet(text), score, _snippet(details, 60))
        console.print(table)
    analyzers = sorted({f"{a.analyzer}@{a.version}" for a in doc.annotations if a.analyzer})
    console.print(f"[dim]analyzers: {', '.join(analyzers) or 'none'}[/]")


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
