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
used), and in models configured with ``token_mlp`` small networks over the
word's and its neighbours' vectors (:class:`WordMLP`) score it too, the two
probabilities averaged; a span is a maximal run of tokens above the
technique's threshold, allowing one-token gaps, from the first token's start
to the last one's end. Runs of different techniques may overlap, as gold
spans do.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Sequence

import numpy as np
from scipy import sparse
from sklearn.utils import murmurhash3_32

from .features import Lexicon
from .heads import sigmoid

WORD = re.compile(r"\w+(?:[-']\w+)*", re.UNICODE)
HASHED = 2 ** 18
# runs of positive tokens closer than this many tokens are one span
MAX_GAP = 1
SHORT_SPAN = 8
MIN_SPANS = 30
# L-BFGS steps of the token head (its objective is flat long before the paragraph heads' 60)
MAX_ITER = 40
# closed-class words: a run of nothing but these is no technique (the word networks, reading the next word,
# marked the "a" of "call Reuters a liar" and not "liar")
FUNCTION_WORDS = frozenset("""
a an the this that these those of to in on at by for from with as into about than and or but nor so if
is are was were be been being am has have had do does did will would shall should can could may might must
it its he she they them their his her we us our you your i me my who whom which what
в во на с со к ко по о об от до из за у для при про и а но или ни не же ли бы что как то это
он она они оно его её их мы нас вы вас я меня кто который
""".split())


@dataclass
class Tokens:
    """The word tokens of a batch of units, in unit → paragraph → text order, with their hashed features."""

    unit: np.ndarray  # unit index
    start: np.ndarray  # character offsets into the unit's text
    end: np.ndarray
    paragraph: np.ndarray  # global paragraph row (the paragraph matrix's order)
    words: list[str]  # lower-cased
    opens: np.ndarray  # True for the first token of its sentence
    closes: np.ndarray  # True for the last
    feature_rows: np.ndarray  # one entry per feature occurrence: its token
    feature_columns: np.ndarray  # and its hashed column (feature_column)

    def __len__(self) -> int:
        return len(self.start)

    @cached_property
    def content(self) -> np.ndarray:
        """True for a token that is not a closed-class word (FUNCTION_WORDS)."""
        return np.fromiter((w not in FUNCTION_WORDS for w in self.words), dtype=bool, count=len(self.words))

    def has(self, i: int, feature: str) -> bool:
        """Whether token ``i`` has the feature (e.g. ``"quoted"``, ``"lex=loaded"``, ``"post=!"``)."""
        return bool(np.any(self.feature_columns[self.feature_rows == i] == feature_column(feature)))


@lru_cache(maxsize=1 << 20)
def feature_column(feature: str) -> int:
    """The hashed column of a feature name, as sklearn's FeatureHasher computes it (signed MurmurHash3 of the
    UTF-8 bytes, absolute value modulo the width): the shipped weights are indexed by these columns."""
    h = murmurhash3_32(feature, seed=0)
    return (2147483647 - (HASHED - 1)) % HASHED if h == -2147483648 else abs(h) % HASHED


# the features a word gives the tokens around it: itself, its stem, and as each neighbour
_WORD_SLOTS = ("w=", "s=", "w-2=", "w-1=", "w1=", "w2=", "s-3=", "s-2=", "s-1=", "s1=", "s2=", "s3=")
_PAD = "<s>"  # the neighbour beyond a sentence edge


@lru_cache(maxsize=200_000)
def _word_columns(word: str) -> tuple[int, ...]:
    return tuple(feature_column(slot + (word[:5] if slot[0] == "s" else word)) for slot in _WORD_SLOTS)


@lru_cache(maxsize=200_000)
def _pair_columns(left: str, right: str) -> tuple[int, int]:
    """(b- on the right word, b+ on the left word) of two neighbours in a sentence."""
    return feature_column(f"b-={left}|{right}"), feature_column(f"b+={left}|{right}")


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "X"
    if word[:1].isupper():
        return "Xx"
    return "x"


_QUOTE_CODES = np.array([ord(c) for c in "\"“”«»„"], dtype=np.uint32)


