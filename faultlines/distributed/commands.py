"""``faultlines spark analyze``: the pipeline on a Spark cluster (or local cores), into the store or a directory."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli_common import DbOption, err, fail, print_error, print_summary, progress
from . import bench as _bench  # noqa: F401 - registers ``faultlines bench spark``


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    spark_app = typer.Typer(help="Run the analysis on Apache Spark (pip install 'faultlines\\[spark]').",
                            no_args_is_help=True)
    app.add_typer(spark_app, name="spark")

    @spark_app.command("analyze")
    def analyze(
        paths: Annotated[list[str], typer.Argument(help="Files and directories; each line of a .jsonl file is a task unit.")],
        db: DbOption = None,
        out: Annotated[
            Optional[str],
            typer.Option("--out", help="Write JSON lines (one record per document) into this new directory "
                                       "(any Hadoop path) instead of the store."),
        ] = None,
        master: Annotated[str, typer.Option("--master", help="Spark master URL.")] = "local[*]",
        analyzers: Annotated[
            Optional[str], typer.Option("--analyzers", help="Comma-separated analyzer names (default: all).")
        ] = None,
        published: Annotated[
            Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD for every input.")
        ] = None,
        include: Annotated[Optional[list[str]], typer.Option("--include", help="Glob of files to read in directories.")] = None,
        exclude: Annotated[Optional[list[str]], typer.Option("--exclude", help="Glob of files to skip.")] = None,
        partition_units: Annotated[
            int, typer.Option("--partition-units", min=1, help="Files or JSON lines per Spark task.")
        ] = 16,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only.")] = False,
    ) -> None:
        """Analyze files on Spark: executors read and analyze, the driver writes the store (resumable)."""
        from ..errors import FaultlinesError, StoreError
        from ..pipeline import DEFAULT_ANALYZERS
        from ..settings import Settings
        from ..store import Store
        from .spark import analyze_on_spark

        from ..ingest import normalize_given

        if out is not None and db is not None:
            fail("give --db or --out, not both")
        if published:
            try:
                normalize_given(published)
            except ValueError as exc:
                fail(str(exc))
        settings = Settings.from_env(db=db)
        names = [n.strip() for n in analyzers.split(",") if n.strip()] if analyzers else list(DEFAULT_ANALYZERS)
        try:
            with progress(quiet, "analyzing on Spark") as advance:
                kwargs = dict(settings=settings, master=master, analyzers=names, published=published,
                              include=include or None, exclude=exclude or (), partition_units=partition_units,
                              on_error=print_error, on_progress=advance)
                if out is not None:
                    report = analyze_on_spark(paths, out=out, **kwargs)
                else:
                    with Store(settings=settings) as store:
                        report = analyze_on_spark(paths, store=store, **kwargs)
        except FaultlinesError as exc:
            fail(str(exc), 3 if isinstance(exc, StoreError) else 2)
        if out is not None:
            if not quiet:
                failed = f", {len(report.errors)} failed" if report.errors else ""
                err.print(f"faultlines: {report.read} read, {report.analyzed} written to {out}{failed}", markup=False)
        else:
            print_summary(report, settings.db_shown(), quiet)
        raise typer.Exit(0 if report.ok else 1)
