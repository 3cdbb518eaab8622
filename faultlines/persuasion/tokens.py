"""The token span head: which words carry a technique, as spans with exact character offsets.

Every word token of a paragraph gets hashed lexical features (the word, its
crude stem, its neighbours, its shape, the punctuation and quotes around it,
cue-lexicon matches, how often the article repeats it, its place in the
sentence), and, in models configured with ``token_vectors``, static word
vectors of the word and its neighbours (:func:`vector_block`), so that loaded
words unseen in training score like those seen. One logistic regression per
short-span technique scores each token (the paragraph head's probabilities as
extra token features made
held-out span F1 worse, 0.09 against 0.13 at one threshold, so they are not
used); a span is a maximal run of tokens above the
technique's threshold, allowing one-token gaps, from the first token's start
to the last one's end. Runs of different techniques may overlap, as gold
spans do.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse

from .features import Lexicon

WORD = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)
HASHED = 2 ** 18
_QUOTE = re.compile("[\"“”«»„]")
# runs of positive tokens closer than this many tokens are one span
MAX_GAP = 1
SHORT_SPAN = 8
MIN_SPANS = 30
# L-BFGS steps of the token head (its objective is flat long before the paragraph heads' 60)
MAX_ITER = 40


@dataclass
class Tokens:
    """The word tokens of a batch of units, in unit → paragraph → text order."""

    unit: np.ndarray  # unit index
    start: np.ndarray  # character offsets into the unit's text
    end: np.ndarray
    paragraph: np.ndarray  # global paragraph row (the paragraph matrix's order)
    features: list[list[str]]
    words: list[str]  # lower-cased
    opens: np.ndarray  # True for the first token of its sentence
    closes: np.ndarray  # True for the last

    def __len__(self) -> int:
        return len(self.start)


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "X"
    if word[:1].isupper():
        return "Xx"
    return "x"


def _edge(text: str, i: int, step: int) -> str:
    """The first non-space character before (step -1) or after (step 1) position ``i``, if it is punctuation."""
    j = i
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    if 0 <= j < len(text) and not text[j].isalnum() and not text[j].isspace():
        return text[j]
    return "_"


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n <= 4 else "5"


def tokenize(units: Sequence, sentences_of, lex: Lexicon) -> Tokens:
    """Tokens and their lexical features; ``sentences_of(unit)`` gives each paragraph's sentence ranges."""
    unit_ix, starts, ends, para_ix, feats, words_out, opens, closes = [], [], [], [], [], [], [], []
    row = 0
    for ui, u in enumerate(units):
        text = u.text
        per_para = [[(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text, s, e)]
                    for s, e in u.paragraphs]
        counts = Counter(w for toks in per_para for _, _, w in toks if len(w) > 3)
        bigrams = Counter((a[2], b[2]) for toks in per_para for a, b in zip(toks, toks[1:]))
        for (ps, pe), toks, sents in zip(u.paragraphs, per_para, sentences_of(u)):
            cues = _cue_marks(text, ps, pe, toks, lex)
            quotes = [m.start() for m in _QUOTE.finditer(text, ps, pe)]
            words = [w for _, _, w in toks]
            for first, last in _sentence_ranges(toks, sents):
                near = [f"near={c}" for c in sorted({c for i in range(first, last + 1) for c in cues[i]})]
                ending = text[toks[last][1]:toks[last][1] + 2]
                tail = near + (["sent!"] if "!" in ending else ["sent?"] if "?" in ending else [])
                sw = ["<s>"] * 3 + words[first:last + 1] + ["<s>"] * 3
                for i in range(first, last + 1):
                    s, e, w = toks[i]
                    k = i - first + 3  # index of the token in ``sw``
                    f = [f"w={w}", f"s={w[:5]}", f"sh={_shape(text[s:e])}", f"pre={_edge(text, s - 1, -1)}",
                         f"post={_edge(text, e, 1)}", f"pos={min(i - first, 3)}", f"end={min(last - i, 3)}",
                         f"w-2={sw[k - 2]}", f"w-1={sw[k - 1]}", f"w1={sw[k + 1]}", f"w2={sw[k + 2]}"]
                    f += [f"s{d}={sw[k + d][:5]}" for d in (-3, -2, -1, 1, 2, 3) if sw[k + d] != "<s>"]
                    if i > first:
                        f.append(f"b-={sw[k - 1]}|{w}")
                    if i < last:
                        f.append(f"b+={w}|{sw[k + 1]}")
                        f.append(f"rb={_bucket(bigrams[(w, sw[k + 1])])}")
                    if len(w) > 3:
                        f.append(f"rep={_bucket(counts[w])}")
                    if bisect_left(quotes, s) % 2:
                        f.append("quoted")
                    f += [f"lex={c}" for c in cues[i]]
                    unit_ix.append(ui)
                    starts.append(s)
                    ends.append(e)
                    para_ix.append(row)
                    feats.append(f + tail)
                    words_out.append(w)
                    opens.append(i == first)
                    closes.append(i == last)
            row += 1
    return Tokens(np.asarray(unit_ix, dtype=np.int32), np.asarray(starts, dtype=np.int64),
                  np.asarray(ends, dtype=np.int64), np.asarray(para_ix, dtype=np.int32), feats, words_out,
                  np.asarray(opens, dtype=bool), np.asarray(closes, dtype=bool))


