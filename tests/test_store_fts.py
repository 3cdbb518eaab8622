"""Full-text search: safe query building from hostile input, English and Russian, snippets, raw mode."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import all_docs, make_doc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultlines.errors import QueryError
from faultlines.store import MARK_END, MARK_START, Store, to_fts_query

NASTY = [
    '"', '""', '"""', 'NEAR(', "NEAR(a b)", "NEAR/3", "a OR", "OR b", "OR", "AND", "NOT", "a AND", "*", "**",
    "-x", "-", "title:", "title:Rogun", "text : dam", "'; DROP TABLE documents; --", "^", "^Rogun", "()",
    "(Rogun", "Rogun)", "{title text}: dam", "a + b", "Душанбе*", "\"Ёлки на", "Dushanbe\x00attack", "\ud800",
    "👍🏽 Tajikistan 🇹🇯", "ﷺ", "\u0301", "Rogun " * 3000, "x" * 20000, "a" + " OR b" * 500, "NEAR(" * 200,
    "\"unbalanced phrase", "Tashkent\"", "* OR *", "documents_fts MATCH 'x'", "rank:", "rowid = 1",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("fts") / "s.db"
    with Store(path) as s:
        s.add(all_docs())
        yield s


def _fingerprint(path: Path) -> str:
    import sqlite3

    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT pk, id, content_hash, title, text FROM documents ORDER BY pk").fetchall()
        schema = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    return hashlib.sha256(repr((rows, schema)).encode()).hexdigest()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rogun dam", '"Rogun" AND "dam"'),
        ('"water deal" Rogun', '"water deal" AND "Rogun"'),
        ('say "hi""', '"say" AND "hi"'),
        ("Rogun OR Vakhsh dam", '("Rogun" OR "Vakhsh") AND "dam"'),
        ("dam Rogun OR Vakhsh OR Tashkent", '"dam" AND ("Rogun" OR "Vakhsh" OR "Tashkent")'),
        ("OR Rogun OR", '"Rogun"'),
        ("Душанб*", '"Душанб"*'),
        ('"water sh"*', '"water sh"*'),
        ("title:Rogun", '"title" AND "Rogun"'),
        ("NEAR(Rogun dam)", '"Rogun" AND "dam"'),
        ("-x", '"-x"'),
        ("Rogun's", '"Rogun\'s"'),
        ("a*b", '"a*b"'),
        ("and or not", '"and" AND "or" AND "not"'),
    ],
)
def test_to_fts_query(text: str, expected: str) -> None:
    assert to_fts_query(text) == expected


@pytest.mark.parametrize("text", ["", "   ", '"', "OR", "AND NOT", "()", "*", "^", ":", "NEAR(", '""'])
def test_nothing_to_search_for(text: str) -> None:
    with pytest.raises(QueryError, match="nothing to search for"):
        to_fts_query(text)


def test_search_english_with_snippets(store: Store) -> None:
    hits = store.search("Rogun")
    assert hits[0].id == "rogun-dam"
    assert f"{MARK_START}Rogun{MARK_END}" in hits[0].snippet
    assert hits[0].title.startswith("Uzbekistan and Tajikistan")
    assert {h.id for h in store.search("Tajikistan")} >= {"khatlon-attack", "rogun-dam"}
    assert [h.id for h in store.search('"Foreign Ministry" Khatlon')] == ["khatlon-attack"]
    assert store.search('"Ministry Foreign"') == []
    assert {h.id for h in store.search("Tokayev OR Mirziyoyev")} == {"csto-kazakhstan", "rogun-dam"}
    assert [h.id for h in store.search("Dushan*")] == ["khatlon-attack"]
    assert len(store.search("Tajikistan", limit=1)) == 1
    ranks = [h.rank for h in store.search("Tajikistan")]
    assert ranks == sorted(ranks)


def test_search_russian(store: Store) -> None:
    hits = store.search("Душанбе")
    assert [h.id for h in hits] == ["dushanbe-ru"]
    assert f"{MARK_START}Душанбе{MARK_END}" in hits[0].snippet
    assert [h.id for h in store.search("душанбе")] == ["dushanbe-ru"]  # case folded
    assert [h.id for h in store.search("ТАДЖИКИСТАНА опроверг")] == ["dushanbe-ru"]
    assert {h.id for h in store.search("Таджикистан*")} == {"dushanbe-ru", "bishkek-ru"}
    assert [h.id for h in store.search("ёлки")] == ["dushanbe-ru"]
    assert [h.id for h in store.search("«Ничего подобного»")] == ["dushanbe-ru"]


