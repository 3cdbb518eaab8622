"""Command line: thin wrappers around the public Python API.

Exit status: 0 success; 1 some inputs could not be read or analyzed (the
others were processed and stored); 2 bad usage or query; 3 store error.
"""
from __future__ import annotations

import json
import logging
import re
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.text import Text

from .cli_common import DbOption, check_out_file, err, fail, out, print_error, print_summary, progress, write_json
from .errors import FaultlinesError, QueryError, StoreError
from .settings import Settings
from .store.fts import MARK_END, MARK_START

app = typer.Typer(
    name="faultlines",
    help="Events, claims, persuasion and narratives in English and Russian news, stored and searchable.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score an analyzer against a gold set or a shared-task corpus.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summaries; errors only.")]
PublishedOption = Annotated[
    Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD for every input (overrides dates found).")
]
IncludeOption = Annotated[
    Optional[list[str]], typer.Option("--include", help="Glob of files to read in directories (repeatable).")
]
ExcludeOption = Annotated[Optional[list[str]], typer.Option("--exclude", help="Glob of files to skip (repeatable).")]
PrivateOption = Annotated[
    bool, typer.Option("--allow-private", help="Allow fetching URLs on loopback/private/link-local addresses.")
]
MaxBytesOption = Annotated[Optional[int], typer.Option("--max-bytes", help="Refuse inputs larger than this many bytes.")]


def _settings(db: str | None = None, **overrides) -> Settings:
    return Settings.from_env(db=db, **overrides)


def _fatal(exc: Exception) -> None:
    err.print(f"faultlines: error: {exc}", markup=False, soft_wrap=True)
    if isinstance(exc, StoreError):
        raise typer.Exit(3)
    raise typer.Exit(2)


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except (QueryError, StoreError, FaultlinesError) as exc:
        _fatal(exc)


def _open_store(settings: Settings, *, existing: bool = False):
    """The store; ``existing`` for commands that only read it (a store that is not there is an error, not a new
    empty one)."""
    from .store import Store

    return Store(settings=settings, existing=existing)