def _sentence_ranges(toks, sents: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first, last) token index of each sentence that has tokens (tokens past the last sentence join it)."""
    out: list[list[int]] = []
    j, current = 0, None
    for i, (s, _, _) in enumerate(toks):
        while j + 1 < len(sents) and sents[j][1] <= s:
            j += 1
        if j != current:
            out.append([i, i])
            current = j
        out[-1][1] = i
    return [(a, b) for a, b in out]


def _cue_marks(text: str, ps: int, pe: int, toks, lex: Lexicon) -> list[list[str]]:
    """The cue-lexicon classes whose matches cover each token."""
    marks: list[list[str]] = [[] for _ in toks]
    starts = [s for s, _, _ in toks]
    for cls in lex.classes:
        for a, b in lex.matches(text[ps:pe], cls):
            i = bisect_left(starts, ps + a)
            while i < len(toks) and toks[i][0] < ps + b:
                marks[i].append(cls)
                i += 1
    return marks


def hashed_matrix(tokens: Tokens, columns: np.ndarray | None) -> sparse.csr_matrix:
    """Hashed token features restricted to ``columns`` (the buckets seen in training; all when None)."""
    from sklearn.feature_extraction import FeatureHasher

    X = FeatureHasher(HASHED, input_type="string", alternate_sign=False, dtype=np.float32).transform(tokens.features)
    return X.tocsr() if columns is None else X.tocsc()[:, columns].tocsr()


def vector_block(tokens: Tokens, vectors, scale: float) -> np.ndarray:
    """Dense static word-vector features: the word's vector and the mean of its two neighbours' vectors."""
    own = vectors(tokens.words)
    # a token's neighbours in its sentence are the tokens before and after it; sentence edges add nothing
    side = np.zeros_like(own)
    side[1:] += own[:-1] * ~tokens.opens[1:, None]
    side[:-1] += own[1:] * ~tokens.closes[:-1, None]
    return np.hstack([own * scale, side * (scale / 2)]).astype(np.float32, copy=False)


def used_columns(X: sparse.csr_matrix) -> np.ndarray:
    """The hashed buckets some training token has: only they get (and store) weights."""
    return np.unique(X.indices).astype(np.int32)


def short_span_techniques(spans: Sequence[Sequence[tuple[str, int, int]]], units: Sequence,
                          labels: Sequence[str]) -> np.ndarray:
    """Indices of the techniques the token head learns: those whose gold spans are a few words
    (median of at most ``SHORT_SPAN`` words) with at least ``MIN_SPANS`` examples. Clause-long
    techniques are left to the sentence head, which scores them as well at a fraction of the cost."""
    lengths: dict[str, list[int]] = {}
    for u, ss in zip(units, spans):
        for tech, s, e in ss:
            lengths.setdefault(tech, []).append(len(WORD.findall(u.text, s, e)))
    return np.array([j for j, t in enumerate(labels)
                     if len(lengths.get(t, ())) >= MIN_SPANS and np.median(lengths[t]) <= SHORT_SPAN], dtype=np.int16)


def token_labels(tokens: Tokens, spans: Sequence[Sequence[tuple[str, int, int]]], labels: Sequence[str]) -> np.ndarray:
    """A token is positive for a technique when a gold span of it covers at least half of the token."""
    index = {t: i for i, t in enumerate(labels)}
    Y = np.zeros((len(tokens), len(labels)), dtype=np.int8)
    order = np.argsort(tokens.unit, kind="stable")
    bounds = np.searchsorted(tokens.unit[order], np.arange(len(spans) + 1))
    for ui, ss in enumerate(spans):
        rows = order[bounds[ui]:bounds[ui + 1]]
        if not len(rows):
            continue
        s, e = tokens.start[rows], tokens.end[rows]
        for tech, gs, ge in ss:
            if tech not in index:
                continue
            ov = np.minimum(e, ge) - np.maximum(s, gs)
            Y[rows[ov * 2 >= (e - s)], index[tech]] = 1
    return Y


def runs(positive: np.ndarray, tokens: Tokens, max_gap: int = MAX_GAP) -> list[tuple[int, int]]:
    """(first, last) token indices of maximal positive runs, gaps of up to ``max_gap`` tokens bridged,
    never across paragraphs."""
    idx = np.flatnonzero(positive)
    if not len(idx):
        return []
    brk = (np.diff(idx) > max_gap + 1) | (tokens.paragraph[idx[1:]] != tokens.paragraph[idx[:-1]])
    heads = np.concatenate([[0], np.flatnonzero(brk) + 1])
    tails = np.concatenate([heads[1:] - 1, [len(idx) - 1]])
    return [(int(idx[a]), int(idx[b])) for a, b in zip(heads, tails)]


def decode(tokens: Tokens, P: np.ndarray, columns: Sequence[int], thresholds: np.ndarray,
           labels: Sequence[str]) -> list[tuple[int, str, int, int, float]]:
    """(unit, label, start, end, best token probability) for every run of the given label columns."""
    out = []
    for j in columns:
        for a, b in runs(P[:, j] >= thresholds[j], tokens):
            out.append((int(tokens.unit[a]), labels[j], int(tokens.start[a]), int(tokens.end[b]),
                        float(P[a:b + 1, j].max())))
    return out


# span modes per technique, chosen on out-of-fold span F1; BOTH gives the sentence head's sentences and, inside or
# outside them, the token head's runs (a name-calling sentence and the names it calls)
OFF, TOKEN, SENTENCE, BOTH = 0, 1, 2, 3
SPAN_GRID = np.array([0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7])


class SpanCredit:
    """Partial-overlap span credit (``scoring.span_f1``) for one technique at a time, vectorised with prefix
    sums over the concatenated texts, so that choosing thresholds costs no per-span loop."""

    def __init__(self, lengths: Sequence[int], spans: Sequence[Sequence[tuple[str, int, int]]]) -> None:
        self.base = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        self.total = int(self.base[-1])
        self.gold: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for ui, ss in enumerate(spans):
            for tech, s, e in ss:
                if e > s:
                    self.gold.setdefault(tech, ([], []))[0].append(self.base[ui] + s)
                    self.gold[tech][1].append(self.base[ui] + e)
        self.gold = {t: (np.asarray(a), np.asarray(b)) for t, (a, b) in self.gold.items()}
        self._gold_sums: dict[str, np.ndarray] = {}

    def _prefix(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        mark = np.zeros(self.total + 1, dtype=np.int32)
        np.add.at(mark, starts, 1)
        np.add.at(mark, ends, -1)
        covered = np.cumsum(mark[:-1]) > 0
        return np.concatenate([[0], np.cumsum(covered)])

    def n_gold(self, tech: str) -> int:
        return len(self.gold.get(tech, ((),))[0])

    def credit(self, tech: str, unit: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[float, int, float]:
        """(precision credit, predicted spans, recall credit) of predicted spans (offsets within their unit)."""
        if not len(starts) or tech not in self.gold:
            return 0.0, len(starts), 0.0
        s, e = self.base[unit] + starts, self.base[unit] + ends
        if tech not in self._gold_sums:
            self._gold_sums[tech] = self._prefix(*self.gold[tech])
        gp = self._gold_sums[tech]
        pp = self._prefix(s, e)
        gs, ge = self.gold[tech]
        precision = float(((gp[e] - gp[s]) / (e - s)).sum())
        recall = float(((pp[ge] - pp[gs]) / (ge - gs)).sum())
        return precision, len(s), recall


def choose_modes(options: list[list[tuple[float, int, float]]], n_gold: Sequence[int], passes: int = 2) -> list[int]:
    """Per technique, the option (index into its list; 0 is 'off') that maximises micro span F1 over
    all techniques, by coordinate ascent from each technique's own best."""
    n_gold_all = float(sum(n_gold))

    def f1(pc: float, n: float, rc: float) -> float:
        p = pc / n if n else 0.0
        r = rc / n_gold_all if n_gold_all else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    choice = [max(range(len(opts)), key=lambda k: f1(opts[k][0], opts[k][1], opts[k][2] * n_gold_all / max(g, 1)))
              for opts, g in zip(options, n_gold)]
    for _ in range(passes):
        for j, opts in enumerate(options):
            rest = [sum(options[i][choice[i]][c] for i in range(len(options)) if i != j) for c in range(3)]
            choice[j] = max(range(len(opts)),
                            key=lambda k: f1(rest[0] + opts[k][0], rest[1] + opts[k][1], rest[2] + opts[k][2]))
    return choice
