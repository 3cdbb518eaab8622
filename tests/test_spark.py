"""The pipeline on a real local Spark (local[2]): the same documents and annotations as one process.

Skipped when pyspark or Java is missing, unless ``FAULTLINES_REQUIRE_SPARK=1``
(as in ``.ci/run``), which turns that into a failure.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.distributed.spark import _units, analyze_on_spark
from faultlines.errors import DistributedError
from faultlines.output import document_record
from faultlines.pipeline import DEFAULT_ANALYZERS
from faultlines.runner import run
from faultlines.settings import Settings
from faultlines.store import Store

REQUIRE_ENV = "FAULTLINES_REQUIRE_SPARK"
DEMO = resources.files("faultlines.demo").joinpath("articles")
ARTICLES = (
    "tajikistan-forgetful-friends.txt",
    "darvaz-attack-chinese-citizens-killed-ru.txt",
    "kyrgyz-tajik-border-clash-vorukh.html",
    "csto-kazakhstan-2022-myths-debunked.md",
)


def _missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java"
    return None


@pytest.fixture(scope="module")
def spark():
    reason = _missing()
    if reason:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"Spark tests cannot run ({REQUIRE_ENV}=1): {reason}", pytrace=False)
        pytest.skip(reason)
    from faultlines.distributed import spark_session

    session = spark_session("local[2]", app_name="faultlines-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name in ARTICLES:
        (root / name).write_bytes(DEMO.joinpath(name).read_bytes())
    wire = DEMO.joinpath("wire.jsonl").read_text("utf-8").splitlines()
    (root / "feed").mkdir()
    # Two good lines, a blank one and a broken one: each line is a unit of its own on Spark.
    (root / "feed" / "wire.jsonl").write_text(wire[0] + "\n\n{not json\n" + wire[1] + "\n", "utf-8")
    (root / "empty.txt").write_text("   \n", "utf-8")
    return root


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory):
    """The corpus analyzed by the ordinary runner, in this process."""
    settings = Settings.from_env(db=str(tmp_path_factory.mktemp("local") / "local.db"), workers=1)
    errors: list[str] = []
    with Store(settings=settings) as store:
        report = run([str(corpus)], settings=settings, analyzers=DEFAULT_ANALYZERS, store=store, on_error=errors.append)
        docs = {doc.id: doc for doc in store.iter_documents()}
    return report, errors, docs


def _annotations(doc) -> list[tuple]:
    return sorted(
        (a.layer, a.label or "", a.start, a.end, json.dumps(a.attrs, sort_keys=True, ensure_ascii=False),
         -1.0 if a.score is None else round(a.score, 4))
        for a in doc.annotations
    )


def test_spark_stores_what_one_process_stores_and_resumes(spark, corpus, one_process, tmp_path):
    local_report, local_errors, local_docs = one_process
    settings = Settings.from_env(db=str(tmp_path / "spark.db"))
    errors: list[str] = []
    with Store(settings=settings) as store:
        # One unit per task, so the corpus runs as several waves of partitions.
        report = analyze_on_spark([str(corpus)], settings=settings, store=store, spark=spark,
                                  partition_units=1, on_error=errors.append)
        docs = {doc.id: doc for doc in store.iter_documents()}
        assert store.count() == len(local_docs) == 6
        assert store.runs()[-1]["command"].startswith("spark ")

        again = analyze_on_spark([str(corpus)], settings=settings, store=store, spark=spark, on_error=errors.append)
        assert again.analyzed == 0 and again.unchanged == 6 and again.added == 0
        assert store.count() == 6

    assert report.read == report.analyzed == report.added == 6 == local_report.added
    assert sorted(errors[:2]) == sorted(local_errors) and len(local_errors) == 2
    assert any("is not valid JSON" in e and e.startswith(str(corpus / "feed" / "wire.jsonl") + ":3") for e in errors)
    assert any("empty.txt" in e and "FL102" in e for e in errors)
    assert docs.keys() == local_docs.keys()
    for doc_id, doc in docs.items():
        assert doc.text == local_docs[doc_id].text
        assert doc.published == local_docs[doc_id].published
        assert _annotations(doc) == _annotations(local_docs[doc_id]), doc_id
    # Every analyzer ran: events, claims, techniques and roles are there, in both languages.
    layers = {a.layer for doc in docs.values() for a in doc.annotations}
    assert {"event", "claim", "technique", "entity", "narrative", "debunk"} <= layers
    assert {doc.language for doc in docs.values()} == {"en", "ru"}


def test_spark_writes_public_records_to_a_directory(spark, corpus, one_process, tmp_path):
    _, _, local_docs = one_process
    out = tmp_path / "records"
    errors: list[str] = []
    report = analyze_on_spark([str(corpus)], settings=Settings.from_env(), out=str(out), spark=spark,
                              partition_units=2, on_error=errors.append)
    assert report.read == report.analyzed == 6 and len(errors) == 2
    records = [json.loads(line) for part in sorted(out.glob("part-*")) for line in part.read_text("utf-8").splitlines()]
    assert {r["id"] for r in records} == local_docs.keys()
    for record in records:
        assert record == json.loads(json.dumps(document_record(local_docs[record["id"]]), ensure_ascii=False))

    with pytest.raises(DistributedError) as exc:
        analyze_on_spark([str(corpus)], settings=Settings.from_env(), out=str(out), spark=spark)
    assert exc.value.code == "FL503"


def test_spark_command_reports_bad_inputs_in_one_line_each(spark, corpus, tmp_path):
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["spark", "analyze", str(corpus / "feed"), "https://example.org/a",
                                      "--db", str(db), "--master", "local[2]", "-q"])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("faultlines:")]
    assert any("https://example.org/a" in line and "FL111" in line for line in lines)
    assert any("wire.jsonl:3" in line and "FL110" in line for line in lines)
    with Store(settings=Settings.from_env(db=str(db))) as store:
        assert store.count() == 2

    bad_date = CliRunner().invoke(app, ["spark", "analyze", str(corpus), "--out", str(tmp_path / "o"),
                                        "--published", "2025-13-45"])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr
    assert not (tmp_path / "o").exists()


def test_units_split_jsonl_lines_and_refuse_what_spark_cannot_read(tmp_path):
    feed = tmp_path / "many.jsonl"
    feed.write_bytes(b'\xef\xbb\xbf{"text": "one"}\n\n{"text": "two"}\n' + b'{"text": "' + b"x" * 200 + b'"}\n')
    units = list(_units([str(feed), "-", str(tmp_path / "a.txt")], Settings.from_env(max_bytes=100), ("*",), ()))
    assert units[0] == ("json", f"{feed}:1", '{"text": "one"}\n')
    assert units[1] == ("json", f"{feed}:3", '{"text": "two"}\n')
    assert units[2].code == "FL104" and units[2].source == f"{feed}:4"
    assert units[3].code == "FL111" and units[3].source == "-"
    assert units[4] == ("file", str(tmp_path / "a.txt"))
    with pytest.raises(ValueError):
        analyze_on_spark([str(feed)], settings=Settings.from_env(), store=None, out=None)
