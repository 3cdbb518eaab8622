"""Trainable pieces: TF-IDF featurizers and logistic-regression heads with tuned thresholds.

Everything is stored as plain arrays (``.npz``) and JSON vocabularies, never
pickles, so the shipped weights are inspectable and load without running code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

WORD_PATTERN = r"(?u)\b\w+\b"
# thresholds tried per label; 1.01 switches a label off (raises micro precision on hopeless labels)
GRID = np.concatenate([np.arange(0.02, 0.2, 0.02), np.arange(0.2, 0.96, 0.05), [1.01]])


_STEM_WORD = re.compile(r"\w+", re.UNICODE)


def stems(text: str) -> list[str]:
    """Crude stems (the first five letters) and their bigrams: inflection-proof like char n-grams
    (Russian endings), at a tenth of their features per paragraph."""
    toks = [w[:5] for w in _STEM_WORD.findall(text.lower())]
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]


class Tfidf:
    """Word (1-2 gram), stem (1-2 gram) or char_wb (2-5 gram) TF-IDF with a vocabulary that round-trips through JSON."""

    def __init__(self, kind: str, max_features: int, vocabulary: dict[str, int] | None = None,
                 idf: np.ndarray | None = None) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.kind = kind
        self.max_features = max_features
        args = dict(sublinear_tf=True, lowercase=True, dtype=np.float32)
        if kind == "word":
            args.update(analyzer="word", ngram_range=(1, 2), token_pattern=WORD_PATTERN, min_df=2)
        elif kind == "stem":
            args.update(analyzer=stems, min_df=2)
        else:
            args.update(analyzer="char_wb", ngram_range=(2, 5), min_df=3)
        self._args = args
        if vocabulary is not None:
            self.vec = TfidfVectorizer(vocabulary=vocabulary, **self._fixed_args())
            self.vec.fit(["x"])
            self.vec.idf_ = np.asarray(idf, dtype=np.float64)

    def _fixed_args(self) -> dict:
        return {k: v for k, v in self._args.items() if k != "min_df"}

    def fit(self, texts: Sequence[str]) -> "Tfidf":
        """Keep the ``max_features`` most frequent terms (of those in ``min_df`` texts), ties going to the
        alphabetically first. sklearn's own cut sorts with an unstable argsort whose order among equally
        frequent terms follows the CPU's SIMD sort: the same data gave one vocabulary, and so other trained
        weights, on an AVX-512 machine and another on an AVX2 one."""
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

        counter = CountVectorizer(**{k: v for k, v in self._args.items() if k not in ("sublinear_tf", "dtype")})
        frequency = np.asarray(counter.fit_transform(texts).sum(axis=0)).ravel()
        terms = counter.get_feature_names_out()  # alphabetical
        keep = np.sort(np.argsort(-frequency, kind="stable")[:self.max_features])
        self.vec = TfidfVectorizer(vocabulary={str(terms[i]): j for j, i in enumerate(keep)}, **self._fixed_args())
        self.vec.fit(texts)
        return self

    def transform(self, texts: "Sequence[str] | Pieces") -> sparse.csr_matrix:
        if isinstance(texts, Pieces):
            if self.kind in ("word", "stem"):
                return self._transform_pieces(texts)
            texts = texts.strings
        # a repeated text (each sentence's paragraph context) is analysed once
        distinct = {t: i for i, t in enumerate(dict.fromkeys(texts))}
        rows = self.vec.transform(list(distinct)).astype(np.float32)
        return rows if len(distinct) == len(texts) else rows[[distinct[t] for t in texts]]

    def term_ids(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Vocabulary ids (-1: not in it) of each token's unigram and of the bigram it starts."""
        vocab = self.vec.vocabulary_
        if self.kind == "stem":
            terms = [t[:5] for t in terms]
        unigrams = np.array([vocab.get(t, -1) for t in terms], dtype=np.int64)
        bigrams = np.array([vocab.get(f"{a} {b}", -1) for a, b in zip(terms, terms[1:])] + [-1], dtype=np.int64)
        return unigrams, bigrams[:len(terms)]

    def _transform_pieces(self, pieces: "Pieces") -> sparse.csr_matrix:
        """TF-IDF rows of texts that are ranges of their articles, counted from the articles' tokens found once:
        the same matrix as the vectorizer's on the texts themselves (a text whose range cuts a word, or whose
        article changes length when lower-cased, goes through the vectorizer)."""
        tokens = pieces.tokens
        unigrams, bigrams = tokens.ids(self)
        distinct = {p: i for i, p in enumerate(dict.fromkeys(pieces.pieces))}
        ranges = [(r, k, s, e) for r, (k, rs) in enumerate(distinct) for s, e in rs]
        row, article, start, end = (np.array([x[c] for x in ranges], dtype=np.int64).reshape(-1) for c in range(4))
        first, stop, ok = tokens.token_ranges(article, start, end)
        slow = np.unique(row[~ok])
        fast = ~np.isin(row, slow)
        row, first, stop = row[fast], first[fast], stop[fast]
        rows_u, at_u = _expand(row, first, stop)
        rows_b, at_b = _expand(row, first, stop - 1)  # a range's bigrams start at its tokens but its last
        # the bigram across the join of a piece's ranges (a paragraph's two neighbours)
        cross_rows, cross_cols = [], []
        for i in np.flatnonzero((row[1:] == row[:-1]) & (stop[:-1] > first[:-1]) & (stop[1:] > first[1:])) + 1:
            col = self.vec.vocabulary_.get(self._join(tokens.terms[stop[i - 1] - 1], tokens.terms[first[i]]), -1)
            if col >= 0:
                cross_rows.append(row[i])
                cross_cols.append(col)
        rows = np.concatenate([rows_u, rows_b, np.array(cross_rows, dtype=np.int64)])
        cols = np.concatenate([unigrams[at_u], bigrams[at_b], np.array(cross_cols, dtype=np.int64)])
        keep = cols >= 0
        counts = sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], cols[keep])),
                                   shape=(len(distinct), self.size), dtype=np.float32)
        counts.sum_duplicates()
        # sklearn's TfidfTransformer with sublinear_tf, step by step on the same float32 data
        np.log(counts.data, counts.data)
        counts.data += 1.0
        counts.data *= self.vec.idf_[counts.indices]
        X = normalize(counts, norm="l2", copy=False).astype(np.float32, copy=False)
        if len(slow):
            keys = list(distinct)
            texts = pieces.strings_of([keys[r] for r in slow])
            place = sparse.csr_matrix((np.ones(len(slow), dtype=np.float32), (slow, np.arange(len(slow)))),
                                      shape=(len(distinct), len(slow)))
            X = (X + place @ self.vec.transform(texts).astype(np.float32)).tocsr()
        return X if len(distinct) == len(pieces.pieces) else X[[distinct[p] for p in pieces.pieces]]

    def _join(self, left: str, right: str) -> str:
        return f"{left[:5]} {right[:5]}" if self.kind == "stem" else f"{left} {right}"

    @property
    def size(self) -> int:
        return len(self.vec.vocabulary_)

    def state(self) -> tuple[dict, np.ndarray]:
        vocab = {k: int(v) for k, v in sorted(self.vec.vocabulary_.items(), key=lambda kv: kv[1])}
        return vocab, np.asarray(self.vec.idf_, dtype=np.float32)


