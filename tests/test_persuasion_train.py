"""Training end to end on a tiny corpus the test writes, determinism, and the predict formats."""
from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.persuasion.data import TECHNIQUES, load_semeval, read_text
from persuasion_support import ARTICLES, SCORERS, write_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("semeval"))


def _train(corpus, out):
    result = runner.invoke(app, ["train", "persuasion", "--data", str(corpus), "--lang", "en", "--seed", "13",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_reader_offsets_match_span_text(corpus):
    arts = load_semeval(corpus / "semeval2023_task3", "en")
    assert len(arts) == len(ARTICLES)
    first = arts[0]
    assert first.genre == "opinion" and "Political" in first.frames
    assert {first.text[s.start:s.end] for s in first.spans} >= {"corrupt regime", "so-called reforms"}
    # paragraph labels sit on the odd lines (title, empty line, body...)
    assert first.paragraph_labels[3] == ("Loaded_Language", "Name_Calling-Labeling")


def test_train_is_deterministic(corpus, tmp_path):
    a = _train(corpus, tmp_path / "a")
    b = _train(corpus, tmp_path / "b")
    names = sorted(p.name for p in a.iterdir())
    assert names == ["en.json", "en.npz", "en.vocab.json"]
    for name in ("en.json", "en.vocab.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    with np.load(a / "en.npz") as za, np.load(b / "en.npz") as zb:
        assert sorted(za.files) == sorted(zb.files)
        assert {"stack_coef", "stack_intercept"} <= set(za.files)
        for key in za.files:
            assert np.array_equal(za[key], zb[key]), key


def test_the_paragraph_stack_learns_which_evidence_tells_and_keeps_the_highest_for_rare_techniques():
    """The stack weighs the evidence that separates the labels; a technique with too few positives keeps the
    highest of the three probabilities; its out-of-fold probabilities come from the other article fold."""
    from faultlines.persuasion.system import STACK_FEATURES, ParagraphStack, logit

    rng = np.random.default_rng(0)
    n = 400
    y = (rng.random(n) < 0.3).astype(np.int8)
    own = np.where(y == 1, rng.uniform(0.5, 0.9, n), rng.uniform(0.05, 0.45, n))  # tells the labels apart
    noise = rng.uniform(0.05, 0.9, (n, 2))  # the sentences' and words' highest: unrelated to the labels
    highest = np.maximum(own, noise.max(1))
    F = np.zeros((n, 2, STACK_FEATURES), dtype=np.float32)
    for j in range(2):
        F[:, j] = np.column_stack([logit(own), logit(noise[:, 0]), logit(noise[:, 1]), logit(highest)])
    Y = np.column_stack([y, np.eye(1, n, 5, dtype=np.int8).ravel()])  # technique 1: one positive
    groups = [f"article{i // 8}" for i in range(n)]
    stack, oof = ParagraphStack.fit(F, Y, groups, C=0.1, seed=13)
    assert abs(stack.coef[0, 0]) > 2 * max(abs(stack.coef[0, 1]), abs(stack.coef[0, 2]))
    assert ((oof[:, 0] >= 0.5) == (y == 1)).mean() > 0.95
    np.testing.assert_allclose(stack.proba(F)[:, 1], highest, atol=1e-4)
    again, oof_again = ParagraphStack.fit(F, Y, groups, C=0.1, seed=13)
    assert np.array_equal(stack.coef, again.coef) and np.array_equal(oof, oof_again)
    # one article: no fold to hold out, so the out-of-fold probabilities are the full fit's own
    single, oof_single = ParagraphStack.fit(F, Y, ["article"] * n, C=0.1, seed=13)
    np.testing.assert_allclose(oof_single, single.proba(F), atol=1e-5)


def test_trained_model_predicts_sensible_genre(corpus, tmp_path):
    from faultlines.persuasion.corpus import predict_dir

    model = _train(corpus, tmp_path / "m")
    results = predict_dir(corpus / "semeval2023_task3" / "en" / "train-articles", "en", model)
    genres = {a.id: max(p.genre, key=p.genre.get) for a, _, p in results}
    # the training articles themselves: a tiny linear model fits them
    assert genres["900000002"] == "reporting" and genres["900000001"] == "opinion"


@pytest.fixture(scope="module")
def article_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("articles")
    (d / "article1.txt").write_bytes(
        "Betrayal in the Capital\n\nThe corrupt regime and its cowardly puppets have betrayed the nation once again.\n\n"
        "Officials said talks would continue on Monday.\n\nHow can anyone still trust these liars?\n".encode("utf-8"))
    (d / "article2.txt").write_bytes(
        "Позор режима\n\nЭтот продажный режим и его марионетки снова предали свой народ.\n\n"
        "Переговоры продолжатся в понедельник, сообщили в министерстве.\n".encode("utf-8"))
    (d / "notes.txt").write_text("not an article file\n", encoding="utf-8")
    return d


def test_predict_spans_format(article_dir, tmp_path):
    out = tmp_path / "spans.txt"
    result = runner.invoke(app, ["predict", "semeval2023-spans", "--articles", str(article_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    texts = {"1": read_text(article_dir / "article1.txt"), "2": read_text(article_dir / "article2.txt")}
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines, "the loaded-language article yields spans"
    for line in lines:
        aid, tech, start, end = line.split("\t")
        assert aid in texts and tech in TECHNIQUES
        assert 0 <= int(start) < int(end) <= len(texts[aid])
        assert texts[aid][int(start):int(end)].strip()


def test_predict_paragraphs_format(article_dir, tmp_path):
    out = tmp_path / "par.txt"
    result = runner.invoke(app, ["predict", "semeval2023-paragraphs", "--articles", str(article_dir),
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    # one row per non-empty line: 4 in article 1, 3 in article 2
    assert [(r[0], r[1]) for r in rows] == [("1", "1"), ("1", "3"), ("1", "5"), ("1", "7"),
                                            ("2", "1"), ("2", "3"), ("2", "5")]
    for r in rows:
        assert len(r) == 3 and all(t in TECHNIQUES for t in filter(None, r[2].split(",")))
    if (SCORERS / "scorer-subtask-3.py").exists():
        pytest.importorskip("sklearn")
        check = subprocess.run([sys.executable, str(SCORERS / "scorer-subtask-3.py"), "-p", str(out),
                                "-f", str(SCORERS / "techniques_subtask3.txt")], capture_output=True, text=True)
        assert "format is correct" in check.stdout, check.stdout + check.stderr


def test_predict_rejects_missing_folder(tmp_path):
    result = runner.invoke(app, ["predict", "semeval2023-spans", "--articles", str(tmp_path / "nope"),
                                 "--out", str(tmp_path / "x")])
    assert result.exit_code == 2 and re.search("not a directory", result.output)


@pytest.fixture(scope="module")
def use_model(corpus, tmp_path_factory):
    """A model trained on the tiny corpus with the shared encoder's (USE) vectors, and its config."""
    import json

    out = tmp_path_factory.mktemp("vectors")
    result = runner.invoke(app, ["train", "persuasion", "--data", str(corpus), "--lang", "en", "--vectors", "use",
                                 "--cache", str(out / "encodings.sqlite"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, json.loads((out / "en.json").read_text(encoding="utf-8"))["config"]


def test_model_with_encoder_vectors_reads_the_shared_encoding(use_model):
    from faultlines.errors import AnalyzerError
    from faultlines.model import Document
    from faultlines.persuasion.analyzer import PersuasionAnalyzer
    from faultlines.pipeline import Pipeline
    from faultlines.settings import Settings
    from faultlines.text.encode import Encoding

    out, config = use_model
    assert config["use_embeddings"] is True

    settings = Settings.from_env()
    text = ("Puppets of the regime\n\nThe corrupt regime and its cowardly puppets betrayed the nation again.\n\n"
            "Officials said the talks would continue on Monday.\n")
    doc = Pipeline(("language", "segment", "encode"), settings)(Document(id="v", text=text, language="en"))
    encoding = doc.work["encoding"]
    analyzer = PersuasionAnalyzer(settings, model_dir=out)

    def genre(d):
        return {a.label: a.score for a in d.layer("genre")}

    first = genre(analyzer(doc))
    assert doc.work["encoding"] is encoding, "the heads read the encode pass's vectors, they do not encode again"
    # other vectors in the shared encoding move the heads' outputs: they are read, not ignored
    doc.work["encoding"] = Encoding(encoding.backend, encoding.spans, -encoding.vectors, encoding.title)
    assert genre(analyzer(doc)) != pytest.approx(first)
    doc.work["encoding"] = Encoding("e5", encoding.spans, encoding.vectors, encoding.title)
    with pytest.raises(AnalyzerError, match="retrain"):
        analyzer(doc)


def test_sentence_head_reads_the_encode_pass_sentence_vectors(use_model):
    from faultlines.model import Document
    from faultlines.persuasion.analyzer import paragraph_vectors, sentence_vectors, unit_of_document
    from faultlines.persuasion.system import PersuasionModel, sentence_ranges
    from faultlines.pipeline import Pipeline
    from faultlines.settings import Settings
    from faultlines.text.encode import Encoding

    out, config = use_model
    assert config["sentence_embeddings"] is True
    text = ("Puppets of the regime\n\nThe corrupt regime lies. Its cowardly puppets betrayed the nation again.\n\n"
            "Officials said the talks would continue on Monday.\n")
    doc = Pipeline(("language", "segment", "encode"), Settings.from_env())(Document(id="w", text=text, language="en"))
    encoding, unit = doc.work["encoding"], unit_of_document(doc)
    where = sentence_ranges([unit])
    assert [text[s:e] for _, s, e in where][1:3] == ["The corrupt regime lies.",
                                                     "Its cowardly puppets betrayed the nation again."]
    vectors = sentence_vectors([doc], [unit], "use")
    assert np.allclose(vectors, [encoding.sentence_vector(s, e) for _, s, e in where])
    # an encoding made without sentences: the same vectors, encoded on the spot from the same text
    doc.work["encoding"] = Encoding(encoding.backend, encoding.spans, encoding.vectors, encoding.title)
    assert np.allclose(sentence_vectors([doc], [unit], "use"), vectors, atol=1e-6)
    model = PersuasionModel.load(out, "en")
    emb = paragraph_vectors([doc], [unit], "use")
    probs = [model.sent.proba(model.sentence_matrix([unit], None, emb, v)[0]) for v in (vectors, -vectors)]
    assert probs[0].shape == (len(where), len(TECHNIQUES))
    assert not np.allclose(probs[0], probs[1]), "the sentence vectors are read, not ignored"


def test_trained_model_records_its_token_vectors_and_rejects_unknown_ones(corpus, tmp_path):
    import json

    out = tmp_path / "none"
    result = runner.invoke(app, ["train", "persuasion", "--data", str(corpus), "--lang", "en",
                                 "--token-vectors", "none", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "en.json").read_text(encoding="utf-8"))["config"]["token_vectors"] == "none"
    shipped = json.loads((_train(corpus, tmp_path / "default") / "en.json").read_text(encoding="utf-8"))
    assert shipped["config"]["token_vectors"] == "wordllama"
    with np.load(out / "en.npz") as plain, np.load(tmp_path / "default" / "en.npz") as with_vectors:
        # the word-vector block (the word's 256 dimensions and its neighbours' 256) follows the hashed columns
        assert with_vectors["token_coef"].shape[1] == plain["token_coef"].shape[1] + 512
    result = runner.invoke(app, ["train", "persuasion", "--data", str(corpus), "--lang", "en",
                                 "--token-vectors", "glove", "--out", str(tmp_path / "x")])
    assert result.exit_code == 2 and "--token-vectors must be none, wordllama or navec" in result.output
