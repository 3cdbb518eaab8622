"""``faultlines bench persuasion``: the persuasion heads' throughput beside the shared encoder's.

The demo corpus (English and Russian) is segmented once. The shared encoder
(a fresh instance: no disk cache, empty memory cache) encodes each distinct
demo article's paragraphs and sentences once, as the ``encode`` pass does;
the persuasion analyzer then runs over those articles again and again until
it has read ``size`` documents, reading those
encodings, its cue-lexicon cache emptied before every pass so no pass
reuses another's work (model loading excluded from both timings). The
issue asks for at least 5 articles of 700 words per second, and for the
pipeline (encode + heads) to keep at least 0.7 of the bare encoder's
throughput: ``pipeline_to_encoder`` is that ratio (one process;
benchmarks/persuasion_end_to_end.sh measures ``analyze`` with workers).
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
    from .features import lexicon

    size = min(size, 2000)
    distinct: dict[str, Any] = {}
    for doc in Pipeline(("language", "segment")).pipe(_corpus(size)):
        distinct.setdefault(doc.text, doc)
    unique = list(distinct.values())
    passes = max(1, round(size / len(unique)))

    encoder = Encoder(DEFAULT_BACKEND)
    encoder(["warm-up"])  # loads the model
    t = time.perf_counter()
    for doc, encoding in zip(unique, encode_documents(unique, encoder, sentences=True)):
        doc.work["encoding"] = encoding
    encode_s = time.perf_counter() - t

    analyzer = Pipeline(("language", "segment", "persuasion")).analyzers[-1]
    analyzer.pipe(unique[:2])  # warm-up: loads both language models
    heads_s = 0.0
    for _ in range(passes):
        for lang in ("en", "ru"):
            lexicon(lang).forget()
        t = time.perf_counter()
        analyzer.pipe(unique)
        heads_s += time.perf_counter() - t

    unique_words = sum(len(d.text.split()) for d in unique)
    words = passes * unique_words
    encoder_words_per_s = unique_words / encode_s
    heads_words_per_s = words / heads_s
    # per word, the pipeline pays the encoder and the heads one after the other
    pipeline_words_per_s = 1 / (1 / encoder_words_per_s + 1 / heads_words_per_s)
    return {"name": "persuasion", "documents": passes * len(unique), "words": words,
            "encoder_documents": len(unique), "encoder_seconds": round(encode_s, 2),
            "encoder_words_per_s": round(encoder_words_per_s),
            "heads_seconds": round(heads_s, 2), "heads_docs_per_s": round(passes * len(unique) / heads_s, 1),
            "heads_words_per_s": round(heads_words_per_s),
            "pipeline_words_per_s": round(pipeline_words_per_s),
            "pipeline_700_word_articles_per_s": round(pipeline_words_per_s / 700, 2),
            "pipeline_to_encoder": round(pipeline_words_per_s / encoder_words_per_s, 3),
            "techniques": passes * sum(len(d.layer("technique")) for d in unique)}
