"""The ``persuasion`` analyzer: technique spans, genre and frames from the shipped per-language models."""
from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import AnalyzerError
from ..model import Annotation, Document
from ..pipeline import Analyzer, analyzer
from ..text.encode import BACKENDS, encoding_of, shared_encoder
from .system import MODEL_DIR, PersuasionModel, Unit, sentence_ranges

log = logging.getLogger(__name__)
# 3: the v2 model retrained on the USE encoder pass, technique heads = their fold models' mean;
# 4: static word vectors in the token span head (WordLlama en, navec ru);
# 5: a technique's spans may come from both the sentence and the token head
# 6: word-vector networks beside the token head's logistic regression (tokens.WordMLP)
# 7: the sentence head reads the shared encoder's sentence vectors
# 8: a paragraph's technique probability is its own or, where higher, its sentences' highest
# 9: ... or, for the token head's techniques, its words' highest
# 10: a logistic regression per technique stacked on those three probabilities gives the paragraph's
# 11: sentence spans at thresholds chosen for span F1, and cut to the words the token head marks in them
# 12: no span in a wire dateline (the model is version 11's)
# 13: no span in a legal note ("* Движение запрещено в РФ")
# 14: the genre follows how the text is written where that is clear (genre.py): attributed news, the author's voice
# 15: a span of a text whose genre is reporting needs a score of at least 0.2
VERSION = "15"
LANGS = ("en", "ru")


@lru_cache(maxsize=1)
def definitions() -> dict[str, str]:
    path = Path(__file__).parent / "resources" / "definitions.json"
    return json.loads(path.read_text(encoding="utf-8"))


def unit_of_document(doc: Document) -> Unit:
    """Paragraphs and sentences from the segment layers (the same splitter training used for sentences)."""
    paragraphs = [(a.start, a.end) for a in doc.layer("paragraph")]
    sentences = [(a.start, a.end) for a in doc.layer("sentence")]
    return Unit(doc.id, doc.text, paragraphs, sentences)


def _encodings(docs: list[Document], backend: str) -> list:
    encodings = [encoding_of(doc) for doc in docs]
    for encoding in encodings:
        if encoding.backend != backend:
            raise AnalyzerError(f"the persuasion model reads {backend!r} vectors but the shared encoding is "
                                f"{encoding.backend!r}; retrain it with `faultlines train persuasion`", code="FL405")
    return encodings


def paragraph_vectors(docs: list[Document], units: list[Unit], backend: str) -> np.ndarray:
    """The shared encoding's vector for each unit paragraph, in unit order (zero where a paragraph is blank)."""
    rows = []
    for encoding, unit in zip(_encodings(docs, backend), units):
        for start, _ in unit.paragraphs:
            i = encoding.paragraph_at(start)
            rows.append(encoding.vectors[i] if i is not None else np.zeros(encoding.vectors.shape[1], np.float32))
    return np.stack(rows) if rows else np.zeros((0, BACKENDS[backend]), np.float32)


def sentence_vectors(docs: list[Document], units: list[Unit], backend: str) -> np.ndarray:
    """The shared encoding's vector for each sentence the sentence head scores (``sentence_ranges`` order).
    A sentence the encoding lacks (an encoding made without sentences) is encoded here, by the same encoder
    on the same stripped text, so its vector is the one the encode pass would have given."""
    encodings = _encodings(docs, backend)
    where = sentence_ranges(units)
    rows: list[np.ndarray | None] = [encodings[ui].sentence_vector(s, e) for ui, s, e in where]
    missing = [k for k, v in enumerate(rows) if v is None]
    if missing:
        found = shared_encoder(backend)([units[where[k][0]].text[where[k][1]:where[k][2]].strip() for k in missing])
        for k, v in zip(missing, found):
            rows[k] = v
    return np.stack(rows) if rows else np.zeros((0, BACKENDS[backend]), np.float32)


@analyzer("persuasion", version=VERSION, requires=("paragraph", "sentence"),
          assigns=("technique", "technique_paragraph", "genre", "frame"))
class PersuasionAnalyzer(Analyzer):
    """Where and how a text persuades: the 23 SemEval-2023 techniques as spans, its genre and its frames."""

    def __init__(self, settings, model_dir: Path = MODEL_DIR) -> None:
        super().__init__(settings)
        self.model_dir = Path(model_dir)
        self._models: dict[str, PersuasionModel] = {}

    def model(self, lang: str) -> "PersuasionModel | None":
        if lang not in self._models:
            if not (self.model_dir / f"{lang}.npz").exists():
                log.warning("persuasion: no %s weights in %s; run `faultlines train persuasion`", lang, self.model_dir)
                self._models[lang] = None
            else:
                self._models[lang] = PersuasionModel.load(self.model_dir, lang)
        return self._models[lang]

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs):
        docs = list(docs)
        groups: dict[str, list[Document]] = {}
        for doc in docs:
            for layer in ("technique", "technique_paragraph", "genre", "frame"):
                doc.drop_layer(layer)
            if doc.language not in LANGS:
                # the models know English and Russian only; say so instead of guessing
                doc.meta["persuasion_skipped"] = f"language {doc.language!r} is not supported (en, ru)"
                continue
            if not doc.text.strip() or not doc.layer("paragraph"):
                continue
            groups.setdefault(doc.language, []).append(doc)
        defs = definitions()
        for lang, group in groups.items():
            model = self.model(lang)
            if model is None:
                for doc in group:
                    doc.meta["persuasion_skipped"] = f"no trained {lang} weights in {self.model_dir}"
                continue
            units = [unit_of_document(d) for d in group]
            # one batched featurization for every document of the language
            cfg = model.config
            vectors = paragraph_vectors(group, units, cfg.encoder) if cfg.use_embeddings else None
            sentences = (sentence_vectors(group, units, cfg.encoder)
                         if cfg.use_embeddings and cfg.sentence_embeddings else None)
            preds = model.predict(units, vectors, sentences)
            for doc, pred in zip(group, preds):
                self._annotate(doc, pred, defs)
        return docs

    def _annotate(self, doc: Document, pred, defs: dict[str, str]) -> None:
        meta = dict(analyzer=self.name, version=self.version)
        datelines = [(a.start, a.end) for a in doc.layer("dateline")]
        notes = [(a.start, a.end) for a in doc.layer("boilerplate")]
        for tech, start, end, score in sorted(pred.spans, key=lambda s: (s[1], s[2], s[0])):
            if any(s <= start < e for s, e in notes):
                continue  # a legal note ("* Движение запрещено в РФ") is the law's wording, not the author's
            # a wire dateline ("ASHGABAT, Dec 5 (Reuters) - ") persuades no one: a span starts after it, or is none
            start = max([start] + [e for s, e in datelines if s <= start < e])
            while start < end and doc.text[start].isspace():
                start += 1
            if start >= end:
                continue
            doc.add(Annotation("technique", start, end, label=tech, score=score,
                               attrs={"definition": defs.get(tech, "")}, **meta))
        for start, end, labels in pred.paragraphs:
            for tech, score in sorted(labels.items()):
                doc.add(Annotation("technique_paragraph", start, end, label=tech, score=score,
                                   attrs={"definition": defs.get(tech, "")}, **meta))
        n = len(doc.text)
        for genre, score in sorted(pred.genre.items()):
            doc.add(Annotation("genre", 0, n, label=genre, score=score, attrs={"basis": pred.genre_basis}, **meta))
        for frame, score in sorted(pred.frames.items()):
            doc.add(Annotation("frame", 0, n, label=frame, score=score, **meta))
