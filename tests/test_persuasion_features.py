"""The heads' fast featurization against the plain definitions it replaces.

Three shortcuts make the persuasion heads cheap: token features hashed per distinct
word and gathered as arrays, TF-IDF rows of paragraphs, sentences, contexts and
articles counted from one tokenization per article, and cue-lexicon matches of a
piece read from one scan of its article. Each must give exactly what the plain
definition gives, or the shipped weights would read different features than they
were trained on: these tests compare them, on project-written texts chosen for
the edge cases, and on SemEval-2023 articles when ../shared is present.
"""
from __future__ import annotations

from collections import Counter
from bisect import bisect_left

import numpy as np
import pytest
from sklearn.feature_extraction import FeatureHasher

from faultlines.persuasion import tokens as tok
from faultlines.persuasion.features import Lexicon
from faultlines.persuasion.heads import ArticleTokens, Pieces, Tfidf
from faultlines.persuasion.system import Unit, sentences_by_paragraph

from persuasion_support import SHARED

TEXTS = [
    # quotes, cue words, an exclamation, a question, repeated words and bigrams, several sentences a paragraph
    ("Title: The \"Brave\" New Order\n\nThe corrupt regime lies again! The corrupt regime always lies. "
     "Will the so-called reformers ever stop?\n\n«Puppets» of the West, they said — puppets, nothing more. "
     "Everyone knows it; the disgraceful elite knows it too.\n\nOfficials said (on Tuesday) that talks would go on."),
    # Russian, with a hyphenated word and guillemets
    ("Кремль заявил, что «так называемые» реформы провалились.\n\nПредатели и марионетки Запада лгут снова и снова! "
     "Кто-то ещё верит им?"),
    # a capital dotted I whose lower case is two characters: offsets of the lower-cased text do not map
    "İstanbul talks: the corrupt regime lies.\n\nTraitors, traitors everywhere!",
    # a paragraph of punctuation only, odd spacing, a control character, digits and capitals
    "!!! ...\n\nUN   officials   said   2024  was   \x00  \"worse\"  ?\n\nNATO  NATO NATO.",
]


def unit_of(i: int, text: str) -> Unit:
    """Paragraphs split on blank lines, sentences after . ! ? and a space (some cut nothing, as a segmenter may)."""
    paragraphs, pos = [], 0
    for part in text.split("\n\n"):
        paragraphs.append((pos, pos + len(part)))
        pos += len(part) + 2
    sentences = []
    for s, e in paragraphs:
        start = s
        for j in range(s, e):
            if text[j] in ".!?" and j + 1 < e and text[j + 1] == " ":
                sentences.append((start, j + 1))
                start = j + 2
        sentences.append((start, e))
    return Unit(str(i), text, paragraphs, sentences)


UNITS = [unit_of(i, t) for i, t in enumerate(TEXTS)]


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n <= 4 else "5"


def _edge(text: str, i: int, step: int) -> str:
    while 0 <= i < len(text) and text[i] == " ":
        i += step
    return text[i] if 0 <= i < len(text) and not text[i].isalnum() and not text[i].isspace() else "_"


def _shape(word: str) -> str:
    return "d" if word.isdigit() else "X" if word.isupper() and len(word) > 1 else "Xx" if word[:1].isupper() else "x"


