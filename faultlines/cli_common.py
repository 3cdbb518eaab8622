"""What the stages' CLI modules share: consoles, one-line errors, progress lines, shared sub-apps, --lang, JSON."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Callable, Iterator, NoReturn, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="Store: an SQLite file or SQLAlchemy URL (env FAULTLINES_DB; default ./faultlines.db)."),
]
LANGUAGES = ("en", "ru")
# Training and evaluation read the shared encoder's vectors through this cache, so cross-validation never re-encodes.
EncoderCacheOption = Annotated[Path, typer.Option("--cache", help="SQLite cache of the shared encoder's vectors.")]


def print_error(message: str) -> None:
    """One bad input's line on stderr; the run goes on."""
    err.print(f"faultlines: {message}", markup=False, soft_wrap=True)


@contextmanager
def progress(quiet: bool, label: str) -> Iterator[Callable[[int], None]]:
    """A progress display on stderr; yields a callback taking the number of documents done."""
    if quiet:
        yield lambda n: None
        return
    display = Progress(
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("docs"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    with display:
        task = display.add_task(label, total=None)
        yield lambda n: display.advance(task, n)


def print_summary(report, store_path: str | None, quiet: bool) -> None:
    """A run's counts on one line of stderr."""
    if quiet:
        return
    parts = [f"{report.read} read", f"{report.added} added", f"{report.updated} updated", f"{report.unchanged} unchanged"]
    if report.errors:
        parts.append(f"{len(report.errors)} failed")
    where = f" into {store_path}" if store_path else ""
    err.print(f"faultlines: {', '.join(parts)}{where}", markup=False)
    if not report.read and not report.errors:
        err.print("faultlines: warning: no article found in the inputs (an empty folder, or no file of a kind faultlines "
                  "reads, or every file left out by --include/--exclude)", markup=False)


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr, then exit (2: bad usage or input)."""
    err.print(f"faultlines: error: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(code)


def check_out_file(path: "Path | None", option: str = "--out") -> None:
    """Fail in one line where ``path`` cannot be written as a file: a folder, or one in a folder that is not there."""
    if path is None:
        return
    if path.is_dir():
        fail(f"{option} {path} is a folder: name a file in it")
    if not path.parent.is_dir():
        fail(f"{option} {path}: the folder {path.parent} does not exist")


def say(message: str) -> None:
    """A progress or status line on stderr (stdout stays parseable)."""
    err.print(f"faultlines: {message}", markup=False, soft_wrap=True)


def command_group(app: typer.Typer, name: str, help: str) -> typer.Typer:
    """The sub-app ``name`` (predict, train, narratives…), shared with stages that may have registered it first."""
    for info in app.registered_groups:
        if info.name == name and info.typer_instance is not None:
            return info.typer_instance
    group = typer.Typer(help=help, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


def parse_langs(lang: str | None) -> list[str]:
    """``--lang en,ru`` as a list; both when not given."""
    langs = [x.strip() for x in (lang or ",".join(LANGUAGES)).split(",") if x.strip()]
    bad = [x for x in langs if x not in LANGUAGES]
    if bad or not langs:
        fail(f"unsupported language(s) {', '.join(bad) or repr(lang)}: use en and/or ru")
    return langs


def print_written(files: list[Path]) -> None:
    """The files a training command wrote, with their sizes (weights must stay small)."""
    for f in files:
        out.print(f"{f}\t{f.stat().st_size / 1e6:.2f} MB", markup=False)


def write_json(value, indent: int | None = None) -> None:
    # Plain stdout, not Rich: Rich wraps long lines, which would break the JSON.
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=indent, default=float) + "\n")


@contextmanager
def open_queries(db: str | None) -> Iterator[Any]:
    """The store's read API (:class:`faultlines.query.Queries`) for one command; a store or query error is one line."""
    from .errors import FaultlinesError
    from .query import Queries
    from .settings import Settings
    from .store import Store

    try:
        with Store(settings=Settings.from_env(db=db), existing=True) as store:
            queries = Queries(store)
            try:
                yield queries
            finally:
                queries.close()
    except FaultlinesError as exc:
        fail(str(exc))
