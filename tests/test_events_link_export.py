"""Cross-article incidents (a pure function over annotated documents) and the three exports over a real store."""
import csv
import io
import json

import pytest
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.events.export import ACLED_COLUMNS, export_string
from faultlines.events.link import link_incidents
from faultlines.model import Annotation, Document


def _event(**attrs):
    base = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "plover": "ASSAULT",
            "date": "2025-11-26", "date_precision": "day", "date_range": ["2025-11-26", "2025-11-26"],
            "country": "Tajikistan", "iso": "TJ", "admin1": "Khatlon", "admin2": None, "location": "Khatlon",
            "latitude": 37.83399, "longitude": 68.78186, "actor1": "gunmen", "actor2": "Chinese workers",
            "actor1_acled": "Unidentified Armed Group (Tajikistan)", "actor2_acled": "Civilians (China)",
            "inter1": 3, "inter2": 7, "interaction": 37, "fatalities": 3, "injuries": None, "geo_precision": 3,
            "warnings": [], "mentions": []}
    base.update(attrs)
    return base


def _doc(id, text, published, *events):
    doc = Document(id=id, text=text, published=published, language="en", source=f"https://example.org/{id}", title=id)
    for attrs in events:
        doc.add(Annotation("event", 0, len(text), label=attrs["event_type"], attrs=attrs, analyzer="events", version="1"))
    return doc


@pytest.fixture()
def reports():
    return [
        _doc("wire-a", "Three Chinese workers were killed in Khatlon on Wednesday.", "2025-11-27", _event()),
        _doc("paper-b", "Gunmen killed four Chinese employees in Shamsiddin Shohin district.", "2025-11-28",
             _event(fatalities=4, admin2="Shamsiddin Shohin", location="Shamsiddin Shohin", geo_precision=2)),
        _doc("blog-c", "Late in November a drone struck a camp in Darvoz; two died.", "2025-12-01",
             _event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", date="2025-11-30",
                    date_range=["2025-11-30", "2025-11-30"], admin1="Gorno-Badakhshan", admin2="Darvoz", fatalities=2),
             _event(event_type=None, sub_event_type=None, plover="CONSULT", actor1_acled=None, actor2_acled=None,
                    fatalities=None, date="2025-12-01", date_range=["2025-12-01", "2025-12-07"], date_precision="range")),
    ]


def test_link_incidents_keeps_sources_and_disagreements(reports):
    incidents = link_incidents(reports)
    attack = next(i for i in incidents if i.date == "2025-11-26")
    assert [s["doc_id"] for s in attack.sources] == ["wire-a", "paper-b"]
    assert attack.fatalities_by_source == {"wire-a": 3, "paper-b": 4}
    assert attack.fatalities == 3 and "differ" in attack.notes
    assert attack.admin2 == "Shamsiddin Shohin"  # the most specific report
    others = [i for i in incidents if i is not attack]
    assert len(others) == 2 and all(len(i.sources) == 1 for i in others)


def test_acled_csv_per_incident_counts_an_attack_two_outlets_told_once(reports):
    from faultlines.events.export import export_events

    buffer = io.StringIO()
    assert export_events(reports, "acled-csv", buffer, per="incident") == 2
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    attack = next(r for r in rows if r["event_date"] == "2025-11-26")
    # one row, the most specific report's place, the lowest toll, both sources (per report it was 3 + 4 dead)
    assert (attack["admin2"], attack["fatalities"], attack["source_scale"]) == ("Shamsiddin Shohin", "3", "2 reports")
    assert attack["source"] == "https://example.org/paper-b; https://example.org/wire-a"
    assert "Fatality reports differ" in attack["notes"]
    assert sum(int(r["fatalities"]) for r in rows) == 5
    with pytest.raises(ValueError, match="acled-csv"):
        export_events(reports, "geojson", io.StringIO(), per="incident")


def test_link_keeps_events_of_one_article_apart():
    doc = _doc("one", "Two attacks on the same day.", "2025-11-27", _event(), _event(fatalities=3))
    assert len(link_incidents([doc])) == 2


