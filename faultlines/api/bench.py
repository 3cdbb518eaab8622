"""``faultlines bench api``: latency of the REST list/filter endpoints and export throughput on a large store.

Builds (bulk-inserted, synthetic) a store of ``size`` documents with two
events, one narrative label, one claim and five entity mentions with roles each, starts the real app under
uvicorn on a free loopback port and measures, over HTTP, p50/p95 latency of
list and filter requests (first pages and deep cursor pages) and the rows/s
and memory of streaming the whole store out as JSONL and CSV.
"""
from __future__ import annotations

import json
import os
import random
import socket
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..bench import benchmark

COUNTRIES = [
    ("Tajikistan", "TJ", 38.6, 68.8), ("Kyrgyzstan", "KG", 41.2, 74.6), ("Kazakhstan", "KZ", 48.0, 67.0),
    ("Uzbekistan", "UZ", 41.4, 64.6), ("Turkmenistan", "TM", 39.0, 59.6), ("Afghanistan", "AF", 34.5, 66.0),
    ("Russia", "RU", 55.7, 37.6), ("China", "CN", 39.5, 76.0),
]
EVENT_TYPES = [
    ("Battles", "Armed clash"), ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"), ("Explosions/Remote violence", "Air/drone strike"),
    ("Strategic developments", "Arrests"),
]
NARRATIVES = [f"CA: Narrative {i}" for i in range(12)]
# (canonical name, type, surface forms): the roles analyzer's entity layer, several forms per entity.
ENTITIES = [
    ("Tajikistan", "GPE", ("Tajikistan", "Dushanbe", "Таджикистан", "Душанбе")),
    ("Russia", "GPE", ("Russia", "Moscow", "the Kremlin", "Россия", "Москва")),
    ("Kyrgyzstan", "GPE", ("Kyrgyzstan", "Bishkek", "Кыргызстан")),
    ("China", "GPE", ("China", "Beijing", "Китай")),
    ("Afghanistan", "GPE", ("Afghanistan", "Kabul", "the Taliban", "Афганистан")),
    ("CSTO", "ORG", ("CSTO", "the alliance", "ОДКБ")),
    ("Reuters", "ORG", ("Reuters",)),
    ("Emomali Rahmon", "PER", ("Emomali Rahmon", "Rahmon", "Рахмон")),
] + [(f"Person {i}", "PER", (f"Person {i}",)) for i in range(200)]
ROLES = [("Antagonist", "Foreign Adversary"), ("Antagonist", "Instigator"), ("Protagonist", "Guardian"),
         ("Innocent", "Victim")]
