"""The span F1 (PTC-style partial credit) and the official-scorer wrapper on tiny files."""
from __future__ import annotations

import pytest

from faultlines.persuasion.scoring import read_spans, run_scorer, span_f1, write_doc_labels, write_paragraphs, write_spans
from persuasion_support import SCORERS


def test_exact_match_scores_one():
    gold = [("1", "Loaded_Language", 10, 20), ("1", "Doubt", 30, 50)]
    assert span_f1(gold, gold)["f1"] == pytest.approx(1.0)


def test_partial_overlap_gets_partial_credit():
    gold = [("1", "Loaded_Language", 10, 20)]
    pred = [("1", "Loaded_Language", 10, 30)]  # covers the gold span, twice as long
    r = span_f1(gold, pred)
    assert r["recall"] == pytest.approx(1.0)
    assert r["precision"] == pytest.approx(0.5)
    assert r["f1"] == pytest.approx(2 / 3)


def test_wrong_technique_or_article_earns_nothing():
    gold = [("1", "Loaded_Language", 10, 20)]
    assert span_f1(gold, [("1", "Doubt", 10, 20)])["f1"] == 0.0
    assert span_f1(gold, [("2", "Loaded_Language", 10, 20)])["f1"] == 0.0
    assert span_f1(gold, [])["f1"] == 0.0


def test_span_file_round_trip(tmp_path):
    rows = [("7", "Slogans", 0, 5), ("7", "Repetition", 3, 9)]
    write_spans(rows, tmp_path / "s.txt")
    assert read_spans(tmp_path / "s.txt") == rows


@pytest.mark.skipif(not (SCORERS / "scorer-subtask-3.py").exists(), reason="needs ../shared/datasets")
def test_official_scorers_on_tiny_files(tmp_path):
    pytest.importorskip("sklearn")
    gold = [("1", 1, ["Loaded_Language"]), ("1", 3, []), ("2", 1, ["Doubt", "Slogans"])]
    pred = [("1", 1, ["Loaded_Language"]), ("1", 3, ["Doubt"]), ("2", 1, ["Doubt"])]
    write_paragraphs(gold, tmp_path / "g3")
    write_paragraphs(pred, tmp_path / "p3")
    micro, macro = run_scorer(3, tmp_path / "g3", tmp_path / "p3", SCORERS)
    # tp=2, fp=1, fn=1 -> micro-F1 2/3
    assert micro == pytest.approx(2 / 3, abs=1e-4)
    assert 0 < macro <= 1
    write_doc_labels([("1", "opinion"), ("2", "reporting")], tmp_path / "g1")
    write_doc_labels([("1", "opinion"), ("2", "opinion")], tmp_path / "p1")
    micro1, _ = run_scorer(1, tmp_path / "g1", tmp_path / "p1", SCORERS)
    assert micro1 == pytest.approx(0.5)
    write_doc_labels([("1", ["Political", "Economic"])], tmp_path / "g2")
    write_doc_labels([("1", ["Political"])], tmp_path / "p2")
    micro2, _ = run_scorer(2, tmp_path / "g2", tmp_path / "p2", SCORERS)
    assert micro2 == pytest.approx(2 / 3, abs=1e-4)