def test_acled_csv(reports):
    rows = list(csv.DictReader(io.StringIO(export_string(reports, "acled-csv"))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) == 3  # the CONSULT statement is not an ACLED event
    first = rows[0]
    assert first["event_id_cnty"] == "TJK1" and first["event_date"] == "2025-11-26" and first["year"] == "2025"
    assert first["iso"] == "762" and first["country"] == "Tajikistan" and first["interaction"] == "37"
    assert first["source"] == "https://example.org/wire-a" and first["notes"].startswith("Three Chinese")
    assert first["civilian_targeting"] == "Civilian targeting"


def test_plover_jsonl_and_geojson(reports):
    lines = [json.loads(x) for x in export_string(reports, "plover-jsonl").splitlines()]
    assert [x["event_type"] for x in lines] == ["ASSAULT", "ASSAULT", "ASSAULT", "CONSULT"]
    assert lines[0]["source_actor"] == "Unidentified Armed Group (Tajikistan)"
    geo = json.loads(export_string(reports, "geojson"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 4
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [68.78186, 37.83399]}


def test_cli_export_and_incidents_over_a_store(reports, tmp_path):
    from faultlines.settings import Settings
    from faultlines.store import Store

    db = tmp_path / "events.db"
    with Store(settings=Settings.from_env(db=str(db))) as store:
        store.add(reports)
    runner = CliRunner()
    out = tmp_path / "events.geojson"
    result = runner.invoke(app, ["events", "export", "--format", "geojson", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text())["features"]) == 4
    result = runner.invoke(app, ["events", "export", "--format", "acled-csv", "--db", str(db)])
    assert result.exit_code == 0 and result.output.startswith("event_id_cnty,")
    result = runner.invoke(app, ["events", "incidents", "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    incidents = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert any(len(i["sources"]) == 2 for i in incidents)
    bad = runner.invoke(app, ["events", "export", "--format", "kml", "--db", str(db)])
    assert bad.exit_code == 2
    per_incident = runner.invoke(app, ["events", "export", "--per", "incident", "--db", str(db)])
    assert per_incident.exit_code == 0 and len(per_incident.output.strip().splitlines()) == 1 + 2
    for wrong in (["--per", "incident", "--format", "geojson"], ["--per", "article"]):
        refused = runner.invoke(app, ["events", "export", *wrong, "--db", str(db)])
        assert refused.exit_code == 2 and "--per" in refused.output


def test_a_battle_told_from_each_side_is_one_incident_but_two_attackers_are_two():
    clash = dict(event_type="Battles", sub_event_type="Armed clash", plover="FIGHT", country="Kyrgyzstan", iso="KG",
                 admin1="Batken", location="Batken")
    kyrgyz = _doc("kg", "Tajik troops opened fire …", "2026-11-18", _event(
        **clash, actor1_acled="Military Forces of Tajikistan", actor2_acled="Military Forces of Kyrgyzstan", fatalities=2))
    tajik = _doc("tj", "Киргизские военные первыми открыли огонь …", "2026-11-18", _event(
        **clash, actor1_acled="Military Forces of Kyrgyzstan", actor2_acled="Military Forces of Tajikistan", fatalities=3))
    (incident,) = link_incidents([kyrgyz, tajik])
    assert incident.fatalities_by_source == {"kg": 2, "tj": 3}
    other = _doc("tb", "Taliban fighters fired on …", "2026-11-18", _event(
        **clash, actor1_acled="Taliban", actor2_acled="Military Forces of Kyrgyzstan", fatalities=2))
    assert len(link_incidents([kyrgyz, other])) == 2


def test_an_attack_whose_sides_a_report_turned_round_is_one_incident():
    blast = dict(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED", admin1="Balkh",
                 country="Afghanistan", iso="AF", location="Mazar-e Sharif")
    afp = _doc("afp", "A bomb killed six at a market …", "2026-12-04", _event(
        **blast, actor1_acled="Islamic State (Khorasan Province)", actor2_acled="Police Forces of Afghanistan", fatalities=6))
    ria = _doc("ria", "Число погибших выросло до девяти …", "2026-12-05", _event(
        **blast, actor1_acled="Police Forces of Afghanistan", actor2_acled="Islamic State (Khorasan Province)", fatalities=9))
    (incident,) = link_incidents([afp, ria])
    assert incident.fatalities_by_source == {"afp": 6, "ria": 9}


def test_an_armed_group_a_report_could_not_name_keeps_no_reports_apart():
    clash = dict(event_type="Battles", sub_event_type="Armed clash", plover="FIGHT", country="Kyrgyzstan", iso="KG",
                 admin1="Batken", location="Ak-Sai", date="2026-12-02", date_range=["2026-12-02", "2026-12-02"])
    kyrgyz = _doc("24kg", "Таджикские военнослужащие открыли огонь …", "2026-12-02", _event(
        **clash, actor1_acled="Military Forces of Tajikistan", actor2_acled="Military Forces of Kyrgyzstan", fatalities=1))
    balanced = _doc("eurasianet", "Each side has blamed the other …", "2026-12-03", _event(
        **clash, actor1_acled="Unidentified Armed Group (Kyrgyzstan)", actor2_acled=None, fatalities=3))
    (incident,) = link_incidents([kyrgyz, balanced])
    assert incident.fatalities_by_source == {"24kg": 1, "eurasianet": 3}