def reference_features(units, lex: Lexicon) -> list[list[str]]:
    """Every token's feature names, spelled out one token at a time (the definition in tokens.tokenize)."""
    out = []
    for u in units:
        text = u.text
        per_para = [[(m.start(), m.end(), m.group().lower()) for m in tok.WORD.finditer(text, s, e)]
                    for s, e in u.paragraphs]
        counts = Counter(w for toks in per_para for _, _, w in toks if len(w) > 3)
        bigrams = Counter((a[2], b[2]) for toks in per_para for a, b in zip(toks, toks[1:]))
        for (ps, pe), toks, sents in zip(u.paragraphs, per_para, sentences_by_paragraph(u)):
            cues = [[] for _ in toks]
            found = lex._scan(text[ps:pe])[1]  # the paragraph matched alone
            for cls, spans in zip(lex.classes, found):
                for a, b in spans:
                    for i, (s, _, _) in enumerate(toks):
                        if ps + a <= s < ps + b:  # tokens that start inside the match
                            cues[i].append(cls)
            quotes = [j for j in range(ps, pe) if text[j] in "\"“”«»„"]
            words = [w for _, _, w in toks]
            for first, last in tok._sentence_ranges(toks, sents):
                near = sorted({c for i in range(first, last + 1) for c in cues[i]})
                ending = text[toks[last][1]:toks[last][1] + 2]
                tail = [f"near={c}" for c in near] + (["sent!"] if "!" in ending else ["sent?"] if "?" in ending else [])
                sw = ["<s>"] * 3 + words[first:last + 1] + ["<s>"] * 3
                for i in range(first, last + 1):
                    s, e, w = toks[i]
                    k = i - first + 3
                    f = [f"w={w}", f"s={w[:5]}", f"sh={_shape(text[s:e])}", f"pre={_edge(text, s - 1, -1)}",
                         f"post={_edge(text, e, 1)}", f"pos={min(i - first, 3)}", f"end={min(last - i, 3)}",
                         f"w-2={sw[k - 2]}", f"w-1={sw[k - 1]}", f"w1={sw[k + 1]}", f"w2={sw[k + 2]}"]
                    f += [f"s{d}={sw[k + d][:5]}" for d in (-3, -2, -1, 1, 2, 3) if sw[k + d] != "<s>"]
                    if i > first:
                        f.append(f"b-={sw[k - 1]}|{w}")
                    if i < last:
                        f += [f"b+={w}|{sw[k + 1]}", f"rb={_bucket(bigrams[(w, sw[k + 1])])}"]
                    if len(w) > 3:
                        f.append(f"rep={_bucket(counts[w])}")
                    if bisect_left(quotes, s) % 2:
                        f.append("quoted")
                    out.append(f + [f"lex={c}" for c in cues[i]] + tail)
    return out


def assert_token_features_match(units, lang: str) -> int:
    lex = Lexicon(lang)
    tokens = tok.tokenize(units, sentences_by_paragraph, lex)
    expected = FeatureHasher(tok.HASHED, input_type="string", alternate_sign=False,
                             dtype=np.float32).transform(reference_features(units, Lexicon(lang)))
    got = tok.hashed_matrix(tokens, None)
    assert got.shape == expected.shape and (got != expected).nnz == 0
    columns = tok.used_columns(expected)[::3]  # a model's columns: a subset, renumbered
    assert (tok.hashed_matrix(tokens, columns) != expected.tocsc()[:, columns].tocsr()).nnz == 0
    return len(tokens)


def test_token_features_are_the_hashed_feature_names():
    assert assert_token_features_match(UNITS[:1] + UNITS[2:], "en") > 60
    assert assert_token_features_match(UNITS[1:2], "ru") > 15
    tokens = tok.tokenize(UNITS[:1], sentences_by_paragraph, Lexicon("en"))
    words = [UNITS[0].text[s:e] for s, e in zip(tokens.start, tokens.end)]
    brave, puppets, corrupt = words.index("Brave"), words.index("Puppets"), words.index("corrupt")
    assert tokens.has(brave, "quoted") and tokens.has(brave, "sh=Xx") and not tokens.has(corrupt, "quoted")
    assert tokens.has(puppets, "pre=«") and tokens.has(puppets, "post=»")
    assert tokens.has(corrupt, "rb=2") and tokens.has(corrupt, "w1=regime") and tokens.has(corrupt, "lex=loaded")


def test_units_without_tokens_give_an_empty_matrix():
    empty = Unit("e", "... !!!", [(0, 7)], [(0, 7)])
    tokens = tok.tokenize([empty], sentences_by_paragraph, Lexicon("en"))
    assert len(tokens) == 0 and tok.hashed_matrix(tokens, np.arange(5)).shape == (0, 5)


