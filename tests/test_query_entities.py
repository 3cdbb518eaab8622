"""``Queries.entities`` on a real SQLite store: mentions grouped by canonical name, type and role, their surface
forms, filters, search by a form the canonical name does not contain, and a fresh answer after the store changes."""
from __future__ import annotations

import pytest

from faultlines.errors import QueryError
from faultlines.model import Annotation, Document
from faultlines.query import Queries
from faultlines.store import Store


def _doc(doc_id: str, mentions: list[tuple[str, str, str, str]]) -> Document:
    """mentions: (surface form, canonical name, type, role); the text is the forms joined."""
    text = "Report. " + " and ".join(form for form, *_ in mentions) + "."
    doc = Document(id=doc_id, text=text, source=f"https://example.org/{doc_id}", published="2025-11-30", language="en")
    at = 0
    for form, canonical, kind, role in mentions:
        start = text.index(form, at)
        at = start + len(form)
        doc.add(Annotation("entity", start, at, label=kind, score=0.6, analyzer="roles", version="1",
                           attrs={"role": role, "fine_roles": [], "canonical": canonical, "entity_id": canonical.lower(),
                                  "entity_role": role}))
    return doc


def test_entities_group_by_canonical_name_with_forms(tmp_path) -> None:
    path = tmp_path / "entities.db"
    with Store(path) as store:
        store.add([
            _doc("a", [("Dushanbe", "Tajikistan", "GPE", "Antagonist"), ("Tajikistan", "Tajikistan", "GPE", "Antagonist"),
                       ("the Kremlin", "Russia", "GPE", "Protagonist")]),
            _doc("b", [("Dushanbe", "Tajikistan", "GPE", "Antagonist"), ("Душанбе", "Tajikistan", "GPE", "Innocent")]),
        ])
    with Store(path) as store:
        queries = Queries(store)
        try:
            listed = queries.entities()
            assert listed["layer"] == "entity"
            assert listed["items"] == [
                {"name": "Tajikistan", "type": "GPE", "role": "Antagonist", "mentions": 3, "documents": 2,
                 "aliases": ["Dushanbe", "Tajikistan"]},
                {"name": "Russia", "type": "GPE", "role": "Protagonist", "mentions": 1, "documents": 1,
                 "aliases": ["the Kremlin"]},
                {"name": "Tajikistan", "type": "GPE", "role": "Innocent", "mentions": 1, "documents": 1,
                 "aliases": ["Душанбе"]},
            ]
            assert [i["name"] for i in queries.entities(role="Innocent")["items"]] == ["Tajikistan"]
            assert queries.entities(type="ORG")["items"] == []
            # a form the canonical name does not contain finds the whole entity, in any case of any script
            kremlin = queries.entities(q="KREML")["items"]
            assert [(i["name"], i["mentions"]) for i in kremlin] == [("Russia", 1)]
            assert {(i["name"], i["role"]) for i in queries.entities(q="душанбе")["items"]} == {
                ("Tajikistan", "Antagonist"), ("Tajikistan", "Innocent")}
            assert [(i["role"], i["mentions"]) for i in queries.entities(doc="b")["items"]] == [
                ("Antagonist", 1), ("Innocent", 1)]
            assert queries.entities(limit=1)["items"] == listed["items"][:1]
            # pages of one, each after the sort key of the last item shown, make the whole list
            pages = [queries.entities(limit=1)]
            while pages[-1]["next_cursor"]:
                pages.append(queries.entities(limit=1, cursor=pages[-1]["next_cursor"]))
            assert [p["items"][0] for p in pages] == listed["items"] and listed["next_cursor"] is None
            for layer in ("entity", "ner"):
                first = queries.entities(layer=layer, limit=2)
                rest = queries.entities(layer=layer, limit=2, cursor=first["next_cursor"])
                assert first["items"] + rest["items"] == queries.entities(layer=layer)["items"][:4]
            with pytest.raises(QueryError, match="bad cursor"):
                queries.entities(cursor="bm90IGEgY3Vyc29y")
            assert {i["name"] for i in queries.entities(q="Tajik*")["items"]} == {"Tajikistan"}
            for odd in ('"', "*", "NEAR(", "()", "x" * 300):  # search-box input that names nothing: no entity, no error
                assert queries.entities(q=odd)["items"] == []
            # the same reader (as a running server keeps it) sees what is stored after its first answer
            store.add([_doc("c", [("the Kremlin", "Russia", "GPE", "Protagonist"), ("Moscow", "Russia", "GPE", "Protagonist"),
                                  ("Moscow", "Russia", "GPE", "Protagonist")])])
            assert queries.entities(q="russia")["items"] == [
                {"name": "Russia", "type": "GPE", "role": "Protagonist", "mentions": 4, "documents": 2,
                 "aliases": ["Moscow", "the Kremlin"]}]
        finally:
            queries.close()