WORDS = ("border", "water", "gunmen", "ministry", "talks", "drone", "camp", "workers", "protest", "treaty", "base",
         "Khatlon", "Darvaz", "Batken", "Osh", "Nukus", "Dushanbe", "Almaty", "граница", "вода", "переговоры")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path, size: int, seed: int = 11) -> dict[str, Any]:
    """A migrated store with ``size`` documents, 2 events, 1 narrative, 1 claim and 5 entity mentions each,
    bulk-inserted."""
    from ..store import Store

    Store(path).close()  # creates and migrates
    rng = random.Random(seed)
    start_day = date(2024, 1, 1)
    now = "2026-01-01T00:00:00+00:00"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    started = time.perf_counter()
    docs, analyses, anns = [], [], []
    for pk in range(1, size + 1):
        # Ten topical words and fifty from a long-tailed vocabulary, so searches range from common to rare.
        words = " ".join([rng.choice(WORDS) for _ in range(10)]
                         + [f"term{min(int(rng.paretovariate(0.8)), 20000)}" for _ in range(50)])
        title = f"Report {pk}: {rng.choice(WORDS)}"
        text = f"{title}\n\n{words}.\n"
        mentions = []  # five entity mentions in a closing paragraph
        for _ in range(5):
            canonical, kind, forms = ENTITIES[min(int(rng.paretovariate(1.0)) - 1, len(ENTITIES) - 1)]
            surface = rng.choice(forms)
            role, fine = rng.choice(ROLES)
            mentions.append((len(text), len(text) + len(surface), canonical, kind, role, fine))
            text += surface + (". " if len(mentions) < 5 else ".\n")
        published = (start_day + timedelta(days=rng.randrange(730))).isoformat() if rng.random() > 0.02 else None
        language = "ru" if pk % 10 < 3 else "en"
        source = f"https://{rng.choice(['example.org', 'news.example.com', 'wire.example.net'])}/a/{pk}"
        docs.append((pk, f"doc-{pk:07d}", f"{pk:064x}", title, text, source, "url", language, 0.99, published, "[]",
                     None, now, "{}", now, now))
        for analyzer in ("events", "narratives", "claims", "roles"):
            analyses.append((pk, analyzer, "1", None, now))
        for _ in range(2):
            country, iso, lat, lon = rng.choice(COUNTRIES)
            event_type, sub = rng.choice(EVENT_TYPES)
            day = (start_day + timedelta(days=rng.randrange(730))).isoformat() if rng.random() > 0.05 else None
            attrs = {"sub_event_type": sub, "date": day, "date_precision": "day", "country": country, "iso": iso,
                     "admin1": None, "location": rng.choice(WORDS[11:18]), "latitude": round(lat + rng.uniform(-2, 2), 3),
                     "longitude": round(lon + rng.uniform(-3, 3), 3), "actor1": "Gunmen", "actor2": "Civilians",
                     "fatalities": rng.randrange(6), "injuries": None}
            anns.append((pk, "events", "1", "event", event_type, 0, 20, 0.8, json.dumps(attrs)))
        anns.append((pk, "narratives", "1", "narrative", rng.choice(NARRATIVES), 0, len(text), 0.7, "{}"))
        for start, end, canonical, kind, role, fine in mentions:
            anns.append((pk, "roles", "1", "entity", kind, start, end, 0.6, json.dumps(
                {"role": role, "fine_roles": [fine], "canonical": canonical, "entity_id": canonical.lower(),
                 "entity_role": role})))
        stance = rng.choice(["assert", "assert", "deny", "confirm", "cite", "predict"])
        anns.append((pk, "claims", "1", "claim", stance, 0, 30, 0.5,
                     json.dumps({"speaker": rng.choice(["the ministry", "Reuters", "officials"]), "stance": stance})))
        if len(docs) >= 5000 or pk == size:
            with conn:
                conn.executemany(f"INSERT INTO documents VALUES ({','.join('?' * 16)})", docs)
                conn.executemany("INSERT INTO analyses VALUES (?, ?, ?, ?, ?)", analyses)
                conn.executemany(
                    'INSERT INTO annotations (doc_pk, analyzer, version, layer, label, start, "end", score, attrs) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", anns)
            docs, analyses, anns = [], [], []
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    return {"build_seconds": round(time.perf_counter() - started, 1), "db_mib": round(path.stat().st_size / 2**20, 1)}


def _serve(path: Path):
    """`faultlines serve` in its own process (as in use: the client here must not share its GIL)."""
    import subprocess
    import sys
    import urllib.request

    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "faultlines.cli", "serve", "--db", str(path), "--port", str(port), "--no-models",
         "--no-contradictions"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/-/health", timeout=5).read()
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("faultlines serve exited at startup")
            time.sleep(0.2)
    return process, base


def _load_average() -> float:
    """The 1-minute load average: other work on the machine slows every figure here."""
    return round(os.getloadavg()[0], 1)


def _rss_of(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _latency(client: Any, base: str, cases: dict[str, list[str]], repeat: int) -> dict[str, Any]:
    figures = {}
    for name, urls in cases.items():
        timings = []
        for i in range(repeat):
            url = urls[i % len(urls)]
            t = time.perf_counter()
            response = client.get(base + url)
            timings.append((time.perf_counter() - t) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {response.status_code} {response.text[:200]}")
        timings.sort()
        figures[name] = {"p50_ms": round(statistics.median(timings), 1),
                         "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1)}
    return figures


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (so that rates can be read on a machine shared with other work)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _export(client: Any, base: str, url: str, pid: int) -> dict[str, Any]:
    """Stream ``url`` to the end, counting records (CSV rows may span lines), sampling the server's memory and CPU."""
    import csv

    samples = []
    cpu = _cpu_seconds(pid)
    t = time.perf_counter()
    first_byte = None
    rows = 0
    with client.stream("GET", base + url, timeout=None) as response:
        lines = response.iter_lines()
        records = csv.reader(lines) if url.endswith(".csv") else (line for line in lines if line)
        for _ in records:
            if first_byte is None:
                first_byte = time.perf_counter() - t
            rows += 1
            if rows % 10000 == 0:
                samples.append(_rss_of(pid))
    elapsed = time.perf_counter() - t
    cpu = _cpu_seconds(pid) - cpu
    if url.endswith(".csv"):
        rows -= 1  # the header
    early = samples[0] if samples else _rss_of(pid)
    return {"rows": rows, "seconds": round(elapsed, 1), "rows_per_second": round(rows / elapsed),
            "server_cpu_seconds": round(cpu, 1), "rows_per_server_cpu_second": round(rows / max(cpu, 0.01)),
            "first_byte_ms": round((first_byte or 0) * 1000, 1), "server_rss_mib_at_10k": round(early, 1),
            "server_rss_growth_mib_after_10k": round((samples[-1] - early) if samples else 0.0, 1)}


@benchmark("api")
def bench_api(size: int = 100_000, *, progress=None) -> dict[str, Any]:
    import httpx

    size = max(size, 1000)
    load_before = _load_average()
    with tempfile.TemporaryDirectory(prefix="faultlines-bench-api-") as tmp:
        path = Path(tmp) / "api.db"
        if progress is not None:
            progress.print(f"  building a store of {size:,} documents and {2 * size:,} events…", highlight=False)
        built = build_store(path, size)
        server, base = _serve(path)
        try:
            with httpx.Client(timeout=60) as client:
                # Deep cursors: follow next_cursor 20 pages in.
                cursors = {}
                for name, url in (("documents", "/api/documents?limit=50"), ("events", "/api/events?limit=50")):
                    cursor = None
                    for _ in range(20):
                        page = client.get(base + url + (f"&cursor={cursor}" if cursor else "")).json()
                        cursor = page["next_cursor"]
                    cursors[name] = cursor
                months = [f"2025-{m:02d}" for m in range(1, 13)]
                cases = {
                    "documents (first page)": ["/api/documents?limit=50"],
                    "documents (page 21, cursor)": [f"/api/documents?limit=50&cursor={cursors['documents']}"],
                    "documents by language": ["/api/documents?language=ru", "/api/documents?language=en"],
                    "documents by country": [f"/api/documents?country={c[0]}" for c in COUNTRIES],
                    "documents by narrative": [f"/api/documents?narrative={n}" for n in NARRATIVES],
                    "documents by date range": [f"/api/documents?since={m}-01&until={m}-15" for m in months],
                    "documents full text": [f"/api/documents?q={w}" for w in ("Khatlon", "term40", "term300", "переговоры")],
                    "search (ranked, snippets)": [f"/api/search?q={w}" for w in ("Khatlon", "term40", "term300", "переговоры")],
                    "documents country+language+dates": [f"/api/documents?country={c[0]}&language=en&since=2025-01-01&until=2025-06-30" for c in COUNTRIES],
                    "events (first page)": ["/api/events?limit=50"],
                    "events (page 21, cursor)": [f"/api/events?limit=50&cursor={cursors['events']}"],
                    "events by country": [f"/api/events?country={c[0]}" for c in COUNTRIES],
                    "events by type and dates": [f"/api/events?event_type={t[0]}&since={m}-01&until={m}-28" for t in EVENT_TYPES for m in months[:3]],
                    "events GeoJSON by country (1000)": [f"/api/events.geojson?country={c[0]}&limit=1000" for c in COUNTRIES],
                    "claims by stance": ["/api/claims?stance=deny", "/api/claims?stance=cite"],
                    "entities (first page)": ["/api/entities?limit=50"],
                    "entities by role and type": [f"/api/entities?role={r}&type={t}" for r in ("Antagonist", "Innocent") for t in ("GPE", "PER")],
                    "entities by name": [f"/api/entities?q={w}" for w in ("tajik", "душанбе", "person 7", "reuters")],
                    "search with entities": [f"/api/search?q={w}" for w in ("Dushanbe", "Rahmon", "Reuters")],
                    "narrative trends (month)": ["/api/narratives/trends?period=month&since=2025-01-01"],
                    "stats (counts)": ["/api/stats"],
                }
                if progress is not None:
                    progress.print("  measuring latency…", highlight=False)
                latency = _latency(client, base, cases, repeat=40)
                if progress is not None:
                    progress.print("  streaming exports…", highlight=False)
                jsonl = _export(client, base, "/api/export.jsonl", server.pid)
                csv_ = _export(client, base, "/api/export.csv", server.pid)
        finally:
            server.terminate()
            server.wait(timeout=20)
    worst = max(v["p95_ms"] for k, v in latency.items() if k not in ("stats (counts)",))
    return {
        "name": "REST API on SQLite (faultlines serve in its own process, loopback HTTP)",
        "documents": size,
        "events": 2 * size,
        "load_average_at_start_and_end": [load_before, _load_average()],
        **built,
        "latency": latency,
        "worst_list_filter_p95_ms": worst,
        "export_jsonl": jsonl,
        "export_csv": csv_,
    }
