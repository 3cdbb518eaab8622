"""CLI of entity framing roles: ``faultlines train roles``, ``faultlines eval roles``,
``faultlines predict semeval2025-roles`` and ``faultlines narratives antagonists``."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli_common import (
    DbOption,
    EncoderCacheOption,
    command_group,
    fail,
    open_queries,
    out,
    parse_langs,
    print_written,
    say,
    write_json,
)
from . import roles_bench as _bench  # noqa: F401 - registers ``faultlines bench roles``
from .commands import DataOption, LangOption


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    predict_app = command_group(app, "predict", "Predict in shared-task formats (read by the official scorers).")
    train_app = command_group(app, "train", "Rebuild the shipped model weights from the research corpora.")
    narratives_app = command_group(app, "narratives", "Narratives, entity roles and debunks: tracking in the store.")

    @train_app.command("roles")
    def train_roles(
        data: DataOption = Path("../shared/datasets"),
        cache: EncoderCacheOption = Path(".cache/encodings.sqlite"),
        lang: LangOption = None,
        out_dir: Annotated[Optional[Path], typer.Option("--out", help="Where to write the weights (default: the package).")] = None,
    ) -> None:
        """Train the entity-role model on SemEval-2025 T10 subtask 1 and write faultlines/narratives/model/roles_weights.*."""
        from .roles import MODEL_DIR
        from .roles_corpus import RolesDataError, train_and_save

        try:
            files = train_and_save(data, parse_langs(lang), cache, out=out_dir or MODEL_DIR, say=say)
        except (FileNotFoundError, RolesDataError) as exc:
            fail(str(exc))
        print_written(files)

    @eval_app.command("roles")
    def eval_roles(
        data: DataOption = Path("../shared/datasets"),
        cache: EncoderCacheOption = Path(".cache/encodings.sqlite"),
        lang: LangOption = None,
        folds: Annotated[int, typer.Option("--folds", help="Document-level cross-validation folds.")] = 5,
        seed: Annotated[int, typer.Option("--seed", help="Seed of the document folds.")] = 13,
        keep: Annotated[Optional[Path], typer.Option("--keep", help="Keep the gold and prediction files in this folder.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    ) -> None:
        """Held-out figures by the official subtask-1 scorer (k-fold cross-validation split by document),
        beside the majority baseline (the most frequent main role and its most frequent fine role) on the same split."""
        from .roles_corpus import (
            RolesDataError,
            cross_validate,
            dump,
            load_corpus,
            scorer_path,
        )

        if folds < 2:
            fail("--folds must be at least 2")
        try:
            scorer = scorer_path(data)
            samples = load_corpus(data, parse_langs(lang), cache, say=say)
            with tempfile.TemporaryDirectory() as tmp:
                results = cross_validate(samples, folds, seed, scorer, keep or Path(tmp), say=say)
        except (FileNotFoundError, RolesDataError) as exc:
            fail(str(exc))
        if as_json:
            sys.stdout.write(dump({"folds": folds, "seed": seed, "results": results}) + "\n")
            return
        from rich.table import Table

        table = Table("lang", "mentions", "EMR", "micro-F1", "main-role acc", "majority EMR", "majority micro-F1",
                      "majority main acc", title=f"roles: {folds}-fold document cross-validation (seed {seed})")
        for lg, r in results.items():
            m, b = r["model"], r["majority"]
            table.add_row(lg, str(r["mentions"]), f"{m['emr']:.3f}", f"{m['micro_f1']:.3f}", f"{m['main_accuracy']:.3f}",
                          f"{b['emr']:.3f}", f"{b['micro_f1']:.3f}", f"{b['main_accuracy']:.3f}")
        out.print(table)

    @predict_app.command("semeval2025-roles")
    def predict_roles(
        documents: Annotated[Path, typer.Option("--documents", help="Folder of the task's raw documents (FILE.txt).")],
        mentions: Annotated[Path, typer.Option("--mentions", help="FILE<TAB>mention<TAB>start<TAB>end lines.")],
        out_file: Annotated[Path, typer.Option("--out", help="Output: the mention lines with main and fine roles.")],
        lang: Annotated[Optional[str], typer.Option("--lang", help="en or ru; default: detected per document.")] = None,
        cache: EncoderCacheOption = Path(".cache/encodings.sqlite"),
    ) -> None:
        """SemEval-2025 T10 subtask-1 roles for every mention line (the format the official scorer reads)."""
        from .roles import shipped_model
        from .roles_corpus import RolesDataError, predict_file, write_rows

        if not documents.is_dir():
            fail(f"{documents} is not a directory of documents")
        if not mentions.is_file():
            fail(f"{mentions} is not a file")
        if lang is not None and lang not in ("en", "ru"):
            fail(f"unsupported language {lang!r}: use en or ru")
        try:
            rows = predict_file(documents, mentions, lang, cache, shipped_model(), say=say)
        except RolesDataError as exc:
            fail(str(exc))
        write_rows(rows, out_file)
        say(f"{len(rows)} mentions -> {out_file}")

    @narratives_app.command("antagonists")
    def antagonists(
        since: Annotated[Optional[str], typer.Option("--since", help="First publication date, YYYY-MM-DD.")] = None,
        until: Annotated[Optional[str], typer.Option("--until", help="Publication dates up to this one (inclusive).")] = None,
        period: Annotated[str, typer.Option("--period", help="day, week or month.")] = "month",
        role: Annotated[str, typer.Option("--role", help="Protagonist, Antagonist or Innocent.")] = "Antagonist",
        language: Annotated[Optional[str], typer.Option("--lang", help="Only documents in this language.")] = None,
        limit: Annotated[int, typer.Option("--limit", help="Entities per period.")] = 10,
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    ) -> None:
        """The entities most cast as antagonist (or --role) per period: documents casting each, from the store."""
        from .tracking import role_leaders

        with open_queries(db) as queries:
            result = role_leaders(queries, role=role, period=period, since=since, until=until, language=language,
                                  limit=limit)
        if as_json:
            write_json(result, indent=2)
            return
        from rich.table import Table

        table = Table("period", "entity", "type", "documents", "share", "mentions", "fine roles",
                      title=f"entities most cast as {role} per {period}")
        for p in result["periods"]:
            for n, item in enumerate(p["entities"]):
                table.add_row(p["period"] if n == 0 else "", item["entity"], item["type"], str(item["documents"]),
                              f"{item['share']:.0%}", str(item["mentions"]), ", ".join(item["fine_roles"][:3]))
        out.print(table)
        if not result["periods"]:
            say("no dated documents with entity roles in the store for that range")