def _run(inputs, settings, *, store, quiet, emit=None, published=None, include=None, exclude=None, analyzers=None):
    from .ingest import normalize_given
    from .pipeline import DEFAULT_ANALYZERS, INGEST_ANALYZERS
    from .runner import run

    if published:
        try:
            normalize_given(published)
        except ValueError as exc:
            fail(str(exc))
    try:
        with progress(quiet, "analyzing" if emit else "ingesting") as advance:
            return run(
                inputs,
                settings=settings,
                analyzers=analyzers or (DEFAULT_ANALYZERS if emit else INGEST_ANALYZERS),
                store=store,
                published=published,
                include=include or None,
                exclude=exclude or (),
                emit=emit,
                on_error=print_error,
                on_progress=advance,
            )
    except KeyboardInterrupt:
        # (Click would print an empty line: say what was kept)
        where = "" if store is None else f" in {settings.db_shown()}"
        err.print(f"faultlines: interrupted; the batches already stored{where} are kept, and running the same command "
                  "again resumes (what is stored is skipped)", markup=False)
        raise typer.Exit(130) from None


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds, or - for stdin.")],
    db: DbOption = None,
    published: PublishedOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    allow_private: PrivateOption = False,
    max_bytes: MaxBytesOption = None,
    quiet: QuietOption = False,
) -> None:
    """Read articles, identify language, segment, and store them (idempotent)."""
    settings = _settings(db, allow_private=allow_private or None, max_bytes=max_bytes)
    with _errors(), _open_store(settings) as store:
        report = _run(paths, settings, store=store, quiet=quiet, published=published, include=include, exclude=exclude)
    print_summary(report, settings.db_shown(), quiet)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds, or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Output format (jsonl).")] = "jsonl",
    no_store: Annotated[bool, typer.Option("--no-store", help="Only print results; do not write the store.")] = False,
    analyzers: Annotated[
        Optional[str], typer.Option("--analyzers", help="Comma-separated analyzer names (default: all available).")
    ] = None,
    db: DbOption = None,
    published: PublishedOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    allow_private: PrivateOption = False,
    max_bytes: MaxBytesOption = None,
    quiet: QuietOption = False,
) -> None:
    """Analyze articles and write one JSON object per document to standard output."""
    from .output import document_record
    from .pipeline import with_requirements

    if format != "jsonl":
        _fatal(QueryError(f"unknown --format {format!r}; use jsonl", code="FL304"))
    settings = _settings(db, allow_private=allow_private or None, max_bytes=max_bytes)
    # ("events" runs what it needs before it: language, segment, nlp)
    names = list(with_requirements([n.strip() for n in analyzers.split(",") if n.strip()])) if analyzers else None

    def emit(doc) -> None:
        sys.stdout.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
        sys.stdout.flush()

    with _errors(), (nullcontext() if no_store else _open_store(settings)) as store:
        report = _run(paths, settings, store=store, quiet=quiet, emit=emit, published=published,
                      include=include, exclude=exclude, analyzers=names)
    print_summary(report, None if no_store else settings.db_shown(), quiet)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; \"quoted phrases\", OR, and prefix* work.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000)] = 20,
    raw: Annotated[bool, typer.Option("--raw", help="Pass the query through in the store's own syntax (SQLite FTS5 MATCH, PostgreSQL to_tsquery).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    db: DbOption = None,
) -> None:
    """Full-text search over titles and texts."""

    settings = _settings(db)
    with _errors(), _open_store(settings, existing=True) as store:
        hits = store.search(query, limit=limit, raw=raw)
    if as_json:
        for hit in hits:
            write_json(hit._asdict() if hasattr(hit, "_asdict") else vars(hit))
        return
    if not hits:
        err.print(f"no documents match {query!r}", markup=False)
        return
    for hit in hits:
        line = Text(hit.id, style="bold cyan")
        line.append(f"  {hit.title or ''}", style="bold")
        out.print(line)
        # The store marks matches with private-use characters (« » are Russian quotes): show them highlighted.
        snippet = Text("    ")
        for n, part in enumerate(re.split(f"[{MARK_START}{MARK_END}]", " ".join((hit.snippet or "").split()))):
            snippet.append(part, style="reverse" if n % 2 else "")
        out.print(snippet)


@app.command()
def alerts(
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="The window's last day (YYYY-MM-DD); default: the newest article's date.")] = None,
    window: Annotated[int, typer.Option("--window", min=1, max=366, help="Days in the window.")] = 7,
    baseline: Annotated[int, typer.Option("--baseline", min=1, max=104, help="Windows before it that set the expected level.")] = 8,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Incidents or documents an alert needs at least.")] = 3,
    alpha: Annotated[float, typer.Option("--alpha", min=1e-12, max=0.5, help="Alert when the chance of so many, at the expected level, is below this.")] = 0.01,
    as_json: Annotated[bool, typer.Option("--json", help="The whole report as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Early warning: regions where violence or unrest rises above their recent past, and narratives that surge."""
    from datetime import date

    from rich.padding import Padding

    from .alerts import AlertSettings
    from .alerts import alerts as find_alerts
    from .cli_common import fail, open_queries

    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        fail(f"--as-of must be a date YYYY-MM-DD, not {as_of!r}")
    with open_queries(db) as queries, _errors():
        report = find_alerts(queries, AlertSettings(day, window, baseline, min_count, alpha))
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    window_text = f"{report['window'][0]} to {report['window'][1]} against {report['baseline'][0]} to {report['baseline'][1]}"
    if not report["alerts"]:
        out.print(f"no alerts for {window_text}", markup=False)
        return
    # one block per alert (a table of seven columns cut every figure to one character at 80 columns)
    out.print(Text(f"alerts, {window_text}", style="bold"))
    for a in report["alerts"]:
        hidden = a["more_documents"] + max(0, len(a["documents"]) - 3)
        more = f" (+{hidden})" if hidden else ""
        head = Text(f"{a['kind']:<10}", style="bold magenta")
        head.append(a["name"], style="bold")
        figures = f"observed {a['observed']} · expected {a['expected']:.2f} · score {a['score']:.1f}"
        if a.get("fatalities") is not None:
            figures += f" · fatalities {a['fatalities']}"
        out.print(head)
        out.print(Padding(Text(figures), (0, 0, 0, 10), expand=False))
        out.print(Padding(Text("documents: " + ", ".join(a["documents"][:3]) + more, style="dim"), (0, 0, 0, 10),
                          expand=False))


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id (see `faultlines search`).")],
    as_json: Annotated[bool, typer.Option("--json", help="The INTERFACES.md record instead of a report.")] = False,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave out the article text.")] = False,
    layers: Annotated[str, typer.Option(
        "--layers", help="Layers whose spans are marked in the text, comma-separated (e.g. technique,claim).")] = "technique",
    truncate: Annotated[int, typer.Option(
        "--truncate", min=0, help="Show at most this many characters of the text (0: all).")] = 0,
    db: DbOption = None,
) -> None:
    """A readable report of one document: its text with persuasion spans marked, a legend and all its annotations."""
    from .output import document_record
    from .pipeline import registered
    from .report import render_document

    marked = tuple(name.strip() for name in layers.split(",") if name.strip())
    known = {layer for spec in registered().values() for layer in spec.assigns}
    unknown = [name for name in marked if name not in known]
    if unknown:
        _fatal(QueryError(f"unknown --layers {', '.join(unknown)}; use any of: {', '.join(sorted(known))}", code="FL303"))
    settings = _settings(db)
    with _errors(), _open_store(settings, existing=True) as store:
        doc = store.get(doc_id)
    if doc is None:
        err.print(f"faultlines: error: no document with id {doc_id!r} in {settings.db_shown()}", markup=False)
        raise typer.Exit(2)
    if as_json:
        sys.stdout.write(json.dumps(document_record(doc), ensure_ascii=False, indent=2) + "\n")
        return
    render_document(doc, out, show_text=not no_text, mark_layers=marked, truncate=truncate or None)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (default: stdout; required for parquet).")] = None,
    language: Annotated[Optional[str], typer.Option("--language", help="Only documents in this language.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Published on or before YYYY-MM-DD.")] = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Stream the store out as JSONL, CSV or Parquet."""
    from .export import export as export_store

    if format not in ("jsonl", "csv", "parquet"):
        _fatal(QueryError(f"unknown --format {format!r}; use jsonl, csv or parquet", code="FL304"))
    if format == "parquet" and output is None:
        _fatal(QueryError("parquet needs a file: add --out FILE.parquet", code="FL304"))
    check_out_file(output)
    settings = _settings(db)
    with _errors(), _open_store(settings, existing=True) as store:
        rows = export_store(store, format, output, language=language, since=since, until=until)
    if not quiet and output is not None:
        err.print(f"faultlines: exported {rows} documents to {output}", markup=False)


@app.command()
def stats(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts of documents, languages and annotations in the store."""
    settings = _settings(db)
    with _errors(), _open_store(settings, existing=True) as store:
        figures = store.stats()
    if as_json:
        write_json(figures, indent=2)
    else:
        from .report import render_stats

        render_stats(figures, out)


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Demo store file (recreated).")] = "faultlines-demo.db",
    quiet: QuietOption = False,
) -> None:
    """Ingest and analyze the bundled demo corpus into a fresh SQLite file and summarize it."""
    from .demo import DEMO_ARTICLES, reset_store_file
    from .pipeline import DEFAULT_ANALYZERS
    from .report import render_demo_summary

    settings = _settings(db)
    with _errors():
        reset_store_file(db)
    with _errors(), _open_store(settings) as store:
        report = _run([str(DEMO_ARTICLES)], settings, store=store, quiet=quiet, analyzers=DEFAULT_ANALYZERS)
        if not quiet:
            render_demo_summary(store, report, out)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def bench(
    suite: Annotated[str, typer.Argument(help="Benchmark to run: ingest, or one an analyzer stage adds.")] = "ingest",
    size: Annotated[int, typer.Option("--docs", "--size", help="Number of documents to process.")] = 20000,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Measure throughput and memory (suites: ingest, and those the analyzers add)."""
    from .bench import BENCHMARKS

    if suite not in BENCHMARKS:
        _fatal(QueryError(f"unknown benchmark {suite!r}; choose from {', '.join(sorted(BENCHMARKS))}"))
    result = BENCHMARKS[suite](size, progress=None if as_json else err)
    if as_json:
        write_json(result, indent=2)
    else:
        from .report import render_bench

        render_bench(result, out)


def _register_stage_commands() -> None:
    """Each stage package may ship ``commands.py`` with ``register(app, eval_app)``.

    Stages contribute their own commands (``faultlines eval events``, ...) without editing this file.
    """
    import importlib
    import importlib.util
    import pkgutil

    import faultlines

    for module in sorted(pkgutil.iter_modules(faultlines.__path__), key=lambda m: m.name):
        name = f"faultlines.{module.name}.commands"
        try:
            if module.ispkg and importlib.util.find_spec(name) is not None:
                importlib.import_module(name).register(app, eval_app)
        except Exception as exc:  # noqa: BLE001 - one broken stage must not take the whole CLI down
            err.print(f"faultlines: warning: commands of {module.name!r} not loaded: {exc}", markup=False)


_register_stage_commands()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="faultlines: %(levelname)s: %(message)s")
    try:
        app()
    except KeyboardInterrupt:
        err.print("faultlines: interrupted; stored batches are kept, re-run to resume", markup=False)
        sys.exit(130)
if __name__ == "__main__":
    main()
