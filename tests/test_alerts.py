"""Early warning on a real SQLite store: a region whose violence surges alerts, one at its usual level does not;
one attack reported by several articles counts once; a narrative that surges alerts; CLI and REST answer."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from faultlines.alerts import AlertSettings, alerts
from faultlines.api import ServeSettings, create_app
from faultlines.cli import app
from faultlines.errors import QueryError
from faultlines.model import Annotation, Document
from faultlines.query import Queries
from faultlines.store import Store

AS_OF = date(2026, 3, 31)


def _event(day: date, event_type: str, admin1: str, fatalities: int = 0, location: str | None = None) -> dict:
    return {"event_type": event_type, "sub_event_type": "Attack", "plover": "ASSAULT", "date": day.isoformat(),
            "date_precision": "day", "country": "Tajikistan", "iso": "TJ", "admin1": admin1,
            "location": location or admin1, "fatalities": fatalities, "actor1_acled": None, "actor2_acled": None}


def _doc(doc_id: str, published: date, events: list[dict] = (), narratives: list[str] = ()) -> Document:
    text = f"Report {doc_id}. " + " ".join("An attack." for _ in events) + " Comment."
    doc = Document(id=doc_id, text=text, source=f"https://example.org/{doc_id}", published=published.isoformat(),
                   language="en")
    for i, attrs in enumerate(events):
        start = len(f"Report {doc_id}. ") + i * len("An attack. ")
        doc.add(Annotation("event", start, start + 10, label=attrs["event_type"], analyzer="events", version="3",
                           attrs=attrs))
    for label in narratives:
        doc.add(Annotation("narrative", 0, len(text), label=label, score=0.8, analyzer="narratives", version="2",
                           attrs={"taxonomy": "regional"}))
    return doc


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("alerts") / "alerts.db"
    docs = []
    # eight quiet weeks: one attack a week in Khatlon, one document a week with the guarantor narrative
    for week in range(1, 9):
        day = AS_OF - timedelta(days=7 * week + 2)
        docs.append(_doc(f"khatlon-{week}", day, [_event(day, "Violence against civilians", "Khatlon", 1)],
                         ["CA: Russia is the indispensable security guarantor"]))
        docs.append(_doc(f"plain-{week}", day))
    # the last week: Khatlon as usual, and four separate attacks in Gorno-Badakhshan, the first one reported by
    # three outlets, with the ungrateful-allies narrative in five of the week's eight documents
    docs.append(_doc("khatlon-now", AS_OF - timedelta(days=2), [_event(AS_OF - timedelta(days=2), "Violence against civilians", "Khatlon", 1)]))
    first = AS_OF - timedelta(days=6)
    for outlet in ("a", "b", "c"):
        docs.append(_doc(f"gbao-first-{outlet}", first, [_event(first, "Explosions/Remote violence", "Gorno-Badakhshan", 2, "Darvoz")],
                         ["CA: Ungrateful and disloyal allies"] if outlet != "c" else []))
    for n, back in enumerate((4, 3, 1)):
        day = AS_OF - timedelta(days=back)
        docs.append(_doc(f"gbao-{n}", day, [_event(day, "Battles", "Gorno-Badakhshan", 1, f"Village {n}")],
                         ["CA: Ungrateful and disloyal allies"] if n < 3 else []))
    docs.append(_doc("plain-now", AS_OF))
    with Store(path) as store:
        store.add(docs)
    return path


def _report(db, **settings):
    with Store(db) as store:
        queries = Queries(store)
        try:
            return alerts(queries, AlertSettings(**settings))
        finally:
            queries.close()


def test_a_region_whose_violence_surges_alerts_and_a_steady_one_does_not(db):
    report = _report(db)
    assert report["as_of"] == AS_OF.isoformat()  # the newest article's date
    assert report["window"] == ["2026-03-25", "2026-03-31"] and report["baseline"] == ["2026-01-28", "2026-03-24"]
    regions = {a["name"]: a for a in report["alerts"] if a["kind"] == "violence"}
    assert set(regions) == {"Gorno-Badakhshan, Tajikistan", "Tajikistan"}  # not Khatlon: one a week, as always
    gbao = regions["Gorno-Badakhshan, Tajikistan"]
    # four incidents, not six reports: the first attack's three articles are one incident
    assert (gbao["observed"], gbao["baseline_count"], gbao["fatalities"]) == (4, 0, 5)
    assert gbao["expected"] == pytest.approx(0.5 / 8, abs=0.01) and gbao["p_value"] < 1e-4
    assert gbao["dates"] == ["2026-03-25", "2026-03-27", "2026-03-28", "2026-03-30"]
    assert {"gbao-first-a", "gbao-0"} <= set(gbao["documents"]) and gbao["more_documents"] == 1
    country = regions["Tajikistan"]
    assert (country["observed"], country["baseline_count"]) == (5, 8)  # Khatlon's weekly attack counts for the country
    assert report["alerts"][0]["score"] >= report["alerts"][-1]["score"]


def test_a_narrative_that_surges_alerts(db):
    narratives = [a for a in _report(db)["alerts"] if a["kind"] == "narrative"]
    assert [(a["name"], a["observed"], a["baseline_count"]) for a in narratives] == [
        ("CA: Ungrateful and disloyal allies", 5, 0)]  # the guarantor narrative, steady and absent now, does not


def test_thresholds_and_the_window_are_the_analysts(db):
    assert [a for a in _report(db, min_count=6)["alerts"]] == []
    earlier = _report(db, as_of=AS_OF - timedelta(days=14))
    assert earlier["alerts"] == []  # before the surge all is quiet
    with pytest.raises(QueryError):
        _report(db, alpha=2.0)
    with pytest.raises(QueryError):
        _report(db, window=0)


def test_cli_and_rest_give_the_same_alerts(db):
    result = CliRunner().invoke(app, ["alerts", "--db", str(db), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    assert [a["name"] for a in cli["alerts"]] == [a["name"] for a in _report(db)["alerts"]]
    table = CliRunner().invoke(app, ["alerts", "--db", str(db)], catch_exceptions=False, env={"COLUMNS": "80"})
    assert "Gorno-Badakhshan" in table.stdout and "violence" in table.stdout
    first = cli["alerts"][0]  # every figure whole at 80 columns (a seven-column table had cut them to "0…")
    assert f"observed {first['observed']} · expected {first['expected']:.2f} · score {first['score']:.1f}" in table.stdout
    bad = CliRunner().invoke(app, ["alerts", "--db", str(db), "--as-of", "2026-02-30"])
    assert bad.exit_code == 2 and "--as-of must be a date" in bad.output
    with TestClient(create_app(ServeSettings(db=str(db), load_models=False, contradictions=False))) as client:
        body = client.get("/api/alerts").json()
        assert [a["name"] for a in body["alerts"]] == [a["name"] for a in cli["alerts"]]
        assert client.get("/api/alerts", params={"as_of": "2026-03-17"}).json()["alerts"] == []
        for params in ({"window": 0}, {"alpha": 0}, {"as_of": "soon"}, {"min_count": -1}):
            answer = client.get("/api/alerts", params=params)
            assert answer.status_code in (400, 422) and answer.json()["ok"] is False
        page = client.get("/").text  # the dashboard's overview lists them, linked to their articles
        assert 'id="alerts"' in page and "Gorno-Badakhshan, Tajikistan" in page and "/articles/gbao-first-a" in page
