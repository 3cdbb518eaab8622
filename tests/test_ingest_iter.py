"""iter_documents: directories with include/exclude globs, stdin, mixed inputs."""
from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest

from faultlines.errors import InputError
from faultlines.ingest import DEFAULT_INCLUDE, iter_documents
from faultlines.ingest.__init__ import walk_directory
from faultlines.settings import Settings
from ingest_support import DATA, closed_port, fixture_bytes

SETTINGS = Settings(workers=1)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A saved-articles folder: nested, with drafts, junk and entries that are not files."""
    root = tmp_path / "corpus"
    (root / "2025" / "12").mkdir(parents=True)
    (root / "drafts").mkdir()
    (root / "assets").mkdir()
    shutil.copy(DATA / "border_attack.html", root / "2025" / "12" / "border_attack.html")
    shutil.copy(DATA / "ru_border.html", root / "2025" / "12" / "ru_border.html")
    shutil.copy(DATA / "script_only.html", root / "2025" / "12" / "app.html")
    shutil.copy(DATA / "ambiguous_date.txt", root / "2025" / "12" / "ambiguous_date.txt")
    shutil.copy(DATA / "briefing.md", root / "briefing.md")
    shutil.copy(DATA / "articles.json", root / "articles.json")
    (root / "2025" / "feed.rss").write_bytes(fixture_bytes("feed_rss.xml", f"http://127.0.0.1:{closed_port()}"))
    (root / "drafts" / "draft.txt").write_text("Draft\n\nNot for ingest.\n", encoding="utf-8")
    (root / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "README.tmp").write_text("scratch", encoding="utf-8")
    (root / "zz-broken.txt").symlink_to(root / "missing-target.txt")
    os.mkfifo(root / "zz-pipe.txt")
    # A symlink to a directory is not followed (no loops).
    (root / "2025" / "loop").symlink_to(root)
    return root


def summarize(items) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, InputError):
            out.append(f"{item.code} {Path(item.source).name}")
        else:
            out.append(f"{item.id} {Path(item.source).name if item.source_kind != 'feed' else 'feed'}")
    return out


def test_walk_is_sorted_and_filtered(corpus: Path) -> None:
    rels = [entry[1] for entry in walk_directory(str(corpus), DEFAULT_INCLUDE, ("drafts/*",))]
    assert rels == [
        "2025/12/ambiguous_date.txt",
        "2025/12/app.html",
        "2025/12/border_attack.html",
        "2025/12/ru_border.html",
        "2025/feed.rss",
        "articles.json",
        "briefing.md",
        "zz-broken.txt",
        "zz-pipe.txt",
    ]


def test_directory_ingest_order_errors_and_processes(corpus: Path) -> None:
    out = list(iter_documents([str(corpus)], Settings(workers=2), exclude=["drafts/*"]))
    assert summarize(out) == [
        "ambiguous_date ambiguous_date.txt",
        "FL106 app.html",
        "border_attack border_attack.html",
        "ru_border ru_border.html",
        f"{out[4].id} feed",
        f"{out[5].id} feed",
        "FL107 gallery.html",  # page refused (private address), entry has no content
        "brief-01 taliban-deny",  # source: its url
        "brief-02 articles.json[1]",
        "briefing briefing.md",
        "FL101 zz-broken.txt",
        "FL101 zz-pipe.txt",
    ]
    html = out[2]
    assert html.source == str(corpus / "2025" / "12" / "border_attack.html")
    assert html.source_kind == "file" and html.meta["extraction"] == "trafilatura"
    assert "dangling" in out[10].reason and "FIFO" in out[11].reason


def test_include_and_exclude_globs(corpus: Path) -> None:
    only_text = list(iter_documents([str(corpus)], SETTINGS, include=["*.txt", "*.md"], exclude=["zz-*"]))
    assert summarize(only_text) == [
        "ambiguous_date ambiguous_date.txt",
        "briefing briefing.md",
        "draft draft.txt",
    ]
    by_path = list(iter_documents([str(corpus)], SETTINGS, include=["2025/12/*.html"], exclude=["*/app.html"]))
    assert summarize(by_path) == ["border_attack border_attack.html", "ru_border ru_border.html"]


def test_mixed_inputs_and_missing(corpus: Path, tmp_path: Path) -> None:
    out = list(iter_documents([str(tmp_path / "absent.txt"), str(corpus / "briefing.md")], SETTINGS))
    assert summarize(out) == ["FL101 absent.txt", "briefing briefing.md"]


def test_same_article_twice_same_hash(corpus: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "copy.html"
    copy.parent.mkdir()
    shutil.copy(corpus / "2025" / "12" / "border_attack.html", copy)
    a, b = iter_documents([str(corpus / "2025" / "12" / "border_attack.html"), str(copy)], SETTINGS)
    assert a.content_hash == b.content_hash and a.id != b.id


class FakeStdin(io.TextIOWrapper):
    """A real text stream over real bytes, like sys.stdin reading a pipe."""


def with_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(io.BytesIO(data), encoding="utf-8"))


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (DATA / "ambiguous_date.txt").read_bytes().replace(b"\n", b"\r\n")
    with_stdin(monkeypatch, raw)
    (doc,) = iter_documents(["-"], SETTINGS)
    assert doc.source == "<stdin>" and doc.source_kind == "stdin"
    assert doc.text.encode("utf-8") == raw
    assert doc.id == doc.content_hash[:16]
    assert doc.published == "2025-12-10"


def test_stdin_cp1251(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (DATA / "ru_report.txt").read_text(encoding="utf-8").encode("cp1251")
    with_stdin(monkeypatch, raw)
    (doc,) = iter_documents(["-"], SETTINGS)
    assert doc.title.startswith("Обстрел лагеря") and doc.published == "2025-12-01"


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    with_stdin(monkeypatch, fixture_bytes("border_attack.html"))
    (doc,) = iter_documents(["-"], SETTINGS)
    assert doc.meta["extraction"] == "trafilatura" and doc.source == "<stdin>"
    assert "Two Chinese nationals" in doc.text


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    with_stdin(monkeypatch, fixture_bytes("articles.jsonl"))
    out = list(iter_documents(["-"], SETTINGS))
    assert summarize(out)[0] == "cam-001 tajik-afghan-border-attack"
    assert [getattr(o, "code", None) for o in out] == [None, None, "FL110", "FL110", None]
    assert out[2].source == "<stdin>:3"


def test_stdin_empty_and_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    with_stdin(monkeypatch, b"")
    (err,) = iter_documents(["-"], SETTINGS)
    assert err.code == "FL102"
    with_stdin(monkeypatch, b"\x00\x01\x02binary\x00")
    (err,) = iter_documents(["-"], SETTINGS)
    assert err.code == "FL103"
