"""Few-shot detection of the regional and user-defined narratives, without training documents.

Every definition and example phrasing of the taxonomy files is embedded with
the shared encoder. A multinomial logistic regression over those vectors
learns one class per narrative plus a background class; the background is
the plain-reporting sentences of ``resources/background.toml`` and 300
k-means centroids of news paragraphs (the SemEval-2025 T10 documents,
shipped as vectors in ``model/narratives_background.npz``), which teach it
what ordinary news on the same topics looks like. A paragraph (or the title)
pushes a narrative when that narrative's probability reaches the threshold;
the document takes its best paragraph as evidence. The subnarrative is the
one whose definition or example lies nearest that paragraph (``<narrative>:
Other`` when the nearest text is the narrative's own).
"""
from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from threadpoolctl import threadpool_limits

from .taxonomy import (
    MODEL_DIR,
    OTHER,
    Taxonomy,
    cache_dir,
    load_taxonomy,
    user_taxonomy_paths,
)

log = logging.getLogger(__name__)

THRESHOLD = 0.5
SENTENCE_THRESHOLD = 0.3
C = 100.0
MIN_TEXTS = 13  # the shipped narratives' smallest count: a definition and twelve examples
SHIPPED_STEM = MODEL_DIR / "narratives_regional"
BACKGROUND_FILE = MODEL_DIR / "narratives_background.npz"
CACHE_FILE_STEM = "narratives_regional"
Encode = Callable[[list[str]], np.ndarray]


def cache_stem() -> Path:
    return cache_dir() / CACHE_FILE_STEM


def active_stem() -> Path:
    """The model the analyzer uses: the last ``reload``'s, else the shipped one."""
    stem = cache_stem()
    return stem if stem.with_suffix(".json").exists() else SHIPPED_STEM


# a paragraph that mostly reports (others' words, events) carries a narrative from this probability on (version 11)
REPORTED_PARAGRAPH_THRESHOLD = 0.6
# an author's sentence with this many distinct cue words of one narrative ("структуры Сороса годами вкладывали деньги в
# киргизские НКО") carries it from STRONG_CUE_THRESHOLD: the encoder may place an argued sentence far from every example
STRONG_CUES = 3
STRONG_CUE_THRESHOLD = 0.02


@dataclass
class Hit:
    narrative: str
    subnarrative: str
    score: float
    unit: int  # index of the paragraph / title row that carries the narrative (-1: a sentence does)
    sentence: int | None = None  # index of the sentence that carries it, when no paragraph does


@dataclass(frozen=True)
class Sentences:
    """A document's sentence vectors with their texts and the document's language (for the cues)."""

    vectors: np.ndarray
    texts: Sequence[str]
    language: str | None
    blocked: frozenset[int] = frozenset()  # sentences that state an opponent's debunked claim or motive
    # sentences that pass on someone else's words or tell an event: they carry a narrative only at the full
    # threshold, never in the zone a commentator's own sentence may ("The Kremlin accused Western media of lies")
    reported: frozenset[int] = frozenset()


