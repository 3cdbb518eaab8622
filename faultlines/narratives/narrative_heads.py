"""SemEval-2025 T10 subtask-2 heads: features from the shared encoding, logistic regressions, the decision rule.

One logistic regression per narrative and per subnarrative (one-vs-rest,
fitted jointly by :func:`faultlines.persuasion.heads.fit_binary`) reads the
standardized document features of the shared encoder. The decision rule keeps
the taxonomy's hierarchy and the dataset's conventions:

* narratives whose probability reaches ``t_coarse`` (and ``rel`` times the
  best one) are predicted; none -> the document is ``Other`` / ``Other``;
* under each predicted narrative, its subnarratives reaching ``t_fine``, else
  its single most probable one (which may be ``<narrative>: Other``, a label of
  the dataset), so a subnarrative always comes with its narrative.

These parameters are tuned per language on out-of-fold probabilities of the
training documents (English has half its documents ``Other``; Russian none).
Weights are plain arrays (``.npz``) and JSON, never pickles.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
from threadpoolctl import threadpool_limits

from ..persuasion.heads import fit_binary, sigmoid
from ..text.encode import Encoding
from .taxonomy import MODEL_DIR, OTHER, narrative_of, semeval_labels

HEADS_STEM = MODEL_DIR / "narratives_semeval"
FEATURES = ("doc", "title", "max", "mean")
GRID_COARSE = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)
GRID_FINE = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 1.01)  # 1.01: only the best subnarrative
GRID_REL = (0.0, 0.3, 0.5, 0.7)
MIN_POSITIVES = 2  # labels seen fewer times in training are never predicted


# The SemEval-2025 taxonomy has two domains; a text gets a domain's narratives only when it speaks of that domain. Every
# English training document labelled with a Ukraine-war narrative names Ukraine or its war (77 of 77; Russian 130 of
# 133), while Central Asian news and commentary about Russia need not, and there the heads read "Praise of Russia" or
# "Russia is the Victim" into arrests and protests.
_DOMAIN_TERMS = {
    "URW": re.compile(r"ukrain|kyiv|kiev|zelensk|donbas|donetsk|luhansk|crimea|kherson|zaporizh|kharkiv|bakhmut|mariupol|"
                      r"special military operation|украин|киев|зеленск|\bвсу\b|донбас|донецк|луганск|крым|херсон|запорож|"
                      r"харьков|бахмут|мариупол|\bсво\b|специальн\w+ военн\w+ операци", re.I),
    "CC": re.compile(r"climat|global warming|emission|carbon|\bco2\b|net.zero|greenhouse|fossil fuel|renewable|\bipcc\b|"
                     r"\bcop ?\d|paris agreement|климат|потеплени|выброс|углерод|парников|возобновляем|парижск", re.I),
}


def in_domain(narrative: str, text: str) -> bool:
    """Whether ``text`` speaks of the domain of a SemEval-2025 narrative ("URW: …", "CC: …"); other labels pass."""
    pattern = _DOMAIN_TERMS.get(narrative.split(":", 1)[0])
    return pattern is None or pattern.search(text) is not None


def fold_of(doc_id: str, folds: int, seed: int) -> int:
    """Deterministic document-level fold (a hash: adding documents moves no others)."""
    h = hashlib.sha1(f"{seed}:{doc_id}".encode()).digest()
    return int.from_bytes(h[:4], "big") % folds


def encoding_features(encoding: Encoding, kinds: Sequence[str]) -> np.ndarray:
    """The document's feature row: its vector, the title's, and max / mean over paragraphs, as configured."""
    vectors = encoding.vectors
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[1] else len(encoding.document)
    if not len(vectors):
        vectors = np.zeros((1, dim), dtype=np.float32)
    parts = {
        "doc": lambda: encoding.document,
        "title": lambda: encoding.title if encoding.title is not None else np.zeros(dim, dtype=np.float32),
        "max": lambda: vectors.max(0),
        "mean": lambda: vectors.mean(0),
    }
    return np.concatenate([np.asarray(parts[k](), dtype=np.float32) for k in kinds])


@dataclass(frozen=True)
class Config:
    features: tuple[str, ...] = ("doc",)
    C: float = 0.01
    seed: int = 13
    inner_folds: int = 4
    max_iter: int = 100


@dataclass(frozen=True)
class Decision:
    t_coarse: float = 0.3
    t_fine: float = 0.3
    rel: float = 0.0


def coarse_and_fine_labels() -> tuple[list[str], list[str]]:
    """The trainable labels: every narrative and subnarrative except the bare ``Other``."""
    coarse, fine = semeval_labels()
    return [c for c in coarse if c != OTHER], [f for f in fine if f != OTHER]


def label_matrix(label_sets: Sequence[Sequence[str]], labels: Sequence[str]) -> np.ndarray:
    index = {label: i for i, label in enumerate(labels)}
    Y = np.zeros((len(label_sets), len(labels)), dtype=np.float64)
    for row, values in enumerate(label_sets):
        for value in values:
            if value in index:
                Y[row, index[value]] = 1.0
    return Y


def decide(pc: np.ndarray, pf: np.ndarray, parent: np.ndarray, d: Decision) -> tuple[np.ndarray, np.ndarray]:
    """Boolean (documents x narratives) and (documents x subnarratives) predictions; all-False rows mean Other."""
    top = pc.max(1, keepdims=True) if pc.size else np.zeros((len(pc), 1))
    chosen = (pc >= d.t_coarse) & (pc >= d.rel * top)
    fine = (pf >= d.t_fine) & chosen[:, parent]
    for c in range(pc.shape[1]):
        cols = np.flatnonzero(parent == c)
        if not len(cols):
            continue
        need = chosen[:, c] & ~fine[:, cols].any(1)
        rows = np.flatnonzero(need)
        fine[rows, cols[pf[rows][:, cols].argmax(1)]] = True
    return chosen, fine


def samples_f1(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Per-document F1 exactly as the official subtask-2 scorer computes it (0 when nothing is shared)."""
    tp = (gold & pred).sum(1)
    return np.where(tp > 0, 2 * tp / np.maximum(gold.sum(1) + pred.sum(1), 1), 0.0)


