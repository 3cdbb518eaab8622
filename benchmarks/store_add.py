"""Time Store.add on synthetic ~2 KB documents (not a test).

    python benchmarks/store_add.py [N] [--batch-size 500] [--annotations K] [--size CHARS]

Prints documents per second for a fresh store and for re-adding the same
documents (the idempotent path a resumed ingest takes).
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from faultlines.model import Annotation, Document
from faultlines.store import Store

WORDS = (
    "Tajikistan Kyrgyzstan Kazakhstan Uzbekistan border ministry talks gas pipeline Dushanbe Bishkek "
    "Astana Tashkent security troops agreement water dispute Ferghana valley officials said on Tuesday "
    "report minister president election protest sanctions trade railway China Russia investment "
    "Таджикистан Душанбе граница министр переговоры заявил во вторник газ соглашение безопасность"
).split()


SYLLABLES = "ka ri to sha bek dus tan mir zo ga li an ov ev ski na ra stan kul tur gaz pro vo ze".split()


def vocabulary(rng: random.Random, size: int = 30_000) -> tuple[list[str], list[float]]:
    """Real words plus pseudo-words, with Zipfian weights (news text has a long tail of rare words)."""
    words = list(WORDS)
    while len(words) < size:
        words.append("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return words, cumulative


def synthetic(n: int, annotations: int, seed: int = 7, size: int = 2000) -> list[Document]:
    rng = random.Random(seed)
    words_, cumulative = vocabulary(rng)
    docs = []
    for i in range(n):
        words: list[str] = []
        length = 0
        while length < size:
            chunk = rng.choices(words_, cum_weights=cumulative, k=50)
            words.extend(chunk)
            length += sum(len(w) + 1 for w in chunk)
        text = f"Report {i}. " + " ".join(words)[:size] + "."
        doc = Document(
            id=f"doc-{i:06d}",
            text=text,
            title=f"Report {i} on {rng.choice(WORDS)}",
            source=f"corpus/{i // 1000:03d}/doc-{i:06d}.txt",
            language="en",
            published=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            meta={"n": i},
        )
        for k in range(annotations):
            start = (k * 97) % max(1, len(text) - 60)
            doc.add(Annotation("sentence", start, start + 50, analyzer="segment", version="1"))
        docs.append(doc)
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--annotations", type=int, default=0, help="annotations per document")
    parser.add_argument("--size", type=int, default=2000, help="characters of text per document")
    args = parser.parse_args()

    docs = synthetic(args.n, args.annotations, size=args.size)
    size = sum(len(d.text.encode()) for d in docs) / len(docs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        with Store(path) as store:
            t0 = time.perf_counter()
            result = store.add(docs, batch_size=args.batch_size)
            t1 = time.perf_counter()
            again = store.add(docs, batch_size=args.batch_size)
            t2 = time.perf_counter()
            assert result.added == args.n and again.unchanged == args.n, (result.added, again.unchanged)
        mb = path.stat().st_size / 1e6
    print(f"{args.n} docs of ~{size:.0f} B, {args.annotations} annotations each, batch {args.batch_size}")
    print(f"add (new):        {args.n / (t1 - t0):8.0f} docs/s  ({t1 - t0:.2f} s; db {mb:.0f} MB)")
    print(f"add (unchanged):  {args.n / (t2 - t1):8.0f} docs/s  ({t2 - t1:.2f} s)")


if __name__ == "__main__":
    main()
