"""The dashboard in a real browser: Debian's Chromium (headless) driven by Playwright, against
`faultlines serve` (uvicorn) on a free loopback port over the demo store.

Skipped when /usr/bin/chromium or the playwright package is missing (.ci/run installs both).
Set FAULTLINES_SCREENSHOTS=1 to (re)write the README's screenshots in docs/screenshots/.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from web_support import HOSTILE_ID, HOSTILE_TITLE, IMG, SCRIPT, demo_store

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "FAULTLINES_TOKEN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "faultlines.cli", "serve", "--db", str(demo_store()), "--port", str(port), "--no-models"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            _get_json(base + "/-/health")
            break
        except OSError:
            if process.poll() is not None or time.time() > deadline:
                process.kill()
                pytest.fail(f"faultlines serve did not start: {process.stdout.read()}")
            time.sleep(0.2)
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.dialogs = []  # every alert/confirm/prompt that fired: must stay empty
    page.problems = []  # console errors (CSP violations show up here) and uncaught exceptions
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.base = server
    yield page
    context.close()


def _shot(page, name: str, tmp_path: Path) -> None:
    folder = SHOTS if os.environ.get("FAULTLINES_SCREENSHOTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def _clean(page) -> None:
    assert page.dialogs == [], page.dialogs
    assert page.problems == [], page.problems


def test_overview_shows_counts_and_latest(page, tmp_path) -> None:
    page.goto(page.base + "/")
    stats = _get_json(page.base + "/api/stats")
    assert page.inner_text("#count-documents") == str(stats["documents"])
    assert page.inner_text("#count-claims") == str(stats["annotations_by_layer"]["claim"])
    assert page.locator("#latest tbody tr").count() == 10
    assert page.locator("svg.chart rect.bar").count() >= 1  # the events timeline
    _shot(page, "overview", tmp_path)
    _clean(page)


def test_documents_filters_change_results(page, tmp_path) -> None:
    page.goto(page.base + "/documents")
    everything = page.locator("#documents tbody tr").count()
    page.select_option("select[name=language]", "ru")
    page.click("#doc-filters button[type=submit]")
    page.wait_for_url("**language=ru**")
    rows = page.locator("#documents tbody tr")
    assert 0 < rows.count() < everything
    assert set(page.locator("#documents tbody tr td:nth-child(3)").all_inner_texts()) == {"ru"}
    page.fill("#doc-filters input[name=q]", "Душанбе")
    page.click("#doc-filters button[type=submit]")
    page.wait_for_url("**q=**")
    assert page.locator("#documents mark").first.inner_text() == "Душанбе"
    _shot(page, "documents", tmp_path)
    _clean(page)


def test_article_highlights_match_stored_offsets(page, tmp_path) -> None:
    doc_id = "tajikistan-forgetful-friends"
    record = _get_json(f"{page.base}/api/documents/{doc_id}")
    for layer in ("ner", "claim"):
        page.goto(f"{page.base}/articles/{doc_id}?layer={layer}")
        text = page.locator("#article-text")
        assert text.text_content() == record["text"]  # the shown text is the stored text, offsets intact
        pieces: dict[str, str] = {}
        for mark in text.locator("mark").all():
            for key in mark.get_attribute("data-spans").split():
                pieces[key] = pieces.get(key, "") + mark.text_content()
        stored = {f"{a['start']}:{a['end']}": a["text"] for a in record["annotations"] if a["layer"] == layer}
        assert pieces == stored
        assert text.locator("mark").first.get_attribute("title")
    assert page.locator("#claims-panel .claim").count() == len(record["claims"])
    assert page.locator("#legend li").count() >= 2
    page.goto(f"{page.base}/articles/{doc_id}?layer=ner")
    _shot(page, "article", tmp_path)
    _clean(page)


def test_hostile_article_renders_as_text(page, tmp_path) -> None:
    page.goto(f"{page.base}/articles/{HOSTILE_ID}")
    assert page.inner_text("#doc-title") == HOSTILE_TITLE
    assert SCRIPT in page.inner_text("#article-text") and IMG in page.inner_text("#article-text")
    assert page.locator("main script, main img").count() == 0
    mark = page.locator("#article-text mark").first
    assert mark.text_content() == SCRIPT
    assert "Loaded_Language" in mark.get_attribute("title") and "emotional" in mark.get_attribute("title")
    assert "score 0.81" in mark.get_attribute("title")
    assert IMG in page.inner_text("#events-panel") and SCRIPT in page.inner_text("#claims-panel")
    _shot(page, "article-hostile", tmp_path)
    page.wait_for_timeout(300)
    _clean(page)


def test_events_map_base_layer_and_markers(page, tmp_path) -> None:
    page.goto(page.base + "/events")
    page.wait_for_selector("#map[data-markers]")
    page.wait_for_selector("#map[data-basemap-loaded]")
    assert int(page.get_attribute("#map", "data-basemap-loaded")) > 150  # countries drawn offline
    markers = int(page.get_attribute("#map", "data-markers"))
    events = _get_json(page.base + "/api/events.geojson")["features"]
    assert markers == len(events) >= 1
    assert page.locator("path.event-marker").count() == markers
    # The hostile event's popup shows its actors as text.
    page.goto(page.base + "/events?country=Tajikistan")
    page.wait_for_selector("#map[data-markers]")
    page.locator("path.event-marker").first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert IMG in popup.inner_text() or "Khatlon" in popup.inner_text()
    assert page.locator(".leaflet-popup-content img").count() == 0
    rows = page.locator("#events tbody tr")
    assert rows.count() >= 1 and all("Tajikistan" in t for t in page.locator("#events tbody td:nth-child(3)").all_inner_texts())
    page.goto(page.base + "/events?country=Tajikistan&since=2030-01-01")
    page.wait_for_selector("#map[data-markers]")
    assert page.get_attribute("#map", "data-markers") == "0"
    page.goto(page.base + "/events")
    page.wait_for_selector("#map[data-markers]")
    page.wait_for_timeout(400)
    _shot(page, "events", tmp_path)
    _clean(page)


def test_narratives_page(page, tmp_path) -> None:
    page.goto(page.base + "/narratives")
    trends = _get_json(page.base + "/api/narratives/trends?period=week")
    assert trends["series"], "the demo corpus pushes narratives: the default pipeline runs the narratives analyzer"
    assert page.locator("svg.chart polyline").count() == min(12, len(trends["series"]))
    _shot(page, "narratives", tmp_path)
    # drill down: a narrative's outlets over time and its articles
    top = trends["series"][0]
    page.click(f"ul.legend a:text-is({json.dumps(top['name'])})")
    assert page.inner_text("h1") == f"Narratives: {top['name']}"
    articles = page.locator("section:has(h2:text-is('Articles')) li a")
    # every article with the narrative (undated ones too, which the trend lines leave out)
    listed = _get_json(page.base + "/api/documents?" + urllib.parse.urlencode({"narrative": top["name"], "limit": 50}))
    assert articles.count() == len(listed["items"]) >= top["total"]
    articles.first.click()
    assert page.url.startswith(page.base + "/articles/")
    _clean(page)


def test_claims_search_and_contradictions(page, tmp_path) -> None:
    page.goto(page.base + "/claims")
    page.select_option("select[name=stance]", "deny")
    page.click("#claim-filters button[type=submit]")
    page.wait_for_url("**stance=deny**")
    badges = page.locator("#claims .badge.stance-deny")
    assert badges.count() == page.locator("#claims li.claim").count() > 0
    deadline = time.time() + 90
    while _get_json(page.base + "/api/contradictions")["state"] == "pending" and time.time() < deadline:
        time.sleep(1)
    found = _get_json(page.base + "/api/contradictions")
    page.goto(page.base + "/claims")
    if found["state"] == "ready" and found["items"]:
        assert page.locator("#contradictions .pair").count() == min(100, len(found["items"]))
        assert page.locator("#contradictions .pair .side").count() == 2 * page.locator("#contradictions .pair").count()
    _shot(page, "claims", tmp_path)
    _clean(page)


def test_search_highlights_snippets(page, tmp_path) -> None:
    page.goto(page.base + "/search?q=Reuters")
    marks = page.locator("#hits mark")
    assert marks.count() >= 1 and set(marks.all_inner_texts()) == {"Reuters"}
    _shot(page, "search", tmp_path)
    _clean(page)


def test_api_docs_render_offline_under_the_csp(page, tmp_path) -> None:
    page.goto(page.base + "/docs")
    page.wait_for_selector(".opblock", timeout=20000)
    assert page.locator(".opblock").count() >= 10
    _shot(page, "api-docs", tmp_path)
    _clean(page)
