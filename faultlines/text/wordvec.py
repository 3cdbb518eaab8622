"""Static word vectors: one table lookup per word, no model pass.

The persuasion token head reads them beside its hashed lexical features, so
that a word it never saw in training ("vicious") is scored like the loaded
words it did see ("brutal", "savage"). Backends, both packaged (no download):

* ``wordllama``: WordLlama ``l2_supercat`` token embeddings (256-d, from the
  ``wordllama`` wheel), a word being the mean of its sub-word tokens' vectors,
  so every word in any script has one;
* ``navec``: natasha's Russian news embeddings (``navec_news_v1``, 300-d,
  250k words); unknown words get zeros.

Vectors are unit length. Lookups are cached per word (up to
``CACHE_WORDS`` words), so an analysis run tokenizes each distinct word once.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Sequence

import numpy as np

BACKENDS = ("wordllama", "navec")
# words whose vectors are kept per process (about 100 MB at 256-d); words first met past the cap (rare ones, on
# big corpora) are computed again each time
CACHE_WORDS = 100_000


class WordVectors:
    """``vectors(words)`` → (len(words), dim) float32, one unit-length row per word (zeros when unknown)."""

    def __init__(self, backend: str) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown word-vector backend {backend!r} (choose from {', '.join(BACKENDS)})")
        self.backend = backend
        self._lock = threading.Lock()
        self._row: dict[str, int] = {}
        if backend == "wordllama":
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer

            # read the wheel's files directly, without importing the package: its loader looks for the tokenizer
            # in a folder the wheel does not have (and fails with downloads disabled), and its import switches
            # the root logger to INFO, flooding worker processes' stderr
            spec = find_spec("wordllama")
            if spec is None or not spec.submodule_search_locations:
                raise ModuleNotFoundError("the wordllama package is not installed (pip install wordllama==0.4.0.post1)")
            root = Path(spec.submodule_search_locations[0])
            self.embedding = load_file(str(root / "weights" / "l2_supercat_256.safetensors"))[
                "embedding.weight"].astype(np.float32)
            self.tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
            self._space = self.tokenizer.token_to_id("▁")
            self.dim = self.embedding.shape[1]
        else:
            from .nlp import news_embedding

            self._navec = news_embedding()  # the very vectors the Russian nlp pass loaded
            self.dim = self._navec.pq.dim
        self._table = np.zeros((1024, self.dim), dtype=np.float32)  # rows of the cached words' vectors
        self._size = 0

    def _compute(self, words: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(words), self.dim), dtype=np.float32)
        if self.backend == "wordllama":
            # the mean of each word's sub-word token vectors, summed for all words at once
            starts, ids = [], []
            for enc in self.tokenizer.encode_batch([" " + w for w in words], add_special_tokens=False):
                starts.append(len(ids))
                ids += [t for t in enc.ids if t != self._space] or enc.ids or [self._space]
            out[:] = np.add.reduceat(self.embedding[np.asarray(ids)], np.asarray(starts), axis=0)
        else:
            known = [(i, self._navec.vocab.word_ids[w]) for i, w in enumerate(words) if w in self._navec.vocab]
            if known:
                rows, ids = zip(*known)
                pq = self._navec.pq  # product-quantised: one code per sub-vector, decoded for all words at once
                out[list(rows)] = pq.codes[pq.qdims, pq.indexes[list(ids)]].reshape(len(ids), self.dim)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def __call__(self, words: Sequence[str]) -> np.ndarray:
        with self._lock:
            new = [w for w in dict.fromkeys(words) if w not in self._row]
            uncached: dict[str, np.ndarray] = {}
            if new:
                vectors = self._compute(new)
                room = max(0, min(len(new), CACHE_WORDS - self._size))
                if self._size + room > len(self._table):  # grow by doubling: no copy per batch
                    grown = np.zeros((max(2 * len(self._table), self._size + room), self.dim), dtype=np.float32)
                    grown[:self._size] = self._table[:self._size]
                    self._table = grown
                self._table[self._size:self._size + room] = vectors[:room]
                self._row.update((w, self._size + i) for i, w in enumerate(new[:room]))
                self._size += room
                uncached = dict(zip(new[room:], vectors[room:]))
            rows = np.fromiter((self._row.get(w, 0) for w in words), dtype=np.int64, count=len(words))
            out = self._table[rows]
        for i, w in enumerate(words):
            if w in uncached:
                out[i] = uncached[w]
        return out


@lru_cache(maxsize=None)
def word_vectors(backend: str) -> WordVectors:
    """The one shared instance per backend (its weights load once per process)."""
    return WordVectors(backend)