def _edge_columns(codes: np.ndarray, starts: Sequence[int], ends: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """``pre=`` and ``post=`` columns of tokens of a text (its code points ``codes``): the first character before
    the token's start (after its end) that is not a space, when it is punctuation, else ``_``."""
    n = len(codes)
    s, e = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    at = np.arange(n)
    solid = codes != 32
    last_solid = np.maximum.accumulate(np.where(solid, at, -1))
    next_solid = np.minimum.accumulate(np.where(solid, at, n)[::-1])[::-1]
    before = np.where(s > 0, last_solid[np.clip(s - 1, 0, n - 1)], -1)
    after = np.where(e < n, next_solid[np.clip(e, 0, n - 1)], n)
    found = np.concatenate([np.where(before >= 0, codes[np.clip(before, 0, n - 1)].astype(np.int64), -1),
                            np.where(after < n, codes[np.clip(after, 0, n - 1)].astype(np.int64), -1)])
    chars, which = np.unique(found, return_inverse=True)
    marks = ["_" if c < 0 or chr(c).isalnum() or chr(c).isspace() else chr(c) for c in chars.tolist()]
    pre = np.array([feature_column("pre=" + m) for m in marks], dtype=np.int64)[which[:len(s)]]
    post = np.array([feature_column("post=" + m) for m in marks], dtype=np.int64)[which[len(s):]]
    return pre, post


def tokenize(units: Sequence, sentences_of, lex: Lexicon) -> Tokens:
    """Tokens and their hashed lexical features; ``sentences_of(unit)`` gives each paragraph's sentence ranges.

    A token's features: the word (``w=``), its crude stem (``s=``), its shape (``sh=``), the punctuation
    before and after it (``pre=``, ``post=``), its place in the sentence (``pos=``, ``end=``: 0-3), the two
    words on each side (``w-2=`` … ``w2=``) and three stems on each side (``s-3=`` … ``s3=``) within the
    sentence, the bigrams it starts and ends (``b+=``, ``b-=``) and how often its paragraphs repeat the one it
    starts (``rb=``), how often the article repeats the word (``rep=``, words over three letters), whether it
    is inside quotation marks of its paragraph (``quoted``), the cue classes matching it (``lex=``) and its
    sentence (``near=``), and whether its sentence ends in ``!`` or ``?`` (``sent!``, ``sent?``). Features
    are hashed once per distinct word, pair or value and gathered per token as arrays: the Python work per
    token is finding it.
    """
    unit_ix, starts, ends, para_ix, para_start, originals = [], [], [], [], [], []
    sentence_bounds: list[tuple[int, int]] = []  # global (first, last) token of each sentence
    rows, cols = [], []  # sparse per-token features: cue classes, and the sentence's cues and ending
    pre, post, quoted = [], [], []
    row = 0
    for ui, u in enumerate(units):
        text = u.text
        unit_first = len(starts)
        for (ps, pe), sents in zip(u.paragraphs, sentences_of(u)):
            toks = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, ps, pe)]
            cues = _cue_marks(text, ps, pe, toks, lex)
            base = len(starts)
            for first, last in _sentence_ranges(toks, sents):
                near = sorted({c for marks in cues[first:last + 1] for c in marks})
                ending = text[toks[last][1]:toks[last][1] + 2]
                tail = [feature_column(f"near={c}") for c in near]
                tail += [feature_column("sent!")] if "!" in ending else [feature_column("sent?")] if "?" in ending else []
                sentence_bounds.append((base + first, base + last))
                for c in tail:
                    rows.extend(range(base + first, base + last + 1))
                    cols.extend([c] * (last - first + 1))
            for i, marks in enumerate(cues):
                for c in marks:
                    rows.append(base + i)
                    cols.append(feature_column("lex=" + c))
            starts.extend(s for s, _, _ in toks)
            ends.extend(e for _, e, _ in toks)
            originals.extend(w for _, _, w in toks)
            para_start.extend([ps] * len(toks))
            para_ix.extend([row] * len(toks))
            unit_ix.extend([ui] * len(toks))
            row += 1
        if len(starts) > unit_first:
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            quotes_before = np.concatenate([[0], np.cumsum(np.isin(codes, _QUOTE_CODES))])
            s = np.asarray(starts[unit_first:])
            quoted.append((quotes_before[s] - quotes_before[np.asarray(para_start[unit_first:])]) % 2 == 1)
            p, q = _edge_columns(codes, starts[unit_first:], ends[unit_first:])
            pre.append(p)
            post.append(q)
    n = len(starts)
    words = [w.lower() for w in originals]
    at = np.arange(n)
    lengths = np.array([b - a + 1 for a, b in sentence_bounds], dtype=np.int64)
    first_of = np.repeat(np.array([a for a, _ in sentence_bounds], dtype=np.int64), lengths)
    last_of = np.repeat(np.array([b for _, b in sentence_bounds], dtype=np.int64), lengths)
    unit_arr = np.asarray(unit_ix, dtype=np.int32)
    para_arr = np.asarray(para_ix, dtype=np.int32)
    distinct: dict[str, int] = {}
    wid = np.array([distinct.setdefault(w, len(distinct)) for w in words], dtype=np.int64)
    table = np.array([_word_columns(w) for w in distinct] + [_word_columns(_PAD)], dtype=np.int64)
    pad = len(distinct)
    forms: dict[str, int] = {}
    form = np.array([forms.setdefault(w, len(forms)) for w in originals], dtype=np.int64)
    shapes = np.array([feature_column("sh=" + _shape(w)) for w in forms], dtype=np.int64)
    feature_rows = [np.asarray(rows, dtype=np.int64), at, at, at, at, at, at, at]
    feature_cols = [np.asarray(cols, dtype=np.int64), table[wid, 0], table[wid, 1], shapes[form],
                    np.concatenate(pre + [np.zeros(0, np.int64)]), np.concatenate(post + [np.zeros(0, np.int64)]),
                    np.array([feature_column(f"pos={k}") for k in range(4)])[np.minimum(at - first_of, 3)],
                    np.array([feature_column(f"end={k}") for k in range(4)])[np.minimum(last_of - at, 3)]]
    for d, slot in ((-2, 2), (-1, 3), (1, 4), (2, 5)):  # neighbouring words, <s> beyond the sentence
        nb = at + d
        inside = (nb >= first_of) & (nb <= last_of)
        feature_rows.append(at)
        feature_cols.append(table[np.where(inside, wid[np.clip(nb, 0, max(n - 1, 0))], pad), slot])
    for d, slot in ((-3, 6), (-2, 7), (-1, 8), (1, 9), (2, 10), (3, 11)):  # neighbouring stems, none beyond
        nb = at + d
        inside = (nb >= first_of) & (nb <= last_of)
        feature_rows.append(at[inside])
        feature_cols.append(table[wid[nb[inside]], slot])
    if quoted:
        feature_rows.append(at[np.concatenate(quoted)])
        feature_cols.append(np.full(len(feature_rows[-1]), feature_column("quoted")))
    # rep: the article's count of a word over three letters
    long_word = np.array([len(w) > 3 for w in distinct] + [False])[wid]
    _, which, count = np.unique(unit_arr.astype(np.int64) * (pad + 1) + wid, return_inverse=True, return_counts=True)
    feature_rows.append(at[long_word])
    feature_cols.append(_bucket_columns("rep=", count[which.ravel()][long_word]))
    # pairs: bigram features of neighbours in a sentence, and rb, the count of the pair in the article's
    # paragraphs (counted across sentence ends too)
    linked = at[:-1][para_arr[:-1] == para_arr[1:]]
    if len(linked):
        pair_keys, pair = np.unique(wid[linked] * (pad + 1) + wid[linked + 1], return_inverse=True)
        pair = pair.ravel()
        _, which, count = np.unique(unit_arr[linked].astype(np.int64) * len(pair_keys) + pair,
                                    return_inverse=True, return_counts=True)
        in_sentence = linked < last_of[linked]
        left, pair, count = linked[in_sentence], pair[in_sentence], count[which.ravel()][in_sentence]
        vocab = list(distinct)
        both = np.array([_pair_columns(vocab[k // (pad + 1)], vocab[k % (pad + 1)]) for k in pair_keys.tolist()],
                        dtype=np.int64).reshape(-1, 2)
        feature_rows += [left + 1, left, left]
        feature_cols += [both[pair, 0], both[pair, 1], _bucket_columns("rb=", count)]
    return Tokens(unit_arr, np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64),
                  para_arr, words, at == first_of, at == last_of,
                  np.concatenate(feature_rows).astype(np.int64), np.concatenate(feature_cols).astype(np.int32))


def _bucket_columns(prefix: str, counts: np.ndarray) -> np.ndarray:
    """Columns of ``prefix`` + the bucket (1, 2, 3-4, 5+) of each count."""
    columns = np.array([feature_column(prefix + b) for b in ("1", "2", "3", "5")], dtype=np.int64)
    return columns[np.searchsorted([1, 2, 4], counts, side="left")]


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
    for cls, found in zip(lex.classes, lex.spans_in(text, ps, pe)):
        for a, b in found:
            i = bisect_left(starts, ps + a)
            while i < len(toks) and toks[i][0] < ps + b:
                marks[i].append(cls)
                i += 1
    return marks


def hashed_matrix(tokens: Tokens, columns: np.ndarray | None) -> sparse.csr_matrix:
    """Hashed token features restricted to ``columns`` (the buckets seen in training; all when None): a
    feature occurring twice in a token, or two features sharing a bucket, count 2 (FeatureHasher's matrix)."""
    rows, cols = tokens.feature_rows, tokens.feature_columns
    width = HASHED
    if columns is not None:
        position = np.full(HASHED, -1, dtype=np.int32)
        position[columns] = np.arange(len(columns), dtype=np.int32)
        cols = position[cols]
        rows, cols, width = rows[cols >= 0], cols[cols >= 0], len(columns)
    X = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(tokens), width))
    X.sum_duplicates()
    return X


