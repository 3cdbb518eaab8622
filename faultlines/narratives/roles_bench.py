"""``faultlines bench roles``: time of the roles head beside the shared encoder pass it reads.

The demo corpus (English and Russian) is parsed once (not timed), encoded by
a fresh encoder without a cache (timed: the encoder pass), then the roles
head runs over the encoded documents (timed: mention finding, merging,
features and both classifiers). Model loading is excluded from both. The
issue's budget: narratives and roles together add at most 30% to the
encoder pass.
"""
from __future__ import annotations

import time
from typing import Any

from ..bench import benchmark


@benchmark("roles")
def bench_roles(size: int = 0, *, progress=None) -> dict[str, Any]:
    from .bench import encoded_demo
    from .entities import morph_vocab, russian_lemma
    from .roles import annotate, shipped_model, word_cue_roles

    docs, encode_seconds = encoded_demo(size, ("language", "segment", "nlp"))
    model = shipped_model()
    morph_vocab()
    russian_lemma.cache_clear()  # cold caches: every word is looked up afresh, as in a new process
    word_cue_roles.cache_clear()
    started = time.perf_counter()
    for doc in docs:
        annotate(doc, model)
    roles_seconds = time.perf_counter() - started
    return {"name": "roles", "documents": len(docs), "paragraphs": sum(len(d.work["encoding"].spans) for d in docs),
            "mentions": sum(len(d.layer("entity")) for d in docs), "encoder_seconds": round(encode_seconds, 2),
            "roles_seconds": round(roles_seconds, 3), "roles_percent_of_encoder": round(100 * roles_seconds / encode_seconds, 1)}
