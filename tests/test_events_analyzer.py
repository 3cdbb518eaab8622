"""The events analyzer end to end over the shared text pipeline (spaCy / natasha load once per module)."""
from pathlib import Path

import pytest

import faultlines
from faultlines.output import document_record

DEMO = Path(faultlines.__file__).parent / "demo" / "articles"
ANALYZERS = ("language", "segment", "nlp", "events")
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
INTERFACE_FIELDS = {"event_type", "sub_event_type", "plover", "date", "date_precision", "country", "iso", "admin1",
                    "admin2", "location", "latitude", "longitude", "actor1", "actor2", "fatalities", "injuries", "start", "end"}


def run(text_or_path, published=None):
    return faultlines.analyze(text_or_path, published=published, analyzers=ANALYZERS)


@pytest.fixture(scope="module")
def canonical():
    return run(str(DEMO / "tajikistan-forgetful-friends.txt"))


def test_canonical_demo_article(canonical):
    record = document_record(canonical)
    violent = [e for e in record["events"] if e["event_type"] in VIOLENT]
    assert len(violent) == 2, violent
    khatlon, darvaz = violent
    assert INTERFACE_FIELDS <= set(khatlon)
    assert (khatlon["date"], khatlon["date_precision"]) == ("2025-11-26", "day")
    assert (khatlon["country"], khatlon["iso"], khatlon["admin1"], khatlon["admin2"]) == ("Tajikistan", "TJ", "Khatlon", "Shamsiddin Shohin")
    assert khatlon["fatalities"] == 3
    assert khatlon["actor1"] == "gunmen from Afghanistan" and khatlon["actor1_origin"] == "Afghanistan"
    assert khatlon["actor1_acled"] == "Unidentified Armed Group (Tajikistan)"
    assert khatlon["actor2_acled"] == "Civilians (China)" and khatlon["actor2_employer"] == "Shohin SM"
    assert "Chinese employees" in khatlon["actor2"]
    assert (darvaz["date"], darvaz["admin1"], darvaz["admin2"]) == ("2025-11-30", "Gorno-Badakhshan", "Darvoz")
    assert (darvaz["fatalities"], darvaz["injuries"]) == (2, 2)
    assert darvaz["latitude"] and darvaz["longitude"]
    # "In total, five Chinese nationals have died": an aggregate, consistent with 3 + 2, not a third event
    aggregates = canonical.meta["event_aggregates"]
    assert [a["fatalities"] for a in aggregates] == [5]
    assert "five Chinese nationals" in canonical.text[aggregates[0]["start"]:aggregates[0]["end"]]
    assert not canonical.meta.get("event_warnings")
    for e in record["events"]:
        assert canonical.text[e["start"]:e["end"]].strip()
        assert e["plover"] and e["plover"].isupper()


def test_statements_are_plover_events_without_acled_fields(canonical):
    talks = [e.attrs for e in canonical.layer("event") if e.attrs["plover"] == "CONSULT"]
    assert talks and all(t["event_type"] is None and t["fatalities"] is None for t in talks)


def test_russian_article():
    doc = run(str(DEMO / "darvaz-attack-chinese-citizens-killed-ru.txt"))
    violent = [a.attrs for a in doc.layer("event") if a.attrs["event_type"] in VIOLENT]
    by_date = {e["date"]: e for e in violent}
    assert by_date["2025-11-30"]["admin2"] == "Darvoz" and by_date["2025-11-30"]["fatalities"] == 2
    assert by_date["2025-11-26"]["admin1"] == "Khatlon" and by_date["2025-11-26"]["fatalities"] == 3
    assert by_date["2025-11-26"]["actor2_acled"] == "Civilians (China)"


def test_text_without_events_yields_none():
    doc = run("Central Asia's governments have spent a decade balancing between Moscow, Beijing and Washington. "
              "The strategy brought loans, but it leaves little room for manoeuvre.", published="2025-11-02")
    assert doc.layer("event") == []
    hedged = run("Analysts warned that militants could attack Chinese projects if security is not improved.", published="2025-11-02")
    assert hedged.layer("event") == []


def test_total_that_disagrees_is_flagged():
    doc = run("On May 3 gunmen killed two border guards near Ishkashim. On May 5 a roadside bomb killed one soldier "
              "in Khorog. In total, six servicemen have died in less than a week.", published="2025-05-10")
    violent = [a for a in doc.layer("event") if a.attrs["event_type"] in VIOLENT]
    assert len(violent) == 2
    assert any("does not match" in w for w in doc.meta["event_warnings"])
    assert all(any("does not match" in w for w in a.attrs["warnings"]) for a in violent)


def test_bad_dates_are_flagged_not_raised():
    doc = run("Gunmen attacked a police post in Khorog on February 30. Protesters rallied in Osh on December 20.",
              published="2025-12-10")
    warnings = [w for a in doc.layer("event") for w in a.attrs["warnings"]]
    assert any("impossible" in w for w in warnings)
    assert any("after the publication date" in w for w in warnings)


def test_unmatched_place_keeps_its_text_and_no_coordinates():
    doc = run("Farmers from two villages near Kok-Tash fought with sticks and stones over water on May 31.", published="2025-06-02")
    [event] = [a.attrs for a in doc.layer("event")]
    assert event["latitude"] is None and event["country"] is None
    assert event["location"] and "Kok-Tash" in event["location"]
