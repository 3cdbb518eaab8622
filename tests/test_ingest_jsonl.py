"""JSON and JSONL documents."""
from __future__ import annotations

from pathlib import Path

from faultlines.errors import InputError
from faultlines.ingest import iter_documents, read_json_documents
from faultlines.model import Document
from faultlines.settings import Settings
from ingest_support import DATA

SETTINGS = Settings(workers=1)


def test_jsonl_good_and_bad_lines() -> None:
    path = DATA / "articles.jsonl"
    out = list(read_json_documents(path, SETTINGS))
    assert len(out) == 5
    first, second, bad_json, no_text, russian = out
    assert first.id == "cam-001"
    assert first.source == "https://news.example.org/2025/12/10/tajik-afghan-border-attack"
    assert first.meta["section"] == "Security"
    assert (first.published, first.language, first.source_kind) == ("2025-12-10", "en", "json")
    assert second.id == second.content_hash[:16]
    assert second.source == f"{path}:2"
    assert second.published == "2025-12-02"
    assert isinstance(bad_json, InputError) and bad_json.code == "FL110"
    assert bad_json.source == f"{path}:3" and "line 3" in bad_json.reason
    assert isinstance(no_text, InputError) and no_text.code == "FL110"
    assert no_text.source == f"{path}:4" and "text" in no_text.reason
    assert russian.language == "ru" and russian.meta["tags"] == ["граница", "Таджикистан"]


def test_json_list_and_single_object(tmp_path: Path) -> None:
    docs = list(read_json_documents(DATA / "articles.json", SETTINGS))
    assert [d.id for d in docs] == ["brief-01", "brief-02"]
    assert docs[0].title == "Taliban deny role in border attacks" and docs[0].published == "2025-12-03"
    assert docs[1].meta["author"] == "Staff" and docs[1].source == f"{DATA / 'articles.json'}[1]"
    single = tmp_path / "one.json"
    single.write_text('{"text": "A single article about the Panj river border.", "id": 7}', encoding="utf-8")
    (doc,) = read_json_documents(single, SETTINGS)
    assert doc.id == "7"


def test_json_file_holding_jsonl_and_bad_json(tmp_path: Path) -> None:
    lines = tmp_path / "export.json"
    lines.write_text('{"text": "First article text here."}\n{"text": "Second article text here."}\n', encoding="utf-8")
    assert [d.text for d in read_json_documents(lines, SETTINGS)] == ["First article text here.", "Second article text here."]
    broken = tmp_path / "broken.json"
    broken.write_text('[\n  {"text": "ok"},\n  {"text": \n]\n', encoding="utf-8")
    (err,) = read_json_documents(broken, SETTINGS)
    assert err.code == "FL110" and err.source.startswith(str(broken))
    not_objects = tmp_path / "numbers.json"
    not_objects.write_text("[1, 2]", encoding="utf-8")
    assert [e.code for e in read_json_documents(not_objects, SETTINGS)] == ["FL110", "FL110"]


def test_jsonl_text_kept_exactly_and_given_date(tmp_path: Path) -> None:
    path = tmp_path / "exact.jsonl"
    text = "Line one\r\nLine two\u2028still line two\n\n  indented"
    import json

    path.write_text(json.dumps({"text": text, "published": "10/12/2025"}) + "\n", encoding="utf-8")
    (doc,) = read_json_documents(path, SETTINGS)
    assert doc.text == text
    assert doc.published_readings == ["2025-10-12", "2025-12-10"]
    (doc,) = iter_documents([str(path)], SETTINGS, published="2025-01-02")
    assert isinstance(doc, Document) and (doc.published, doc.published_basis) == ("2025-01-02", "given")


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    (err,) = read_json_documents(path, SETTINGS)
    assert err.code == "FL102"


def test_a_telegram_channel_export_gives_one_document_per_text_message() -> None:
    out = list(read_json_documents(DATA / "telegram_export.json", SETTINGS))
    assert [d.id for d in out] == ["tg-1876543210-2", "tg-1876543210-4"]  # the service message and the bare photo go
    first, second = out
    assert first.text.startswith("⚡️Срочно: сегодня около 14:00")  # the bold entity joined into the text
    assert (first.published, first.source_kind, first.meta["channel"], first.meta["site"]) == (
        "2026-12-05", "telegram", "Ош Новости 24", "Ош Новости 24")
    assert first.source == "https://t.me/osh_news24/2"
    assert second.text.startswith("По словам очевидцев")


def test_a_telegram_export_without_text_says_so(tmp_path) -> None:
    path = tmp_path / "result.json"
    path.write_text('{"name": "c", "type": "public_channel", "id": 1, "messages": [{"id": 1, "type": "message", '
                    '"date": "2026-12-05T10:00:00", "photo": "p.jpg", "text": ""}]}', encoding="utf-8")
    (error,) = list(read_json_documents(path, SETTINGS))
    assert isinstance(error, InputError) and error.code == "FL102" and "Telegram" in error.reason
