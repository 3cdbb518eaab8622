"""CLI for the claims stage: ``faultlines claims …``, ``faultlines contradictions``, ``faultlines review``, ``faultlines eval claims``."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from ..cli_common import DbOption, check_out_file, err, fail, out


def _settings(db: str | None):
    from ..settings import Settings

    return Settings.from_env(db=db)


def _documents(settings):
    """Every stored document with its claims (streamed; the store is opened read-only by use)."""
    from ..errors import FaultlinesError
    from ..store import Store

    try:
        with Store(settings=settings, existing=True) as store:
            yield from store.iter_documents()
    except FaultlinesError as exc:
        fail(str(exc), 3)


def _rows(settings):
    from .export import claim_rows

    return claim_rows(_documents(settings))


def _emit(rows: list[dict], format: str, columns: tuple[str, ...], output: Path | None = None) -> None:
    from .export import write_csv, write_jsonl

    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if format == "jsonl":
            write_jsonl(rows, stream)
        elif format == "csv":
            write_csv(rows, stream, columns)
        else:
            table = Table(*columns, show_lines=False)
            for row in rows:
                table.add_row(*(_cell(row.get(c)) for c in columns))
            out.print(table)
    finally:
        if output:
            stream.close()


def _cell(value, width: int = 90) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


CLAIM_COLUMNS = ("claim_id", "check_worthiness", "speaker", "stance", "text", "doc_id")
# the row's fields (as jsonl has them, less the nested sides)
CONTRADICTION_COLUMNS = ("doc_a", "claim_a", "speaker_a", "stance_a", "text_a", "doc_b", "claim_b", "speaker_b", "stance_b",
                         "text_b", "about", "similarity", "reason")


def contradictions_command(db: str | None, format: str) -> None:
    from .contradictions import find_contradictions

    if format not in ("table", "jsonl", "csv"):
        fail(f"unknown --format {format!r}; use table, jsonl or csv")
    found = find_contradictions(_documents(_settings(db)))
    if format == "jsonl":
        for item in found:
            sys.stdout.write(json.dumps(item.row() | {"a": item.to_dict()["a"], "b": item.to_dict()["b"]}, ensure_ascii=False) + "\n")
        return
    if format == "csv":
        _emit([c.row() for c in found], format, CONTRADICTION_COLUMNS)
    elif not found:
        err.print("no contradictions found", markup=False)
    else:
        _print_contradictions([c.row() for c in found])


_REASONS = {"denies": "denial", "confirms-denied": "confirmation of what is denied", "embedding": "opposite stances, similar text"}


def _print_contradictions(rows: list[dict]) -> None:
    """One block per contradiction, each side on its own lines: ten columns were unreadable at 80 characters."""
    from rich.padding import Padding
    from rich.text import Text

    for n, row in enumerate(rows, 1):
        head = Text(f"{n:>3}  ", style="bold")
        head.append(_REASONS.get(row["reason"], row["reason"]), style="bold")
        if row.get("about"):
            head.append(f" · about {row['about']!r}")
        if row.get("similarity") is not None:
            head.append(f" · similarity {row['similarity']:.2f}")
        out.print(head)
        for side in ("a", "b"):
            line = Text(f"{side.upper()}  ", style="bold")
            line.append(row[f"speaker_{side}"] or "(author)", style="cyan")
            line.append(f" {row[f'stance_{side}']}", style="magenta")
            line.append(f"  {row[f'doc_{side}']}", style="dim")
            out.print(Padding(line, (0, 0, 0, 5), expand=False))
            out.print(Padding(Text(_cell(row[f"text_{side}"], 400)), (0, 0, 0, 8), expand=False))


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    claims_app = typer.Typer(help="Claims: who said what, via whom, with which stance; contradictions; exports.",
                             invoke_without_command=True)
    app.add_typer(claims_app, name="claims")

    @claims_app.callback()
    def claims(
        ctx: typer.Context,
        check_worthy: Annotated[bool, typer.Option("--check-worthy", help="List the most check-worthy claims first.")] = False,
        limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many claims.")] = 20,
        min_score: Annotated[float, typer.Option("--min-score", min=0.0, max=1.0, help="Only claims with check-worthiness at least this (0-1).")] = 0.0,
        format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
        db: DbOption = None,
    ) -> None:
        """List stored claims (with --check-worthy: the most checkable factual claims first)."""
        if ctx.invoked_subcommand is not None:
            return
        if format not in ("table", "jsonl", "csv"):
            fail(f"unknown --format {format!r}; use table, jsonl or csv")
        rows = [r for r in _rows(_settings(db)) if (r.get("check_worthiness") or 0) >= min_score]
        if check_worthy:
            rows.sort(key=lambda r: (-(r.get("check_worthiness") or 0), r["doc_id"], r["start"]))
        _emit(rows[:limit], format, CLAIM_COLUMNS)

    @claims_app.command("contradictions")
    def claims_contradictions(
        format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
        db: DbOption = None,
    ) -> None:
        """Claims about one proposition with opposite stances from different speakers, across the store."""
        contradictions_command(db, format)

    @app.command("contradictions")
    def contradictions(
        format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
        db: DbOption = None,
    ) -> None:
        """Contradicting claims across the store (same as `faultlines claims contradictions`)."""
        contradictions_command(db, format)

    @claims_app.command("export")
    def claims_export(
        format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or claimreview (JSON-LD of reviewed claims).")] = "jsonl",
        output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (default: stdout).")] = None,
        db: DbOption = None,
    ) -> None:
        """Export claims as JSONL or CSV, or reviewed claims as schema.org ClaimReview JSON-LD."""
        from .export import CSV_FIELDS, claim_reviews
        from .reviews import load_reviews

        check_out_file(output)
        settings = _settings(db)
        if format in ("jsonl", "csv"):
            _emit(list(_rows(settings)), format, CSV_FIELDS, output)
        elif format == "claimreview":
            reviews = load_reviews(settings)
            data = claim_reviews(_rows(settings), reviews)
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            if output:
                output.write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
            if not data:
                err.print("faultlines: no reviewed claims; add verdicts with `faultlines review CLAIM_ID --rating …`", markup=False)
        else:
            fail(f"unknown --format {format!r}; use jsonl, csv or claimreview")

    @app.command("review")
    def review(
        claim_id: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="A claim id (see `faultlines claims`).")],
        rating: Annotated[str, typer.Option("--rating", help="false, mostly-false, misleading, mixed, unproven, mostly-true, true.")],
        note: Annotated[Optional[str], typer.Option("--note", help="The reasoning, shown as the review body.")] = None,
        reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Who gives the verdict.")] = None,
        url: Annotated[Optional[str], typer.Option("--url", help="Where the review is published.")] = None,
        db: DbOption = None,
    ) -> None:
        """Record a verdict on a stored claim (exported as ClaimReview)."""
        from ..errors import QueryError
        from .reviews import add_review, make_review

        settings = _settings(db)
        try:
            verdict = make_review(claim_id, rating, note, reviewer, url)
        except QueryError as exc:
            fail(str(exc))
        if not any(row.get("claim_id") == claim_id for row in _rows(settings)):
            fail(f"no claim with id {claim_id!r} in {settings.db_shown()}")
        add_review(settings, verdict)
        err.print(f"faultlines: verdict {verdict['rating']} on {claim_id} stored in {settings.db_shown()}", markup=False)
        if not url:
            err.print("faultlines: note: no --url, so its ClaimReview names no page of the review (publishers such as "
                      "Google's fact-check tools need one); run review again with --url to add it", markup=False)

    @eval_app.command("claims")
    def eval_claims(
        gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files or directories (e.g. gold/claims).")],
        as_json: Annotated[bool, typer.Option("--json", help="All figures and errors as JSON.")] = False,
        errors: Annotated[bool, typer.Option("--errors", help="Also list every miss and mismatch.")] = False,
    ) -> None:
        """Speaker accuracy, stance accuracy and claim-span overlap F1 on a gold set."""
        from .evaluate import evaluate

        for path in gold:
            if not path.exists():
                fail(f"gold file not found: {path}")
        report = evaluate(gold)
        if as_json:
            sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
            return
        keys = ("passages", "gold_claims", "predicted_claims", "span_precision", "span_recall", "span_f1",
                "speaker_accuracy", "stance_accuracy", "quote_accuracy", "via_accuracy",
                "speaker_accuracy_end_to_end", "stance_accuracy_end_to_end")
        table = Table("measure", "all", *report["by_language"].keys())
        for key in keys:
            table.add_row(key, str(report.get(key)), *(str(v.get(key)) for v in report["by_language"].values()))
        out.print(table)
        if errors:
            for item in report["errors"]:
                out.print(json.dumps(item, ensure_ascii=False), markup=False, soft_wrap=True)
