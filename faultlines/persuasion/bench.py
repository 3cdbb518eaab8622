"""``faultlines bench persuasion``: the persuasion heads' throughput beside the shared encoder's.

The demo corpus (English and Russian) is segmented once. The shared encoder
(a fresh instance: no disk cache, empty memory cache) encodes each distinct
demo article once; the persuasion analyzer then runs over the corpus repeated
to ``size`` documents, reading those encodings (model loading excluded from
both timings). The issue asks for at least 5 articles of 700 words per
second, and for the pipeline (encode + heads) to keep at least 0.7 of the
bare encoder's throughput: ``pipeline_to_encoder`` is that ratio.
"""
from __future__ import annotations

import time
from typing import Any

from ..bench import benchmark


@benchmark("persuasion")
def bench_persuasion(size: int = 200, *, progress=None) -> dict[str, Any]:
    from ..events.bench import _corpus
    from ..pipeline import Pipeline
    from ..text.encode import DEFAULT_BACKEND, Encoder, encode_documents

    size = min(size, 2000)
    docs = list(Pipeline(("language", "segment")).pipe(_corpus(size)))
    distinct: dict[str, Any] = {}
    for doc in docs:
        distinct.setdefault(doc.text, doc)
    unique = list(distinct.values())

    encoder = Encoder(DEFAULT_BACKEND)
    encoder(["warm-up"])  # loads the model
    t = time.perf_counter()
    encodings = dict(zip(distinct, encode_documents(unique, encoder)))
    encode_s = time.perf_counter() - t
    for doc in docs:
        doc.work["encoding"] = encodings[doc.text]

    analyzer = Pipeline(("language", "segment", "persuasion")).analyzers[-1]
    analyzer.pipe(docs[:2])  # warm-up: loads both language models
    t = time.perf_counter()
    analyzer.pipe(docs)
    heads_s = time.perf_counter() - t

    words = sum(len(d.text.split()) for d in docs)
    unique_words = sum(len(d.text.split()) for d in unique)
    encoder_words_per_s = unique_words / encode_s
    heads_words_per_s = words / heads_s
    # per word, the pipeline pays the encoder and the heads one after the other
    pipeline_words_per_s = 1 / (1 / encoder_words_per_s + 1 / heads_words_per_s)
    return {"name": "persuasion", "documents": len(docs), "words": words,
            "encoder_documents": len(unique), "encoder_seconds": round(encode_s, 2),
            "encoder_words_per_s": round(encoder_words_per_s),
            "heads_seconds": round(heads_s, 2), "heads_docs_per_s": round(len(docs) / heads_s, 1),
            "heads_words_per_s": round(heads_words_per_s),
            "pipeline_words_per_s": round(pipeline_words_per_s),
            "pipeline_700_word_articles_per_s": round(pipeline_words_per_s / 700, 2),
            "pipeline_to_encoder": round(pipeline_words_per_s / encoder_words_per_s, 3),
            "techniques": sum(len(d.layer("technique")) for d in docs)}
