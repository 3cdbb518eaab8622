"""``faultlines bench persuasion``: articles per second of the persuasion analyzer.

The demo corpus (English and Russian) is repeated to ``size`` documents,
segmented once, then the persuasion analyzer runs over the batch (model
loading excluded). The issue's goal is at least 5 articles/s for 700-word
English articles on two cores.
"""
from __future__ import annotations

import time
from typing import Any

from ..bench import benchmark


@benchmark("persuasion")
def bench_persuasion(size: int = 200, *, progress=None) -> dict[str, Any]:
    from ..events.bench import _corpus
    from ..pipeline import Pipeline

    size = min(size, 2000)
    docs = _corpus(size)
    pre = Pipeline(("language", "segment"))
    docs = [d for d in pre.pipe(docs)]
    analyzer = Pipeline(("language", "segment", "persuasion")).analyzers[-1]
    analyzer.pipe(docs[:2])  # warm-up: loads both language models
    words = sum(len(d.text.split()) for d in docs)
    t = time.perf_counter()
    analyzer.pipe(docs)
    seconds = time.perf_counter() - t
    return {"name": "persuasion", "documents": len(docs), "words": words, "seconds": round(seconds, 2),
            "docs_per_s": round(len(docs) / seconds, 1),
            "words_per_s": round(words / seconds), "techniques": sum(len(d.layer("technique")) for d in docs)}
