"""``faultlines narratives trend``: narrative prevalence per period and per outlet, read from a real store."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.model import Annotation, Document
from faultlines.store import Store

runner = CliRunner()
WATER = "CA: Scarce water and resources drive conflict"
MEDIA = "CA: Western media lie"


def _doc(doc_id: str, published: str, source: str, narratives: list[str], meta: dict | None = None) -> Document:
    text = f"Article {doc_id} about the region, published {published}."
    doc = Document(id=doc_id, text=text, source=source, published=published, language="en", meta=meta or {})
    for name in narratives:
        doc.add(Annotation("narrative", 0, len(text), label=name, score=0.8, analyzer="narratives", version="1",
                           attrs={"subnarrative": f"{name}: Other", "taxonomy": "regional"}))
    return doc


def _store(tmp_path):
    path = tmp_path / "trend.db"
    with Store(path) as store:
        store.add([
            _doc("a", "2025-10-03", "https://www.asiaplus.tj/news/a", [WATER]),
            _doc("b", "2025-10-20", "https://kaktus.media/b", [WATER, MEDIA]),
            _doc("c", "2025-11-05", "https://www.asiaplus.tj/news/c", [MEDIA]),
            _doc("d", "2025-12-01", "https://kaktus.media/d", [WATER]),
            _doc("e", "2025-09-01", "https://kaktus.media/e", [WATER]),
            # saved pages: the outlet is the host of the page's own URL, or its site name
            _doc("f", "2025-10-21", "saved/f.html", [WATER], {"url": "https://kaktus.media/f", "site": "Kaktus"}),
            _doc("g", "2025-10-22", "saved/g.html", [WATER], {"site": "Eurasianet"}),
            _doc("h", "2025-10-23", "notes/h.txt", [WATER]),
        ])
    return path


def test_trend_by_narrative_per_month(tmp_path):
    db = _store(tmp_path)
    result = runner.invoke(app, ["narratives", "trend", "--since", "2025-10-01", "--until", "2025-11-30",
                                 "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    trend = json.loads(result.stdout)
    assert trend["periods"] == ["2025-10", "2025-11"]
    series = {s["name"]: s["counts"] for s in trend["series"]}
    assert series == {WATER: [5, 0], MEDIA: [1, 1]}


def test_trend_by_source_and_table(tmp_path):
    db = _store(tmp_path)
    result = runner.invoke(app, ["narratives", "trend", "--since", "2025-10-01", "--by", "source", "--narrative", WATER,
                                 "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    trend = json.loads(result.stdout)
    assert {s["name"]: s["total"] for s in trend["series"]} == {"asiaplus.tj": 1, "kaktus.media": 3, "Eurasianet": 1,
                                                                "local files": 1}
    table = runner.invoke(app, ["narratives", "trend", "--period", "week", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "2025-W40" in table.output and "Western media lie" in table.output
    weekly = json.loads(runner.invoke(app, ["narratives", "trend", "--period", "week", "--since", "2025-10-01",
                                            "--until", "2025-11-30", "--db", str(db), "--json"]).stdout)
    # (weeks with no document count 0 rather than vanish from the series)
    assert weekly["periods"] == [f"2025-W{w}" for w in range(40, 46)]


def test_trend_rejects_bad_arguments_in_one_line(tmp_path):
    db = _store(tmp_path)
    for args, word in ((["--period", "year"], "period"), (["--by", "author"], "by must be"),
                       (["--since", "2025-13-01"], "since")):
        result = runner.invoke(app, ["narratives", "trend", "--db", str(db), *args])
        assert result.exit_code == 2, args
        assert result.output.startswith("faultlines: error:") and word in result.output


def test_an_unknown_narrative_is_named_as_such(tmp_path):
    db = _store(tmp_path)
    result = runner.invoke(app, ["narratives", "trend", "--narrative", "CA: Bogus", "--db", str(db)])
    assert "no document in the store pushes 'CA: Bogus'" in result.output and WATER in result.output
