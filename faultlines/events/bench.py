"""``faultlines bench events``: the cost of event extraction next to the shared text pipeline.

The demo corpus (English and Russian articles) is repeated to ``size``
documents. The shared pipeline (language, segment, nlp) is timed first;
then the events analyzer alone over the same parsed documents. The ratio
is the share event extraction adds (budget: at most 0.30). Model and
gazetteer loading are excluded (they happen once per process).
"""
from __future__ import annotations

import time
from typing import Any

from ..bench import benchmark


def _corpus(size: int):
    from ..demo import DEMO_ARTICLES
    from ..ingest import iter_documents
    from ..settings import Settings

    base = [d for d in iter_documents([str(DEMO_ARTICLES)], Settings.from_env()) if hasattr(d, "text")]
    docs = []
    for i in range(size):
        src = base[i % len(base)]
        docs.append(type(src)(id=f"{src.id}-{i}", text=src.text, title=src.title, source=src.source,
                              published=src.published, language=src.language))
    return docs


@benchmark("events")
def bench_events(size: int = 200, *, progress=None) -> dict[str, Any]:
    from ..pipeline import Pipeline

    size = min(size, 2000)
    docs = _corpus(size)
    shared = Pipeline(("language", "segment", "nlp"))
    events = Pipeline(("language", "segment", "nlp", "events")).analyzers[-1]
    list(shared.pipe(docs[:2]))  # warm-up: model loading is not pipeline time
    events.pipe(docs[:2])
    started = time.perf_counter()
    parsed = list(shared.pipe(docs, batch_size=32))
    shared_s = time.perf_counter() - started
    started = time.perf_counter()
    for i in range(0, len(parsed), 32):
        events.pipe(parsed[i:i + 32])
    events_s = time.perf_counter() - started
    n_events = sum(len(d.layer("event")) for d in parsed)
    if progress is not None:
        progress.print(f"  {size} documents: shared {shared_s:.2f}s, events {events_s:.2f}s", highlight=False)
    return {
        "name": "events analyzer vs shared text pipeline (language+segment+nlp), demo corpus repeated",
        "documents": size,
        "events": n_events,
        "shared_pipeline_seconds": round(shared_s, 3),
        "events_seconds": round(events_s, 3),
        "events_ms_per_doc": round(1000 * events_s / max(size, 1), 2),
        "ratio": round(events_s / shared_s, 3) if shared_s else None,
        "budget_ratio": 0.30,
    }
