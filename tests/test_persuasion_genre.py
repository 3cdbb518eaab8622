"""Genre from how a text is written (attributed news or the author's voice) beside the trained genre head."""
from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.output import document_record
from faultlines.persuasion.genre import decide, style_genre, style_of
from faultlines.workbench import analyze

DEMO = Path(__file__).resolve().parents[1] / "faultlines" / "demo" / "articles"

WIRE = """Taliban and Tajik guards trade fire on the Panj

DUSHANBE, Dec 5 (Reuters) - Tajik and Afghan border guards exchanged fire across the Panj River on Thursday night, \
officials in Dushanbe said.

One Tajik soldier was killed and two were wounded, the State Committee for National Security said in a statement. \
A Taliban spokesman told Reuters that Tajik guards had fired first.

The Foreign Ministry said it had handed a note to the Afghan side, according to the ministry's website.
"""

COLUMN = """Why should we keep paying for Dushanbe's border?

Let us be honest with ourselves. Every time the Panj catches fire, our soldiers are sent to put it out, and every \
time Dushanbe forgets who came. How long must we go on like this?

You cannot build an alliance on gratitude that expires in a week. Moscow should stop writing blank cheques.
"""

RUSSIAN_REPORT = """На таджикско-афганской границе произошла перестрелка

ДУШАНБЕ, 5 декабря — РИА Новости. Пограничники Таджикистана и Афганистана обменялись огнем в ночь на пятницу, \
сообщили в ГКНБ республики.

По данным ведомства, погиб один военнослужащий. Представитель талибов заявил агентству, что огонь первыми открыли \
таджикские пограничники.
"""

RUSSIAN_COLUMN = """Хватит спасать тех, кто нас не ценит

Мы снова слышим из Душанбе просьбы о помощи. Но разве мы забыли, как нас благодарили в прошлый раз? Нам пора \
перестать платить за чужую забывчивость.

Вы думаете, что это жестоко? Россия должна думать о своих солдатах, а не о чужих обидах.
"""


@pytest.mark.parametrize("text, lang, genre", [
    (WIRE, "en", "reporting"),
    (COLUMN, "en", "opinion"),
    (RUSSIAN_REPORT, "ru", "reporting"),
    (RUSSIAN_COLUMN, "ru", "opinion"),
    ("Opinion: a quiet border\n\nThe border was quiet on Friday, officials said.", "en", "opinion"),
])
def test_the_writing_tells_a_report_from_a_column(text, lang, genre):
    assert style_genre(text, lang) == genre


def test_an_interview_is_reported_speech_though_the_interviewee_says_we():
    interview = ("«Талибы не остановятся на Пяндже»\n\nПолитолог рассказал «Азии-Плюс» о рисках.\n\n"
                 "— Насколько реальна угроза?\n\n— Мы видим, что угроза растёт. Я думаю, нам нужно готовиться.\n\n"
                 "— Что должна сделать Москва?\n\n— Москва должна усилить базу. Мы не можем ждать.")
    assert style_of(interview, "ru").interview and style_genre(interview, "ru") == "reporting"
    assert not style_of(COLUMN, "en").interview


def test_a_text_that_neither_attributes_nor_argues_is_left_to_the_model():
    text = "Rogun dam\n\nThe dam on the Vakhsh will be 335 metres high. Its first turbine started in 2018."
    assert style_genre(text, "en") is None
    probabilities = {"reporting": 0.2, "opinion": 0.7, "satire": 0.1}
    assert decide(probabilities, text, "en") == (probabilities, "model")


def test_quoted_voices_are_the_sources_not_the_author():
    quoted = ('Border clash\n\n"We will not let them cross, and we must hold," the commander said. '
              '"You will see," he told reporters on Friday.')
    assert style_of(quoted, "en").voice == 0
    assert style_genre(quoted, "en") == "reporting"


def test_a_wire_item_without_a_title_line_is_all_body():
    item = ("DUSHANBE, Oct 8 — Units of Russia's 201st base began exercises on Wednesday, the press service said. "
            "About 1,500 servicemen are taking part, according to the statement.")
    assert style_of(item, "en").news >= 1.5 and style_genre(item, "en") == "reporting"


def test_a_clear_style_leads_the_scores_and_keeps_them_a_distribution():
    scores, basis = decide({"reporting": 0.05, "opinion": 0.9, "satire": 0.05}, WIRE, "en")
    assert basis == "style" and max(scores, key=scores.get) == "reporting"
    assert sum(scores.values()) == pytest.approx(1.0)


def test_an_english_wire_report_is_reporting_and_says_why():
    # the trained head alone calls it opinion, as it does nearly every English text
    doc = analyze(str(DEMO / "chinese-workers-killed-shamsiddin-shohin-camp.txt"),
                  analyzers=("language", "segment", "persuasion"))
    assert document_record(doc)["genre"] == "reporting"
    assert {a.attrs["basis"] for a in doc.layer("genre")} == {"style"}


def test_a_report_keeps_only_its_surer_spans():
    # the Russian thresholds, chosen for recall on the corpus's opinion pieces, had marked eight plain sentences of
    # this wire report Doubt at 0.06-0.11 ("Пограничники ответили огнём.")
    doc = analyze(str(DEMO / "darvaz-attack-chinese-citizens-killed-ru.txt"), analyzers=("language", "segment", "persuasion"))
    assert document_record(doc)["genre"] == "reporting"
    spans = doc.layer("technique")
    assert all(a.attrs["score"] >= 0.2 for a in spans)
    assert not any(doc.text[a.start:a.end] == "Пограничники ответили огнём." for a in spans)
