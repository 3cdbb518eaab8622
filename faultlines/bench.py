"""Throughput benchmarks reported by ``faultlines bench`` (see benchmarks/).

The ingest benchmark writes a synthetic corpus of plain-text articles
(English and Russian, about 2 KB each) to a temporary directory, then times
ingest + language id + segmentation + store into a fresh SQLite file and
samples resident memory as it goes, to show whether memory stays flat.
"""
from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from .settings import Settings

# name -> function(size, progress=console|None) -> dict of figures; stages add theirs with @benchmark.
BENCHMARKS: dict[str, Callable[..., dict[str, Any]]] = {}


def benchmark(name: str):
    def register(function):
        BENCHMARKS[name] = function
        return function

    return register

_EN = [
    "Gunmen attacked a checkpoint near {place} on {day} November, killing {n} border guards.",
    "Officials in {place} said that {n} workers had been wounded in the explosion.",
    "According to local media, the talks in {place} ended without an agreement.",
    "The ministry dismissed the report as misinformation and urged calm.",
    "Residents of {place} told reporters that the shooting lasted for several hours.",
    "Analysts warned that the unrest could spread across the border within weeks.",
    "A spokesperson for the border service confirmed the incident on {day} November.",
    "Protesters gathered in the centre of {place} to demand the release of {n} activists.",
]
_RU = [
    "Боевики напали на пост у {place} {day} ноября, погибли {n} пограничника.",
    "По словам местных жителей, стрельба в {place} продолжалась несколько часов.",
    "Министерство опровергло сообщения СМИ и призвало к спокойствию.",
    "По данным источников, переговоры в {place} завершились без соглашения.",
    "Эксперты предупредили, что беспорядки могут перекинуться через границу.",
    "Представитель пограничной службы подтвердил инцидент {day} ноября.",
]
_PLACES_EN = ["Khatlon", "Darvaz", "Batken", "Isfara", "Dushanbe", "Osh", "Nukus", "Almaty"]
_PLACES_RU = ["Хатлоне", "Дарвазе", "Баткене", "Исфаре", "Душанбе", "Оше", "Нукусе", "Алматы"]


def synthetic_article(index: int, rng: random.Random) -> str:
    russian = index % 10 < 3
    pool, places = (_RU, _PLACES_RU) if russian else (_EN, _PLACES_EN)
    title = f"{'Сводка' if russian else 'Report'} {index}: {rng.choice(places)}"
    paragraphs = []
    for _ in range(rng.randint(4, 6)):
        sentences = [
            rng.choice(pool).format(place=rng.choice(places), day=rng.randint(1, 30), n=rng.randint(2, 40))
            for _ in range(rng.randint(3, 5))
        ]
        paragraphs.append(" ".join(sentences))
    return f"{title}\n\n2025-12-{index % 28 + 1:02d}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(directory: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` articles into ``directory`` (100 per subfolder); returns total bytes."""
    rng = random.Random(seed)
    total = 0
    for index in range(count):
        folder = directory / f"{index // 100:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = synthetic_article(index, rng).encode("utf-8")
        (folder / f"article-{index:07d}.txt").write_bytes(data)
        total += len(data)
    return total


def rss_mb() -> float:
    """Resident set size of this process in MiB (Linux /proc; 0 where unavailable)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@benchmark("ingest")
def bench_ingest(count: int = 20000, *, progress=None) -> dict[str, Any]:
    from .runner import run
    from .store import Store

    with tempfile.TemporaryDirectory(prefix="faultlines-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        size = write_corpus(corpus, count)
        settings = Settings.from_env(db=str(Path(tmp) / "bench.db"))
        samples: list[tuple[int, float]] = []
        done = 0

        def sample(n: int) -> None:
            nonlocal done
            done += n
            samples.append((done, rss_mb()))
            if progress is not None and done % 5000 < n:
                progress.print(f"  {done:,} documents, RSS {samples[-1][1]:.0f} MiB", highlight=False)

        with Store(settings=settings) as store:
            started = time.perf_counter()
            report = run([str(corpus)], settings=settings, store=store, on_progress=sample)
            elapsed = time.perf_counter() - started
            stored = store.count()
    early = next((rss for n, rss in samples if n >= count // 10), samples[0][1] if samples else 0.0)
    return {
        "name": "ingest+langid+segment+store (plain text)",
        "documents": count,
        "stored": stored,
        "errors": len(report.errors),
        "mean_bytes_per_doc": round(size / max(count, 1)),
        "seconds": round(elapsed, 2),
        "docs_per_second": round(count / elapsed, 1),
        "rss_mib_at_10pct": round(early, 1),
        "rss_mib_at_end": round(samples[-1][1], 1) if samples else 0.0,
        "rss_growth_mib_after_10pct": round((samples[-1][1] - early) if samples else 0.0, 1),
    }
