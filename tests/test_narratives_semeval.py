"""SemEval-2025 T10 subtask 2 on a handful of real documents: the predict format read by the official scorer,
deterministic training, and cross-validation figures from the official scorer (skipped without ../shared)."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.narratives.narrative_corpus import (DEFAULT_CONFIG, cross_validate, features, load_corpus,
                                                    train_and_save)
from faultlines.narratives.taxonomy import OTHER, load_taxonomy, narrative_of
from faultlines.text.encode import DEFAULT_BACKEND, Encoder, encode_documents

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets"
ROOT = DATA / "semeval2025_task10"
SCORERS = ROOT / "scorers"
pytestmark = pytest.mark.skipif(not (SCORERS / "subtask2_scorer.py").exists(),
                                reason="needs ../shared/datasets/semeval2025_task10 (corpus and official scorer)")
runner = CliRunner()
TINY_TAXONOMY = """
[[narrative]]
name = "T: Dams cause wars"
definition = "Dams upstream will cause wars downstream."
examples_en = ["The dam will start a water war.", "Whoever builds the dam controls the river."]
"""


def _gold(lang: str) -> dict[str, list[str]]:
    with open(ROOT / lang / "subtask-2-annotations.txt", encoding="utf-8") as f:
        return {row[0]: row for row in csv.reader(f, delimiter="\t")}


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """Two English and one Russian labelled document, copied to a temporary folder (never into the repo)."""
    folder = tmp_path_factory.mktemp("documents")
    picked = []
    for lang, n in (("EN", 2), ("RU", 1)):
        for name in sorted(_gold(lang))[:n]:
            shutil.copy(ROOT / lang / "raw-documents" / name, folder / name)
            picked.append((lang, name))
    return folder, picked


def test_predict_format_is_read_by_the_official_scorer(documents, tmp_path):
    folder, picked = documents
    out = tmp_path / "pred.txt"
    result = runner.invoke(app, ["predict", "semeval2025-narratives", "--documents", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    coarse = (SCORERS / "subtask2_narratives.txt").read_text(encoding="utf-8").split("\n")
    fine = (SCORERS / "subtask2_subnarratives.txt").read_text(encoding="utf-8").split("\n")
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r[0] for r in rows] == sorted(name for _, name in picked)
    for name, narratives, subnarratives in rows:
        nar, sub = narratives.split(";"), subnarratives.split(";")
        assert set(nar) <= set(coarse) and set(sub) <= set(fine), name
        assert (nar == [OTHER]) == (sub == [OTHER])
        assert {narrative_of(s) for s in sub} == set(nar)  # every narrative has a subnarrative and vice versa
    # the scorer pairs rows by position: the gold file follows the prediction order
    gold = tmp_path / "gold.txt"
    labels = {**_gold("EN"), **_gold("RU")}
    gold.write_text("".join("\t".join(labels[r[0]]) + "\n" for r in rows), encoding="utf-8")
    scored = subprocess.run([sys.executable, str(SCORERS / "subtask2_scorer.py"), "-g", str(gold), "-p", str(out),
                             "-f", str(SCORERS / "subtask2_subnarratives.txt"),
                             "-c", str(SCORERS / "subtask2_narratives.txt")], capture_output=True, text=True)
    assert scored.returncode == 0, scored.stdout + scored.stderr
    lines = dict(line.split(": ", 1) for line in scored.stdout.splitlines() if line.startswith("F1@"))
    for key in ("F1@coarse", "F1@fine"):
        assert 0.0 <= float(lines[key].split()[0]) <= 1.0
    # the gold file scored against itself: the format round-trips
    self_scored = subprocess.run([sys.executable, str(SCORERS / "subtask2_scorer.py"), "-g", str(gold), "-p", str(gold),
                                  "-f", str(SCORERS / "subtask2_subnarratives.txt"),
                                  "-c", str(SCORERS / "subtask2_narratives.txt")], capture_output=True, text=True)
    assert "F1@coarse: 1.000" in self_scored.stdout


def test_predict_refuses_a_missing_folder(tmp_path):
    result = runner.invoke(app, ["predict", "semeval2025-narratives", "--documents", str(tmp_path / "nope"),
                                 "--out", str(tmp_path / "p.txt")])
    assert result.exit_code == 2 and "is not a directory" in result.output


@pytest.fixture(scope="module")
def tiny_taxonomy(tmp_path_factory):
    path = tmp_path_factory.mktemp("taxonomy") / "tiny.toml"
    path.write_text(TINY_TAXONOMY, encoding="utf-8")
    return load_taxonomy([path], shipped=())


def test_training_on_a_tiny_sample_is_deterministic(tmp_path, tiny_taxonomy, shared_encoder_cache):
    written = {}
    for run in ("a", "b"):
        files = train_and_save(DATA, ["en", "ru"], cache=Path(shared_encoder_cache), out_dir=tmp_path / run,
                               limit=3, taxonomy=tiny_taxonomy)
        written[run] = sorted(f.name for f in files)
    assert written["a"] == written["b"] == sorted([
        "narratives_semeval.npz", "narratives_semeval.json", "narratives_background.npz",
        "narratives_regional.npz", "narratives_regional.json"])
    for name in written["a"]:
        a, b = tmp_path / "a" / name, tmp_path / "b" / name
        if name.endswith(".json"):
            assert a.read_bytes() == b.read_bytes(), name
        else:
            with np.load(a) as za, np.load(b) as zb:
                assert sorted(za.files) == sorted(zb.files)
                for key in za.files:
                    assert np.array_equal(za[key], zb[key]), (name, key)


def test_cross_validation_reports_official_scores_beside_the_baseline(shared_encoder_cache):
    items = load_corpus(DATA, ["en", "ru"], limit=3)
    encodings = encode_documents([d.doc for d in items], Encoder(DEFAULT_BACKEND, cache_path=Path(shared_encoder_cache)))
    result = cross_validate(items, features(encodings, DEFAULT_CONFIG), DEFAULT_CONFIG, 2, DATA, DEFAULT_BACKEND)
    for lang in ("en", "ru"):
        r = result[lang]
        assert r["documents"] == 3
        for key in ("coarse_f1", "fine_f1", "baseline_coarse_f1", "baseline_fine_f1"):
            assert 0.0 <= r[key] <= 1.0
    assert result["config"]["folds"] == 2 and result["config"]["backend"] == DEFAULT_BACKEND