def pieces_of(units) -> list[tuple[int, tuple[tuple[int, int], ...]]]:
    """Every paragraph, sentence, paragraph context (neighbours joined) and article, plus ranges that cut words."""
    out = []
    for ui, u in enumerate(units):
        paras = u.paragraphs
        out += [(ui, (p,)) for p in paras]
        out += [(ui, tuple(paras[max(i - 1, 0):i] + paras[i + 1:i + 2])) for i in range(len(paras))]
        out += [(ui, (s,)) for s in u.sentences]
        out += [(ui, ((0, len(u.text)),)), (ui, ((3, len(u.text) - 2),)), (ui, ((5, 9), (12, 30)))]
    return out


@pytest.mark.parametrize("kind", ["word", "stem"])
def test_tfidf_of_article_pieces_equals_the_vectorizer_on_their_texts(kind):
    fitted = Tfidf(kind, 5000).fit([u.text[s:e] for u in UNITS for s, e in u.paragraphs] * 2)
    vocab, idf = fitted.state()
    for tfidf in (fitted, Tfidf(kind, 0, vocab, idf)):  # as trained, and as loaded from the shipped files
        pieces = Pieces(ArticleTokens([u.text for u in UNITS]), tuple(pieces_of(UNITS)))
        got, expected = tfidf.transform(pieces), tfidf.transform(pieces.strings)
        assert got.shape == expected.shape and got.nnz > 100
        assert (got != expected).nnz == 0  # bit for bit


def test_lexicon_matches_of_a_piece_are_those_of_the_piece_alone():
    for lang, units in (("en", UNITS[:1] + UNITS[2:]), ("ru", UNITS[1:2])):
        lex, alone = Lexicon(lang), Lexicon(lang)
        matched = 0
        for ui, ranges in pieces_of(units):
            for s, e in ranges:
                text = units[ui].text
                got = lex.spans_in(text, s, e)
                assert got == alone._scan(text[s:e])[1], (text[s:e], got)
                matched += sum(map(len, got))
        assert matched > 10


@pytest.mark.skipif(not (SHARED / "semeval2023_task3").exists(), reason="needs ../shared/datasets/semeval2023_task3")
def test_fast_features_equal_their_definitions_on_semeval_articles():
    from faultlines.persuasion.corpus import unit_of as corpus_unit
    from faultlines.persuasion.data import load_semeval, semeval_root

    for lang in ("en", "ru"):
        units = [corpus_unit(a, labelled_only=False)[0] for a in load_semeval(semeval_root(SHARED), lang)[:25]]
        assert assert_token_features_match(units, lang) > 5000
        tfidf = Tfidf("word", 20000).fit([u.text[s:e] for u in units for s, e in u.paragraphs])
        pieces = Pieces(ArticleTokens([u.text for u in units]), tuple(pieces_of(units)))
        assert (tfidf.transform(pieces) != tfidf.transform(pieces.strings)).nnz == 0
        lex, alone = Lexicon(lang), Lexicon(lang)
        for ui, ranges in pieces_of(units):
            for s, e in ranges:
                assert lex.spans_in(units[ui].text, s, e) == alone._scan(units[ui].text[s:e])[1]


@pytest.mark.parametrize("kind", ["word", "stem"])
def test_the_vocabulary_cut_breaks_ties_alphabetically(kind):
    """sklearn's own max_features cut broke ties by a SIMD argsort, so training gave other weights on an
    AVX-512 machine than on an AVX2 one (on this data it kept 270 other terms here); the cut must depend on
    the texts alone."""
    names = [f"q{i:04d}" for i in range(3000)]  # five letters: a name is its own stem
    frequency = {n: 2 + i % 5 for i, n in enumerate(names)}
    texts = [n for n in names for _ in range(frequency[n])]
    vocabulary = Tfidf(kind, 1000).fit(texts[::-1]).vec.vocabulary_
    expected = sorted(sorted(names, key=lambda n: (-frequency[n], n))[:1000])
    assert sorted(vocabulary) == expected
    assert [vocabulary[t] for t in expected] == list(range(1000))  # columns in alphabetical order
