"""Training the role model on a tiny written sample: deterministic, round-trips through .npz + JSON."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from faultlines.narratives.roles import FINE_ROLES, RoleModel
from faultlines.narratives.roles_corpus import cross_validate, fit, fold_of, prepare, read_lines, samples_for

DATA = Path(__file__).parent / "data" / "roles"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "semeval2025_task10" / "scorers" / "subtask1_scorer.py"
TINY = {"min_count": 1, "pca": 2}


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    lines = read_lines(DATA / "annotations.txt", labelled=True)
    # the session's encoder cache (conftest): the predict tests encode the same documents
    cache = Path(os.environ.get("FAULTLINES_ENCODER_CACHE") or tmp_path_factory.mktemp("enc") / "e.sqlite")
    out = []
    for lang, prefix in (("en", "EN_"), ("ru", "RU_")):
        files = sorted({x.file for x in lines if x.file.startswith(prefix)})
        docs = prepare([DATA / "documents" / f for f in files], lang, cache)
        out += samples_for(docs, lines, lang)
    return out


def test_every_gold_mention_gets_a_context(samples):
    assert [len(s.lines) for s in samples] == [len(s.contexts) for s in samples]
    assert sum(len(s.lines) for s in samples) == 18
    words = samples[0].contexts[0].words
    assert any(w.startswith("rel=") for w in words) and any(w.startswith("ent=") for w in words)


def test_training_is_deterministic_and_round_trips(samples, tmp_path):
    first, second = fit(samples, TINY), fit(samples, TINY)
    assert first.vocabulary == second.vocabulary
    assert np.array_equal(first.main_coef, second.main_coef) and np.array_equal(first.fine_coef, second.fine_coef)
    files = first.save(tmp_path)
    assert sorted(f.name for f in files) == ["roles_weights.json", "roles_weights.npz"]
    assert all(f.stat().st_size < 20_000_000 for f in files)
    loaded = RoleModel.load(tmp_path)
    contexts = [c for s in samples for c in s.contexts]
    assert loaded.predict(contexts) == first.predict(contexts)
    # the training sample itself is learnt: main roles come back, fine roles within them
    predicted = first.predict(contexts)
    gold = [x for s in samples for x in s.lines]
    assert sum(p[0] == x.main for p, x in zip(predicted, gold)) >= 14
    assert all(set(p[1]) <= set(FINE_ROLES[p[0]]) for p in predicted)


def test_folds_are_balanced_and_seeded():
    names = [f"doc{i}" for i in range(23)]
    folds = fold_of(names, 5, 13)
    assert sorted(list(folds.values()).count(k) for k in range(5)) == [4, 4, 5, 5, 5]
    assert fold_of(reversed(names), 5, 13) == folds and fold_of(names, 5, 14) != folds


@pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/datasets/semeval2025_task10 (official scorer)")
def test_cross_validation_is_scored_by_the_official_scorer(samples, tmp_path):
    results = cross_validate(samples, 2, 13, SCORER, tmp_path, TINY)
    assert set(results) == {"en", "ru"}
    for r in results.values():
        assert set(r["model"]) == {"emr", "micro_precision", "micro_recall", "micro_f1", "main_accuracy"}
        assert 0.0 <= r["model"]["emr"] <= 1.0 and 0.0 <= r["majority"]["main_accuracy"] <= 1.0
    assert (tmp_path / "gold-en.txt").read_text(encoding="utf-8").count("\n") == 10


def test_contexts_carry_the_lemmas_the_word_vectors_read(samples):
    from faultlines.narratives.roles import LEXICAL_SLOTS

    contexts = [c for s in samples for c in s.contexts]
    assert all(set(c.lemmas) <= set(LEXICAL_SLOTS) for c in contexts)
    assert any(c.lemmas.get("gov:agent") for c in contexts) and any(c.lemmas.get("gov:patient") for c in contexts)


def test_word_vectors_fill_their_language_and_slot_columns_only():
    from faultlines.narratives.roles import LEXICAL_SLOTS, MentionContext

    def context(lang, lemmas):
        zero = np.zeros(4, np.float32)
        return MentionContext(lang, [], zero, zero, zero, "none", "d#e1", lemmas)

    en_attack = context("en", {"gov:agent": ["attack"], "L": ["army", "heavy"]})
    en_bomb = context("en", {"gov:agent": ["bomb"]})
    en_pay = context("en", {"gov:agent": ["pay"]})
    ru = context("ru", {"gov:patient": ["обстрелять"]})
    block = RoleModel.lexical_block([en_attack, en_bomb, en_pay, ru], {"en": "wordllama", "ru": "navec"}, 0.5)
    en_width, ru_width = len(LEXICAL_SLOTS) * 256, len(LEXICAL_SLOTS) * 300
    assert block.shape == (4, en_width + ru_width)
    # English rows stay in the English columns, the governor in its slot and the left window in "L"
    assert not block[:3, en_width:].any() and not block[3, :en_width].any()
    slot = {name: k for k, name in enumerate(LEXICAL_SLOTS)}
    assert np.linalg.norm(block[0, :256]) == pytest.approx(0.5, abs=1e-4)
    assert block[0, slot["L"] * 256:(slot["L"] + 1) * 256].any() and not block[1, 256:en_width].any()
    ru_patient = en_width + slot["gov:patient"] * 300
    assert np.linalg.norm(block[3, ru_patient:ru_patient + 300]) == pytest.approx(0.5, abs=1e-4)
    # a verb of the same kind reads closer than an unrelated one: what lets "attacked" stand in for "bombed"
    attack, bomb, pay = block[0, :256], block[1, :256], block[2, :256]
    assert bomb @ attack > bomb @ pay
