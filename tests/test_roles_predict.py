"""``faultlines predict semeval2025-roles``: the subtask-1 format, accepted by the official scorer; errors in one line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.narratives.roles import FINE_ROLES

DATA = Path(__file__).parent / "data" / "roles"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "semeval2025_task10" / "scorers" / "subtask1_scorer.py"


def predict(tmp_path, mentions, *extra):
    out = tmp_path / "pred.txt"
    result = CliRunner().invoke(app, ["predict", "semeval2025-roles", "--documents", str(DATA / "documents"),
                                      "--mentions", str(mentions), "--out", str(out),
                                      "--cache", os.environ.get("FAULTLINES_ENCODER_CACHE") or str(tmp_path / "e.sqlite"),
                                      *extra], catch_exceptions=False)
    return result, out


@pytest.fixture(scope="module")
def predicted(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("predict")
    result, out = predict(tmp, DATA / "mentions.txt")
    assert result.exit_code == 0, result.output
    return out


def test_one_line_per_mention_with_its_offsets_and_roles(predicted):
    given = (DATA / "mentions.txt").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in predicted.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(given)
    for row, line in zip(rows, given):
        assert "\t".join(row[:4]) == line
        assert row[4] in FINE_ROLES and row[5:] and set(row[5:]) <= set(FINE_ROLES[row[4]])


@pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/datasets/semeval2025_task10 (official scorer)")
def test_official_scorer_accepts_the_predictions(predicted):
    res = subprocess.run([sys.executable, str(SCORER), "-g", str(DATA / "annotations.txt"), "-p", str(predicted)],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    # the scorer logs to stdout too; its figures are the one line of five tab-separated numbers
    (line,) = [ln for ln in res.stdout.splitlines() if ln.count("\t") == 4]
    figures = [float(x) for x in line.split("\t")]
    assert len(figures) == 5 and all(0.0 <= f <= 1.0 for f in figures)
    assert figures[4] >= 0.5  # main-role accuracy on written, clearly cast texts


def test_unknown_document_is_one_line_error(tmp_path):
    mentions = tmp_path / "m.txt"
    mentions.write_text("EN_KH_001.txt\tKharkiv\t81\t87\nNOPE.txt\tRussia\t0\t5\n", encoding="utf-8")
    result, out = predict(tmp_path, mentions)
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.count("\n") == 1 and "NOPE.txt" in result.stderr and "error" in result.stderr


def test_bad_line_is_one_line_error(tmp_path):
    mentions = tmp_path / "m.txt"
    mentions.write_text("EN_KH_001.txt\tKharkiv\t81\n", encoding="utf-8")
    result, _ = predict(tmp_path, mentions)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "m.txt:1" in result.stderr
    result, _ = predict(tmp_path, mentions, "--lang", "de")
    assert result.exit_code == 2 and "unsupported language" in result.stderr