@dataclass
class RegionalModel:
    """Prototype vectors (for the subnarrative choice) and the narrative-vs-background classifier."""

    backend: str
    fingerprint: str
    sources: list[str]
    narratives: list[dict]  # {name, threshold, subnarratives: [name, ...]}
    prototypes: np.ndarray  # one row per definition / example
    owner: np.ndarray  # narrative index of each prototype
    sub: np.ndarray  # subnarrative index, -1 for the narrative's own texts
    coef: np.ndarray  # (narratives + 1, dim); the last row is the background
    intercept: np.ndarray
    texts: list[str]  # the prototypes' texts, then the background texts'
    background: np.ndarray  # vectors of the background texts (the centroids are shipped apart)
    threshold: float = THRESHOLD
    # a sentence that matches a narrative's cues carries it from this probability on, when the narrative is also
    # the sentence's most probable one (version 4; docs/narratives.md)
    sentence_threshold: float | None = SENTENCE_THRESHOLD
    sentence_argmax: bool = True
    _compiled: list | None = field(default=None, repr=False, compare=False)

    def known_vectors(self) -> dict[str, np.ndarray]:
        """text -> vector of every text this model embedded (``reload`` re-encodes only new texts)."""
        return dict(zip(self.texts, np.vstack([self.prototypes, self.background]) if len(self.texts) else []))

    def probabilities(self, units: np.ndarray) -> np.ndarray:
        """(units x narratives) probabilities; the background's share is left out."""
        if not len(units) or not self.narratives:
            return np.zeros((len(units), len(self.narratives)), dtype=np.float32)
        z = np.asarray(units, dtype=np.float32) @ self.coef.T + self.intercept
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        return p[:, :-1]

    def detect(self, units: np.ndarray, sentences: Sentences | None = None,
               blocked_units: Sequence[int] = (), reported_units: Sequence[int] = ()) -> list[Hit]:
        """The narratives a document's units (paragraph and title vectors) push, best first.

        With ``sentences``, a narrative that no paragraph reaches may still be carried by one sentence that
        reaches the threshold and matches the narrative's cue patterns for the language: commentary argues
        several narratives in one paragraph, whose vector then lies near none of them, while a single
        sentence is too weak a unit without a cue (it fires on unrelated news). ``blocked_units`` and
        ``sentences.blocked`` are never evidence (they state a narrative the text rebuts); ``reported_units``
        (paragraphs most of whose sentences pass on others' words or tell an event) carry one only from
        ``REPORTED_PARAGRAPH_THRESHOLD``."""
        probs = self.probabilities(units)
        probs[list(blocked_units)] = 0.0
        reported = list(reported_units)
        probs[reported] = np.where(probs[reported] >= REPORTED_PARAGRAPH_THRESHOLD, probs[reported], 0.0)
        hits: dict[str, Hit] = {}
        for n, meta in enumerate(self.narratives):
            if not len(units):
                break
            best = int(probs[:, n].argmax())
            score = float(probs[best, n])
            if score >= self._threshold(n):
                hits[meta["name"]] = Hit(meta["name"], self._subnarrative(n, units[best]), score, best)
        if sentences is not None and len(sentences.vectors):
            sentence_probs = self.probabilities(sentences.vectors)
            sentence_probs[list(sentences.blocked)] = 0.0
            for n, meta in enumerate(self.narratives):
                cues = self._cue_patterns(n).get(sentences.language or "")
                if not cues or meta["name"] in hits:
                    continue
                for i in np.argsort(-sentence_probs[:, n], kind="stable"):
                    score = float(sentence_probs[i, n])
                    if score < self._sentence_threshold(n):
                        break
                    # (the most probable of the narratives whose cue words the sentence has: "Россия не обязана
                    # спасать забывчивых друзей" lies nearer the guarantor, which it names no cue of)
                    if self.sentence_argmax and self._outranked(n, sentence_probs[i], sentences.language,
                                                                sentences.texts[i]):
                        continue
                    if score < self._threshold(n) and int(i) in sentences.reported:
                        continue
                    if all(cue.search(sentences.texts[i]) for cue in cues):
                        subnarrative = self._subnarrative(n, sentences.vectors[i])
                        hits[meta["name"]] = Hit(meta["name"], subnarrative, score, -1, int(i))
                        break
            for n, meta in enumerate(self.narratives):
                if meta["name"] in hits or not self._cue_patterns(n).get(sentences.language or ""):
                    continue
                for i in np.argsort(-sentence_probs[:, n], kind="stable"):
                    score = float(sentence_probs[i, n])
                    if score < STRONG_CUE_THRESHOLD:
                        break
                    if int(i) in sentences.reported or int(i) in sentences.blocked \
                            or self._cue_count(n, sentences.language, sentences.texts[i]) < STRONG_CUES:
                        continue
                    if self._outranked(n, sentence_probs[i], sentences.language, sentences.texts[i]):
                        continue
                    hits[meta["name"]] = Hit(meta["name"], self._subnarrative(n, sentences.vectors[i]), score, -1, int(i))
                    break
        for name in self.rebutted(sentences):
            hits.pop(name, None)  # what the rest of a rebuttal says of the same topic does not push it
        return sorted(hits.values(), key=lambda h: (-h.score, h.narrative))

    def _cues_match(self, n: int, language: str | None, text: str) -> bool:
        cues = self._cue_patterns(n).get(language or "")
        return bool(cues) and all(cue.search(text) for cue in cues)

    def _outranked(self, n: int, probs: np.ndarray, language: str | None, text: str) -> bool:
        """Whether another narrative whose cue words the sentence has is more probable for it than ``n``."""
        return any(probs[k] > probs[n] for k in range(len(self.narratives))
                   if k != n and self._cues_match(k, language, text))

    def _cue_count(self, n: int, language: str | None, text: str) -> int:
        """How many distinct cue words of narrative ``n`` the text has (each pattern's matches, lower-cased)."""
        cues = self._cue_patterns(n).get(language or "")
        return len({m.group(0).lower() for cue in cues or () for m in cue.finditer(text)})

    def rebutted(self, sentences: Sentences | None) -> set[str]:
        """The narratives a text rebuts: those its blocked sentences (the opponent's debunked claims and motives)
        carry as their most probable narrative at the sentence threshold ("Myth 1: Only the CSTO can keep Central
        Asia safe." rebuts the guarantor narrative, whatever the facts after it say of Russian troops)."""
        if sentences is None or not sentences.blocked or not self.narratives:
            return set()
        probs = self.probabilities(sentences.vectors[sorted(sentences.blocked)])
        return {self.narratives[n]["name"] for n, p in ((int(row.argmax()), row) for row in probs)
                if p[n] >= self._sentence_threshold(n)}

    def _threshold(self, n: int) -> float:
        return self.narratives[n].get("threshold") or self.threshold

    def _sentence_threshold(self, n: int) -> float:
        own = self.narratives[n].get("threshold")
        return own if own else (self.sentence_threshold if self.sentence_threshold is not None else self.threshold)

    def _subnarrative(self, n: int, vector: np.ndarray) -> str:
        """The subnarrative whose definition or example lies nearest ``vector`` (``<narrative>: Other`` when
        the nearest is the narrative's own)."""
        meta = self.narratives[n]
        mine = np.flatnonzero(self.owner == n)
        nearest = int(mine[int((self.prototypes[mine] @ vector).argmax())]) if len(mine) else -1
        j = int(self.sub[nearest]) if nearest >= 0 else -1
        subs = meta.get("subnarratives", [])
        return subs[j] if 0 <= j < len(subs) else f"{meta['name']}: {OTHER}"

    def _cue_patterns(self, n: int) -> dict[str, list[re.Pattern]]:
        if self._compiled is None:
            self._compiled = [
                {lang: [re.compile(p, re.IGNORECASE) for p in patterns] for lang, patterns in m.get("cues", {}).items()}
                for m in self.narratives
            ]
        return self._compiled[n]

    def save(self, stem: Path) -> list[Path]:
        """``stem``.npz + ``stem``.json, each replaced atomically (the json last: it marks the version)."""
        stem = Path(stem)
        stem.parent.mkdir(parents=True, exist_ok=True)
        npz, meta = stem.with_suffix(".npz"), stem.with_suffix(".json")
        tmp_npz, tmp_meta = stem.with_name(stem.name + ".tmp.npz"), stem.with_name(stem.name + ".tmp.json")
        np.savez_compressed(tmp_npz, prototypes=self.prototypes.astype(np.float32), owner=self.owner.astype(np.int32),
                            sub=self.sub.astype(np.int32), coef=self.coef.astype(np.float32),
                            intercept=self.intercept.astype(np.float32), background=self.background.astype(np.float32))
        tmp_meta.write_text(json.dumps({
            "backend": self.backend, "fingerprint": self.fingerprint, "sources": self.sources,
            "threshold": self.threshold, "sentence_threshold": self.sentence_threshold,
            "sentence_argmax": self.sentence_argmax, "narratives": self.narratives, "texts": self.texts,
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp_npz, npz)
        os.replace(tmp_meta, meta)
        return [npz, meta]

    @classmethod
    def load(cls, stem: Path) -> "RegionalModel":
        stem = Path(stem)
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        with np.load(stem.with_suffix(".npz")) as z:
            arrays = {k: z[k] for k in z.files}
        if arrays["coef"].shape[0] != len(meta["narratives"]) + 1:
            raise ValueError(f"{stem}: weights and narratives disagree; run `faultlines narratives reload`")
        return cls(meta["backend"], meta["fingerprint"], meta["sources"], meta["narratives"],
                   arrays["prototypes"].astype(np.float32), arrays["owner"].astype(np.int64),
                   arrays["sub"].astype(np.int64), arrays["coef"], arrays["intercept"], meta["texts"],
                   arrays["background"].astype(np.float32), meta["threshold"],
                   meta.get("sentence_threshold", SENTENCE_THRESHOLD), meta.get("sentence_argmax", True))


def background_centroids(path: Path = BACKGROUND_FILE) -> np.ndarray:
    """The shipped news-paragraph centroids (an empty array when absent)."""
    if not Path(path).exists():
        return np.zeros((0, 0), dtype=np.float32)
    with np.load(path) as z:
        return z["centroids"].astype(np.float32)


def paragraph_centroids(vectors: np.ndarray, k: int = 300, seed: int = 13) -> np.ndarray:
    """``k`` k-means centroids (L2-normalized) of news paragraph vectors: the detector's topical background."""
    from sklearn.cluster import KMeans

    k = max(1, min(k, len(vectors) // 2))
    with threadpool_limits(1):
        centres = KMeans(k, random_state=seed, n_init=2).fit(np.asarray(vectors, dtype=np.float64)).cluster_centers_
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
    return centres.astype(np.float32)


def prototype_rows(taxonomy: Taxonomy) -> list[tuple[int, int, str]]:
    """(narrative index, subnarrative index or -1, text) for every definition and example."""
    rows = []
    for i, n in enumerate(taxonomy.narratives):
        rows.append((i, -1, n.definition))
        rows += [(i, -1, text) for _, text in n.examples]
        for j, s in enumerate(n.subnarratives):
            rows.append((i, j, s.definition))
            rows += [(i, j, text) for _, text in s.examples]
    return rows


def build_regional_model(taxonomy: Taxonomy, encode: Encode, backend: str, centroids: np.ndarray | None = None,
                         seed: int = 13, known: dict[str, np.ndarray] | None = None) -> RegionalModel:
    """Embed the taxonomy's texts (those not in ``known``) and fit the narrative-vs-background classifier
    (deterministic)."""
    from sklearn.linear_model import LogisticRegression

    rows = prototype_rows(taxonomy)
    texts = [text for *_, text in rows] + [text for _, text in taxonomy.background]
    known = dict(known or {})
    new = [t for t in dict.fromkeys(texts) if t not in known]
    if new:
        known.update(zip(new, np.asarray(encode(new), dtype=np.float32)))
    vectors = np.stack([known[t] for t in texts]).astype(np.float32)
    prototypes, background = vectors[: len(rows)], vectors[len(rows):]
    negatives = background
    centroids = background_centroids() if centroids is None else centroids
    if centroids.size:
        if centroids.shape[1] != prototypes.shape[1]:
            raise ValueError(f"background centroids have {centroids.shape[1]} dimensions, the {backend} encoder "
                             f"{prototypes.shape[1]}: retrain with `faultlines train narratives`")
        negatives = np.vstack([background, centroids])
    n = len(taxonomy.narratives)
    owner = np.array([r[0] for r in rows], dtype=np.int64)
    dim = prototypes.shape[1] if prototypes.ndim == 2 else 0
    if n:
        X = np.vstack([prototypes, negatives])
        y = np.concatenate([owner, np.full(len(negatives), n)])
        # a narrative with fewer texts than the shipped ones weighs as if it had MIN_TEXTS (a user's three or
        # four examples would otherwise be outvoted by the background)
        counts = np.bincount(owner, minlength=n)[owner]
        weight = np.concatenate([np.maximum(1.0, MIN_TEXTS / counts), np.ones(len(negatives))])
        with threadpool_limits(1):  # one BLAS thread: the same weights whatever the machine's core count
            clf = LogisticRegression(C=C, max_iter=5000, random_state=seed).fit(X, y, sample_weight=weight)
        coef, intercept = clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32)
        if n == 1:  # sklearn keeps one row for two classes: as softmax logits, [-z/2, z/2]
            coef, intercept = np.vstack([-coef / 2, coef / 2]), np.concatenate([-intercept / 2, intercept / 2])
    else:
        coef, intercept = np.zeros((1, dim), dtype=np.float32), np.zeros(1, dtype=np.float32)
    narratives = [{"name": x.name, "threshold": x.threshold, "source": x.source,
                   "subnarratives": [s.name for s in x.subnarratives],
                   "cues": {lang: list(patterns) for lang, patterns in x.cues},
                   "cast": [[list(who), role, fine] for who, role, fine in x.casts]} for x in taxonomy.narratives]
    return RegionalModel(backend, taxonomy.fingerprint, list(taxonomy.sources), narratives, prototypes, owner,
                         np.array([r[1] for r in rows], dtype=np.int64), coef, intercept, texts, background)


def sentences_of(encoding, text: str, language: str | None, blocked: Sequence[int] = (),
                 reported: Sequence[int] = ()) -> Sentences | None:
    """The sentences of a document's encoding (None when it holds no sentence vectors)."""
    vectors = getattr(encoding, "sentence_vectors", None)
    if vectors is None or not len(vectors):
        return None
    return Sentences(np.asarray(vectors, dtype=np.float32), [text[s:e] for s, e in encoding.sentence_spans], language,
                     frozenset(blocked), frozenset(reported))


def reported_sentences(doc, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Indices of the ``spans`` (sentences) that hold a claim of a named speaker other than the author (the claims
    layer) or an event ACLED codes (the events layer); [] where those analyzers did not run."""
    taken = [(c.start, c.end) for c in doc.layer("claim") if c.attrs.get("kind") != "author" and c.attrs.get("speaker")]
    taken += [tuple(m) for e in doc.layer("event") if e.label for m in (e.attrs.get("mentions") or [[e.start, e.end]])]
    return [i for i, (s, e) in enumerate(spans) if any(a < e and s < b for a, b in taken)]


def units_of(vectors: np.ndarray, title: np.ndarray | None) -> np.ndarray:
    """The rows a document is judged on: its paragraph vectors, then its title's."""
    rows = [np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)] if len(vectors) else []
    if title is not None:
        rows.append(np.asarray(title, dtype=np.float32)[None, :])
    return np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.float32)


def reload(user_files: Sequence[Path | str] | None = None, settings=None,
           out: Path | None = None) -> tuple[Taxonomy, RegionalModel, list[Path]]:
    """``faultlines narratives reload``: validate the taxonomy files, embed them with the shared encoder and
    write the model the analyzer picks up (``out``: default the cache directory). InputError (FL113) on a bad file."""
    from ..settings import Settings
    from ..text.encode import DEFAULT_BACKEND, shared_encoder

    settings = settings or Settings.from_env()
    taxonomy = load_taxonomy(user_taxonomy_paths(user_files))
    encoder = shared_encoder(DEFAULT_BACKEND, settings.encoder_cache)
    shipped = RegionalModel.load(SHIPPED_STEM) if SHIPPED_STEM.with_suffix(".json").exists() else None
    known = shipped.known_vectors() if shipped is not None and shipped.backend == DEFAULT_BACKEND else None
    model = build_regional_model(taxonomy, encoder, DEFAULT_BACKEND, known=known)
    return taxonomy, model, model.save(out or cache_stem())


def taxonomy_changes(model: RegionalModel) -> str | None:
    """What changed on disk since ``model`` was built, or None: the files it was built from (the shipped ones and the
    user's, however they were named, ``--taxonomy`` included), or a user file now configured that it lacks."""
    from .taxonomy import fingerprint

    if fingerprint([Path(p) for p in model.sources]) != model.fingerprint:
        return "the taxonomy files changed"
    missing = [str(p) for p in user_taxonomy_paths() if str(p) not in model.sources]
    return f"{', '.join(missing)} is not in the model" if missing else None

