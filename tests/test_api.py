"""The public Python API: faultlines.analyze, faultlines.Store, faultlines.load."""
import pytest

import faultlines
from faultlines.errors import FaultlinesError, InputError

TEXT = (
    "Protest in Almaty over fuel prices\n\n"
    "12 November 2025\n\n"
    "Several hundred people gathered in Almaty on Tuesday to protest against higher fuel prices. "
    "Police detained 14 activists, according to a local rights group.\n"
)


def test_analyze_text():
    doc = faultlines.analyze(TEXT, analyzers=("language", "segment"))
    assert doc.title == "Protest in Almaty over fuel prices"
    assert doc.published == "2025-11-12"
    assert doc.language == "en"
    assert doc.source == "<text>" and doc.id == doc.content_hash[:16]
    assert [t for _, t in doc.iter_text("sentence")][-1] == "Police detained 14 activists, according to a local rights group."


def test_analyze_path_and_published_override(tmp_path):
    path = tmp_path / "almaty.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = faultlines.analyze(path, published="2025-11-13", analyzers=("language", "segment"))
    assert doc.id == "almaty" and doc.published == "2025-11-13" and doc.published_basis == "given"


def test_analyze_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="FL102"):
        faultlines.analyze(empty)
    with pytest.raises(InputError):
        faultlines.analyze("   ")
    many = tmp_path / "many.jsonl"
    many.write_text('{"text": "One article about Osh."}\n{"text": "Another about Batken."}\n')
    with pytest.raises(FaultlinesError, match="several documents"):
        faultlines.analyze(many, analyzers=("language",))


def test_store_ingest_search_iter(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "almaty.txt").write_text(TEXT, encoding="utf-8")
    (folder / "osh.md").write_text("# Clash near Osh\n\n2025-10-14\n\nBorder guards exchanged fire near Osh.\n")
    with faultlines.Store(tmp_path / "s.db") as store:
        report = store.ingest(folder)
        assert (report.read, report.added, report.errors) == (2, 2, [])
        assert store.ingest([folder]).added == 0
        assert [h.id for h in store.search("fuel prices")] == ["almaty"]
        docs = {d.id: d for d in store.iter_documents()}
        assert set(docs) == {"almaty", "osh"}
        assert docs["osh"].title == "Clash near Osh" and docs["osh"].layer("sentence")
        roundtrip = store.get("almaty")
        assert roundtrip.text == TEXT and roundtrip.annotations == docs["almaty"].annotations


def test_load_returns_a_reusable_pipeline():
    pipeline = faultlines.load(("language", "segment"))
    docs = [faultlines.Document(id=str(i), text=t) for i, t in enumerate(["Calm in Osh today.", "Спокойно в Оше."])]
    out = list(pipeline.pipe(docs))
    assert [d.language for d in out] == ["en", "ru"]


def test_the_readme_s_pipe_takes_documents_made_from_text_and_names_them_when_given_strings():
    pipeline = faultlines.load(("language", "segment"))
    docs = [faultlines.document("Clash near Osh\n\nDecember 5, 2026\n\nTwo guards were hurt in Osh.")]
    (out,) = pipeline.pipe(docs, on_error="record")
    assert (out.title, out.published, out.language) == ("Clash near Osh", "2026-12-05", "en")
    with pytest.raises(TypeError, match=r"faultlines\.document\(text"):
        list(pipeline.pipe(["Calm in Osh today."], on_error="record"))
