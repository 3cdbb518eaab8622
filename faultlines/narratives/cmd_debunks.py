"""``faultlines eval debunks``: precision and recall of the debunks analyzer on a gold file of written articles."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from ..cli_common import err, out

FIELDS = ("attributed_to", "claim", "motive", "counter")
# An item is found when its counter (and its claim, unless both are null) overlaps the gold one this much (token F1).
MATCH_F1 = 0.5


def _tokens(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def token_f1(a: str | None, b: str | None) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return float(ta == tb)
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _same(a: str | None, b: str | None) -> bool:
    norm = lambda s: None if s is None else " ".join(s.split())  # noqa: E731
    return norm(a) == norm(b)


def _matches(pred: dict[str, Any], gold: dict[str, Any]) -> float:
    counter = token_f1(pred["counter"], gold["counter"])
    claim = 1.0 if pred["claim"] is None and gold["claim"] is None else token_f1(pred["claim"], gold["claim"])
    return min(counter, claim)


def score_gold(gold_path: Path) -> dict[str, dict[str, Any]]:
    """Per split: predicted / gold / matched counts, precision, recall, F1 and exact-field accuracy of matched items.

    The gold file is a JSON list of ``{"file", "split", "items": [{attributed_to, claim, motive, counter}]}``
    with files relative to the gold file; each file goes through ingest and ``language, segment, debunks``.
    """
    from ..ingest.files import read_text_file
    from ..output import document_record
    from ..pipeline import Pipeline
    from ..settings import Settings

    settings = Settings.from_env()
    pipeline = Pipeline(("language", "segment", "debunks"), settings)
    entries = json.loads(gold_path.read_text(encoding="utf-8"))
    totals: dict[str, dict[str, Any]] = {}
    for entry in entries:
        doc = next(pipeline.pipe([read_text_file(gold_path.parent / entry["file"], settings)]))
        predicted = document_record(doc, with_segments=False)["debunks"]
        split = totals.setdefault(entry["split"], {"documents": 0, "predicted": 0, "gold": 0, "matched": 0,
                                                    **{f"{f}_exact": 0 for f in FIELDS}, "misses": []})
        split["documents"] += 1
        split["predicted"] += len(predicted)
        split["gold"] += len(entry["items"])
        free = list(predicted)
        for gold in entry["items"]:
            best = max(free, key=lambda p: _matches(p, gold), default=None)
            if best is None or _matches(best, gold) < MATCH_F1:
                split["misses"].append(f"{entry['file']}: missed {gold['claim'] or gold['counter']!r}")
                continue
            free.remove(best)
            split["matched"] += 1
            for name in FIELDS:
                split[f"{name}_exact"] += _same(best[name], gold[name])
        split["misses"].extend(f"{entry['file']}: spurious {p['claim'] or p['counter']!r}" for p in free)
    for split in totals.values():
        p = split["matched"] / split["predicted"] if split["predicted"] else 1.0
        r = split["matched"] / split["gold"] if split["gold"] else 1.0
        split.update(precision=p, recall=r, f1=2 * p * r / (p + r) if p + r else 0.0)
        for name in FIELDS:
            split[f"{name}_exact"] = split[f"{name}_exact"] / split["matched"] if split["matched"] else 0.0
    return totals


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @eval_app.command("debunks")
    def eval_debunks(
        gold: Annotated[Path, typer.Option("--gold", help="Gold JSON (see tests/data/debunk_gold.json).")] = Path(
            "tests/data/debunk_gold.json"),
        split: Annotated[Optional[str], typer.Option("--split", help="Only this split (e.g. written, heldout).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Figures as JSON.")] = False,
    ) -> None:
        """Item precision / recall and exact-field accuracy of the debunks analyzer on written articles."""
        if not gold.is_file():
            err.print(f"faultlines: error: no gold file {gold} (the written gold lives in the repository: run from its root "
                      f"or give --gold PATH)", markup=False)
            raise typer.Exit(2)
        figures = score_gold(gold)
        if split is not None:
            figures = {k: v for k, v in figures.items() if k == split}
        if as_json:
            typer.echo(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        table = Table("split", "docs", "gold", "pred", "P", "R", "F1", *FIELDS,
                      title="debunks (fields: exact match among found items)", title_justify="left")
        for name, s in figures.items():
            table.add_row(name, str(s["documents"]), str(s["gold"]), str(s["predicted"]), f"{s['precision']:.3f}",
                          f"{s['recall']:.3f}", f"{s['f1']:.3f}", *(f"{s[f'{f}_exact']:.3f}" for f in FIELDS))
        out.print(table)
        for name, s in figures.items():
            for miss in s["misses"]:
                out.print(f"[dim]{name}[/]  {miss}", markup=True, soft_wrap=True)
