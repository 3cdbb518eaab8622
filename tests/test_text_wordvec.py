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


def _loaded_and_neutral_adjectives():
    """Sixteen sentences, the first eight with a loaded adjective marked Loaded_Language."""
    loaded = ["brutal", "savage", "barbaric", "ruthless", "monstrous", "vile", "despicable", "heinous"]
    neutral = ["recent", "annual", "wooden", "northern", "second", "formal", "weekly", "local"]
    units, gold = [], []
    for i, word in enumerate(loaded + neutral):
        units.append(_unit(str(i), f"The {word} attack on the village was reported on Monday."))
        gold.append([("Loaded_Language", 4, 4 + len(word))] if word in loaded else [])
    return units, gold


def _unseen_adjectives():
    # "vicious" and "cruel" never occur in training: only their vectors relate them to the loaded words
    return [_unit(k, f"The {word} attack on the village was reported on Monday.")
            for k, word in (("a", "vicious"), ("b", "northern"), ("c", "cruel"))]


def test_vectors_let_the_token_head_mark_a_loaded_word_it_never_saw():
    units, gold = _loaded_and_neutral_adjectives()
    tokens = tok.tokenize(units, sentences_by_paragraph, lexicon("en"))
    vectors = word_vectors("wordllama")
    X = tok.vector_block(tok.window_block(tokens, vectors, units), 1.0)
    assert X.shape == (len(tokens), 512)
    # the word's vector, then the mean of its neighbours' ("The" and "attack" around the adjective)
    own = vectors(tokens.words)
    assert np.array_equal(X[1, :256], own[1]) and np.allclose(X[1, 256:], (own[0] + own[2]) / 2)
    assert np.allclose(X[0, 256:], own[1] / 2), "a sentence's first word has one neighbour"
    coef, inter = fit_binary(X, tok.token_labels(tokens, gold, ["Loaded_Language"]), 10.0, 13)

    test = _unseen_adjectives()
    test_tokens = tok.tokenize(test, sentences_by_paragraph, lexicon("en"))
    P = sigmoid(np.asarray(tok.vector_block(tok.window_block(test_tokens, vectors, test), 1.0) @ coef.T)
                + inter).ravel()
    by_word = dict(zip(test_tokens.words, P))
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


def test_the_window_block_keeps_each_side_of_a_word_apart_and_stops_at_sentence_edges():
    text = "Brutal thugs attacked. Police came from Dushanbe and the OSCE."
    unit = Unit("w", text, [(0, len(text))], [(0, 22), (23, len(text))])
    tokens = tok.tokenize([unit], sentences_by_paragraph, lexicon("en"))
    own = word_vectors("wordllama")(tokens.words)
    window = tok.window_block(tokens, word_vectors("wordllama"), [unit])
    W = window.matrix()
    assert tokens.words == ["brutal", "thugs", "attacked", "police", "came", "from", "dushanbe", "and", "the", "osce"]
    assert W.shape == (10, 770)
    assert np.array_equal(W[1, :256], own[1]) and np.array_equal(W[1, 256:512], own[0])
    assert np.array_equal(W[1, 512:768], own[2])
    assert not W[0, 256:512].any() and not W[2, 512:768].any(), "nothing before a sentence or after it"
    assert not W[3, 256:512].any(), "the next sentence's first word has no left neighbour"
    # capitalised inside the sentence, in capitals: a sentence's first word is neither
    assert W[:, 768:].tolist() == [[0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [1, 0], [0, 0], [0, 0], [1, 1]]


def test_the_word_network_marks_unseen_loaded_words_and_survives_saving():
    units, gold = _loaded_and_neutral_adjectives()
    vectors = word_vectors("wordllama")
    tokens = tok.tokenize(units, sentences_by_paragraph, lexicon("en"))
    A = tok.window_block(tokens, vectors, units)
    Y = tok.token_labels(tokens, gold, ["Loaded_Language"])
    net = tok.WordMLP.fit(A, Y, 16, 200, [13, 14])
    again = tok.WordMLP.fit(A, Y, 16, 200, [13, 14])
    assert all(np.array_equal(a, b) for a, b in zip(net.hidden + net.out, again.hidden + again.out)), "seeded"

    test = _unseen_adjectives()
    test_tokens = tok.tokenize(test, sentences_by_paragraph, lexicon("en"))
    At = tok.window_block(test_tokens, vectors, test)
    P = net.proba(At)
    assert P.shape == (len(test_tokens), 1)
    # the factored forward pass (each distinct word's products once) is the network on the spelt-out matrix
    spelt = np.mean([sigmoid(np.maximum(At.matrix() @ w1 + b1, 0) @ w2 + b2)
                     for w1, b1, w2, b2 in zip(net.hidden, net.hidden_bias, net.out, net.out_bias)], axis=0)
    assert np.allclose(P, spelt, atol=1e-6)
    assert np.allclose(net.proba(At.take(np.array([2, 0]))), P[[2, 0]], atol=1e-6)
    by_word = dict(zip(test_tokens.words, P.ravel()))
    assert by_word["vicious"] > 0.5 and by_word["cruel"] > 0.5
    assert by_word["northern"] < 0.5 and by_word["village"] < 0.5
    # stored as float16 weights, as the model file keeps them
    loaded_net = tok.WordMLP.from_arrays(net.arrays("token_mlp"), "token_mlp")
    assert len(loaded_net.out) == 2
    assert np.allclose(loaded_net.proba(At), P, atol=0.02)
    assert tok.WordMLP.from_arrays({}, "token_mlp") is None