def vector_block(window: "Window", scale: float) -> np.ndarray:
    """Dense static word-vector features of the logistic head: the word's vector and the mean of its two
    neighbours' vectors (a token's neighbours in its sentence; a sentence edge adds nothing)."""
    V = window.vectors
    return np.hstack([V[window.word] * scale, (V[window.left] + V[window.right]) * (scale / 2)]
                     ).astype(np.float32, copy=False)


@dataclass
class Window:
    """A batch's static word vectors, kept factored: each distinct word's vector once (``vectors``, a last row
    of zeros for "no word"), and per token the rows of the word, of the previous word and of the next word (the
    zero row across a sentence edge), and two case flags. The logistic head's vector block is gathered from it;
    it is the :class:`WordMLP`'s input, which ``matrix()`` spells out for fitting."""

    vectors: np.ndarray
    word: np.ndarray
    left: np.ndarray
    right: np.ndarray
    case: np.ndarray

    def __len__(self) -> int:
        return len(self.word)

    def matrix(self) -> np.ndarray:
        V = self.vectors
        return np.hstack([V[self.word], V[self.left], V[self.right], self.case]).astype(np.float32, copy=False)

    def take(self, rows: np.ndarray) -> "Window":
        return Window(self.vectors, self.word[rows], self.left[rows], self.right[rows], self.case[rows])


