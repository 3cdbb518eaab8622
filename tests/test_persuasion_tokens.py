"""The token span head on project-written text: offsets, labels, runs, credit, and a small trained head."""
from __future__ import annotations

import numpy as np
import pytest

from faultlines.persuasion import tokens as tok
from faultlines.persuasion.features import lexicon
from faultlines.persuasion.heads import fit_binary, sigmoid
from faultlines.persuasion.scoring import span_f1
from faultlines.persuasion.system import Unit, sentences_by_paragraph

LABELS = ("Loaded_Language", "Name_Calling-Labeling")


def unit(uid: str, paragraphs: list[str]) -> Unit:
    """A unit whose paragraphs are separated by blank lines and each paragraph is one sentence."""
    text = "\n\n".join(paragraphs)
    ranges, pos = [], 0
    for p in paragraphs:
        ranges.append((pos, pos + len(p)))
        pos += len(p) + 2
    return Unit(uid, text, ranges, list(ranges))


def spans_of(u: Unit, marks: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """(technique, start, end) of each (phrase, technique), at the phrase's first occurrence."""
    out = []
    for phrase, tech in marks:
        start = u.text.index(phrase)
        out.append((tech, start, start + len(phrase)))
    return out


def test_tokens_keep_exact_offsets_and_get_overlapping_labels():
    u = unit("1", ["Title", 'The corrupt regime "lies" again!', "Officials said so."])
    tokens = tok.tokenize([u], sentences_by_paragraph, lexicon("en"))
    words = [u.text[s:e] for s, e in zip(tokens.start, tokens.end)]
    assert words == ["Title", "The", "corrupt", "regime", "lies", "again", "Officials", "said", "so"]
    assert list(tokens.paragraph) == [0, 1, 1, 1, 1, 1, 2, 2, 2]
    at = {w: i for i, w in enumerate(words)}
    assert tokens.has(at["lies"], "quoted") and not tokens.has(at["again"], "quoted")
    assert tokens.has(at["corrupt"], "lex=loaded") and tokens.has(at["again"], "post=!")
    gold = spans_of(u, [("corrupt regime", "Loaded_Language"), ("regime", "Name_Calling-Labeling")])
    Y = tok.token_labels(tokens, [gold], LABELS)
    assert [w for w, y in zip(words, Y[:, 0]) if y] == ["corrupt", "regime"]
    assert [w for w, y in zip(words, Y[:, 1]) if y] == ["regime"]


def test_runs_bridge_one_token_gaps_but_not_paragraphs():
    u = unit("1", ["one two three four five six", "seven eight"])
    tokens = tok.tokenize([u], sentences_by_paragraph, lexicon("en"))
    positive = np.array([1, 0, 1, 0, 0, 1, 1, 1], dtype=bool)
    assert tok.runs(positive, tokens) == [(0, 2), (5, 5), (6, 7)]


def test_a_run_of_closed_class_words_only_is_no_span():
    u = unit("1", ["They call Reuters a liar and the press is in on it.", "Это ложь, и они это знают."])
    tokens = tok.tokenize([u], sentences_by_paragraph, lexicon("en"))
    words = tokens.words
    positive = np.zeros(len(tokens), dtype=bool)
    positive[words.index("a")] = True  # "a" alone
    positive[[words.index("is"), words.index("in")]] = True  # "is in", bridged: still no content word
    assert tok.runs(positive, tokens) == []
    positive[words.index("liar")] = True
    assert tok.runs(positive, tokens) == [(words.index("a"), words.index("liar"))]
    russian = np.zeros(len(tokens), dtype=bool)
    russian[[words.index("и"), words.index("они")]] = True
    assert tok.runs(russian, tokens) == []
    russian[words.index("ложь")] = True
    assert tok.runs(russian, tokens) == [(words.index("ложь"), words.index("они"))]


def test_span_credit_matches_the_span_scorer():
    u1 = unit("a", ["The corrupt regime lies to everyone every day."])
    u2 = unit("b", ["Cowardly puppets betrayed the nation."])
    gold = [[("Loaded_Language", 4, 18)], [("Loaded_Language", 0, 8)]]
    credit = tok.SpanCredit([len(u1.text), len(u2.text)], gold)
    pred = [(0, 4, 11), (0, 24, 26), (1, 0, 16)]  # half of a gold span, a miss, and twice a gold span
    units = np.array([p[0] for p in pred])
    pc, n, rc = credit.credit("Loaded_Language", units, np.array([p[1] for p in pred]), np.array([p[2] for p in pred]))
    ids = ("a", "b")
    ref = span_f1([(ids[i], t, s, e) for i, ss in enumerate(gold) for t, s, e in ss],
                  [(ids[i], "Loaded_Language", s, e) for i, s, e in pred])
    assert n == 3
    assert pc / n == pytest.approx(ref["precision"]) and rc / 2 == pytest.approx(ref["recall"])


def test_choose_modes_switches_off_a_technique_that_only_adds_false_spans():
    options = [
        [(0.0, 0, 0.0), (8.0, 10, 6.0)],  # a good technique: 10 spans, 8 of precision credit
        [(0.0, 0, 0.0), (0.5, 20, 0.5)],  # a noisy one
    ]
    assert tok.choose_modes(options, [10, 10]) == [1, 0]


TRAIN = [
    ["The corrupt regime and its cowardly puppets betrayed the nation.", "Talks resume on Monday, officials said."],
    ["These cowardly puppets serve a corrupt elite.", "The minister met his counterpart on Tuesday."],
    ["A corrupt and cowardly clique of puppets rules the capital.", "The report was published in May."],
    ["Officials said the budget passed.", "Only puppets and a corrupt clique could sign it."],
]
MARKS = [("corrupt", "Loaded_Language"), ("cowardly", "Loaded_Language"), ("puppets", "Name_Calling-Labeling"),
         ("cowardly puppets", "Loaded_Language")]


def test_trained_token_head_marks_the_loaded_words_with_exact_offsets():
    units, gold = [], []
    for i, paras in enumerate(TRAIN):
        u = unit(str(i), paras)
        units.append(u)
        gold.append([m for m in spans_of(u, [m for m in MARKS if m[0] in u.text])])
    lex = lexicon("en")
    tokens = tok.tokenize(units, sentences_by_paragraph, lex)
    columns = tok.used_columns(tok.hashed_matrix(tokens, None))
    coef, inter = fit_binary(tok.hashed_matrix(tokens, columns), tok.token_labels(tokens, gold, LABELS), 10.0, 13)

    test = unit("t", ["Cowardly puppets of a corrupt regime signed the deal.", "The weather was mild."])
    test_tokens = tok.tokenize([test], sentences_by_paragraph, lex)
    P = sigmoid(np.asarray(tok.hashed_matrix(test_tokens, columns) @ coef.T) + inter)
    spans = tok.decode(test_tokens, P, [0, 1], np.array([0.5, 0.5]), LABELS)
    found = {(label, test.text[s:e]) for _, label, s, e, _ in spans}
    # overlapping spans of two techniques, as in the gold: "Cowardly puppets" is loaded, "puppets" a label
    assert found == {("Loaded_Language", "Cowardly puppets"), ("Loaded_Language", "corrupt"),
                     ("Name_Calling-Labeling", "puppets")}
    starts, ends = set(test_tokens.start.tolist()), set(test_tokens.end.tolist())
    for _, _, s, e, score in spans:
        assert s in starts and e in ends, "spans begin and end on word boundaries"
        assert 0.5 <= score <= 1.0
    assert not any(s >= test.paragraphs[1][0] for _, _, s, _, _ in spans), "nothing in the neutral paragraph"


def test_a_sentence_and_the_names_it_calls_can_both_be_spans():
    """The BOTH source: a name-calling sentence plus the token runs naming inside it. The names add precise spans to
    the sentence's recall, so when the options are scored together it beats the sentence alone and the names alone."""
    u = unit("a", ["Those cowardly puppets in the capital sold out the nation for a handful of grants."])
    gold = [[("Name_Calling-Labeling", 6, 22)]]  # "cowardly puppets"; a second name the token head misses:
    gold[0].append(("Name_Calling-Labeling", u.text.index("handful"), u.text.index("handful") + 7))
    credit = tok.SpanCredit([len(u.text)], gold)
    one = np.zeros(1, dtype=np.int64)
    sentence = credit.credit("Name_Calling-Labeling", one, np.array([0]), np.array([len(u.text)]))
    names = credit.credit("Name_Calling-Labeling", one, np.array([6]), np.array([22]))
    both = credit.credit("Name_Calling-Labeling", np.zeros(2, dtype=np.int64), np.array([0, 6]),
                         np.array([len(u.text), 22]))
    options = [[(0.0, 0, 0.0), sentence, names, both]]
    assert tok.choose_modes(options, [2]) == [3]


def test_a_sentence_is_clipped_to_its_marked_words_and_kept_whole_without_any():
    u = Unit("a", "They are cowardly puppets of a corrupt regime, the minister said. Rain fell on Tuesday.", [], [])
    u.paragraphs = [(0, len(u.text))]
    u.sentences = [(0, 65), (66, len(u.text))]
    tokens = tok.tokenize([u], sentences_by_paragraph, lexicon("en"))
    words = tokens.words
    positive = np.zeros(len(tokens), dtype=bool)
    positive[[words.index("cowardly"), words.index("regime")]] = True
    positive[words.index("the")] = True  # a closed-class word never widens the span
    starts, ends = tok.clip(np.zeros(2, dtype=np.int64), np.array([0, 66]), np.array([65, len(u.text)]), positive, tokens)
    assert u.text[starts[0]:ends[0]] == "cowardly puppets of a corrupt regime"
    assert (starts[1], ends[1]) == (66, len(u.text))  # nothing marked inside: the sentence stays whole


def test_clipping_keeps_each_unit_and_sentence_apart():
    a = Unit("a", "Vile lies. Plain words.", [(0, 23)], [(0, 10), (11, 23)])
    b = Unit("b", "Plain words. Vile lies.", [(0, 23)], [(0, 12), (13, 23)])
    tokens = tok.tokenize([a, b], sentences_by_paragraph, lexicon("en"))
    positive = np.array([w == "vile" for w in tokens.words])
    starts, ends = tok.clip(np.array([0, 0, 1, 1]), np.array([0, 11, 0, 13]), np.array([10, 23, 12, 23]),
                            positive, tokens)
    assert list(zip(starts, ends)) == [(0, 4), (11, 23), (0, 12), (13, 17)]


def test_unique_spans_gives_a_repeated_span_once():
    unit_, starts, ends = tok.unique_spans(np.array([0, 1, 0]), np.array([5, 5, 5]), np.array([9, 9, 9]))
    assert list(zip(unit_, starts, ends)) == [(0, 5, 9), (1, 5, 9)]
