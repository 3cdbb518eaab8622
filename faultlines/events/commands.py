"""CLI of the events stage: ``faultlines events incidents|export`` and ``faultlines eval events GOLD``."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli_common import DbOption, check_out_file, err, fail, out
from . import bench as _bench  # noqa: F401 - registers ``faultlines bench events``


def _documents(db: str | None):
    from ..errors import FaultlinesError
    from ..settings import Settings
    from ..store import Store

    try:
        with Store(settings=Settings.from_env(db=db), existing=True) as store:
            yield from store.iter_documents()
    except FaultlinesError as exc:
        fail(str(exc), 3)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    events_app = typer.Typer(help="Coded events: cross-article incidents and ACLED / PLOVER / GeoJSON exports.",
                             no_args_is_help=True)
    app.add_typer(events_app, name="events")

    @events_app.command("incidents")
    def incidents(
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
        min_sources: Annotated[int, typer.Option("--min-sources", help="Only incidents reported by at least N documents.")] = 1,
    ) -> None:
        """Link the stored events across articles into incidents, with sources and per-source fatalities."""
        from .link import link_incidents

        found = [i for i in link_incidents(_documents(db)) if len(i.sources) >= min_sources]
        if as_json:
            for inc in found:
                sys.stdout.write(json.dumps(inc.to_dict(), ensure_ascii=False) + "\n")
            return
        from rich.table import Table

        table = Table("date", "type", "place", "actors", "fatalities", "sources")
        for inc in found:
            place = ", ".join(x for x in (inc.admin2, inc.admin1, inc.country) if x) or (inc.location or "")
            fat = "" if inc.fatalities is None else str(inc.fatalities)
            if len({v for v in inc.fatalities_by_source.values() if v is not None}) > 1:
                fat += " (" + "/".join(str(v) for v in inc.fatalities_by_source.values() if v is not None) + ")"
            table.add_row(inc.date or "", inc.sub_event_type or inc.plover, place,
                          " vs ".join(a for a in (inc.actor1, inc.actor2) if a), fat,
                          ", ".join(s["doc_id"] for s in inc.sources))
        out.print(table)

    @events_app.command("export")
    def export(
        format: Annotated[str, typer.Option("--format", "-f", help="acled-csv, plover-jsonl or geojson.")] = "acled-csv",
        output: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (default: stdout).")] = None,
        db: DbOption = None,
        per: Annotated[str, typer.Option("--per", help="report: a row per article's event; incident: a row per incident "
                                                       "however many articles told it (acled-csv).")] = "report",
        quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    ) -> None:
        """Stream the stored events out as an ACLED-style CSV, PLOVER JSON lines or a GeoJSON FeatureCollection."""
        from .export import FORMATS, export_events

        if format not in FORMATS:
            fail(f"unknown --format {format!r}; use {', '.join(FORMATS)}")
        if per not in ("report", "incident"):
            fail(f"--per must be report or incident, not {per!r}")
        if per == "incident" and format != "acled-csv":
            fail("--per incident is for --format acled-csv (PLOVER and GeoJSON keep each article's report)")
        check_out_file(output)
        stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            n = export_events(_documents(db), format, stream, per=per)
        finally:
            if output:
                stream.close()
        if output and not quiet:
            err.print(f"faultlines: exported {n} events to {output}", markup=False)

    @eval_app.command("events")
    def eval_events(
        gold: Annotated[Path, typer.Argument(help="Gold JSONL file or a directory of them (e.g. gold/events).")],
        as_json: Annotated[bool, typer.Option("--json", help="Print all figures (and errors) as JSON.")] = False,
        show_errors: Annotated[bool, typer.Option("--errors", help="List every mismatch.")] = False,
        min_f1: Annotated[Optional[float], typer.Option("--min-f1", help="Exit 1 when detection F1 is below this.")] = None,
        min_field: Annotated[Optional[float], typer.Option("--min-field", help="Exit 1 when a field's accuracy is below this.")] = None,
    ) -> None:
        """Precision / recall / F1 of event detection and per-field accuracy on a gold set."""
        from .evaluate import evaluate, load_gold

        if not gold.exists():
            fail(f"no gold file or directory at {gold}")
        result = evaluate(load_gold(gold))
        if as_json:
            sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        else:
            from rich.table import Table

            d = result["detection"]
            out.print(f"{result['passages']} passages, {result['gold_events']} gold events, "
                      f"{result['predicted_events']} predicted (gold sha256/16 {result['corpus_sha256_16']})")
            out.print(f"detection: P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  "
                      f"(tp {d['tp']}, fp {d['fp']}, fn {d['fn']})")
            for lang, s in result["by_language"].items():
                out.print(f"  {lang}: {s['passages']} passages, F1 {s['f1']:.3f}")
            table = Table("field", "accuracy", "n")
            for name, f in result["fields"].items():
                table.add_row(name, "-" if f["accuracy"] is None else f"{f['accuracy']:.3f}", str(f["n"]))
            out.print(table)
            if show_errors:
                for e in result["errors"]:
                    out.print(json.dumps(e, ensure_ascii=False), markup=False, soft_wrap=True)
        failed = []
        if min_f1 is not None and result["detection"]["f1"] < min_f1:
            failed.append(f"detection F1 {result['detection']['f1']} < {min_f1}")
        if min_field is not None:
            failed += [f"{k} accuracy {v['accuracy']} < {min_field}" for k, v in result["fields"].items()
                       if v["accuracy"] is not None and v["accuracy"] < min_field]
        if failed:
            err.print("faultlines: below floor: " + "; ".join(failed), markup=False)
            raise typer.Exit(1)