def window_block(tokens: Tokens, vectors, units: Sequence) -> Window:
    """The tokens' :class:`Window`: the word's vector, the previous word's and the next word's (the two sides
    kept apart), and whether the word is capitalised inside its sentence or written in capitals (rare names have
    odd sub-word vectors, and a name is seldom a loaded word)."""
    distinct: dict[str, int] = {}
    word = np.fromiter((distinct.setdefault(w, len(distinct)) for w in tokens.words), dtype=np.int64,
                       count=len(tokens))
    table = np.vstack([vectors(list(distinct)), np.zeros((1, vectors.dim), dtype=np.float32)]).astype(np.float32)
    none = len(distinct)
    left = np.full(len(tokens), none, dtype=np.int64)
    right = np.full(len(tokens), none, dtype=np.int64)
    left[1:] = np.where(tokens.opens[1:], none, word[:-1])
    right[:-1] = np.where(tokens.closes[:-1], none, word[1:])
    case = np.zeros((len(tokens), 2), dtype=np.float32)
    for i, (ui, s, e) in enumerate(zip(tokens.unit.tolist(), tokens.start.tolist(), tokens.end.tolist())):
        text = units[ui].text[s:e]
        if text[0].isupper():
            case[i] = (not tokens.opens[i], text.isupper() and e - s > 1)
    return Window(table, word, left, right, case)


