"""Static word vectors (the persuasion token head's dense features): packaged, offline, unit length."""
import logging

import numpy as np
import pytest

from faultlines.persuasion import tokens as tok
from faultlines.persuasion.features import lexicon
from faultlines.persuasion.heads import fit_binary, sigmoid
from faultlines.persuasion.system import Unit, sentences_by_paragraph
from faultlines.text.wordvec import WordVectors, word_vectors


def test_wordllama_vectors_put_loaded_words_near_each_other():
    vectors = word_vectors("wordllama")
    words = ["brutal", "vicious", "savage", "tuesday", "reported", "brutal"]
    V = vectors(words)
    assert V.shape == (6, 256) and V.dtype == np.float32
    assert np.allclose(np.linalg.norm(V, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(V[0], V[5]), "a word has one vector"
    assert V[0] @ V[1] > V[0] @ V[3] and V[0] @ V[2] > V[0] @ V[4]
    assert vectors([]).shape == (0, 256)
    assert word_vectors("wordllama") is vectors, "loaded once per process"


def test_navec_gives_russian_words_vectors_and_unknown_words_zeros():
    V = word_vectors("navec")(["жестокий", "зверский", "вторник", "qqqzzz"])
    assert V.shape == (4, 300)
    assert np.allclose(np.linalg.norm(V[:3], axis=1), 1.0, atol=1e-5)
    assert not V[3].any()
    assert V[0] @ V[1] > V[0] @ V[2]


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unknown word-vector backend"):
        WordVectors("glove")


def _unit(uid, sentence):
    return Unit(uid, sentence, [(0, len(sentence))], [(0, len(sentence))])


def test_vectors_let_the_token_head_mark_a_loaded_word_it_never_saw():
    loaded = ["brutal", "savage", "barbaric", "ruthless", "monstrous", "vile", "despicable", "heinous"]
    neutral = ["recent", "annual", "wooden", "northern", "second", "formal", "weekly", "local"]
    units, gold = [], []
    for i, word in enumerate(loaded + neutral):
        text = f"The {word} attack on the village was reported on Monday."
        units.append(_unit(str(i), text))
        gold.append([("Loaded_Language", 4, 4 + len(word))] if word in loaded else [])
    tokens = tok.tokenize(units, sentences_by_paragraph, lexicon("en"))
    vectors = word_vectors("wordllama")
    X = tok.vector_block(tokens, vectors, 1.0)
    assert X.shape == (len(tokens), 512)
    coef, inter = fit_binary(X, tok.token_labels(tokens, gold, ["Loaded_Language"]), 10.0, 13)

    test = [_unit("a", "The vicious attack on the village was reported on Monday."),
            _unit("b", "The northern attack on the village was reported on Monday."),
            _unit("c", "The cruel attack on the village was reported on Monday.")]
    test_tokens = tok.tokenize(test, sentences_by_paragraph, lexicon("en"))
    P = sigmoid(np.asarray(tok.vector_block(test_tokens, vectors, 1.0) @ coef.T) + inter).ravel()
    by_word = dict(zip(test_tokens.words, P))
    # "vicious" and "cruel" never occur in training: only their vectors relate them to the loaded words
    assert by_word["vicious"] > 0.5 and by_word["cruel"] > 0.5
    assert by_word["northern"] < 0.5 and by_word["village"] < 0.5


def test_loading_wordllama_vectors_leaves_logging_alone():
    import subprocess
    import sys

    # importing the wordllama package sets the root logger to INFO, which flooded the analysis workers' stderr
    code = ("import logging, sys\n"
            "from faultlines.text.wordvec import WordVectors\n"
            "WordVectors('wordllama')(['brutal'])\n"
            "print(logging.getLogger().level, 'wordllama' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(logging.WARNING), "False"]


def test_vectors_past_the_cache_cap_are_computed_not_cached(monkeypatch):
    import faultlines.text.wordvec as wordvec

    monkeypatch.setattr(wordvec, "CACHE_WORDS", 3)
    vectors = WordVectors("wordllama")
    reference = word_vectors("wordllama")
    words = ["brutal", "savage", "tuesday", "vicious", "reported", "brutal"]
    first = vectors(words)
    assert np.allclose(first, reference(words), atol=1e-6)
    assert len(vectors._row) == 3, "only the first three distinct words are kept"
    again = vectors(["reported", "vicious", "brutal"])
    assert np.allclose(again, reference(["reported", "vicious", "brutal"]), atol=1e-6)
    assert len(vectors._row) == 3
