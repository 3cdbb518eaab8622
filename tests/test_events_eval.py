"""`faultlines eval events` on the project's gold set, with floors (the figures are in docs/events.md)."""
import json
from pathlib import Path

from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.events.evaluate import load_gold, match

GOLD = Path(__file__).resolve().parents[1] / "gold" / "events"


def test_gold_set_size_and_shape():
    rows = load_gold(GOLD)
    langs = [r["language"] for r in rows]
    assert langs.count("en") >= 40 and langs.count("ru") >= 20
    assert any(not r["events"] for r in rows)  # non-events are part of the set
    for r in rows:
        assert r["published"] and r["text"]
        for e in r["events"]:
            assert e["plover"].isupper()


def test_matching_rule_pairs_by_type_then_agreement():
    gold = [{"event_type": "Battles", "sub_event_type": "Armed clash", "plover": "ASSAULT", "date": "2025-10-14"},
            {"event_type": None, "plover": "CONSULT", "date": "2025-10-14"}]
    predicted = [{"event_type": None, "plover": "CONSULT", "date": "2025-10-14"},
                 {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "plover": "ASSAULT", "date": "2025-10-14"}]
    assert sorted(match(predicted, gold)) == [(0, 1), (1, 0)]
    assert match([{"event_type": None, "plover": "REJECT"}], gold) == []


def test_eval_command_meets_the_floors():
    result = CliRunner().invoke(app, ["eval", "events", str(GOLD), "--json", "--min-f1", "0.9", "--min-field", "0.9"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output[result.output.index("{"):])
    assert figures["detection"]["f1"] >= 0.9
    assert all(f["accuracy"] >= 0.9 for f in figures["fields"].values() if f["accuracy"] is not None)


def test_parties_held_out_meet_their_floor():
    # written before the parties were run on them (docs/events.md): one Russian dative recipient is missed
    result = CliRunner().invoke(app, ["eval", "events", str(GOLD / "parties"), "--json", "--min-f1", "0.9"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output[result.output.index("{"):])
    assert figures["fields"]["actor1"]["n"] == 8 and figures["fields"]["actor1"]["accuracy"] == 1.0
    assert figures["fields"]["actor2"]["accuracy"] >= 0.85


def test_the_second_held_out_set_meets_the_floor():
    # written before the sixteenth stop's events changes were scored on it (F1 0.963, fatalities 0.800 then); its three
    # misses were read afterwards, so it is development data now (docs/events.md)
    result = CliRunner().invoke(app, ["eval", "events", str(GOLD / "heldout2"), "--json", "--min-f1", "0.9"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output[result.output.index("{"):])
    assert figures["detection"]["f1"] >= 0.9 and figures["fields"]["fatalities"]["accuracy"] >= 0.9
