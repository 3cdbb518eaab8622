"""Figures from the official SemEval-2023 T3 scorers (run as subprocesses) and the span F1.

The SemEval-2023 folder ships no span-level scorer, so :func:`span_f1`
implements the SemEval-2020 Task 11 / PTC technique-span measure: a predicted
span earns credit for the share of characters it shares with a gold span of
the same technique (precision normalised by the predicted length, recall by
the gold length).
"""
from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import FaultlinesError

SCORERS = {1: "scorer-subtask-1.py", 2: "scorer-subtask-2.py", 3: "scorer-subtask-3.py"}


def scorer_dir(data: Path) -> Path:
    data = Path(data)
    for cand in (data / "semeval2023_task3" / "scorers", data / "scorers", data):
        if (cand / SCORERS[3]).exists():
            return cand
    raise FaultlinesError(f"no SemEval-2023 scorers under {data}", code="FL601")


def run_scorer(subtask: int, gold: Path, pred: Path, scorers: Path) -> tuple[float, float]:
    """(micro-F1, macro-F1) from ``scorer-subtask-N.py -o`` (subtask 1 prints macro first)."""
    cmd = [sys.executable, str(scorers / SCORERS[subtask]), "-g", str(gold), "-p", str(pred), "-o"]
    if subtask == 2:
        cmd += ["-f", str(scorers / "frames_subtask2.txt")]
    elif subtask == 3:
        cmd += ["-f", str(scorers / "techniques_subtask3.txt")]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [ln for ln in res.stdout.strip().splitlines() if ln.strip()]
    if res.returncode != 0 or not lines:
        raise FaultlinesError(f"scorer {SCORERS[subtask]} failed: {(res.stderr or res.stdout).strip()[-400:]}",
                              code="FL602")
    a, b = (float(x) for x in lines[-1].split("\t")[:2])
    # subtask 1 prints "macro<TAB>micro"; subtasks 2 and 3 print "micro<TAB>macro"
    return (b, a) if subtask == 1 else (a, b)


def write_paragraphs(rows: Iterable[tuple[str, int, Sequence[str]]], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for aid, line, labels in rows:
            f.write(f"{aid}\t{line}\t{','.join(labels)}\n")


def write_doc_labels(rows: Iterable[tuple[str, Sequence[str] | str]], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for aid, labels in rows:
            f.write(f"{aid}\t{labels if isinstance(labels, str) else ','.join(labels)}\n")


def write_spans(rows: Iterable[tuple[str, str, int, int]], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for aid, tech, start, end in rows:
            f.write(f"{aid}\t{tech}\t{start}\t{end}\n")


def read_spans(path: Path) -> list[tuple[str, str, int, int]]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 4:
                out.append((cols[0], cols[1], int(cols[2]), int(cols[3])))
    return out


def _credit(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> float:
    total = 0.0
    for s, e in spans:
        if e <= s:
            continue
        best = 0.0
        # the sum over overlapping spans, capped at 1 (as in the PTC scorer, a span is covered at most once)
        covered = sum(max(0, min(e, oe) - max(s, os_)) for os_, oe in others)
        best = min(1.0, covered / (e - s))
        total += best
    return total


def span_f1(gold: Sequence[tuple[str, str, int, int]], pred: Sequence[tuple[str, str, int, int]],
            techniques: Sequence[str] | None = None) -> dict:
    """Technique-span precision/recall/F1 with partial-overlap credit, overall and per technique."""
    g: dict[tuple[str, str], list] = defaultdict(list)
    p: dict[tuple[str, str], list] = defaultdict(list)
    for aid, tech, s, e in gold:
        g[(aid, tech)].append((s, e))
    for aid, tech, s, e in pred:
        p[(aid, tech)].append((s, e))
    techs = sorted(set(techniques or []) | {k[1] for k in g} | {k[1] for k in p})
    per: dict[str, dict] = {}
    P = R = 0.0
    for tech in techs:
        pc = sum(_credit(v, g.get(k, [])) for k, v in p.items() if k[1] == tech)
        rc = sum(_credit(v, p.get(k, [])) for k, v in g.items() if k[1] == tech)
        np_ = sum(len(v) for k, v in p.items() if k[1] == tech)
        ng = sum(len(v) for k, v in g.items() if k[1] == tech)
        prec = pc / np_ if np_ else 0.0
        rec = rc / ng if ng else 0.0
        per[tech] = {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
                     "gold": ng, "pred": np_}
        P += pc
        R += rc
    n_pred = sum(len(v) for v in p.values())
    n_gold = sum(len(v) for v in g.values())
    prec = P / n_pred if n_pred else 0.0
    rec = R / n_gold if n_gold else 0.0
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "per_technique": per}