_TOKEN = re.compile(WORD_PATTERN)  # the word analyzer's tokens, which are also the stem analyzer's


class ArticleTokens:
    """The lower-cased word tokens of a batch of articles, found once, for the TF-IDF rows of their pieces."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        terms, starts, ends, base, exact = [], [], [], [0], []
        for text in self.texts:
            lowered = text.lower()
            exact.append(len(lowered) == len(text))  # else offsets into the text do not map
            for m in _TOKEN.finditer(lowered):
                terms.append(m.group())
                starts.append(m.start())
                ends.append(m.end())
            base.append(len(terms))
        self.terms = terms
        self.base = np.asarray(base, dtype=np.int64)
        self.exact = np.asarray(exact, dtype=bool)
        self.starts = np.asarray(starts, dtype=np.int64)
        self.ends = np.asarray(ends, dtype=np.int64)
        # offsets into all texts laid end to end, one character apart: one search finds any range's tokens
        self.offset = np.concatenate([[0], np.cumsum([len(t) + 1 for t in self.texts])]).astype(np.int64)
        shift = np.repeat(self.offset[:-1], np.diff(self.base))
        self.global_starts, self.global_ends = self.starts + shift, self.ends + shift
        self._ids: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def ids(self, tfidf: Tfidf) -> tuple[np.ndarray, np.ndarray]:
        """Per token: the vectorizer's id of its unigram and of the bigram it starts within its article."""
        if id(tfidf) not in self._ids:
            parts = [tfidf.term_ids(self.terms[a:b]) for a, b in zip(self.base.tolist(), self.base[1:].tolist())]
            self._ids[id(tfidf)] = (np.concatenate([u for u, _ in parts] + [np.zeros(0, np.int64)]),
                                    np.concatenate([b for _, b in parts] + [np.zeros(0, np.int64)]))
        return self._ids[id(tfidf)]

    def token_ranges(self, article: np.ndarray, start: np.ndarray, end: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Global indices [first, stop) of the tokens inside each range [start, end) of an article, and whether
        they are what the range alone would give (False where the range cuts a token or the article's offsets
        do not map)."""
        lo, hi = self.base[article], self.base[article + 1]
        first, stop = lo.copy(), lo.copy()
        ok = self.exact[article]
        if len(self.starts) and len(article):
            at, to = start + self.offset[article], end + self.offset[article]
            first = np.searchsorted(self.global_starts, at, side="left")
            stop = np.maximum(first, np.searchsorted(self.global_ends, to, side="right"))
            last = len(self.starts) - 1
            cut = ((first > lo) & (self.global_ends[np.maximum(first - 1, 0)] > at)) | \
                ((stop < hi) & (self.global_starts[np.minimum(stop, last)] < to))
            ok = ok & ~cut
        return first, stop, ok


@dataclass(frozen=True)
class Pieces:
    """Texts given as pieces of articles: each one or more character ranges of an article, joined by a space
    (a paragraph, a sentence, the whole article, or a paragraph's two neighbours)."""

    tokens: ArticleTokens
    pieces: tuple[tuple[int, tuple[tuple[int, int], ...]], ...]

    def strings_of(self, pieces) -> list[str]:
        return [" ".join(self.tokens.texts[k][s:e] for s, e in ranges) for k, ranges in pieces]

    @property
    def strings(self) -> list[str]:
        return self.strings_of(self.pieces)

    def as_ranges(self) -> list[tuple[str, int, int]]:
        """(article text, start, end) of each piece, for pieces of one range (paragraphs, sentences, articles)."""
        return [(self.tokens.texts[k], *ranges) for k, (ranges,) in self.pieces]


def _expand(rows: np.ndarray, start: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, index) for every index in each [start, stop) (empty ranges give nothing)."""
    lengths = np.maximum(stop - start, 0)
    total = int(lengths.sum())
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(lengths) else lengths
    return np.repeat(rows, lengths), np.repeat(start - offsets, lengths) + np.arange(total)


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass
class MultiLabelHead:
    """One binary logistic regression per label, plus a decision threshold per label."""

    labels: tuple[str, ...]
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    thresholds: np.ndarray  # (labels,)

    def proba(self, X, dense: np.ndarray | None = None) -> np.ndarray:
        """Probabilities of rows ``X``; ``dense`` holds the rows' last feature columns as an array, multiplied
        apart (a dense block converted to sparse and stacked costs more than the product itself)."""
        coef = self.coef.astype(np.float32, copy=False)
        if dense is None:
            z = X @ coef.T
        else:
            n = X.shape[1]
            z = np.asarray(X @ coef[:, :n].T) + dense @ coef[:, n:].T
        return sigmoid(np.asarray(z) + self.intercept)

    def decide(self, P: np.ndarray) -> np.ndarray:
        return P >= self.thresholds


def fit_binary(X, Y: np.ndarray, C: float, seed: int, max_iter: int = 60) -> tuple[np.ndarray, np.ndarray]:
    """All labels' L2-regularised logistic regressions at once (liblinear's objective, C * loss + |w|^2 / 2).

    The labels are independent, but one L-BFGS run over all of them costs a
    single sparse product per step for every label together, which is what
    makes cross-validation fit on two cores. Starts from zero: deterministic
    (``seed`` is kept for the interface; no randomness is involved).
    """
    X = sparse.csr_matrix(X, dtype=np.float32) if sparse.issparse(X) else np.asarray(X, dtype=np.float32)
    Xt = X.T.tocsr() if sparse.issparse(X) else X.T
    n, d = X.shape
    L = Y.shape[1]
    Yf = Y.astype(np.float64)

    def objective(theta):
        W = theta[: d * L].reshape(d, L)
        b = theta[d * L:]
        # float32 products (the cost), float64 sums
        Z = np.asarray(X @ W.astype(np.float32), dtype=np.float64) + b
        # log(1 + exp(-y z)) with y in {0,1}: softplus(z) - y z
        loss = np.logaddexp(0, Z) - Yf * Z
        G = (1.0 / (1.0 + np.exp(-Z)) - Yf) * C
        gW = np.asarray(Xt @ G.astype(np.float32), dtype=np.float64) + W
        gb = G.sum(0)
        return C * loss.sum() + 0.5 * (W * W).sum(), np.concatenate([gW.ravel(), gb])

    # one BLAS thread: the products are sparse (scipy, single-threaded) and the vector operations memory-bound;
    # spinning BLAS threads only slow a shared machine down
    with threadpool_limits(1, user_api="blas"):
        theta = lbfgs(objective, np.zeros(d * L + L), max_iter)
    W = theta[: d * L].reshape(d, L)
    return W.T.astype(np.float32), theta[d * L:].astype(np.float32)


def lbfgs(f, x: np.ndarray, max_iter: int, m: int = 10, tol: float = 1e-6) -> np.ndarray:
    """Plain L-BFGS with backtracking (scipy's L-BFGS-B spends most time on its bound bookkeeping
    at a million parameters; this costs a few vector operations per step)."""
    fx, g = f(x)
    S: list[np.ndarray] = []
    Yk: list[np.ndarray] = []
    for _ in range(max_iter):
        q = g.copy()
        alphas = []
        for s, y in zip(reversed(S), reversed(Yk)):
            a = s.dot(q) / y.dot(s)
            alphas.append(a)
            q -= a * y
        if S:
            q *= S[-1].dot(Yk[-1]) / Yk[-1].dot(Yk[-1])
        for (s, y), a in zip(zip(S, Yk), reversed(alphas)):
            q += (a - y.dot(q) / y.dot(s)) * s
        direction = -q
        slope = g.dot(direction)
        if slope >= 0:  # not a descent direction: restart from the gradient
            S.clear(), Yk.clear()
            direction, slope = -g, -g.dot(g)
        step = 1.0 if S else 1.0 / max(np.sqrt(g.dot(g)), 1.0)
        for _ls in range(10):
            x_new = x + step * direction
            f_new, g_new = f(x_new)
            if f_new <= fx + 1e-4 * step * slope:
                break
            step *= 0.5
        else:
            break
        s, y = x_new - x, g_new - g
        if y.dot(s) > 1e-10:
            S.append(s)
            Yk.append(y)
            if len(S) > m:
                S.pop(0), Yk.pop(0)
        converged = abs(fx - f_new) <= tol * max(abs(fx), 1.0)
        x, fx, g = x_new, f_new, g_new
        if converged:
            break
    return x


def tune_thresholds(P: np.ndarray, Y: np.ndarray, passes: int = 2) -> np.ndarray:
    """Per-label thresholds maximising micro-F1 over all labels (coordinate ascent on the grid)."""
    Yb = Y.astype(bool)
    # tp/fp/fn[label, grid]
    pred = P[:, :, None] >= GRID[None, None, :]
    tp = (pred & Yb[:, :, None]).sum(0)
    fp = (pred & ~Yb[:, :, None]).sum(0)
    fn = Yb.sum(0)[:, None] - tp
    # start from each label's own best F1
    f1 = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    choice = f1.argmax(1)
    L = P.shape[1]
    for _ in range(passes):
        for j in range(L):
            rows = np.arange(L)
            TP = tp[rows, choice].sum() - tp[j, choice[j]]
            FP = fp[rows, choice].sum() - fp[j, choice[j]]
            FN = fn[rows, choice].sum() - fn[j, choice[j]]
            micro = 2 * (TP + tp[j]) / np.maximum(2 * (TP + tp[j]) + FP + fp[j] + FN + fn[j], 1)
            choice[j] = int(micro.argmax())
    return GRID[choice].astype(np.float32)


def inner_folds_of(groups: Sequence[str], seed: int, folds: int = 2) -> np.ndarray:
    """The article folds every head uses for its out-of-fold probabilities (the same split for all heads,
    so a stacked head never sees a probability from a model trained on its own test rows)."""
    from .data import fold_of

    return np.array([fold_of(g, folds, seed + 1) for g in groups])


def out_of_fold(X, Y: np.ndarray, folds: np.ndarray, C: float, seed: int, max_iter: int = 60,
                with_models: bool = False):
    """Out-of-fold probabilities; with ``with_models`` also the fold models' mean (coef, intercept),
    whose probabilities are calibrated like the out-of-fold ones that its thresholds are tuned on."""
    X = sparse.csr_matrix(X) if sparse.issparse(X) else np.asarray(X)
    oof = np.zeros(Y.shape, dtype=np.float32)
    models = []
    for k in np.unique(folds):
        tr, te = folds != k, folds == k
        if not tr.any():
            continue
        coef, inter = fit_binary(X[tr], Y[tr], C, seed, max_iter)
        oof[te] = sigmoid(np.asarray(X[te] @ coef.T) + inter)
        models.append((coef, inter))
    if not with_models:
        return oof
    if not models:  # a single article fold: nothing held out, fit on everything
        models.append(fit_binary(X, Y, C, seed, max_iter))
    return oof, np.mean([c for c, _ in models], axis=0), np.mean([i for _, i in models], axis=0)


def train_head(X, Y: np.ndarray, groups: Sequence[str], labels: Sequence[str], *, C: float, seed: int,
               with_oof: bool = False, fold_mean: bool = False):
    """Thresholds from out-of-fold probabilities of two article folds (returned too with ``with_oof``, for
    heads stacked on this one); the weights are a fit on all rows, or with ``fold_mean`` the mean of the two
    fold models, whose probabilities are calibrated like the ones the thresholds were tuned on (a refit on
    all rows is more confident and over-predicts at those thresholds)."""
    X = sparse.csr_matrix(X) if sparse.issparse(X) else np.asarray(X)
    folds = inner_folds_of(groups, seed)
    if fold_mean:
        oof, coef, inter = out_of_fold(X, Y, folds, C, seed, with_models=True)
    else:
        oof = out_of_fold(X, Y, folds, C, seed)
        coef, inter = fit_binary(X, Y, C, seed)
    thresholds = tune_thresholds(oof, Y)
    head = MultiLabelHead(tuple(labels), coef, inter, thresholds)
    return (head, oof) if with_oof else head


def train_multiclass(X, y: Sequence[str], labels: Sequence[str], *, C: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    idx = np.array([labels.index(v) for v in y])
    lr = LogisticRegression(C=C, max_iter=1000, random_state=seed, class_weight="balanced")
    lr.fit(X, idx)
    coef = np.zeros((len(labels), X.shape[1]), dtype=np.float32)
    inter = np.full(len(labels), -30.0, dtype=np.float32)
    present = lr.classes_
    if len(present) == 2:  # sklearn keeps one row for two classes
        coef[present[1]] = lr.coef_[0] / 2
        coef[present[0]] = -lr.coef_[0] / 2
        inter[present[1]] = lr.intercept_[0] / 2
        inter[present[0]] = -lr.intercept_[0] / 2
    else:
        coef[present] = lr.coef_
        inter[present] = lr.intercept_
    return coef, inter


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
