"""``faultlines bench roles``: time of the roles head beside the shared encoder pass it reads.

The demo corpus (English and Russian) is parsed once (not timed; the nlp
pass gives the tokens their lemmas), encoded by a fresh encoder without a
cache (timed: the encoder pass), then the roles head runs over the encoded
documents in one batch, as the analyzer's ``pipe`` does (timed: mention
finding, merging, features and both classifiers; cue lookups start cold).
Model loading is excluded from both (see ``encoded_demo``). The issue's
budget: narratives and roles together add at most 30% to the encoder pass.
"""
from __future__ import annotations

import time
from typing import Any

from ..bench import benchmark


@benchmark("roles")
def bench_roles(size: int = 0, *, progress=None) -> dict[str, Any]:
    from .bench import encoded_demo
    from ..text.wordvec import word_vectors
    from .roles import annotate, load_resources, shipped_model, word_cue_roles

    docs, encode_seconds = encoded_demo(size, ("language", "segment", "nlp"), load=(shipped_model, load_resources))
    model = shipped_model()
    # cold, as in a new process: every word's cues and vectors are looked up afresh (the vectors' weights load untimed)
    word_cue_roles.cache_clear()
    word_vectors.cache_clear()
    for backend in model.config.get("word_vectors", {}).values():
        word_vectors(backend)
    started = time.perf_counter()
    annotate(docs, model)
    roles_seconds = time.perf_counter() - started
    return {"name": "roles", "documents": len(docs), "paragraphs": sum(len(d.work["encoding"].spans) for d in docs),
            "mentions": sum(len(d.layer("entity")) for d in docs), "encoder_seconds": round(encode_seconds, 2),
            "roles_seconds": round(roles_seconds, 3), "roles_percent_of_encoder": round(100 * roles_seconds / encode_seconds, 1)}
