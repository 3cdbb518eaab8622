"""Exports (JSONL, CSV, ClaimReview JSON-LD), verdicts in the sidecar, and the claims CLI on a real store."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from faultlines.cli import app

from claims_support import DEMO

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("claims") / "claims.db"
    for name in ("tajikistan-forgetful-friends.txt", "tajik-foreign-ministry-denies-reuters-report-ru.html"):
        result = runner.invoke(app, ["analyze", str(DEMO / name), "--db", str(db), "-q"])
        assert result.exit_code == 0, result.output
    return str(db)


def _jsonl(db):
    result = runner.invoke(app, ["claims", "export", "--format", "jsonl", "--db", db])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_jsonl_and_csv_exports(store):
    rows = _jsonl(store)
    assert {"claim_id", "doc_id", "text", "speaker", "via", "stance", "quote", "about", "check_worthiness"} <= set(rows[0])
    assert any(r["speaker"] == "Tajikistan's Foreign Ministry" and r["stance"] == "deny" for r in rows)
    result = runner.invoke(app, ["claims", "export", "--format", "csv", "--db", store])
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == len(rows)
    assert any(r["via"] == "Reuters <- sources in Dushanbe" for r in table)


def test_check_worthy_lists_top_claims_in_order(store):
    result = runner.invoke(app, ["claims", "--check-worthy", "--limit", "5", "--format", "jsonl", "--db", store])
    assert result.exit_code == 0, result.output
    scores = [json.loads(line)["check_worthiness"] for line in result.stdout.splitlines()]
    assert len(scores) == 5 and scores == sorted(scores, reverse=True)
    table = runner.invoke(app, ["claims", "--check-worthy", "--db", store])
    assert table.exit_code == 0 and "claim_id" in table.stdout


def test_contradictions_command_formats(store):
    for command in (["contradictions"], ["claims", "contradictions"]):
        result = runner.invoke(app, [*command, "--format", "jsonl", "--db", store])
        assert result.exit_code == 0, result.output
        items = [json.loads(line) for line in result.stdout.splitlines()]
        assert any(i["speaker_a"] == "Tajikistan's Foreign Ministry" and i["speaker_b"] == "Security Council" for i in items)
    csv_out = runner.invoke(app, ["contradictions", "--format", "csv", "--db", store]).stdout
    # the csv has every field of a jsonl line but the nested sides (claim ids and "about" had been left out)
    header = csv_out.splitlines()[0].split(",")
    assert set(header) == set(items[0]) - {"a", "b"}
    # a normal terminal: ten table columns had cut every cell to four letters ("spea…")
    table = " ".join(runner.invoke(app, ["contradictions", "--db", store], env={"COLUMNS": "80"}).stdout.split())
    assert "A Tajikistan's Foreign Ministry deny" in table and "B Security Council" in table and "spea…" not in table


def test_review_and_claimreview_export(store):
    from faultlines.claims.export import validate_claim_review

    ministry = next(r for r in _jsonl(store) if r["speaker"] == "Tajikistan's Foreign Ministry")
    bad = runner.invoke(app, ["review", ministry["claim_id"], "--rating", "sort-of", "--db", store])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["review", "c000000000000", "--rating", "false", "--db", store])
    assert missing.exit_code == 2
    for url in ("javascript:alert(1)", "file:///etc/passwd", "example.org/review"):
        script = runner.invoke(app, ["review", ministry["claim_id"], "--rating", "false", "--url", url, "--db", store])
        assert script.exit_code == 2 and "http(s) URL" in script.output
    ok = runner.invoke(app, ["review", ministry["claim_id"], "--rating", "false",
                             "--note", "The Security Council confirmed the consultations two days later.", "--db", store])
    assert ok.exit_code == 0, ok.output
    assert "no --url" in ok.stderr  # a ClaimReview without its page is not publishable: say so
    result = runner.invoke(app, ["claims", "export", "--format", "claimreview", "--db", store])
    reviews = json.loads(result.stdout)
    assert len(reviews) == 1
    review = reviews[0]
    assert validate_claim_review(review) == []
    assert review["claimReviewed"] == "Reuters is spreading misinformation. Nothing of the sort is happening."
    assert review["reviewRating"]["alternateName"] == "False" and review["reviewRating"]["ratingValue"] == 1
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Tajikistan's Foreign Ministry"}
    assert review["itemReviewed"]["datePublished"] == "2025-12-10"
    assert "url" not in review["itemReviewed"]["appearance"]  # the article is a local file: its path is no URL
    assert review["reviewBody"].startswith("The Security Council")


def test_validator_rejects_broken_claimreview():
    from faultlines.claims.export import validate_claim_review

    assert len(validate_claim_review({"@type": "Review"})) >= 5


def test_verdicts_of_an_earlier_version_sidecar_are_still_read(tmp_path):
    """Earlier versions kept verdicts in <db>.reviews.jsonl: they still count (malformed lines skipped), and a
    newer verdict stored in the store's reviews table wins over an older one from the file."""
    from faultlines.claims.reviews import add_review, load_reviews, make_review, sidecar_path
    from faultlines.settings import Settings
    from faultlines.store import Store

    settings = Settings(db=str(tmp_path / "x.db"))
    sidecar_path(settings.db).write_text(
        'not json\n{"claim_id": "c123456789012", "rating": "bogus"}\n'
        '{"claim_id": "c123456789012", "rating": "true", "reviewed_at": "2025-12-11T00:00:00+00:00"}\n'
        '{"claim_id": "c000000000001", "rating": "mixed", "reviewed_at": "2025-12-11T00:00:00+00:00"}\n')
    assert {k: v["rating"] for k, v in load_reviews(settings).items()} == {"c123456789012": "true", "c000000000001": "mixed"}
    add_review(settings, make_review("c123456789012", "misleading", note="context was cut"))
    latest = load_reviews(settings)
    assert latest["c123456789012"]["rating"] == "misleading" and latest["c123456789012"]["note"] == "context was cut"
    assert latest["c000000000001"]["rating"] == "mixed"
    with Store(settings=settings) as store:  # in the store itself, not a file
        assert list(store.reviews()) == ["c123456789012"]