def test_snippet_markers_are_not_the_texts_own_quotation_marks(store: Store) -> None:
    (hit,) = store.search("подобного")
    # the text's guillemets stay as written; only the match is marked (« » had been both)
    assert f"«Ничего {MARK_START}подобного{MARK_END} не происходит»" in hit.snippet


def test_raw_mode_passes_fts5_syntax_and_reports_errors(store: Store) -> None:
    assert [h.id for h in store.search("title:Rogun", raw=True)] == ["rogun-dam"]
    assert [h.id for h in store.search("NEAR(Tokayev assistance, 5)", raw=True)] == ["csto-kazakhstan"]
    for bad in ['"', "NEAR(", "a OR", "nosuchcolumn:x", "()", "^"]:
        with pytest.raises(QueryError) as info:
            store.search(bad, raw=True)
        assert info.value.code in ("FL301", "FL302") and "\n" not in str(info.value)
    with pytest.raises(QueryError, match="nothing to search for"):
        store.search("  ", raw=True)


@pytest.mark.parametrize("raw", [False, True])
def test_nasty_queries_only_raise_query_error_and_never_alter_the_store(store: Store, raw: bool) -> None:
    before = _fingerprint(store.path)
    for text in NASTY:
        try:
            hits = store.search(text, raw=raw)
        except QueryError as e:
            assert "\n" not in str(e)
        else:
            assert isinstance(hits, list)
    assert store.search("'; DROP TABLE documents; --") == []
    assert _fingerprint(store.path) == before
    assert store.count() == 5


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200) | st.lists(st.sampled_from(['"', "OR", "AND", "NOT", "NEAR(", "(", ")", "*", "^", ":", "-", "+",
                                                          "Rogun", "Душанбе", "title", "{", "}", ",", "NEAR/2", " "]),
                                         max_size=30).map("".join))
def test_any_text_is_a_safe_query(store: Store, text: str) -> None:
    try:
        query = to_fts_query(text)
    except QueryError:
        return
    assert query.strip()
    hits = store.search(text)
    assert isinstance(hits, list)


def test_optimize_keeps_the_index_consistent(tmp_path: Path) -> None:
    from helpers import sqlite_checks

    with Store(tmp_path / "o.db") as s:
        for doc in all_docs():  # one transaction (one FTS segment) each
            s.add([doc])
        s.optimize()
        assert [h.id for h in s.search("Rogun")] == ["rogun-dam"]
    assert sqlite_checks(tmp_path / "o.db") == ("ok", 5, 5)


def test_search_on_empty_store_and_limit_checks(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as s:
        assert s.search("Rogun") == []
        with pytest.raises(QueryError):
            s.search("Rogun", limit=0)
        s.add([make_doc("rogun-dam"), make_doc("rogun-dam", id="tm", title="Port", text="Türkmenbaşy port handled Kazakh grain.")])
        assert s.search("rogun")[0].id == "rogun-dam"
        assert [h.id for h in s.search("Turkmenbasy")] == ["tm"]  # diacritics removed


def test_a_russian_word_finds_its_inflected_forms_and_a_quoted_one_only_itself(store: Store) -> None:
    # FTS5's unicode61 tokenizer does not stem: "Таджикистан" had missed «МИД Таджикистана»
    assert to_fts_query("Таджикистан") == '"таджикиста"*'
    assert {h.id for h in store.search("Таджикистан")} == {"dushanbe-ru", "bishkek-ru"}
    assert {h.id for h in store.search('"Таджикистан"')} == {"bishkek-ru"}
    assert to_fts_query("мир") == '"мир"'  # a stem this short would find unrelated words
    # a word that is its own stem finds its forms too: "Хатлон" had missed «Хатлонской области»
    assert to_fts_query("Хатлон") == '"хатлон"*' and to_fts_query("Душанбе") == '"душанб"*'
