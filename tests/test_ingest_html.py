"""HTML extraction with trafilatura, in-process and in worker processes."""
from __future__ import annotations

import dataclasses
import multiprocessing

import pytest

from faultlines.errors import InputError
from faultlines.ingest import HtmlItem, extract_html, extract_html_many
from faultlines.settings import Settings
from ingest_support import fixture_bytes

SETTINGS = Settings(workers=1)
BOILERPLATE = ("cookie", "Privacy policy", "Subscribe", "All rights reserved", "newsletter", "Read more", "Pamir highway")


def test_news_page_main_text_and_metadata() -> None:
    doc = extract_html(fixture_bytes("border_attack.html"), "saved/border_attack.html", SETTINGS)
    assert doc.title == "Chinese workers killed in attack near Tajik-Afghan border"
    assert "Two Chinese nationals were killed and three wounded" in doc.text
    assert "An earlier attack on November 26" in doc.text
    assert "strengthen security along the border" in doc.text
    for junk in BOILERPLATE:
        assert junk not in doc.text
    assert doc.meta["author"] == "Dilnoza Rahimova"
    assert doc.meta["site"] == "Central Asia Monitor"
    assert doc.meta["url"] == "https://news.example.org/2025/12/10/tajik-afghan-border-attack"
    assert doc.meta["extraction"] == "trafilatura"
    assert doc.published == "2025-12-10"
    assert doc.id == doc.content_hash[:16]
    assert doc.source == "saved/border_attack.html"


def test_russian_page_in_windows_1251() -> None:
    html = fixture_bytes("ru_border.html").decode("utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    doc = extract_html(html.encode("cp1251"), "ru.html", SETTINGS)
    assert doc.meta["encoding"] == "cp1251"
    assert "Погибли два гражданина Китая" in doc.text
    assert "cookie" not in doc.text
    assert doc.meta["site"] == "Вести Азии"
    assert doc.published == "2025-12-01"


def test_str_input_and_given_date() -> None:
    html = fixture_bytes("border_attack.html").decode("utf-8")
    doc = extract_html(html, "page", SETTINGS, published="2025-12-11", doc_id="page-1", url="https://x.example/a")
    assert doc.id == "page-1"
    assert (doc.published, doc.published_basis) == ("2025-12-11", "given")


@pytest.mark.parametrize(
    "name, code",
    [("malformed.html", "FL106"), ("script_only.html", "FL106")],
)
def test_pages_without_main_text(name: str, code: str) -> None:
    with pytest.raises(InputError) as info:
        extract_html(fixture_bytes(name), name, SETTINGS)
    assert info.value.code == code
    assert info.value.source == name


def test_empty_and_oversize_html() -> None:
    with pytest.raises(InputError) as info:
        extract_html(b"  \n", "empty.html", SETTINGS)
    assert info.value.code == "FL102"
    with pytest.raises(InputError) as info:
        extract_html(fixture_bytes("border_attack.html"), "big.html", dataclasses.replace(SETTINGS, max_bytes=1000))
    assert info.value.code == "FL104"


def _items() -> list[HtmlItem]:
    pages = ["border_attack.html", "script_only.html", "ru_border.html", "malformed.html", "border_attack.html"]
    items = [HtmlItem(fixture_bytes(name), f"{i}-{name}", doc_id=f"doc{i}") for i, name in enumerate(pages)]
    items.insert(2, HtmlItem(InputError("unreadable.html", "cannot read", code="FL101"), "unreadable.html"))
    return items


def _summary(results: list) -> list[str]:
    return [r.code if isinstance(r, InputError) else r.id for r in results]


EXPECTED = ["doc0", "FL106", "FL101", "doc2", "FL106", "doc4"]


def test_extract_many_in_worker_processes_keeps_order() -> None:
    settings = Settings(workers=2)
    results = []
    children_seen = False
    for result in extract_html_many(_items(), settings, chunk_size=2):
        children_seen = children_seen or bool(multiprocessing.active_children())
        results.append(result)
    assert _summary(results) == EXPECTED
    assert children_seen, "extraction should run in worker processes"
    assert results[0].text == results[-1].text
    assert "Погибли два гражданина Китая" in results[3].text
    assert results[2].source == "unreadable.html"


def test_extract_many_in_process() -> None:
    assert _summary(list(extract_html_many(_items(), Settings(workers=1)))) == EXPECTED
    one = list(extract_html_many([(fixture_bytes("border_attack.html"), "only.html")], Settings(workers=4)))
    assert len(one) == 1 and one[0].source == "only.html"
    assert list(extract_html_many([], Settings(workers=4))) == []


def test_an_author_in_guillemets_keeps_its_closing_one() -> None:
    body = "<p>" + "Пограничники Таджикистана сообщили о перестрелке на границе с Афганистаном. " * 12 + "</p>"
    page = ('<html><head><meta charset="utf-8"><title>Перестрелка на границе</title>'
            '<meta name="author" content="Редакция «Евразийского обозревателя»"></head>'
            f"<body><article><h1>Перестрелка на границе</h1>{body}</article></body></html>").encode("utf-8")
    doc = extract_html(page, "saved/ru.html", SETTINGS)
    assert doc.meta["author"] == "Редакция «Евразийского обозревателя»"


def test_an_author_s_initial_keeps_its_dot() -> None:
    body = "<p>" + "Border guards reported an exchange of fire on the Tajik-Afghan border on Monday. " * 12 + "</p>"
    page = ('<html><head><meta charset="utf-8"><title>Fire on the border</title><meta name="author" content="H. Analyst">'
            f"</head><body><article><h1>Fire on the border</h1>{body}</article></body></html>").encode("utf-8")
    assert extract_html(page, "saved/en.html", SETTINGS).meta["author"] == "H. Analyst"  # (had been "H Analyst")
