"""The `faultlines` command end to end, on real files and a real SQLite store."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from faultlines.bench import write_corpus
from faultlines.cli import app

ARTICLE = """Gunmen attack Chinese workers near the Afghan border

10/12/2025

On November 26, gunmen from Afghanistan attacked a camp of Chinese workers in Khatlon province, killing three Chinese citizens.
Tajikistan's Foreign Ministry said in a statement: "Reuters is spreading misinformation."
"""
RUSSIAN = """МИД Таджикистана опроверг сообщение Reuters

4 декабря 2025 г.

«Reuters распространяет дезинформацию», — заявили в министерстве. По данным источников, переговоры продолжаются.
"""


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "attack.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "mid.txt").write_bytes(RUSSIAN.encode("cp1251"))
    return folder


def invoke(runner, *args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_analyze_writes_interface_records(runner, corpus, tmp_path):
    db = tmp_path / "s.db"
    result = invoke(runner, "analyze", corpus / "attack.txt", "--format", "jsonl", "--db", db, "-q")
    assert result.exit_code == 0, result.stderr
    (record,) = records(result.stdout)
    for key in ("id", "source", "title", "text", "language", "published", "genre", "techniques",
                "narratives", "entities", "events", "debunks", "claims"):
        assert key in record
    assert record["id"] == "attack"
    assert record["title"] == "Gunmen attack Chinese workers near the Afghan border"
    assert record["language"] == "en"
    assert record["published"] == "2025-12-10"
    assert record["published_readings"] == ["2025-10-12", "2025-12-10"]
    assert record["text"] == ARTICLE
    for start, end in record["sentences"]:
        assert record["text"][start:end].strip() == record["text"][start:end]
    assert db.exists()


def test_analyze_no_store_and_published_override(runner, corpus, tmp_path):
    db = tmp_path / "none.db"
    result = invoke(runner, "analyze", corpus, "--no-store", "--db", db, "--published", "2025-12-11", "-q")
    assert result.exit_code == 0
    got = {r["id"]: r for r in records(result.stdout)}
    assert set(got) == {"attack", "mid"}
    assert got["mid"]["language"] == "ru" and "дезинформацию" in got["mid"]["text"]
    assert {r["published"] for r in got.values()} == {"2025-12-11"}
    assert not db.exists()


def test_bad_inputs_reported_one_line_each_and_good_ones_kept(runner, corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "docs.jsonl").write_text('{"id": "w1", "text": "Protest in Almaty on Monday."}\nnot json\n{"id": "w2"}\n')
    db = tmp_path / "s.db"
    result = invoke(runner, "analyze", corpus, "--db", db, "-q")
    assert result.exit_code == 1
    assert {r["id"] for r in records(result.stdout)} == {"attack", "mid", "w1"}
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 4, errors
    assert any("empty.txt" in e and "FL102" in e for e in errors)
    assert any("binary.txt" in e and "FL103" in e for e in errors)
    assert any("docs.jsonl" in e and "line 2" in e for e in errors)
    assert all("Traceback" not in e for e in errors)
    stats = json.loads(invoke(runner, "stats", "--db", db, "--json").stdout)
    assert stats["documents"] == 3


def test_ingest_is_idempotent(runner, corpus, tmp_path):
    db = tmp_path / "s.db"
    first = invoke(runner, "ingest", corpus, "--db", db)
    assert first.exit_code == 0
    assert "2 added" in first.stderr
    second = invoke(runner, "ingest", corpus, "--db", db)
    assert second.exit_code == 0
    assert "0 added" in second.stderr and "2 unchanged" in second.stderr
    stats = json.loads(invoke(runner, "stats", "--db", db, "--json").stdout)
    assert stats["documents"] == 2


def test_oversize_input_refused_with_limit(runner, corpus, tmp_path):
    result = invoke(runner, "ingest", corpus / "attack.txt", "--db", tmp_path / "s.db", "--max-bytes", "100", "-q")
    assert result.exit_code == 1
    assert "FL104" in result.stderr and "attack.txt" in result.stderr
    assert "--max-bytes" in result.stderr  # the option the user typed, not only its environment variable


def test_stdin(runner, tmp_path):
    result = invoke(runner, "analyze", "-", "--no-store", "-q", input=ARTICLE)
    assert result.exit_code == 0
    (record,) = records(result.stdout)
    assert record["source"] == "<stdin>" and record["published"] == "2025-12-10"


@pytest.mark.parametrize("query", ['"', "NEAR(", "a OR", "*", "-x", "title:", "'; DROP TABLE documents; --", "^", "()"])
def test_search_never_crashes_on_hostile_queries(runner, corpus, tmp_path, query):
    db = tmp_path / "s.db"
    invoke(runner, "ingest", corpus, "--db", db, "-q")
    # "--" ends options, as a user would type it for a query starting with "-".
    result = invoke(runner, "search", "--db", db, "--", query)
    assert result.exit_code in (0, 2)
    assert "Traceback" not in result.output + result.stderr
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1
    raw = invoke(runner, "search", "--raw", "--db", db, "--", query)
    assert raw.exit_code in (0, 2) and "Traceback" not in raw.stderr
    assert json.loads(invoke(runner, "stats", "--db", db, "--json").stdout)["documents"] == 2


def test_search_and_show(runner, corpus, tmp_path):
    db = tmp_path / "s.db"
    invoke(runner, "ingest", corpus, "--db", db, "-q")
    hits = [json.loads(line) for line in invoke(runner, "search", "Khatlon", "--json", "--db", db).stdout.splitlines()]
    assert [h["id"] for h in hits] == ["attack"]
    assert "\ue000Khatlon\ue001" in hits[0]["snippet"]
    russian = invoke(runner, "search", "дезинформацию", "--json", "--db", db).stdout
    assert '"mid"' in russian
    table = invoke(runner, "search", "дезинформацию", "--db", db).stdout
    assert "дезинформацию" in table and "\ue000" not in table and "\ue001" not in table  # markers become highlighting
    shown = invoke(runner, "show", "attack", "--db", db)
    assert shown.exit_code == 0
    assert "Gunmen attack Chinese workers" in shown.stdout and "2025-12-10" in shown.stdout
    assert "readings: 2025-10-12, 2025-12-10" in shown.stdout
    missing = invoke(runner, "show", "nope", "--db", db)
    assert missing.exit_code == 2 and "no document" in missing.stderr
    bogus = invoke(runner, "show", "attack", "--layers", "technique,bogus", "--db", db)
    assert bogus.exit_code != 0 and "unknown --layers bogus" in bogus.stderr
    assert invoke(runner, "show", "attack", "--layers", "claim,event", "--db", db).exit_code == 0


def test_export_formats(runner, corpus, tmp_path):
    db = tmp_path / "s.db"
    invoke(runner, "ingest", corpus, "--db", db, "-q")
    jsonl = invoke(runner, "export", "--format", "jsonl", "--db", db)
    assert {r["id"] for r in records(jsonl.stdout)} == {"attack", "mid"}
    csv_out = tmp_path / "out.csv"
    assert invoke(runner, "export", "--format", "csv", "--out", csv_out, "--db", db, "-q").exit_code == 0
    assert csv_out.read_text(encoding="utf-8").splitlines()[0].startswith("id,")
    parquet = tmp_path / "out.parquet"
    assert invoke(runner, "export", "--format", "parquet", "--out", parquet, "--db", db, "-q").exit_code == 0
    assert sorted(pq.read_table(parquet).column("id").to_pylist()) == ["attack", "mid"]
    only_ru = invoke(runner, "export", "--language", "ru", "--db", db)
    assert [r["id"] for r in records(only_ru.stdout)] == ["mid"]
    bad = invoke(runner, "export", "--format", "xml", "--db", db)
    assert bad.exit_code == 2 and "unknown --format" in bad.stderr
    # a date range: a month includes all of it; a typo or a reversed range is an error, not zero rows
    december = invoke(runner, "export", "--until", "2025-12", "--since", "2025-12", "--db", db)
    assert {r["id"] for r in records(december.stdout)} == {"attack", "mid"}
    for dates in (["--since", "yesterday"], ["--since", "2025-99-01"], ["--since", "2025-12-05", "--until", "2025-12-01"]):
        wrong = invoke(runner, "export", *dates, "--db", db)
        assert wrong.exit_code != 0 and "FL303" in wrong.stderr and not wrong.stdout


def test_unknown_analyzer_is_a_clean_error(runner, corpus):
    result = invoke(runner, "analyze", corpus, "--no-store", "--analyzers", "language,nope")
    assert result.exit_code == 2
    assert "unknown analyzer 'nope'" in result.stderr


def test_one_analyzer_named_runs_with_what_it_needs(runner, corpus):
    # "--analyzers events" had failed: "requires ['ner', 'sentence'] … reorder the pipeline"
    from faultlines.pipeline import check_pipeline, with_requirements

    assert with_requirements(["events"]) == ("language", "segment", "nlp", "events")
    assert with_requirements(["events", "claims"]) == ("language", "segment", "nlp", "claims", "events")
    check_pipeline(with_requirements(["roles"]))
    result = invoke(runner, "analyze", corpus, "--no-store", "--analyzers", "events")
    assert result.exit_code == 0, result.stderr
    attack = next(r for r in records(result.stdout) if r["id"] == "attack")
    assert attack["events"] and attack["techniques"] == [] and attack["claims"] == []


def test_killed_ingest_resumes_without_duplicates(tmp_path):
    """SIGKILL a real `faultlines ingest` mid-run (worker processes and all), run it again."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 1500)
    db = tmp_path / "s.db"
    command = [sys.executable, "-m", "faultlines.cli", "ingest", str(corpus), "--db", str(db), "-q"]
    process = subprocess.Popen(command, start_new_session=True)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
                    stored = con.execute("select count(*) from documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored > 0:
                break
    assert process.poll() is None, "ingest finished before it could be killed; enlarge the corpus"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored < 1500
    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 1500
        assert con.execute("select count(distinct content_hash) from documents").fetchone()[0] == 1500
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        con.execute("insert into documents_fts(documents_fts) values('integrity-check')")
        per_doc = con.execute(
            "select count(*) from (select doc_pk, start, end, layer, count(*) c from annotations "
            "group by doc_pk, start, end, layer, analyzer, version having c > 1)"
        ).fetchone()[0]
        assert per_doc == 0


def test_demo_and_bench(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "demo", "--db", "demo.db")
    assert result.exit_code == 0, result.stderr
    assert "tajikistan-forgetful-friends" in result.stdout
    stats = json.loads(invoke(runner, "stats", "--db", "demo.db", "--json").stdout)
    assert stats["documents"] >= 16 and set(stats["by_language"]) == {"en", "ru"}
    again = invoke(runner, "demo", "--db", "demo.db", "-q")
    assert again.exit_code == 0
    Path("notes.txt").write_text("my notes")
    refused = invoke(runner, "demo", "--db", "notes.txt")
    assert refused.exit_code == 3 and Path("notes.txt").read_text() == "my notes"
    bench = invoke(runner, "bench", "--docs", "150", "--json")
    figures = json.loads(bench.stdout)
    assert figures["stored"] == 150 and figures["docs_per_second"] > 0


@pytest.mark.parametrize("command", [
    ["stats"], ["search", "Khatlon"], ["show", "some-id"], ["export", "--format", "jsonl"], ["alerts"],
    ["claims"], ["contradictions"], ["events", "incidents"], ["events", "export", "--format", "acled-csv"],
    ["narratives", "trend"], ["narratives", "antagonists"],
])
def test_a_reading_command_on_a_mistyped_store_says_so_and_creates_nothing(runner, tmp_path, command):
    missing = tmp_path / "mising.db"
    result = runner.invoke(app, command + ["--db", str(missing)])
    assert result.exit_code != 0
    assert "no store at" in result.output and "FL210" in result.output
    assert not missing.exists()


def test_serve_on_a_busy_port_says_so_before_claiming_to_serve(runner, tmp_path):
    import socket

    from faultlines.store import Store

    db = tmp_path / "s.db"
    Store(db).close()
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--db", str(db), "--no-models", "--no-contradictions"])
    assert result.exit_code != 0
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "serving" not in result.output


def _commands(group, path=()):
    import click

    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def test_help_shows_bracketed_text_that_rich_markup_could_swallow(runner):
    import re

    import typer

    # Rich reads "[spark]" or "[env …]" as a markup tag and drops it from --help unless escaped.
    root = typer.main.get_command(app)
    checked = 0
    for path, command in _commands(root):
        helps = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        wanted = [m.group(1) for h in helps for m in re.finditer(r"(?<!\\)\[([a-z][^\]]*)\]", h)]
        if not wanted:
            continue
        shown = " ".join(runner.invoke(app, [*path, "--help"], terminal_width=400).stdout.split())
        for text in wanted:
            assert f"[{' '.join(text.split())}]" in shown, (path, text)
            checked += 1
    for name, command in root.commands.items():
        for text in re.findall(r"\\\[([a-z][^\]]*)\]", command.help or ""):
            assert f"[{text}]" in " ".join(runner.invoke(app, ["--help"], terminal_width=400).stdout.split()), name
            checked += 1
    assert checked


def test_an_interrupted_run_says_what_is_kept_and_exits_130(runner, corpus, tmp_path, monkeypatch):
    import faultlines.runner

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(faultlines.runner, "run", interrupted)
    result = runner.invoke(app, ["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "-q"])
    # (Click had printed an empty line)
    assert result.exit_code == 130 and "interrupted" in result.stderr and "resumes" in result.stderr


def test_an_input_with_no_article_in_it_is_said_to_be_so(runner, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["ingest", str(empty), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0 and "0 read" in result.stderr and "no article found" in result.stderr


def test_dates_outside_the_years_of_news_are_refused_and_out_files_checked(runner, corpus, tmp_path, caplog):
    """A probe's 9999-12-31 had been stored, and then every alert window and export bound overflowed."""
    db = tmp_path / "s.db"
    refused = invoke(runner, "ingest", corpus, "--db", db, "--published", "9999-12-31", "-q")
    assert refused.exit_code == 2 and "outside the years 1900-2100" in refused.stderr
    odd = tmp_path / "odd.jsonl"
    odd.write_text(json.dumps({"id": "odd", "text": "Police detained two men in Osh.", "published": "9999-12-31"}) + "\n"
                   + json.dumps({"id": "x" * 301, "text": "Police detained two men in Osh."}) + "\n", encoding="utf-8")
    result = invoke(runner, "ingest", odd, "--db", db)
    assert "no date between 1900 and 2100" in caplog.text and 'field "id" must be 1 to 300 characters' in result.stderr
    assert [r["published"] for r in records(invoke(runner, "export", "--db", db).stdout)] == [None]
    for command in (["export", "--until", "9999-12-31"], ["alerts", "--as-of", "9999-12-31"],
                    ["alerts", "--as-of", "0001-01-01"], ["narratives", "trend", "--until", "9999-12-31"]):
        bad = invoke(runner, *command, "--db", db)
        assert bad.exit_code == 2 and "outside the years 1900-2100" in bad.stderr and "Traceback" not in bad.output, command
    assert invoke(runner, "alerts", "--db", db).exit_code == 0
    for command in (["export"], ["events", "export"], ["claims", "export"]):
        missing = invoke(runner, *command, "--db", db, "--out", tmp_path / "nowhere" / "x.csv")
        assert missing.exit_code == 2 and "does not exist" in missing.stderr, command
        folder = invoke(runner, *command, "--db", db, "--out", tmp_path)
        assert folder.exit_code == 2 and "is a folder" in folder.stderr, command
    long_query = invoke(runner, "search", "word " * 100, "--db", db)
    assert long_query.exit_code == 2 and "at most 300" in long_query.stderr


def test_a_pool_worker_ends_when_the_process_that_started_it_is_gone():
    """`kill -9` on `analyze` left its two workers analyzing for no one, a gigabyte each, for minutes."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    started = time.monotonic()
    worker = subprocess.run([sys.executable, "-c", f"from faultlines.runner import _exit_with; _exit_with({gone.pid})"],
                            timeout=30)
    assert worker.returncode == 1 and time.monotonic() - started < 20
