"""Crash and resume: a writer killed mid-run leaves a consistent store, and a re-run completes it."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from helpers import sqlite_checks

from faultlines.store import Store

N = 3000
BATCH = 50
TESTS_DIR = Path(__file__).resolve().parent

CHILD = f"""
import sys
sys.path.insert(0, {str(TESTS_DIR)!r})
from helpers import annotate, make_doc
from faultlines.store import Store

CITIES = ["Dushanbe", "Bishkek", "Almaty", "Tashkent", "Ashgabat", "Душанбе", "Бишкек", "Алматы"]
docs = []
for i in range({N}):
    city = CITIES[i % len(CITIES)]
    doc = make_doc("rogun-dam", id=f"report-{{i:05d}}", title=f"Report {{i}} from {{city}}",
                   text=f"Report {{i}}: officials in {{city}} discussed water, gas and border crossings on day {{i}}.")
    docs.append(annotate(doc, "events", "1", count=2))
with Store(sys.argv[1]) as store:
    for start in range(0, {N}, 200):
        result = store.add(docs[start:start + 200], batch_size={BATCH})
        print(start, result.added, flush=True)
print("done", flush=True)
"""


def _run_child(db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, text=True)


def test_killed_writer_then_rerun(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    child = _run_child(db)
    assert child.stdout is not None
    for _ in range(3):  # let it commit a few batches, then kill it while it writes the next
        assert child.stdout.readline()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    integrity, docs, fts = sqlite_checks(db)
    assert integrity == "ok"
    assert 0 < docs < N and docs % BATCH == 0  # whole batches only
    assert fts == docs
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2 * docs

    rerun = _run_child(db)
    out, _ = rerun.communicate(timeout=120)
    assert rerun.returncode == 0 and out.rstrip().endswith("done")

    assert sqlite_checks(db) == ("ok", N, N)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT id), count(DISTINCT content_hash) FROM documents").fetchone() == (N, N)
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2 * N
        assert conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == N
        assert conn.execute("SELECT count(*) FROM document_sources").fetchone()[0] == N
    with Store(db) as store:
        assert store.count() == N
        assert [h.id for h in store.search("Report 2999")][:1] == ["report-02999"]
        assert {h.id for h in store.search("Душанбе day", limit=5000)} == {f"report-{i:05d}" for i in range(5, N, 8)}
