"""``faultlines bench spark``: the full pipeline on local Spark next to the one-machine runner.

Both analyze the same synthetic corpus (distinct English and Russian
articles, as ``bench ingest`` writes them) with every analyzer into a fresh
SQLite store, on the same cores: the runner with its worker processes,
Spark on ``local[*]``. Times include loading the models in the workers and
executors; Spark's session start is reported apart and excluded from its
throughput. The ratio says what the Spark driver costs on one machine; on
a cluster, throughput grows with the executors.
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..bench import benchmark, write_corpus


@benchmark("spark")
def bench_spark(size: int = 200, *, progress=None) -> dict[str, Any]:
    from ..pipeline import DEFAULT_ANALYZERS
    from ..runner import run
    from ..settings import Settings
    from ..store import Store
    from .spark import analyze_on_spark, spark_session

    size = min(size, 5000)
    with tempfile.TemporaryDirectory(prefix="faultlines-bench-spark-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, size)
        # No on-disk encoder cache: each side encodes every text itself.
        local = replace(Settings.from_env(db=str(Path(tmp) / "local.db")), encoder_cache=None)
        started = time.perf_counter()
        with Store(settings=local) as store:
            local_report = run([str(corpus)], settings=local, analyzers=DEFAULT_ANALYZERS, store=store)
        local_s = time.perf_counter() - started
        if progress is not None:
            progress.print(f"  runner: {size} documents in {local_s:.1f}s", highlight=False)

        started = time.perf_counter()
        session = spark_session("local[*]", app_name="faultlines-bench")
        startup_s = time.perf_counter() - started
        cores = session.sparkContext.defaultParallelism
        on_spark = replace(local, db=str(Path(tmp) / "spark.db"))
        try:
            started = time.perf_counter()
            with Store(settings=on_spark) as store:
                spark_report = analyze_on_spark([str(corpus)], settings=on_spark, store=store, spark=session)
            spark_s = time.perf_counter() - started
        finally:
            session.stop()
        if progress is not None:
            progress.print(f"  spark: session {startup_s:.1f}s, {size} documents in {spark_s:.1f}s", highlight=False)
    return {
        "name": "full pipeline into SQLite: Spark local[*] vs the runner's worker processes",
        "documents": size,
        "cores": cores,
        "runner_workers": local.workers,
        "runner_seconds": round(local_s, 2),
        "runner_docs_per_second": round(local_report.added / local_s, 2),
        "spark_session_seconds": round(startup_s, 2),
        "spark_seconds": round(spark_s, 2),
        "spark_docs_per_second": round(spark_report.added / spark_s, 2),
        "ratio": round(local_s / spark_s, 3),
        "errors": len(local_report.errors) + len(spark_report.errors),
    }