@dataclass
class WordMLP:
    """One hidden layer (ReLU) over a :class:`Window`, a sigmoid output per technique.

    The logistic head weighs each vector dimension once, one direction of
    "loadedness" in the vector space; a hidden layer can learn several kinds of
    loaded words (slurs, intensifiers, emotive verbs) and how a neighbour
    changes a word. Shipped as several networks whose probabilities are averaged.
    """

    hidden: list[np.ndarray]  # per network: (inputs, units) weights
    hidden_bias: list[np.ndarray]
    out: list[np.ndarray]  # (units, techniques)
    out_bias: list[np.ndarray]

    @classmethod
    def fit(cls, window: Window, Y: np.ndarray, units: int, epochs: int, seeds: Sequence[int]) -> "WordMLP":
        import warnings

        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier

        A = window.matrix()
        nets = []
        for seed in seeds:
            net = MLPClassifier(hidden_layer_sizes=(units,), alpha=1e-3, batch_size=min(512, len(A)),
                                max_iter=epochs, random_state=seed)
            with warnings.catch_warnings():  # a fixed number of epochs, on purpose: later ones overfit
                warnings.simplefilter("ignore", ConvergenceWarning)
                net.fit(A, Y.ravel() if Y.shape[1] == 1 else Y)  # one technique: a binary target
            nets.append(net)
        return cls([n.coefs_[0].astype(np.float32) for n in nets], [n.intercepts_[0].astype(np.float32) for n in nets],
                   [n.coefs_[1].astype(np.float32) for n in nets], [n.intercepts_[1].astype(np.float32) for n in nets])

    def proba(self, window: Window) -> np.ndarray:
        """The networks' mean probabilities. The hidden layer's input weights are applied to each distinct
        word's vector once (its three parts: as the word, as a left and as a right neighbour) and gathered per
        token: a third to a half of the products of the spelt-out matrix on an article."""
        V, d = window.vectors, window.vectors.shape[1]
        cased = np.flatnonzero(window.case.any(axis=1))
        P = np.zeros((len(window), self.out[0].shape[1]), dtype=np.float64)
        for w1, b1, w2, b2 in zip(self.hidden, self.hidden_bias, self.out, self.out_bias):
            w1 = w1.astype(np.float32, copy=False)
            h = np.take(V @ w1[:d], window.word, axis=0)
            h += np.take(V @ w1[d:2 * d], window.left, axis=0)
            h += np.take(V @ w1[2 * d:3 * d], window.right, axis=0)
            h[cased] += window.case[cased] @ w1[3 * d:]
            h += b1
            P += sigmoid(np.maximum(h, 0, out=h) @ w2.astype(np.float32, copy=False) + b2)
        return P / len(self.out)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        out = {}
        for i, parts in enumerate(zip(self.hidden, self.hidden_bias, self.out, self.out_bias)):
            for name, a in zip(("w1", "b1", "w2", "b2"), parts):
                out[f"{prefix}{i}_{name}"] = a.astype(np.float16) if name.startswith("w") else a
        return out

    @classmethod
    def from_arrays(cls, a: dict, prefix: str) -> "WordMLP | None":
        n = sum(1 for k in a if k.startswith(prefix) and k.endswith("_w1"))
        if not n:
            return None
        return cls(*([a[f"{prefix}{i}_{name}"].astype(np.float32) for i in range(n)]
                     for name in ("w1", "b1", "w2", "b2")))


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
    never across paragraphs; a run of closed-class words only is dropped."""
    idx = np.flatnonzero(positive)
    if not len(idx):
        return []
    brk = (np.diff(idx) > max_gap + 1) | (tokens.paragraph[idx[1:]] != tokens.paragraph[idx[:-1]])
    heads = idx[np.concatenate([[0], np.flatnonzero(brk) + 1])]
    tails = idx[np.concatenate([np.flatnonzero(brk), [len(idx) - 1]])]
    content = np.concatenate([[0], np.cumsum(tokens.content)])  # content words before each token
    keep = content[tails + 1] > content[heads]
    return [(int(a), int(b)) for a, b in zip(heads[keep], tails[keep])]


def clip(unit: np.ndarray, starts: np.ndarray, ends: np.ndarray, positive: np.ndarray, tokens: Tokens
         ) -> tuple[np.ndarray, np.ndarray]:
    """Each span (a sentence: ``starts``/``ends`` within its ``unit``) narrowed to run from its first positive
    content word's start to its last one's end; a span holding none is kept whole."""
    starts, ends = starts.copy(), ends.copy()
    idx = np.flatnonzero(positive & tokens.content)
    if not len(idx) or not len(starts):
        return starts, ends
    # tokens come in unit -> text order, so (unit, start) keys are sorted
    scale = int(max(tokens.end.max(initial=0), ends.max(initial=0))) + 1
    keys = tokens.unit[idx].astype(np.int64) * scale + tokens.start[idx]
    lo = np.searchsorted(keys, unit.astype(np.int64) * scale + starts, "left")
    hi = np.searchsorted(keys, unit.astype(np.int64) * scale + ends, "left") - 1
    some = hi >= lo
    starts[some] = tokens.start[idx[lo[some]]]
    ends[some] = tokens.end[idx[hi[some]]]
    return starts, ends


def unique_spans(unit: np.ndarray, starts: np.ndarray, ends: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The spans with repeats removed (a word run that is a whole sentence is given once)."""
    if not len(starts):
        return unit, starts, ends
    u = np.unique(np.stack([unit, starts, ends], axis=1).astype(np.int64), axis=0)
    return u[:, 0], u[:, 1], u[:, 2]


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
# outside them, the token head's runs (a name-calling sentence and the names it calls); BOTH_CLIPPED the same with
# each sentence cut to the extent of its words above the token threshold (from the first name called to the last)
OFF, TOKEN, SENTENCE, BOTH, BOTH_CLIPPED = 0, 1, 2, 3, 4
MODE_NAMES = ("off", "token", "sentence", "both", "both-clipped")
WITH_TOKENS = (TOKEN, BOTH, BOTH_CLIPPED)
WITH_SENTENCES = (SENTENCE, BOTH, BOTH_CLIPPED)
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