def with_other(chosen: np.ndarray) -> np.ndarray:
    """Append the ``Other`` column: set where nothing else is."""
    return np.hstack([chosen, ~chosen.any(1, keepdims=True)])


def tune_decision(pc, pf, gold_c, gold_f, parent) -> Decision:
    """The grid point maximizing coarse + fine samples-F1 (gold matrices include the Other column)."""
    best, best_score = Decision(), -1.0
    for t_c in GRID_COARSE:
        for rel in GRID_REL:
            for t_f in GRID_FINE:
                d = Decision(t_c, t_f, rel)
                chosen, fine = decide(pc, pf, parent, d)
                score = samples_f1(gold_c, with_other(chosen)).mean() + samples_f1(gold_f, with_other(fine)).mean()
                if score > best_score + 1e-12:
                    best, best_score = d, score
    return best


@dataclass
class NarrativeHeads:
    """Trained SemEval-2025 heads: standardization, coarse and fine logistic weights, per-language decisions."""

    config: Config
    backend: str
    coarse: list[str]
    fine: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef_coarse: np.ndarray
    bias_coarse: np.ndarray
    coef_fine: np.ndarray
    bias_fine: np.ndarray
    decisions: dict[str, Decision] = field(default_factory=dict)
    trained_on: dict = field(default_factory=dict)

    @property
    def parent(self) -> np.ndarray:
        return np.array([self.coarse.index(narrative_of(f)) for f in self.fine], dtype=np.int64)


    def probabilities(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        Z = (np.asarray(X, dtype=np.float32) - self.mean) / self.scale
        return sigmoid(Z @ self.coef_coarse.T + self.bias_coarse), sigmoid(Z @ self.coef_fine.T + self.bias_fine)

    def decision(self, lang: str | None) -> Decision:
        return self.decisions.get(lang or "", self.decisions.get("*", Decision()))

    def predict(self, X: np.ndarray, langs: Sequence[str | None]) -> list[list[tuple[str, str, float, float]]]:
        """Per document: (narrative, subnarrative, narrative probability, subnarrative probability) pairs,
        ``[("Other", "Other", p, p)]`` when no narrative applies (p: 1 - the best narrative probability)."""
        pc, pf = self.probabilities(X)
        parent = self.parent
        out = []
        for i, lang in enumerate(langs):
            chosen, fine = decide(pc[i:i + 1], pf[i:i + 1], parent, self.decision(lang))
            pairs = [(self.coarse[parent[j]], self.fine[j], float(pc[i, parent[j]]), float(pf[i, j]))
                     for j in np.flatnonzero(fine[0])]
            if not pairs:
                p = 1.0 - float(pc[i].max()) if pc.shape[1] else 1.0
                pairs = [(OTHER, OTHER, p, p)]
            out.append(sorted(pairs, key=lambda x: (-x[2], x[0], -x[3], x[1])))
        return out

    # ------------------------------------------------------------------ persistence
    def save(self, stem: Path) -> list[Path]:
        stem = Path(stem)
        stem.parent.mkdir(parents=True, exist_ok=True)
        npz, meta = stem.with_suffix(".npz"), stem.with_suffix(".json")
        np.savez_compressed(npz, mean=self.mean, scale=self.scale, coef_coarse=self.coef_coarse,
                            bias_coarse=self.bias_coarse, coef_fine=self.coef_fine, bias_fine=self.bias_fine)
        meta.write_text(json.dumps({
            "config": asdict(self.config), "backend": self.backend, "coarse": self.coarse, "fine": self.fine,
            "decisions": {k: asdict(v) for k, v in sorted(self.decisions.items())}, "trained_on": self.trained_on,
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return [npz, meta]

    @classmethod
    def load(cls, stem: Path) -> "NarrativeHeads":
        stem = Path(stem)
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        config = meta["config"]
        config["features"] = tuple(config["features"])
        with np.load(stem.with_suffix(".npz")) as z:
            arrays = {k: z[k] for k in z.files}
        return cls(Config(**config), meta["backend"], meta["coarse"], meta["fine"], arrays["mean"], arrays["scale"],
                   arrays["coef_coarse"], arrays["bias_coarse"], arrays["coef_fine"], arrays["bias_fine"],
                   {k: Decision(**v) for k, v in meta["decisions"].items()}, meta.get("trained_on", {}))


def _fit_weights(X: np.ndarray, Y: np.ndarray, config: Config) -> tuple[np.ndarray, np.ndarray]:
    with threadpool_limits(1):  # one BLAS thread: the same weights whatever the machine's core count
        coef, bias = fit_binary(X, Y, config.C, config.seed, max_iter=config.max_iter)
    rare = Y.sum(0) < MIN_POSITIVES
    coef[rare] = 0.0
    bias[rare] = -30.0  # never predicted
    return coef, bias


def _standardize(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return X.mean(0).astype(np.float32), (X.std(0) + 1e-6).astype(np.float32)


def fit_probabilities(X_train, narratives, subnarratives, X_test, config: Config) -> tuple[np.ndarray, np.ndarray]:
    """Coarse and fine probabilities of ``X_test`` from heads fitted on the training rows."""
    heads = fit_weights_only(X_train, narratives, subnarratives, config)
    return heads.probabilities(X_test)


def fit_weights_only(X, narratives, subnarratives, config: Config, backend: str = "") -> NarrativeHeads:
    coarse, fine = coarse_and_fine_labels()
    X = np.asarray(X, dtype=np.float32)
    mean, scale = _standardize(X)
    Z = (X - mean) / scale
    cc, bc = _fit_weights(Z, label_matrix(narratives, coarse), config)
    cf, bf = _fit_weights(Z, label_matrix(subnarratives, fine), config)
    return NarrativeHeads(config, backend, coarse, fine, mean, scale, cc, bc, cf, bf)


def fit_heads(X: np.ndarray, ids: Sequence[str], langs: Sequence[str], narratives: Sequence[Sequence[str]],
              subnarratives: Sequence[Sequence[str]], config: Config, backend: str) -> NarrativeHeads:
    """Heads on all rows; each language's decision tuned on out-of-fold probabilities (inner document folds)."""
    X = np.asarray(X, dtype=np.float32)
    coarse, fine = coarse_and_fine_labels()
    folds = np.array([fold_of(i, config.inner_folds, config.seed + 1) for i in ids])
    pc = np.zeros((len(X), len(coarse)), dtype=np.float32)
    pf = np.zeros((len(X), len(fine)), dtype=np.float32)
    for k in range(config.inner_folds):
        train, test = folds != k, folds == k
        if not train.any() or not test.any():
            continue
        pc[test], pf[test] = fit_probabilities(X[train], [narratives[i] for i in np.flatnonzero(train)],
                                               [subnarratives[i] for i in np.flatnonzero(train)], X[test], config)
    heads = fit_weights_only(X, narratives, subnarratives, config, backend)
    parent = heads.parent
    gold_c = with_other(label_matrix(narratives, coarse).astype(bool))
    gold_f = with_other(label_matrix(subnarratives, fine).astype(bool))
    langs = list(langs)
    for lang in sorted(set(langs)):
        rows = np.array([lg == lang for lg in langs])
        heads.decisions[lang] = tune_decision(pc[rows], pf[rows], gold_c[rows], gold_f[rows], parent)
    heads.decisions["*"] = tune_decision(pc, pf, gold_c, gold_f, parent)
    heads.trained_on = {lang: int(sum(lg == lang for lg in langs)) for lang in sorted(set(langs))}
    return heads
