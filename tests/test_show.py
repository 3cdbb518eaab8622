"""`faultlines show`: the article text with persuasion spans marked, a legend and compact sections, from a real store."""
from __future__ import annotations

import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

import faultlines.cli as cli
from faultlines.cli import app
from faultlines.model import Annotation, Document
from faultlines.report import legend_entries, marked_text, render_document
from faultlines.settings import Settings
from faultlines.store import Store

ANALYZERS = "language,segment,persuasion,debunks"

ENGLISH = """The shameful silence of Western media

10 December 2025

Western media claim that Russia is abandoning Central Asia. In reality, the 201st base has more troops than ever.

These so-called experts, cowardly puppets of Washington, will never admit the truth. Every honest person knows that the CSTO saved Kazakhstan from chaos in January 2022. Either we stand with our allies, or we hand the whole region to the terrorists and drug lords.

What a disgrace! The treacherous liars in London and Brussels want Central Asia to burn.

Lie: Russia is invading Kazakhstan!
Motive: Misportray the peacekeeping operation as a neo-imperialist ploy.
Truth: The Kazakhstani leader officially requested assistance.
"""

RUSSIAN = """Позорное молчание западных СМИ

10 декабря 2025 года

Так называемые «эксперты» из Лондона снова показали своё истинное лицо. Этот лживый и трусливый хор, который кормится подачками Вашингтона, готов предать целый регион ради очередного гранта.

Неужели кто-то ещё верит их лживым обещаниям? Вся эта циничная вакханалия закончится катастрофой для всей Центральной Азии.

Западные СМИ утверждают, что Россия бросила союзников. На самом деле российская база в Душанбе усилена.
"""


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def store_db(tmp_path_factory):
    """A store holding the two articles, analyzed with persuasion and debunks by `faultlines analyze`."""
    folder = tmp_path_factory.mktemp("show")
    (folder / "western-silence.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "molchanie.txt").write_text(RUSSIAN, encoding="utf-8")
    db = folder / "show.db"
    result = CliRunner().invoke(app, ["analyze", str(folder / "western-silence.txt"), str(folder / "molchanie.txt"),
                                      "--analyzers", ANALYZERS, "--db", str(db), "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def _doc(db, doc_id: str) -> Document:
    with Store(settings=Settings.from_env(db=str(db))) as store:
        doc = store.get(doc_id)
    assert doc is not None
    return doc


def _render(doc: Document, **options) -> str:
    console = Console(record=True, width=220, highlight=False)
    render_document(doc, console, **options)
    return console.export_text()


def _plain_marked(annotation: Annotation, legend) -> bool:
    """Whether the span is rendered as ``[text]N``: no other span starts or ends inside it."""
    inner = [b for entry in legend.values() for a in entry.spans for b in (a.start, a.end)
             if annotation.start < b < annotation.end]
    return not inner


@pytest.mark.parametrize("doc_id", ["western-silence", "molchanie"])
def test_text_marks_every_technique_span_and_legend_defines_it(store_db, doc_id):
    doc = _doc(store_db, doc_id)
    techniques = doc.layer("technique")
    assert techniques, "the shipped persuasion model marks spans in this opinion article"
    legend = legend_entries(doc, ("technique",))
    output = _flat(_render(doc))
    checked = 0
    for entry in legend.values():
        for annotation in entry.spans:
            if _plain_marked(annotation, legend):
                # "[text]N", or "[[text]M]N" when spans of other techniques cover the same characters
                mark = r"\[" + re.escape(_flat(doc.span_text(annotation))) + r"(?:\]\d+)*\]" + str(entry.number) + r"(?!\d)"
                assert re.search(mark, output), mark
                checked += 1
    assert checked
    for entry in legend.values():
        definition = entry.spans[0].attrs["definition"]
        assert definition
        best = max(a.score for a in entry.spans)
        assert _flat(f"{entry.number} │ {entry.key} │ {len(entry.spans)} │ {best:.2f} │ {definition}") in output
    genre = max(doc.layer("genre"), key=lambda a: a.score)
    assert f"genre {genre.label} {genre.score:.2f}" in output
    assert "frames" in output or not doc.layer("frame")


def test_spans_are_coloured(store_db):
    doc = _doc(store_db, "western-silence")
    legend = legend_entries(doc, ("technique",))
    paragraph = next(a for a in doc.layer("paragraph") if any(a.start <= t.start < a.end for t in doc.layer("technique")))
    text = marked_text(doc, paragraph.start, paragraph.end, legend)
    console = Console(color_system="truecolor", width=200)
    # where each character of the paragraph sits in the marked text: the marks "[" and "]N" come in between
    # (nested where a sentence span holds a word span of its own)
    shown = doc.text[paragraph.start:paragraph.end]
    offsets = [m.start(1) for m in re.finditer(r"(?:\[|\]\d+)*(.)", text.plain, re.S)][:len(shown)]  # not the last marks
    assert "".join(text.plain[i] for i in offsets) == shown
    checked = 0
    for entry in legend.values():
        for annotation in entry.spans:
            if paragraph.start <= annotation.start and annotation.end <= paragraph.end:
                at = offsets[annotation.start - paragraph.start]
                assert text.get_style_at_offset(console, at).bgcolor is not None
                checked += 1
    assert checked


def test_debunks_and_summary_sections(store_db):
    output = _flat(_render(_doc(store_db, "western-silence")))
    assert "debunks (2)" in output
    assert "Western media: Russia is abandoning Central Asia" in output
    assert "motive: Misportray the peacekeeping operation as a neo-imperialist ploy." in output
    assert "counter: The Kazakhstani leader officially requested assistance." in output
    ru = _flat(_render(_doc(store_db, "molchanie")))
    assert "западные СМИ: Россия бросила союзников" in ru
    assert "counter: российская база в Душанбе усилена." in ru


def test_overlapping_spans_nest():
    text = "These cowardly puppets of Washington lie."
    doc = Document(id="overlap", text=text, language="en")
    doc.add(Annotation("paragraph", 0, len(text)))
    for label, phrase in (("Name_Calling-Labeling", "cowardly puppets of Washington"), ("Loaded_Language", "cowardly")):
        start = text.index(phrase)
        doc.add(Annotation("technique", start, start + len(phrase), label=label, score=0.8,
                           attrs={"definition": f"{label} defined"}))
    legend = legend_entries(doc, ("technique",))
    assert [e.key for e in legend.values()] == ["Name_Calling-Labeling", "Loaded_Language"]
    rendered = marked_text(doc, 0, len(text), legend)
    assert rendered.plain == "These [[cowardly]2 puppets of Washington]1 lie."
    console = Console(color_system="truecolor")
    inner = rendered.get_style_at_offset(console, rendered.plain.index("cowardly"))
    outer = rendered.get_style_at_offset(console, rendered.plain.index("puppets"))
    assert inner.underline and not outer.underline
    assert inner.bgcolor != outer.bgcolor


def test_equal_spans_nest_in_legend_order():
    text = "Traitors everywhere."
    doc = Document(id="equal", text=text, language="en")
    for label in ("Loaded_Language", "Name_Calling-Labeling", "Doubt"):
        doc.add(Annotation("technique", 0, 8, label=label, score=0.5, attrs={"definition": label}))
    assert marked_text(doc, 0, len(text), legend_entries(doc, ("technique",))).plain == "[[[Traitors]3]2]1 everywhere."


def test_truncate_cuts_text_and_spans(store_db):
    doc = _doc(store_db, "western-silence")
    first = doc.layer("technique")[0]
    cut = first.start + max(1, (first.end - first.start) // 2)
    output = _render(doc, truncate=cut)
    assert f"text cut at {cut} of {len(doc.text)} characters" in output
    assert doc.text[doc.layer("paragraph")[-1].start :].strip() not in output
    assert "legend" in output  # the legend still covers the whole document


def test_long_article_renders_within_the_limit(tmp_path):
    paragraph = "The so-called experts of the Western press keep repeating the same story about the region. "
    text = "A very long article\n\n" + "\n\n".join(f"{n}. {paragraph * 3}" for n in range(200)) + "\n"
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "long.db"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "long.txt"), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    doc = _doc(db, "long")
    assert len(doc.layer("paragraph")) == 201
    output = _render(doc, truncate=2000)
    assert len(output) < 6000
    assert "text cut at" in output


def test_show_command_options(store_db, monkeypatch):
    # a wide terminal, so that lines are not wrapped
    monkeypatch.setattr(cli, "out", Console(highlight=False, width=220))
    runner = CliRunner()
    doc = _doc(store_db, "western-silence")
    shown = runner.invoke(app, ["show", "western-silence", "--db", str(store_db)], catch_exceptions=False)
    assert shown.exit_code == 0
    first = doc.layer("technique")[0]
    assert doc.span_text(first) in shown.stdout and "legend" in shown.stdout

    no_text = runner.invoke(app, ["show", "western-silence", "--db", str(store_db), "--no-text"], catch_exceptions=False)
    assert no_text.exit_code == 0
    assert "Every honest person" not in no_text.stdout and "legend" in no_text.stdout

    debunk = doc.layer("debunk")[0]
    marked = runner.invoke(app, ["show", "western-silence", "--db", str(store_db), "--layers", "debunk"],
                           catch_exceptions=False)
    assert f"[{doc.span_text(debunk)}]1" in marked.stdout
    assert re.search(r"1\s+│\s+debunk\s+│\s+2\s+│", marked.stdout)

    truncated = runner.invoke(app, ["show", "western-silence", "--db", str(store_db), "--truncate", "100"],
                              catch_exceptions=False)
    assert "text cut at 100" in truncated.stdout
    assert runner.invoke(app, ["show", "western-silence", "--db", str(store_db), "--truncate", "-1"]).exit_code == 2
