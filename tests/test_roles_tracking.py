"""Tracking roles in the store: the entities most cast as antagonist per period (query and command)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.errors import QueryError
from faultlines.model import Annotation, Document
from faultlines.narratives.tracking import role_leaders
from faultlines.query import period_of
from faultlines.pipeline import Pipeline
from faultlines.query import Queries
from faultlines.settings import Settings
from faultlines.store import Store


def cast(doc_id, published, text, *entities):
    """A document whose entity layer casts ``(surface, canonical, entity role)`` triples."""
    doc = Document(id=doc_id, text=text, published=published)
    for n, (surface, canonical, role) in enumerate(entities, 1):
        start = text.index(surface)
        doc.add(Annotation("entity", start, start + len(surface), label="GPE", score=0.9, analyzer="roles", version="1",
                           attrs={"role": role, "fine_roles": ["Instigator" if role == "Antagonist" else "Victim"],
                                  "entity_id": f"e{n}", "canonical": canonical, "entity_role": role}))
    return doc


@pytest.fixture()
def store_path(tmp_path):
    path = tmp_path / "roles.db"
    docs = [
        cast("a", "2025-10-03", "Moscow threatens Kyiv. Kyiv resists.", ("Moscow", "Russia", "Antagonist"),
             ("Kyiv", "Ukraine", "Innocent")),
        cast("b", "2025-10-20", "Washington provokes Russia.", ("Washington", "United States", "Antagonist"),
             ("Russia", "Russia", "Innocent")),
        cast("c", "2025-10-28", "Russia shells Ukraine.", ("Russia", "Russia", "Antagonist"),
             ("Ukraine", "Ukraine", "Innocent")),
        cast("d", "2025-11-02", "The US blocks the deal.", ("US", "United States", "Antagonist")),
        cast("e", None, "Russia acts.", ("Russia", "Russia", "Antagonist")),
    ]
    with Store(settings=Settings(db=str(path))) as store:
        store.add(docs)
    return path


def test_entities_ranked_by_documents_casting_them_per_month(store_path):
    with Store(settings=Settings(db=str(store_path))) as store:
        queries = Queries(store)
        result = role_leaders(queries, period="month")
        queries.close()
    assert [p["period"] for p in result["periods"]] == ["2025-10", "2025-11"]
    october = result["periods"][0]
    assert october["documents"] == 3
    assert [(e["entity"], e["documents"]) for e in october["entities"]] == [("Russia", 2), ("United States", 1)]
    # Russia is mentioned in all three October documents and cast as antagonist in two
    assert october["entities"][0]["share"] == pytest.approx(0.667) and october["entities"][0]["mentions"] == 2
    assert result["periods"][1]["entities"][0]["entity"] == "United States"
    assert result["undated_documents"] == 1


def test_role_period_and_range_filters(store_path):
    with Store(settings=Settings(db=str(store_path))) as store:
        queries = Queries(store)
        victims = role_leaders(queries, role="Innocent", period="week", since="2025-10-15")
        with pytest.raises(QueryError, match="role must be one of"):
            role_leaders(queries, role="Villain")
        with pytest.raises(QueryError, match="period must be"):
            role_leaders(queries, period="year")
        queries.close()
    assert [p["period"] for p in victims["periods"]] == ["2025-W43", "2025-W44"]
    assert [e["entity"] for p in victims["periods"] for e in p["entities"]] == ["Russia", "Ukraine"]
    assert period_of("2025-11-02", "week") == "2025-W44" and period_of("bad", "month") is None


def test_command_prints_json_and_refuses_bad_options(store_path):
    runner = CliRunner()
    result = runner.invoke(app, ["narratives", "antagonists", "--db", str(store_path), "--since", "2025-10-01",
                                 "--limit", "1", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [[e["entity"] for e in p["entities"]] for p in data["periods"]] == [["Russia"], ["United States"]]
    table = runner.invoke(app, ["narratives", "antagonists", "--db", str(store_path)], catch_exceptions=False)
    assert table.exit_code == 0 and "Russia" in table.stdout
    bad = runner.invoke(app, ["narratives", "antagonists", "--db", str(store_path), "--since", "yesterday"])
    assert bad.exit_code == 2 and bad.stderr.startswith("faultlines: error:") and bad.stderr.count("\n") == 1


def test_analyzed_documents_are_tracked_from_the_store(tmp_path):
    text = ("Russian forces shell Kharkiv\n\nRussian forces shelled Kharkiv on Tuesday, killing twelve civilians. "
            "Russian forces also struck a hospital.\n")
    doc = Document(id="k", text=text, title="Russian forces shell Kharkiv", published="2025-11-04")
    (doc,) = Pipeline(("language", "segment", "nlp", "encode", "roles"), Settings()).pipe([doc])
    path = tmp_path / "s.db"
    with Store(settings=Settings(db=str(path))) as store:
        store.add([doc])
        queries = Queries(store)
        result = role_leaders(queries, period="month")
        queries.close()
    (november,) = result["periods"]
    assert november["entities"][0]["entity"] == "Russian Armed Forces"
    assert november["entities"][0]["mentions"] == 3
