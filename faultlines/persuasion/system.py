"""The persuasion model of one language: paragraph, sentence (span), genre and frame heads.

Inputs are :class:`Unit` lists built either from corpus articles (training,
``predict semeval2023-*``) or from analyzed documents (the analyzer), so both
paths featurize identically.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from scipy import sparse

from ..text.encode import DEFAULT_BACKEND
from .data import FRAMES, GENRES, TECHNIQUES
from .features import lexicon, shape_features
from .genre import decide as decide_genre
from .heads import (ArticleTokens, MultiLabelHead, Pieces, Tfidf, fit_binary, inner_folds_of, out_of_fold, sigmoid,
                    softmax, train_head, train_multiclass, tune_thresholds)
from . import tokens as tok

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).parent / "model"


@dataclass
class Unit:
    """One article as the heads see it: paragraph and sentence ranges into ``text``."""

    id: str
    text: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    lines: list[int] = field(default_factory=list)  # SemEval line number per paragraph, when known


@dataclass
class Config:
    lang: str
    use_embeddings: bool = False
    # the shared encoder's backend the paragraph vectors come from (text.encode.BACKENDS)
    encoder: str = DEFAULT_BACKEND
    use_context: bool = True
    use_lexicon: bool = True
    word_features: int = 30000
    char_features: int = 40000
    # "stem" (cheap) or "char" (char_wb 2-5 grams: ~8x the non-zeros, so ~8x the training time)
    sub_word: str = "stem"
    C_par: float = 4.0
    C_sent: float = 4.0
    C_token: float = 1.0
    # static word vectors in the token head (text.wordvec.BACKENDS, or "none") and their weight
    token_vectors: str = "none"
    token_vector_scale: float = 1.0
    # hidden units of the token head's word-vector networks (tokens.WordMLP; 0: none), whose probabilities
    # are averaged with the logistic head's; needs token_vectors
    token_mlp: int = 0
    token_mlp_epochs: int = 8
    C_doc: float = 4.0
    # the sentence head also reads the encoder's vector of the sentence, of its paragraph and the article's
    # mean paragraph vector (needs use_embeddings; the vectors come in ``sentence_ranges`` order)
    sentence_embeddings: bool = False
    # a paragraph's technique probability is the paragraph head's or, when higher, its sentences' highest
    # (the paragraph thresholds tuned on that, out of fold); with paragraph_from_words, for the token head's
    # techniques also its words' highest (needs paragraph_from_sentences)
    paragraph_from_sentences: bool = False
    paragraph_from_words: bool = False
    # with paragraph_from_sentences: instead of the highest, a small logistic regression per technique over the
    # logits of the paragraph head's, the sentences' and words' highest and the highest of all (stacked on the
    # heads' out-of-fold probabilities) gives the paragraph's probability
    paragraph_stack: bool = False
    C_stack: float = 0.1
    # sentence spans at a threshold chosen for span F1 (from the sentence head's own and tokens.SPAN_GRID), out of
    # fold with the span sources, rather than at the sentence head's threshold for sentence labels
    span_sentence_grid: bool = False
    # a further span source per token-head technique: sentences cut to the extent of their words above the token
    # threshold, with the word runs (tokens.BOTH_CLIPPED), where that scores better out of fold
    span_clip: bool = False
    seed: int = 13


@dataclass
class Prediction:
    paragraphs: list[tuple[int, int, dict[str, float]]]  # (start, end, {technique: score}) decided labels
    spans: list[tuple[str, int, int, float]]
    genre: dict[str, float]
    frames: dict[str, float]
    genre_basis: str = "model"  # "style" where how the text is written decided it (genre.decide)


# the least score of a span in a text whose genre is reporting; on the out-of-fold spans of the SemEval ru 5-fold
# (0.15 / 0.2 / 0.3: span F1 0.2740 / 0.2735 / 0.2705, none 0.2735) and PTC-dev en (unchanged up to 0.2, 0.2426 at
# 0.3), the highest that costs the held-out span F1 nothing
REPORTING_SPAN_FLOOR = 0.2


def article_means(units: Sequence[Unit], emb: np.ndarray) -> np.ndarray:
    """Each unit's mean paragraph vector (zeros for a unit without paragraphs): what the whole piece is about."""
    bounds = np.cumsum([0] + [len(u.paragraphs) for u in units])
    return np.vstack([emb[a:b].mean(0) if b > a else np.zeros(emb.shape[1], np.float32)
                      for a, b in zip(bounds[:-1], bounds[1:])]) if len(units) else np.zeros((0, emb.shape[1]), np.float32)


