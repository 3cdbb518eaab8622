"""The REST API against a real SQLite store of the demo corpus (plus a hostile article).

TestClient drives the real app (lifespan, middleware, error handlers); the
browser tests (test_web_browser.py) drive a real uvicorn server.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_support import HOSTILE_ID, IMG, SCRIPT, demo_store

from faultlines.api import ServeSettings, create_app
from faultlines.api.security import session_value
from faultlines.errors import FaultlinesError
from faultlines.query import MARK_END, MARK_START


@pytest.fixture(scope="module")
def db() -> str:
    return str(demo_store())


@pytest.fixture(scope="module")
def client(db):
    # Models load once (lifespan) for POST /api/analyze; contradictions are computed in the background.
    with TestClient(create_app(ServeSettings(db=db))) as c:
        yield c


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    assert "Traceback" not in response.text
    return body


def _all_ids(db: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM documents")]


# --------------------------------------------------------------------------- documents


def test_health_and_stats(client, db) -> None:
    health = client.get("/-/health").json()
    assert health["ok"] and health["documents"] == len(_all_ids(db)) and health["models_loaded"]
    stats = client.get("/api/stats").json()
    assert stats["documents"] == len(_all_ids(db)) >= 17 and stats["by_language"]["ru"] >= 6
    assert stats["annotations_by_layer"]["event"] >= 1 and stats["annotations_by_layer"]["ner"] > 100


def test_documents_pages_cover_every_document_once_newest_first(client, db) -> None:
    seen, dates, cursor = [], [], None
    for _ in range(20):
        page = client.get("/api/documents", params={"limit": 3, "cursor": cursor}).json()
        seen += [d["id"] for d in page["items"]]
        dates += [d["published"] for d in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(_all_ids(db))
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated  # undated documents (if any) come last


def test_document_filters(client) -> None:
    ru = client.get("/api/documents", params={"language": "ru"}).json()["items"]
    assert ru and all(d["language"] == "ru" for d in ru)
    december = client.get("/api/documents", params={"since": "2025-12-01", "until": "2025-12-05"}).json()["items"]
    assert december and all("2025-12-01" <= d["published"] <= "2025-12-05" for d in december)
    month = client.get("/api/documents", params={"since": "2025-11", "until": "2025-11"}).json()["items"]
    assert month and all(d["published"].startswith("2025-11") for d in month)
    wire = client.get("/api/documents", params={"source": "https://example.org/wire/"}).json()["items"]
    assert {d["id"] for d in wire} == {"fl-wire-20251008-001", "fl-wire-20251114-002", "fl-wire-20251203-003"}
    tajik = client.get("/api/documents", params={"country": "Tajikistan"}).json()["items"]
    assert HOSTILE_ID in {d["id"] for d in tajik}
    technique = client.get("/api/documents", params={"technique": "Loaded_Language"}).json()["items"]
    assert HOSTILE_ID in {d["id"] for d in technique}
    for item in technique:  # every hit really carries the technique
        record = client.get(f"/api/documents/{item['id']}").json()
        assert "Loaded_Language" in {t["technique"] for t in record["techniques"]}
    none = client.get("/api/documents", params={"narrative": "No such narrative"}).json()
    assert none["items"] == [] and none["next_cursor"] is None


def test_full_text_query_marks_snippets(client) -> None:
    hits = client.get("/api/documents", params={"q": "Душанбе", "language": "ru"}).json()["items"]
    assert hits and all(d["language"] == "ru" for d in hits)
    assert all(f"{MARK_START}Душанбе{MARK_END}" in d["snippet"] for d in hits)
    # Typed syntax is made safe, never an FTS error.
    assert client.get("/api/documents", params={"q": 'NEAR( "unbalanced'}).status_code == 200


def test_one_document_with_all_annotations(client) -> None:
    record = client.get("/api/documents/tajikistan-forgetful-friends").json()
    for key in ("id", "source", "title", "text", "language", "published", "techniques", "narratives", "entities",
                "events", "claims"):
        assert key in record
    assert record["published"] == "2025-12-10" and record["claims"]
    layers = {a["layer"] for a in record["annotations"]}
    assert "ner" in layers and "claim" in layers
    for a in record["annotations"]:
        assert record["text"][a["start"] : a["end"]] == a["text"]


def test_events_list_and_geojson(client) -> None:
    events = client.get("/api/events").json()["items"]
    hostile = [e for e in events if e["document"]["id"] == HOSTILE_ID]
    assert hostile and hostile[0]["actor1"] == IMG and hostile[0]["country"] == "Tajikistan"
    assert client.get("/api/events", params={"country": "Nowhere"}).json()["items"] == []
    december = client.get("/api/events", params={"since": "2025-12-08", "until": "2025-12-08"}).json()["items"]
    assert december and all(e["date"] == "2025-12-08" for e in december)
    geo = client.get("/api/events.geojson", params={"country": "Tajikistan"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert any(f["geometry"]["coordinates"] == [68.8, 37.9] for f in features)
    assert all(f["properties"]["country"] == "Tajikistan" for f in features)


def test_claims_filters_and_contradictions(client) -> None:
    denials = client.get("/api/claims", params={"stance": "deny", "limit": 100}).json()["items"]
    assert denials and all(c["stance"] == "deny" for c in denials)
    assert all(c["text"] for c in denials)
    reuters = client.get("/api/claims", params={"q": "Reuters"}).json()["items"]
    assert reuters and all("reuters" in (c["text"] + (c["speaker"] or "") + (c["about"] or "")).lower() for c in reuters)
    state = client.get("/api/contradictions").json()["state"]
    assert state in ("pending", "ready", "unavailable")


def test_search_ranks_the_best_documents_first(client, db) -> None:
    hits = client.get("/api/search", params={"q": "Tajikistan", "limit": 3}).json()["documents"]
    with sqlite3.connect(db) as conn:
        every = [r[0] for r in conn.execute(
            "SELECT bm25(documents_fts, 5.0, 1.0) FROM documents_fts WHERE documents_fts MATCH 'tajikistan' ORDER BY 1")]
    assert len(every) > 3 and [h["rank"] for h in hits] == [round(r, 4) for r in every[:3]]
    assert all(MARK_START + "Tajikistan" in h["snippet"].replace(MARK_END, "") for h in hits)


def test_a_very_common_word_is_ranked_among_the_newest_matches(client, db, monkeypatch) -> None:
    import faultlines.query

    with sqlite3.connect(db) as conn:
        newest = [r[0] for r in conn.execute(
            "SELECT rowid, bm25(documents_fts, 5.0, 1.0) FROM documents_fts WHERE documents_fts MATCH 'tajikistan' "
            "ORDER BY rowid DESC")]
        ranks = dict(conn.execute("SELECT rowid, bm25(documents_fts, 5.0, 1.0) FROM documents_fts "
                                  "WHERE documents_fts MATCH 'tajikistan'").fetchall())
    assert len(newest) > 4
    whole = client.get("/api/search", params={"q": "Tajikistan"}).json()
    assert whole["documents_ranked_among"] is None and len(whole["documents"]) == len(newest)
    monkeypatch.setattr(faultlines.query, "SEARCH_RANK_DOCUMENTS", 4)
    bounded = client.get("/api/search", params={"q": "Tajikistan"}).json()
    assert bounded["documents_ranked_among"] == 4
    expected = sorted(newest[:4], key=lambda pk: (ranks[pk], -pk))
    assert [h["rank"] for h in bounded["documents"]] == [round(ranks[pk], 4) for pk in expected]
    page = client.get("/search", params={"q": "Tajikistan"}).text
    assert 'id="ranked-among"' in page and "4 newest" in page


def test_search_entities_trends_facets(client) -> None:
    found = client.get("/api/search", params={"q": "Reuters"}).json()
    assert found["documents"] and found["claims"]
    # Claims found by search are those the claims list finds for the same words, in the same order.
    listed = client.get("/api/claims", params={"q": "Reuters", "limit": 100}).json()["items"]
    assert [c["annotation_id"] for c in found["claims"]] == [c["annotation_id"] for c in listed][: len(found["claims"])]
    entities = client.get("/api/entities", params={"limit": 5}).json()
    # the demo store has entity roles, so the entity layer (mentions with roles) is listed
    assert entities["layer"] == "entity" and entities["items"][0]["mentions"] >= entities["items"][-1]["mentions"]
    assert {item["role"] for item in entities["items"]} <= {"Protagonist", "Antagonist", "Innocent"}
    # mentions group under the entity's canonical name, whatever the surface form or language
    tajikistan = client.get("/api/entities", params={"q": "душанбе", "type": "GPE"}).json()["items"]
    assert tajikistan and {e["name"] for e in tajikistan} == {"Tajikistan"}
    forms = {form for e in tajikistan for form in e["aliases"]}
    assert {"Tajikistan", "Dushanbe", "Душанбе"} <= forms
    listed = client.get("/api/entities", params={"type": "GPE", "limit": 100}).json()["items"]
    # the entity is counted over all its forms, not only the matching ones
    assert tajikistan == [e for e in listed if e["name"] == "Tajikistan"]
    # claims text filters fold Cyrillic case on SQLite too
    upper = client.get("/api/claims", params={"q": "ДУШАНБЕ", "limit": 100}).json()["items"]
    assert upper and upper == client.get("/api/claims", params={"q": "душанбе", "limit": 100}).json()["items"]
    trends = client.get("/api/narratives/trends", params={"period": "week"}).json()
    assert trends["period"] == "week" and isinstance(trends["series"], list)
    assert client.get("/api/narratives/top").status_code == 200
    facets = client.get("/api/facets").json()
    assert {"value": "Tajikistan", "count": 1} in facets["countries"] or facets["countries"]


# --------------------------------------------------------------------------- exports


def test_exports_stream_every_document(client, db) -> None:
    with client.stream("GET", "/api/export.jsonl") as response:
        assert response.status_code == 200
        lines = [json.loads(line) for line in response.iter_lines() if line]
    assert sorted(r["id"] for r in lines) == sorted(_all_ids(db))
    hostile = next(r for r in lines if r["id"] == HOSTILE_ID)
    assert hostile["techniques"][0]["technique"] == "Loaded_Language" and hostile["events"][0]["actor1"] == IMG
    # The same records as `faultlines export` (Store.iter_documents + document_record), paragraphs and sentences too.
    from faultlines.output import document_record
    from faultlines.store import Store

    with Store(db) as store:
        expected = {d.id: document_record(d) for d in store.iter_documents()}
    assert {r["id"]: r for r in lines} == expected
    rows = list(csv.reader(io.StringIO(client.get("/api/export.csv", params={"language": "ru"}).text)))
    assert rows[0][:3] == ["id", "source", "title"] and len(rows) - 1 == sum(1 for r in lines if r["language"] == "ru")
    events = list(csv.reader(io.StringIO(client.get("/api/events.csv").text)))
    assert events[0][0] == "event_type" and any(r[events[0].index("actor1")] == IMG for r in events[1:])
    # filtered like /api/events ("?iso=TJ" had returned every event)
    tajik = list(csv.reader(io.StringIO(client.get("/api/events.csv", params={"iso": "TJ"}).text)))
    listed = client.get("/api/events", params={"iso": "TJ", "limit": 500}).json()["items"]
    assert 1 < len(tajik) - 1 == len(listed) < len(events) - 1
    assert {r[events[0].index("iso")] for r in tajik[1:]} == {"TJ"}


def test_exports_write_the_records_byte_for_byte(client, db, tmp_path) -> None:
    """The fast export path (stored JSON spliced, not decoded) writes exactly json.dumps(document_record(doc))."""
    from faultlines.export import export
    from faultlines.output import document_record
    from faultlines.store import Store

    with client.stream("GET", "/api/export.jsonl") as response:
        served = [line for line in response.iter_lines() if line]
    out = tmp_path / "all.jsonl"
    with Store(db) as store:
        stored = list(store.iter_documents())
        export(store, "jsonl", out)
    written = out.read_text(encoding="utf-8").splitlines()
    assert written == [json.dumps(document_record(d), ensure_ascii=False) for d in stored]
    assert served == written  # the API's export and the CLI's agree line for line
    assert [json.loads(line) for line in written] == [json.loads(json.dumps(document_record(d))) for d in stored]
    assert sum(len(json.loads(line)["events"]) + len(json.loads(line)["claims"]) for line in written) > 10


# --------------------------------------------------------------------------- analyze


def test_analyze_returns_the_record_and_stores_only_when_asked(client, db) -> None:
    text = "Border talks resume\n\nOfficials in Dushanbe said on Monday that the talks with Kyrgyzstan would resume."
    before = len(_all_ids(db))
    record = client.post("/api/analyze", json={"text": text, "published": "2025-12-01"}).json()
    assert record["title"] == "Border talks resume" and record["published"] == "2025-12-01"
    assert any(a["layer"] == "ner" and a["text"] == "Dushanbe" for a in record["annotations"])
    assert len(_all_ids(db)) == before
    stored = client.post("/api/analyze", json={"text": text, "id": "api-talks", "store": True}).json()
    assert stored["stored_id"] == "api-talks"
    assert client.get("/api/documents/api-talks").json()["title"] == "Border talks resume"


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "url, words",
    [
        ("/api/documents?limit=0", "limit"),
        ("/api/documents?limit=abc", "limit"),
        ("/api/documents?limit=100000", "limit"),
        ("/api/documents?since=2025-13-45", "calendar date"),
        ("/api/documents?since=yesterday", "since"),
        ("/api/documents?since=2025-12-01&until=2025-01-01", "after until"),
        ("/api/documents?cursor=not-a-cursor", "cursor"),
        ("/api/documents?cursor=bad!chars", "cursor"),
        ("/api/documents?language=english", "language"),
        ("/api/documents?q=" + "x" * 400, "q"),
        ("/api/documents?q=%22%22", "nothing to search"),
        ("/api/events?iso=TJK", "iso"),
        ("/api/events?cursor=WyJ4Il0", "cursor"),
        ("/api/claims?stance=shout", "stance"),
        ("/api/events?event_type=Bogus", "event_type must be one of"),
        ("/api/narratives/trends?period=year", "period"),
        ("/api/entities?layer=sentence", "layer"),
        ("/api/search", "q"),
        ("/api/export.jsonl?until=2025-02-30", "calendar date"),
    ],
)
def test_bad_parameters_are_400_json(client, url: str, words: str) -> None:
    body = _error(client.get(url), 400)
    assert words in body["error"]


def test_unknown_ids_and_paths_are_404_json(client) -> None:
    assert "no document" in _error(client.get("/api/documents/no-such-doc"), 404)["error"]
    _error(client.get("/api/nothing-here"), 404)
    _error(client.get("/api/documents/bad%01id"), 400)
    _error(client.post("/api/documents"), 405)
    page = client.get("/articles/no-such-doc")
    assert page.status_code == 404 and "no document" in page.text and page.headers["content-type"].startswith("text/html")


def test_bad_and_huge_bodies_are_4xx_json(client) -> None:
    broken = _error(client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"}), 400)
    assert broken["errors"][0]["parameter"] == "body" and "not valid JSON" in broken["error"]
    _error(client.post("/api/analyze", json={"text": "x", "unknown": 1}), 400)
    _error(client.post("/api/analyze", json={"text": ""}), 400)
    _error(client.post("/api/analyze", json={"text": "x", "published": "12/10/2025"}), 400)
    assert "published" in _error(client.post("/api/analyze", json={"text": "x", "published": "2025-02-30"}), 400)["error"]
    assert "too large" in _error(client.post("/api/analyze", json={"text": "x" * 2_000_000}), 413)["error"]

    def chunks():
        for _ in range(40):
            yield b"x" * 65536

    _error(client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"}), 413)


# --------------------------------------------------------------------------- security


def test_security_headers_on_every_response(client) -> None:
    for url in ("/", "/api/documents", "/api/nothing", "/static/css/app.css"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_hostile_article_is_escaped_everywhere(client) -> None:
    for url in (f"/articles/{HOSTILE_ID}", f"/articles/{HOSTILE_ID}?layer=event", f"/articles/{HOSTILE_ID}?layer=claim",
                "/", "/documents", "/events", "/claims?q=Officials", "/search?q=Dushanbe+ministry"):
        html = client.get(url).text
        assert SCRIPT not in html and IMG not in html, url
    html = client.get(f"/articles/{HOSTILE_ID}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_token_required_when_configured(db) -> None:
    token = "s3cret-token-for-tests"
    with TestClient(create_app(ServeSettings(db=db, token=token, load_models=False, contradictions=False))) as c:
        assert "Bearer" in _error(c.get("/api/documents"), 401)["error"]
        _error(c.get("/api/documents", headers={"Authorization": "Bearer wrong"}), 401)
        assert c.get("/api/documents", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert c.get("/").status_code == 401
        assert c.get("/static/css/app.css").status_code == 200 and c.get("/-/health").status_code == 200
        assert c.get("/-/health").json()["documents"] is None  # public: no figure of the store's
        login = c.get(f"/events?country=Tajikistan&token={token}", follow_redirects=False)
        assert login.status_code == 303 and login.headers["location"] == "/events?country=Tajikistan"
        assert token not in login.headers["set-cookie"] and "HttpOnly" in login.headers["set-cookie"]
        assert c.get("/events?country=Tajikistan").status_code == 200  # the cookie now
        c.cookies.clear()
        c.cookies.set("faultlines_session", session_value("other"))
        assert c.get("/").status_code == 401


def test_serve_refuses_public_address_without_token(monkeypatch, db) -> None:
    with pytest.raises(FaultlinesError, match="FAULTLINES_TOKEN"):
        ServeSettings(db=db, host="0.0.0.0").check()
    with pytest.raises(FaultlinesError, match="at least 16"):
        ServeSettings(db=db, host="0.0.0.0", token="t").check()
    ServeSettings(db=db, host="0.0.0.0", token="a-long-random-token-1234").check()
    ServeSettings(db=db, host="::1").check()
    from faultlines.cli import app

    monkeypatch.delenv("FAULTLINES_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", db])
    # its own code (FL501 is Spark's), listed in faultlines/errors.py
    assert result.exit_code == 2 and "FAULTLINES_TOKEN" in result.output and "FL701" in result.output


def test_a_loopback_server_answers_only_its_own_host_names(db) -> None:
    """DNS rebinding: a page at evil.example, its name pointed at 127.0.0.1, must not read or write the store."""
    from faultlines.api.app import loopback_hosts

    settings = ServeSettings(db=db, load_models=False, contradictions=False, allowed_hosts=loopback_hosts("127.0.0.1"))
    with TestClient(create_app(settings)) as c:
        for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765", "127.0.0.1"):
            assert c.get("/api/stats", headers={"Host": host}).status_code == 200, host
        for host in ("evil.example:8765", "evil.example", "127.0.0.1.evil.example"):
            assert "Host" in _error(c.get("/api/stats", headers={"Host": host}), 400)["error"]
            _error(c.post("/api/analyze", headers={"Host": host}, json={"text": "x"}), 400)


def test_query_indexes_from_migration_0002(db) -> None:
    with sqlite3.connect(db) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        plan = " ".join(
            r[3] for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM annotations WHERE layer = 'event' "
                "AND json_extract(attrs, '$.country') = 'Tajikistan'"
            )
        )
    assert {"ix_annotations_event_country", "ix_annotations_event_date", "ix_annotations_technique"} <= names
    assert "ix_annotations_event_country" in plan


def test_contradictions_finish_in_the_background(client) -> None:
    deadline = time.time() + 90
    state = client.get("/api/contradictions").json()
    while state["state"] == "pending" and time.time() < deadline:
        time.sleep(0.5)
        state = client.get("/api/contradictions").json()
    assert state["state"] in ("ready", "unavailable"), state
    if state["state"] == "ready":
        assert all(x["stance_a"] == "deny" for x in state["items"])


def test_every_dashboard_search_form_and_link_goes_to_the_search_page(client) -> None:
    # the API's route and the page were both named "search", so the pages' url('search') gave /api/search (raw JSON)
    for path in ("/", "/search", "/events", "/entities", "/alerts"):
        page = client.get(path).text
        assert 'action="/search"' in page and 'action="/api/search"' not in page and 'href="/api/search' not in page
        assert 'href="/entities"' in page and 'href="/alerts"' in page and 'href="/api/entities"' not in page


def test_the_overview_s_entities_say_which_role_each_line_counts(client) -> None:
    # an entity cast in several roles is one line per role: without the role, "Tajikistan" stood three times unexplained
    items = client.get("/api/entities", params={"limit": 10}).json()["items"]
    page = client.get("/").text
    first = items[0]
    assert f"{first['type']} · {first['role']} · {first['mentions']}" in page


def test_contradictions_page_with_a_cursor_and_are_computed_again_after_claims_are_stored(db, tmp_path) -> None:
    from faultlines.model import Annotation, Document
    from faultlines.store import Store

    copy = tmp_path / "copy.db"
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)

    def ready(c, **params):
        deadline = time.time() + 120
        body = c.get("/api/contradictions", params=params).json()
        while (body["state"] == "pending" or body["refreshing"]) and time.time() < deadline:
            time.sleep(0.5)
            body = c.get("/api/contradictions", params=params).json()
        return body

    with TestClient(create_app(ServeSettings(db=str(copy), load_models=False))) as c:
        whole = ready(c, limit=500)
        assert whole["state"] == "ready" and whole["total"] == len(whole["items"]) >= 3 and whole["computed_at"]
        pages = [c.get("/api/contradictions", params={"limit": 2}).json()]
        while pages[-1]["next_cursor"]:
            pages.append(c.get("/api/contradictions", params={"limit": 2, "cursor": pages[-1]["next_cursor"]}).json())
        assert [x for p in pages for x in p["items"]] == whole["items"] and all(len(p["items"]) <= 2 for p in pages)
        _error(c.get("/api/contradictions", params={"limit": 0}), 400)  # (the limit had been ignored: 7.6 MB at once)
        first_cursor = pages[0]["next_cursor"]
        # claims stored while serving: the pairs are computed again (they had stayed the startup's)
        with Store(str(copy)) as store:
            doc = Document(id="late", text="Officials denied that troops had crossed the border.", language="en")
            doc.add(Annotation("claim", 0, 51, label="deny", analyzer="claims", version="t",
                               attrs={"claim_id": "clate0000001", "speaker": "Officials", "stance": "deny", "kind": "reported"}))
            store.add([doc])
        again = ready(c, limit=500)
        assert again["state"] == "ready" and again["computed_at"] and not again["refreshing"]
        _error(c.get("/api/contradictions", params={"cursor": first_cursor}), 400)  # a cursor of the earlier list
        page = c.get("/claims").text
        assert f"{again['total']} pairs" in page


def test_the_search_and_documents_pages_say_what_is_wrong_with_a_query_and_lead_to_every_match(client, monkeypatch) -> None:
    import faultlines.web.views as views

    monkeypatch.setattr(views, "SEARCH_PAGE", 3)  # (the demo has fewer matches than the page's 30)
    for path in ("/search", "/documents"):
        for odd in ("%", "*", "NEAR("):
            response = client.get(path, params={"q": odd})
            # (it had been a bare 400 error page in place of the search page)
            assert response.status_code == 200 and 'id="search-problem"' in response.text and "<form" in response.text
    many = client.get("/search", params={"q": "Tajikistan"}).text
    assert 'id="all-matches"' in many and 'href="/documents?q=Tajikistan"' in many
    options = client.get("/documents").text
    assert " events)</option>" in options and " documents)</option>" in options  # what each filter's count counts


def test_the_entities_and_alerts_pages_the_readme_names(client) -> None:
    # (both had been 404: entities showed only as the overview's chips, alerts only for the last week)
    page = client.get("/entities", params={"role": "Antagonist"}).text
    rows = re.findall(r"<tr><td><a href=\"/search\?q=[^\"]+\">([^<]+)</a></td><td>[A-Z]*</td><td>(\w+)</td>", page)
    assert rows and {role for _, role in rows} == {"Antagonist"}
    everything = client.get("/entities").text
    assert 'href="/entities"' in everything and 'href="/alerts"' in everything  # in the navigation
    alerts = client.get("/alerts", params={"as_of": "2025-12-03", "window": 14, "min_count": 2, "alpha": 0.05}).text
    assert 'id="alerts"' in alerts and "Tajikistan" in alerts and 'value="14"' in alerts
    assert 'id="alert-problem"' in client.get("/alerts", params={"as_of": "2025-12"}).text
    assert client.get("/alerts", params={"window": 0}).status_code == 400


def test_an_event_s_place_names_a_state_once_and_its_tooltip_says_what_happened() -> None:
    from faultlines.web.render import _tooltip, place

    assert place({"location": "Kazakhstan", "country": "Kazakhstan"}) == "Kazakhstan"  # had been "Kazakhstan, Kazakhstan"
    assert place({"admin1": "Batken", "country": "Kyrgyzstan"}) == "Batken, Kyrgyzstan"
    tip = _tooltip("event", {"label": None, "attrs": {"plover": "REJECT", "date": "2025-08-01", "location": "Kyrgyzstan",
                                                       "country": "Kyrgyzstan"}})
    assert "(REJECT)" in tip and tip.endswith("— 2025-08-01, Kyrgyzstan")


def test_every_page_of_an_empty_store_says_there_is_nothing_yet(tmp_path) -> None:
    from faultlines.store import Store

    with Store(str(tmp_path / "empty.db")):
        pass
    with TestClient(create_app(ServeSettings(db=str(tmp_path / "empty.db"), load_models=False, contradictions=False))) as c:
        for path in ("/", "/documents", "/events", "/narratives", "/narratives?narrative=Other", "/claims", "/entities",
                     "/alerts", "/search?q=Khatlon"):
            page = c.get(path)
            assert page.status_code == 200 and 'class="empty"' in page.text, path
        # (a narrative's drill-down had drawn an empty chart and an "Articles" heading with nothing under it)
        assert "by outlet" not in c.get("/narratives", params={"narrative": "Other"}).text
