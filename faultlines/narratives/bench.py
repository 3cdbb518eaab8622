"""``faultlines bench narratives``: time of the narratives head beside the shared encoder pass it reads.

The demo corpus (English and Russian, distinct texts only: a repeated text
would be served from the encoder's memory) is segmented once (not timed),
encoded by a fresh encoder without a disk cache (timed: the encoder pass),
then the narratives analyzer runs over the encoded documents ``repeat``
times (timed, averaged: SemEval heads + regional detector). Model loading is
excluded from both. The issue's budget: narratives and roles together add
at most 30% to the encoder pass.
"""
from __future__ import annotations

import gc
import time
from typing import Any, Callable, Iterable

from ..bench import benchmark


_WARM_UP = ("Officials in Dushanbe said on Monday that the border with Afghanistan was calm. Russia sent advisers.",
            "Власти Таджикистана в понедельник заявили, что граница с Афганистаном спокойна. Россия направила советников.")


def encoded_demo(size: int, analyzers: tuple[str, ...], load: Iterable[Callable[[], object]] = ()) -> tuple[list, float]:
    """The distinct demo texts (a repeated text would be served from the encoder's memory) run through
    ``analyzers`` (not timed), then encoded by a fresh encoder (the pipeline's backend) without a cache, paragraphs and
    sentences as the ``encode`` pass does: (documents, encoder seconds).

    Models load first (the pipeline's on two short texts, the encoder's, then ``load``), so neither timed stage
    pays for loading, and the garbage the loading left is collected before the documents are read.
    """
    from ..events.bench import _corpus
    from ..model import Document
    from ..pipeline import Pipeline
    from ..text.encode import DEFAULT_BACKEND, Encoder, encode_documents

    pipeline = Pipeline(analyzers)
    list(pipeline.pipe([Document(id=f"warm-up-{i}", text=text) for i, text in enumerate(_WARM_UP)]))
    encoder = Encoder(DEFAULT_BACKEND)
    encoder(["warm-up: loads the encoder model"])
    for step in load:
        step()
    gc.collect()
    docs = list({d.content_hash: d for d in _corpus(200)}.values())
    docs = docs[:size] if size > 0 else docs
    docs = list(pipeline.pipe(docs))
    started = time.perf_counter()
    for doc, encoding in zip(docs, encode_documents(docs, encoder, sentences=True)):
        doc.work["encoding"] = encoding
    return docs, time.perf_counter() - started


@benchmark("narratives")
def bench_narratives(size: int = 0, *, progress=None, repeat: int = 5) -> dict[str, Any]:
    from ..pipeline import Pipeline

    docs, encode_seconds = encoded_demo(size, ("language", "segment"))
    analyzer = Pipeline(("language", "segment", "encode", "narratives")).analyzers[-1]
    analyzer.pipe(docs[:1])  # warm-up: reads the weights
    started = time.perf_counter()
    for _ in range(repeat):
        analyzer.pipe(docs)
    seconds = (time.perf_counter() - started) / repeat
    return {"name": "narratives", "documents": len(docs),
            "paragraphs": sum(len(d.work["encoding"].spans) for d in docs),
            "narratives": sum(len(d.layer("narrative")) for d in docs),
            "encoder_seconds": round(encode_seconds, 2), "narratives_seconds": round(seconds, 4),
            "narratives_percent_of_encoder": round(100 * seconds / encode_seconds, 2)}


@benchmark("encoders")
def bench_encoders(size: int = 0, *, progress=None) -> dict[str, Any]:
    """Paragraphs per second of each installed encoder backend on the same demo paragraphs (fresh encoders,
    no cache, model loading excluded): the speed column of the encoder comparison in docs/narratives.md."""
    from ..events.bench import _corpus
    from ..pipeline import Pipeline
    from ..text.encode import BACKENDS, Encoder, encoding_units

    docs = list({d.content_hash: d for d in _corpus(200)}.values())
    docs = docs[:size] if size > 0 else docs
    docs = list(Pipeline(("language", "segment")).pipe(docs))
    texts = [d.text[s:e].strip() for d in docs for s, e in encoding_units(d)]
    result: dict[str, Any] = {"name": "encoders", "documents": len(docs), "paragraphs": len(texts)}
    for backend in BACKENDS:
        encoder = Encoder(backend)
        try:
            encoder(["warm-up: loads the encoder model"])
        except ImportError as exc:
            result[f"{backend}_error"] = str(exc)
            continue
        started = time.perf_counter()
        encoder(texts)
        seconds = time.perf_counter() - started
        result[f"{backend}_seconds"] = round(seconds, 2)
        result[f"{backend}_paragraphs_per_s"] = round(len(texts) / seconds, 1)
    return result