def _sentence_rows(units: Sequence[Unit]):
    """(unit, paragraph row over all units, paragraph range, start, end) of every sentence the sentence head
    scores, in its row order."""
    row = 0
    for ui, u in enumerate(units):
        for para, sents in zip(u.paragraphs, sentences_by_paragraph(u)):
            for s, e in sents:
                yield ui, row, para, s, e
            row += 1


def paragraph_max(PS: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Per paragraph row (``n`` of them) the highest probability of its sentences or words (``rows``: each one's
    paragraph row; 0 for a paragraph without any)."""
    out = np.zeros((n, PS.shape[1]), dtype=np.float32)
    np.maximum.at(out, rows, PS)
    return out


STACK_FEATURES = 4  # logits: paragraph head, its sentences' highest, its words' highest, the highest of the three
STACK_MIN_POSITIVES = 3  # below this, a technique's stacked probability is the highest of the three


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


@dataclass
class ParagraphStack:
    """Per technique, a logistic regression over a paragraph's evidence (``STACK_FEATURES`` logits)."""

    coef: np.ndarray  # (techniques, STACK_FEATURES)
    intercept: np.ndarray  # (techniques,)

    def proba(self, F: np.ndarray) -> np.ndarray:
        return sigmoid(np.einsum("ntf,tf->nt", F, self.coef) + self.intercept).astype(np.float32)

    @classmethod
    def fit(cls, F: np.ndarray, Y: np.ndarray, groups: Sequence[str], C: float, seed: int
            ) -> tuple["ParagraphStack", np.ndarray]:
        """The stack fitted on all rows of ``F`` (paragraphs x techniques x features: out-of-fold evidence) and its
        own out-of-fold probabilities over two article folds, for the thresholds."""
        n, L, _ = F.shape
        coef = np.zeros((L, STACK_FEATURES), dtype=np.float32)
        coef[:, 3] = 1.0  # too few positives: sigmoid(logit(highest)), the highest itself
        intercept = np.zeros(L, dtype=np.float32)
        oof = np.zeros((n, L), dtype=np.float32)
        folds = inner_folds_of(groups, seed + 1)
        held_out = len(np.unique(folds)) > 1  # a single article fold holds nothing out
        for j in range(L):
            if Y[:, j].sum() >= STACK_MIN_POSITIVES:
                c, b = fit_binary(F[:, j], Y[:, j:j + 1], C, seed, max_iter=200)
                coef[j], intercept[j] = c[0], b[0]
                if held_out:
                    for k in np.unique(folds):
                        tr = folds != k
                        c, b = fit_binary(F[tr, j], Y[tr, j:j + 1], C, seed, max_iter=200)
                        oof[~tr, j] = sigmoid(F[~tr, j] @ c[0] + b[0])
                    continue
            oof[:, j] = sigmoid(F[:, j] @ coef[j] + intercept[j])
        return cls(coef, intercept), oof


def sentence_ranges(units: Sequence[Unit]) -> list[tuple[int, int, int]]:
    """(unit, start, end) of every sentence the sentence head scores, in its row order."""
    return [(ui, s, e) for ui, _, _, s, e in _sentence_rows(units)]


def sentences_by_paragraph(unit: Unit) -> list[list[tuple[int, int]]]:
    out: list[list[tuple[int, int]]] = [[] for _ in unit.paragraphs]
    j = 0
    for s, e in unit.sentences:
        while j < len(unit.paragraphs) and unit.paragraphs[j][1] <= s:
            j += 1
        if j < len(unit.paragraphs) and unit.paragraphs[j][0] <= s:
            out[j].append((s, e))
    return out


class PersuasionModel:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.word: Tfidf | None = None
        self.char: Tfidf | None = None
        self.par: MultiLabelHead | None = None
        self.sent: MultiLabelHead | None = None
        self.frames: MultiLabelHead | None = None
        self.genre_coef: np.ndarray | None = None
        self.genre_intercept: np.ndarray | None = None
        self.token: MultiLabelHead | None = None  # over the techniques in ``token_techniques``
        self.token_techniques = np.zeros(0, dtype=np.int16)  # indices into TECHNIQUES
        self.token_columns: np.ndarray | None = None  # hashed buckets with token-head weights
        self.token_mlp: tok.WordMLP | None = None  # over the same techniques, averaged with ``token``
        self.stack: ParagraphStack | None = None  # with ``paragraph_stack``
        # per technique: where its spans come from (tokens.OFF / TOKEN / SENTENCE / BOTH)
        self.span_mode = np.full(len(TECHNIQUES), tok.SENTENCE, dtype=np.int8)

    # features -------------------------------------------------------------
    def _blocks(self, texts: Pieces, ctx: Pieces | None, extra: list[np.ndarray],
                emb: np.ndarray | None) -> sparse.csr_matrix:
        blocks = [self.word.transform(texts), self.char.transform(texts)]
        if ctx is not None and self.config.use_context:
            blocks.append(self.word.transform(ctx) * 0.5)
        if self.config.use_lexicon:
            blocks.append(sparse.csr_matrix(lexicon(self.config.lang).piece_counts(texts.as_ranges())))
        blocks += [sparse.csr_matrix(x) for x in extra]
        if emb is not None and self.config.use_embeddings:
            blocks.append(sparse.csr_matrix(emb))
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    def paragraph_matrix(self, units: Sequence[Unit], emb: np.ndarray | None = None,
                         tokens: ArticleTokens | None = None) -> sparse.csr_matrix:
        tokens = ArticleTokens([u.text for u in units]) if tokens is None else tokens
        texts, ctx, shape, art = [], [], [], []
        for ui, u in enumerate(units):
            paras = u.paragraphs
            texts += [(ui, (p,)) for p in paras]
            # the previous and next paragraph of each paragraph (the window the labels often depend on)
            ctx += [(ui, tuple(paras[max(i - 1, 0):i] + paras[i + 1:i + 2])) for i in range(len(paras))]
            shape.append(shape_features([u.text[s:e] for s, e in paras]))
            art.append(np.full((len(paras), 1), np.log1p(len(paras)) / 5, dtype=np.float32))
        extra = [np.vstack(shape) if shape else np.zeros((0, 9), np.float32),
                 np.vstack(art) if art else np.zeros((0, 1), np.float32)]
        if self.config.use_embeddings and emb is not None:
            # the article's mean paragraph vector: what the whole piece is about / how it speaks
            emb = np.hstack([emb, np.repeat(article_means(units, emb), [len(u.paragraphs) for u in units], axis=0)])
        return self._blocks(Pieces(tokens, tuple(texts)), Pieces(tokens, tuple(ctx)), extra, emb)

    def sentence_matrix(self, units: Sequence[Unit], tokens: ArticleTokens | None = None,
                        emb: np.ndarray | None = None, sent_emb: np.ndarray | None = None
                        ) -> tuple[sparse.csr_matrix, list[tuple[int, int, int]]]:
        texts, ctx, where, para_rows = [], [], [], []
        for ui, row, para, s, e in _sentence_rows(units):
            texts.append((ui, ((s, e),)))
            ctx.append((ui, (para,)))
            where.append((ui, s, e))
            para_rows.append(row)
        if not texts:
            return sparse.csr_matrix((0, 1), dtype=np.float32), where
        tokens = ArticleTokens([u.text for u in units]) if tokens is None else tokens
        vectors = None
        if self.config.sentence_embeddings and self.config.use_embeddings:
            if emb is None or sent_emb is None or len(sent_emb) != len(where):
                raise ValueError(f"this model's sentence head reads the encoder's paragraph vectors and one vector per "
                                 f"sentence ({len(where)}, in sentence_ranges order)")
            vectors = np.hstack([sent_emb, emb[para_rows], article_means(units, emb)[[ui for ui, _, _ in where]]])
        return self._blocks(Pieces(tokens, tuple(texts)), Pieces(tokens, tuple(ctx)), [], vectors), where

    def document_matrix(self, units: Sequence[Unit], emb: np.ndarray | None = None,
                        tokens: ArticleTokens | None = None) -> sparse.csr_matrix:
        tokens = ArticleTokens([u.text for u in units]) if tokens is None else tokens
        texts = tuple((ui, ((0, len(u.text)),)) for ui, u in enumerate(units))
        means = article_means(units, emb) if self.config.use_embeddings and emb is not None else None
        return self._blocks(Pieces(tokens, texts), None, [], means)

    # training -------------------------------------------------------------
    def fit(self, units: Sequence[Unit], par_labels: Sequence[Sequence[tuple[str, ...]]],
            spans: Sequence[Sequence[tuple[str, int, int]]], genres: Sequence[str | None],
            frames: Sequence[Sequence[str] | None], emb: np.ndarray | None = None,
            log_step: Callable[[str], None] = lambda m: None, sent_emb: np.ndarray | None = None
            ) -> "PersuasionModel":
        cfg = self.config
        para_texts = [u.text[s:e] for u in units for s, e in u.paragraphs]
        self.word = Tfidf("word", cfg.word_features).fit(para_texts)
        self.char = Tfidf(cfg.sub_word, cfg.char_features).fit(para_texts)
        groups = [u.id for u in units for _ in u.paragraphs]
        X = self.paragraph_matrix(units, emb)
        Y = np.array([[t in labels for t in TECHNIQUES] for ls in par_labels for labels in ls], dtype=np.int8)
        log_step(f"paragraph head: {X.shape[0]} paragraphs x {X.shape[1]} features")
        # technique heads: the fold models' mean (held out: en paragraph micro-F1 0.375 against 0.355 with a refit);
        # the frame head keeps a refit (its few hundred articles make half-data models weaker: ru frames 0.40 vs 0.44)
        self.par, par_oof = train_head(X, Y, groups, TECHNIQUES, C=cfg.C_par, seed=cfg.seed, with_oof=True,
                                       fold_mean=True)
        # sentence head: a sentence is positive for a technique when a gold span of it overlaps the
        # sentence by at least half of the shorter of the two
        XS, where = self.sentence_matrix(units, emb=emb, sent_emb=sent_emb)
        YS = np.zeros((len(where), len(TECHNIQUES)), dtype=np.int8)
        index = {t: i for i, t in enumerate(TECHNIQUES)}
        by_unit: dict[int, list] = {}
        for k, (ui, s, e) in enumerate(where):
            by_unit.setdefault(ui, []).append((k, s, e))
        for ui, items in by_unit.items():
            for tech, gs, ge in spans[ui]:
                for k, s, e in items:
                    ov = min(e, ge) - max(s, gs)
                    if ov > 0 and ov >= 0.5 * min(e - s, ge - gs):
                        YS[k, index[tech]] = 1
        log_step(f"sentence head: {XS.shape[0]} sentences")
        self.sent, sent_oof = train_head(XS, YS, [units[ui].id for ui, _, _ in where], TECHNIQUES, C=cfg.C_sent,
                                         seed=cfg.seed, with_oof=True, fold_mean=True)
        token_paragraphs, tok_oof = self._fit_spans(units, spans, where, sent_oof, log_step)
        if cfg.paragraph_from_sentences:
            rows = np.array([row for _, row, *_ in _sentence_rows(units)], dtype=np.int64)
            if cfg.paragraph_stack:
                F = self._paragraph_evidence(par_oof, sent_oof, rows, tok_oof, token_paragraphs)
                self.stack, stack_oof = ParagraphStack.fit(F, Y, groups, cfg.C_stack, cfg.seed)
                self.par.thresholds = tune_thresholds(stack_oof, Y)
            else:
                self.par.thresholds = tune_thresholds(
                    self._paragraph_probabilities(par_oof, sent_oof, rows, tok_oof, token_paragraphs), Y)
        # document heads
        docs = [i for i, g in enumerate(genres) if g in GENRES]
        if docs:
            XD = self.document_matrix(units, emb)
            present = sorted({genres[i] for i in docs})
            if len(present) > 1:
                self.genre_coef, self.genre_intercept = train_multiclass(
                    XD[docs], [genres[i] for i in docs], list(GENRES), C=cfg.C_doc, seed=cfg.seed)
            fdocs = [i for i, f in enumerate(frames) if f is not None and len(f)]
            if fdocs:
                YF = np.array([[f in frames[i] for f in FRAMES] for i in fdocs], dtype=np.int8)
                self.frames = train_head(XD[fdocs], YF, [units[i].id for i in fdocs], FRAMES, C=cfg.C_doc,
                                         seed=cfg.seed)
        log_step("document heads done")
        return self

    def _tokens(self, units: Sequence[Unit]
                ) -> tuple[tok.Tokens, sparse.csr_matrix, np.ndarray | None, tok.Window | None]:
        """The tokens, their hashed features and, with ``token_vectors``, their word-vector block, whose columns
        follow the hashed ones, and the word networks' input."""
        tokens = tok.tokenize(units, sentences_by_paragraph, lexicon(self.config.lang))
        if self.token_columns is None:
            self.token_columns = tok.used_columns(tok.hashed_matrix(tokens, None))
        dense = window = None
        if self.config.token_vectors != "none":
            from ..text.wordvec import word_vectors

            window = tok.window_block(tokens, word_vectors(self.config.token_vectors), units)
            dense = tok.vector_block(window, self.config.token_vector_scale)
        return tokens, tok.hashed_matrix(tokens, self.token_columns), dense, window

    def _paragraph_probabilities(self, P: np.ndarray, PS: np.ndarray, sentence_paragraphs: np.ndarray,
                                 PT: np.ndarray | None, token_paragraphs: np.ndarray | None) -> np.ndarray:
        """A paragraph's probability of each technique: the stack's over its evidence (``paragraph_stack``), or the
        paragraph head's (``P``) or, where higher, the highest of its sentences' (``PS``) and, with
        ``paragraph_from_words``, of its words' (``PT``, token-head columns)."""
        if self.stack is not None:
            return self.stack.proba(self._paragraph_evidence(P, PS, sentence_paragraphs, PT, token_paragraphs))
        P = np.maximum(P, paragraph_max(PS, sentence_paragraphs, len(P)))
        if self.config.paragraph_from_words and PT is not None and PT.shape[1]:
            cols = self.token_techniques.astype(np.int64)
            P[:, cols] = np.maximum(P[:, cols], paragraph_max(PT, token_paragraphs, len(P)))
        return P

    def _paragraph_evidence(self, P: np.ndarray, PS: np.ndarray, sentence_paragraphs: np.ndarray,
                            PT: np.ndarray | None, token_paragraphs: np.ndarray | None) -> np.ndarray:
        """Per paragraph and technique the stack's inputs (``STACK_FEATURES`` logits); the words' column is zero
        outside the token head's techniques."""
        S = paragraph_max(PS, sentence_paragraphs, len(P))
        cols = self.token_techniques.astype(np.int64)
        T = np.zeros_like(P)
        if PT is not None and PT.shape[1]:
            T[:, cols] = paragraph_max(PT, token_paragraphs, len(P))
        words = np.zeros_like(P)
        words[:, cols] = logit(T[:, cols])
        highest = np.maximum(np.maximum(P, S), T)
        return np.stack([logit(P), logit(S), words, logit(highest)], axis=-1).astype(np.float32)

    def _fit_spans(self, units, spans, where, sent_oof, log_step) -> tuple[np.ndarray, np.ndarray]:
        """The token head (on the short-span techniques), then each technique's span source (tokens,
        sentences or none) and threshold, chosen by span F1 on out-of-fold predictions of two article folds.
        Returns each token's paragraph row and the token head's out-of-fold probabilities."""
        cfg = self.config
        self.token_techniques = tok.short_span_techniques(spans, units, TECHNIQUES)
        names = [TECHNIQUES[j] for j in self.token_techniques]
        self.token_columns = None
        tokens, XT, dense, window = self._tokens(units)
        if dense is not None:
            XT = sparse.hstack([XT, sparse.csr_matrix(dense)], format="csr", dtype=np.float32)
        YT = tok.token_labels(tokens, spans, names)
        log_step(f"token head: {XT.shape[0]} tokens x {XT.shape[1]} features, {len(names)} techniques")
        folds = inner_folds_of([units[ui].id for ui in tokens.unit], cfg.seed)
        # the shipped head is the mean of the two fold models: the thresholds chosen on their out-of-fold
        # probabilities keep their meaning (a refit on all tokens is more confident and over-predicts)
        tok_oof, coef, inter = out_of_fold(XT, YT, folds, cfg.C_token, cfg.seed, tok.MAX_ITER, with_models=True)
        self.token_mlp = None
        if cfg.token_mlp and window is not None and YT.shape[1]:
            # out-of-fold probabilities from networks fitted on the other article fold, as for the logistic head
            mlp_oof = np.zeros_like(tok_oof)
            for k in np.unique(folds):
                held = folds == k
                if not held.all():  # (a single article fold holds nothing out: zeros, as out_of_fold gives)
                    net = tok.WordMLP.fit(window.take(~held), YT[~held], cfg.token_mlp, cfg.token_mlp_epochs,
                                          [cfg.seed + int(k)])
                    mlp_oof[held] = net.proba(window.take(held))
            tok_oof = (tok_oof + mlp_oof) / 2
            # unlike the logistic head, the shipped networks see all tokens: the half-data fold networks'
            # mean was held out clearly weaker (English PTC-dev span F1 0.205 against 0.218)
            self.token_mlp = tok.WordMLP.fit(window, YT, cfg.token_mlp, cfg.token_mlp_epochs, [cfg.seed, cfg.seed + 1])
            log_step(f"token network: {len(self.token_mlp.out)} x {cfg.token_mlp} units")
        credit = tok.SpanCredit([len(u.text) for u in units], spans)
        s_unit = np.array([ui for ui, _, _ in where], dtype=np.int64)
        s_start = np.array([s for _, s, _ in where], dtype=np.int64)
        s_end = np.array([e for _, _, e in where], dtype=np.int64)
        options, labels = [], []  # per technique: each option's credit, and its (mode, sentence, token threshold)
        for j, tech in enumerate(TECHNIQUES):
            # off; sentences at each sentence threshold; token runs at each threshold of the grid; then sentences
            # and token runs at each pair. The sentence thresholds are the sentence head's own (tuned for
            # sentence labels) or, with span_sentence_grid, also those of a grid, chosen here for the spans
            own = float(self.sent.thresholds[j])
            sent_grid = sorted({own, *map(float, tok.SPAN_GRID)}) if cfg.span_sentence_grid else [own]
            on = [sent_oof[:, j] >= g if len(where) else np.zeros(0, bool) for g in sent_grid]
            opts = [(0.0, 0, 0.0)] + [credit.credit(tech, s_unit[o], s_start[o], s_end[o]) for o in on]
            labs = [(tok.OFF, own, 1.0)] + [(tok.SENTENCE, g, 1.0) for g in sent_grid]
            if tech in names:
                k = names.index(tech)
                marked = [tok_oof[:, k] >= g for g in tok.SPAN_GRID]
                found = [np.array(tok.runs(m, tokens), dtype=np.int64).reshape(-1, 2) for m in marked]
                opts += [credit.credit(tech, tokens.unit[r[:, 0]], tokens.start[r[:, 0]], tokens.end[r[:, 1]])
                         for r in found]
                labs += [(tok.TOKEN, own, float(g)) for g in tok.SPAN_GRID]
                for sg, o in zip(sent_grid, on):
                    for g, m, r in zip(tok.SPAN_GRID, marked, found):
                        # the sentences whole, or (span_clip) each cut to its words at the runs' threshold
                        for clipped in (False, True) if cfg.span_clip else (False,):
                            ss, se = s_start[o], s_end[o]
                            if clipped:
                                ss, se = tok.clip(s_unit[o], ss, se, m, tokens)
                            opts.append(credit.credit(tech, *tok.unique_spans(
                                np.concatenate([s_unit[o], tokens.unit[r[:, 0]]]),
                                np.concatenate([ss, tokens.start[r[:, 0]]]), np.concatenate([se, tokens.end[r[:, 1]]]))))
                            labs.append((tok.BOTH_CLIPPED if clipped else tok.BOTH, sg, float(g)))
            options.append(opts)
            labels.append(labs)
        choice = tok.choose_modes(options, [credit.n_gold(t) for t in TECHNIQUES])
        thresholds = np.ones(len(names), dtype=np.float32)
        for j, c in enumerate(choice):
            mode, sent_threshold, token_threshold = labels[j][c]
            self.span_mode[j] = mode
            # the sentence head decides nothing but sentence spans, so its thresholds become the spans'
            self.sent.thresholds[j] = sent_threshold
            if mode in tok.WITH_TOKENS:
                thresholds[names.index(TECHNIQUES[j])] = token_threshold
        self.token = MultiLabelHead(tuple(names), coef, inter, thresholds)
        log_step("span sources: " + ", ".join(f"{t}={tok.MODE_NAMES[m]}"
                                              for t, m in zip(TECHNIQUES, self.span_mode) if m != tok.OFF))
        return tokens.paragraph, tok_oof

    # inference ------------------------------------------------------------
    def predict(self, units: Sequence[Unit], emb: np.ndarray | None = None,
                sent_emb: np.ndarray | None = None) -> list[Prediction]:
        if not units:
            return []
        article_tokens = ArticleTokens([u.text for u in units])  # found once for every TF-IDF block
        X = self.paragraph_matrix(units, emb, article_tokens)
        P = self.par.proba(X) if X.shape[0] else np.zeros((0, len(TECHNIQUES)))
        XS, where = self.sentence_matrix(units, article_tokens, emb, sent_emb)
        PS = self.sent.proba(XS) if XS.shape[0] else np.zeros((0, len(TECHNIQUES)))
        columns = [k for k, j in enumerate(self.token_techniques) if self.span_mode[j] in tok.WITH_TOKENS]
        tokens = PT = None
        if self.token is not None and (columns or self.config.paragraph_from_words or self.stack is not None):
            tokens, XT, dense, window = self._tokens(units)
            PT = self.token.proba(XT, dense) if len(tokens) else np.zeros((0, len(self.token.labels)))
            if self.token_mlp is not None and len(tokens):
                PT = (PT + self.token_mlp.proba(window)) / 2
        if self.config.paragraph_from_sentences:
            rows = np.array([row for _, row, *_ in _sentence_rows(units)], dtype=np.int64)
            P = self._paragraph_probabilities(P, PS, rows, PT, tokens.paragraph if tokens is not None else None)
        D = self.par.decide(P)
        DS = self.sent.decide(PS)
        XD = self.document_matrix(units, emb, article_tokens)
        out: list[Prediction] = []
        decided: list[dict[str, float]] = [{} for _ in range(len(P))]
        for i, j in zip(*np.nonzero(D)):
            decided[i][TECHNIQUES[j]] = float(P[i, j])
        i = 0
        for ui, u in enumerate(units):
            paras = []
            for (s, e) in u.paragraphs:
                paras.append((s, e, decided[i]))
                i += 1
            genre, basis = {}, "model"
            if self.genre_coef is not None:
                probs = softmax(np.asarray(XD[ui] @ self.genre_coef.T).ravel() + self.genre_intercept)
                genre, basis = decide_genre({g: float(p) for g, p in zip(GENRES, probs)}, u.text, self.config.lang)
            frames = {}
            if self.frames is not None:
                pf = self.frames.proba(XD[ui]).ravel()
                frames = {FRAMES[j]: float(pf[j]) for j in np.flatnonzero(pf >= self.frames.thresholds)}
            out.append(Prediction(paras, [], genre, frames, basis))
        for j in np.flatnonzero(np.isin(self.span_mode, tok.WITH_SENTENCES)):
            rows = np.flatnonzero(DS[:, j])
            if not len(rows):
                continue
            unit = np.array([where[k][0] for k in rows], dtype=np.int64)
            starts = np.array([where[k][1] for k in rows], dtype=np.int64)
            ends = np.array([where[k][2] for k in rows], dtype=np.int64)
            if self.span_mode[j] == tok.BOTH_CLIPPED and PT is not None:
                c = list(self.token.labels).index(TECHNIQUES[j])
                starts, ends = tok.clip(unit, starts, ends, PT[:, c] >= self.token.thresholds[c], tokens)
            for k, ui, s, e in zip(rows, unit, starts, ends):
                out[ui].spans.append((TECHNIQUES[j], int(s), int(e), float(PS[k, j])))
        if PT is not None and columns:
            sentence_spans = {(ui, t, s, e) for ui, p in enumerate(out) for t, s, e, _ in p.spans}
            for ui, tech, s, e, score in tok.decode(tokens, PT, columns, self.token.thresholds, self.token.labels):
                if (ui, tech, s, e) not in sentence_spans:  # a run that is a whole sentence is given once
                    out[ui].spans.append((tech, s, e, score))
        for p in out:
            if p.genre and max(p.genre, key=p.genre.get) == "reporting":
                # the thresholds, chosen for recall on corpora of mostly opinion pieces, let weak sentences of a news
                # report through ("Пограничники ответили огнём." as Doubt at 0.08); a report keeps its surer spans
                p.spans[:] = [x for x in p.spans if x[3] >= REPORTING_SPAN_FLOOR]
        return out

    # persistence ----------------------------------------------------------
    def save(self, directory: Path) -> list[Path]:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        wv, wi = self.word.state()
        cv, ci = self.char.state()
        arrays = {"word_idf": wi, "char_idf": ci}
        for name, head in (("par", self.par), ("sent", self.sent), ("frames", self.frames), ("token", self.token)):
            if head is not None:
                arrays[f"{name}_coef"] = head.coef.astype(np.float16)
                arrays[f"{name}_intercept"] = head.intercept
                arrays[f"{name}_thresholds"] = head.thresholds
        if self.genre_coef is not None:
            arrays["genre_coef"] = self.genre_coef.astype(np.float16)
            arrays["genre_intercept"] = self.genre_intercept
        arrays["span_mode"] = self.span_mode
        if self.token is not None:
            arrays["token_columns"] = self.token_columns
            arrays["token_techniques"] = self.token_techniques
        if self.token_mlp is not None:
            arrays.update(self.token_mlp.arrays("token_mlp"))
        if self.stack is not None:
            arrays["stack_coef"] = self.stack.coef
            arrays["stack_intercept"] = self.stack.intercept
        weights = directory / f"{self.config.lang}.npz"
        np.savez_compressed(weights, **arrays)
        vocab = directory / f"{self.config.lang}.vocab.json"
        vocab.write_text(json.dumps({"word": list(wv), "char": list(cv)}, ensure_ascii=False), encoding="utf-8")
        meta = directory / f"{self.config.lang}.json"
        meta.write_text(json.dumps({"config": self.config.__dict__, "techniques": list(TECHNIQUES),
                                    "frames": list(FRAMES), "genres": list(GENRES)},
                                   ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        return [weights, vocab, meta]

    @classmethod
    def load(cls, directory: Path, lang: str) -> "PersuasionModel":
        directory = Path(directory)
        meta = json.loads((directory / f"{lang}.json").read_text(encoding="utf-8"))
        known = {f.name for f in fields(Config)}
        # settings of older versions that no longer exist (version 1's phrase narrowing) are ignored
        model = cls(Config(**{k: v for k, v in meta["config"].items() if k in known}))
        vocab = json.loads((directory / f"{lang}.vocab.json").read_text(encoding="utf-8"))
        with np.load(directory / f"{lang}.npz") as z:
            a = {k: z[k] for k in z.files}
        model.word = Tfidf("word", 0, {w: i for i, w in enumerate(vocab["word"])}, a["word_idf"])
        model.char = Tfidf(model.config.sub_word, 0, {w: i for i, w in enumerate(vocab["char"])}, a["char_idf"])
        model.token_techniques = a.get("token_techniques", model.token_techniques)
        labels = {"par": TECHNIQUES, "sent": TECHNIQUES, "frames": FRAMES,
                  "token": tuple(TECHNIQUES[j] for j in model.token_techniques)}
        for name in labels:
            if f"{name}_coef" in a:
                setattr(model, name, MultiLabelHead(labels[name], a[f"{name}_coef"].astype(np.float32),
                                                    a[f"{name}_intercept"], a[f"{name}_thresholds"]))
        if "genre_coef" in a:
            model.genre_coef = a["genre_coef"].astype(np.float32)
            model.genre_intercept = a["genre_intercept"]
        if "span_mode" in a:
            model.span_mode = a["span_mode"]
            model.token_columns = a.get("token_columns")
        model.token_mlp = tok.WordMLP.from_arrays(a, "token_mlp")
        if "stack_coef" in a:
            model.stack = ParagraphStack(a["stack_coef"], a["stack_intercept"])
        if model.token is not None and model.config.token_vectors != "none":
            from ..text.wordvec import word_vectors

            word_vectors(model.config.token_vectors)  # loaded with the model, not on the first document
        return model

