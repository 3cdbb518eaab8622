"""The ``narratives`` analyzer in a real pipeline: output shape, regional narratives on texts written for the
project (English and Russian, pushing and not pushing them), and a user's own narrative after ``reload``."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.ingest.files import text_document
from faultlines.output import document_record
from faultlines.pipeline import DEFAULT_ANALYZERS, Pipeline
from faultlines.narratives.taxonomy import OTHER, load_taxonomy, narrative_of, semeval_labels

CASES = Path(__file__).parent / "data" / "narratives" / "regional_cases.toml"
runner = CliRunner()

USER_TAXONOMY = """
[[narrative]]
name = "MY: Foreign miners plunder the nation's gold"
definition = "Foreign mining companies, helped by corrupt officials, take the country's gold and leave poisoned land and rivers behind."
examples_en = [
    "The foreign company takes tonnes of our gold every year and leaves us cyanide in the rivers.",
    "Our gold fields were handed to foreigners for a pittance by bribed officials.",
    "The mine enriches shareholders abroad while the villages around it are poisoned.",
]
examples_ru = [
    "Иностранная компания каждый год вывозит тонны нашего золота и оставляет нам цианид в реках.",
    "Наши месторождения золота за бесценок отдали иностранцам продажные чиновники.",
    "Рудник обогащает акционеров за границей, а окрестные сёла травятся.",
]
"""
GOLD_TEXT = """Who owns our gold?

For twenty years a foreign company has dug gold out of our mountains and shipped it abroad. The profits go to shareholders in Toronto and London, while the glacier above the mine melts and the river below it carries cyanide.

The officials who signed the concession grew rich. The shepherds whose pastures were poisoned got nothing. This is not investment, it is plunder.
"""
GOLD_PRICE_TEXT = """Gold price reaches record

The price of gold rose to a record of 2,400 dollars an ounce on Monday, traders in London said.

Analysts attributed the rise to purchases by central banks and expectations of lower interest rates.
"""


def _docs(items: list[tuple[str, str]]):
    docs = [text_document(text, doc_id=doc_id, source=doc_id, source_kind="text") for doc_id, text in items]
    return list(Pipeline(("language", "segment", "encode", "narratives")).pipe(docs))


def _cases(*ids: str) -> list[dict]:
    by_id = {c["id"]: c for c in tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]}
    return [by_id[i] for i in ids]


@pytest.fixture(scope="module")
def regional_cache(tmp_path_factory):
    """A cache directory of its own, so no reload of the user's machine leaks in (and none leaks out)."""
    path = tmp_path_factory.mktemp("narratives-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FAULTLINES_NARRATIVES_CACHE", str(path))
        mp.delenv("FAULTLINES_NARRATIVES", raising=False)
        mp.setenv("XDG_CONFIG_HOME", str(path / "no-config"))
        yield path


@pytest.fixture(scope="module")
def analyzed(regional_cache):
    cases = _cases("guarantor-en", "jihad-en", "water-ru", "media-ru", "neutral-trade-en", "neutral-dam-ru")
    return cases, _docs([(c["id"], c["text"]) for c in cases])


def test_regional_narratives_on_written_texts(analyzed):
    cases, docs = analyzed
    for case, doc in zip(cases, docs):
        found = {a.label for a in doc.layer("narrative") if a.attrs["taxonomy"] == "regional"}
        assert found == set(case["expect"]), (case["id"], found)


def test_output_shape(analyzed):
    cases, docs = analyzed
    coarse, fine = semeval_labels()
    regional = set(load_taxonomy().names())
    for doc in docs:
        layer = doc.layer("narrative")
        assert layer, doc.id
        pairs = [(a.label, a.attrs["subnarrative"]) for a in layer]
        assert len(pairs) == len(set(pairs))  # one annotation per (narrative, subnarrative)
        for a in layer:
            assert (a.start, a.end) == (0, len(doc.text))
            assert a.analyzer == "narratives" and a.version == "14"
            assert a.score is None or 0.0 <= a.score <= 1.0
            if a.attrs["taxonomy"] == "regional":
                assert a.label in regional
                assert a.attrs["subnarrative"].startswith(a.label + ": ")
                start, end = a.attrs["evidence"]
                assert 0 <= start < end <= len(doc.text) and doc.text[start:end].strip()
            else:
                assert a.attrs["taxonomy"] == "semeval2025"
                assert a.label in coarse and a.attrs["subnarrative"] in fine
                assert narrative_of(a.attrs["subnarrative"]) == a.label
        labels = [a.label for a in layer]
        assert OTHER not in labels or labels == [OTHER]  # Other only when nothing else applies
        record = document_record(doc)
        assert [n["narrative"] for n in record["narratives"]] == labels
        assert all({"narrative", "subnarrative", "start", "end"} <= set(n) for n in record["narratives"])
    neutral = docs[[c["id"] for c in cases].index("neutral-trade-en")]
    assert [(a.label, a.attrs["subnarrative"]) for a in neutral.layer("narrative")] == [(OTHER, OTHER)]


# Commentary that argues two narratives in one paragraph (as tests/data/narratives/regional_heldout_mixed.toml),
# and a plain report on the same topics.
MIXED_TEXT = """The next war in the Fergana valley

Every spring the same fight breaks out over the same canals. Kyrgyz villagers block the water, Tajik farmers lose their harvest, and within days stones turn into bullets. None of this would be happening if Moscow planners in the 1920s had not drawn lines that cut villages from their fields and left enclaves stranded inside a neighbour's territory."""
MIXED_REPORT = """Kyrgyzstan and Tajikistan open talks on canal repairs

Engineers from Kyrgyzstan and Tajikistan met in Isfara on Tuesday to plan repairs to two irrigation canals before the spring, the Kyrgyz water agency said. The work will be paid from both budgets, and a joint commission will meet again in March."""


def test_one_sentence_with_a_cue_carries_a_narrative_no_paragraph_reaches(regional_cache):
    commentary, report = _docs([("mixed", MIXED_TEXT), ("report", MIXED_REPORT)])
    regional = {a.label: a for a in commentary.layer("narrative") if a.attrs["taxonomy"] == "regional"}
    assert set(regional) == {"CA: Scarce water and resources drive conflict",
                             "CA: Soviet-era borders are the root of conflict"}
    # the evidence is the sentence that carries each, not the paragraph that argues both
    paragraph = commentary.layer("paragraph")[-1]
    for annotation in regional.values():
        start, end = annotation.attrs["evidence"]
        assert paragraph.start <= start < end <= paragraph.end and (start, end) != (paragraph.start, paragraph.end)
    borders = commentary.text[slice(*regional["CA: Soviet-era borders are the root of conflict"].attrs["evidence"])]
    assert borders.startswith("None of this would be happening") and "1920s" in borders
    assert not [a for a in report.layer("narrative") if a.attrs["taxonomy"] == "regional"]


STRONG_CUES_COLUMN = """Бишкекский сценарий

В среду у здания правительства в Бишкеке собрались около двух тысяч человек, милиция применила слезоточивый газ.

Методичка знакома до мелочей. Национальный фонд в поддержку демократии и структуры Сороса годами вкладывали гранты в \
киргизские НКО, и теперь эти вложения начинают «работать»."""
STRONG_CUES_REPORTED = STRONG_CUES_COLUMN.replace("Методичка знакома до мелочей. Национальный фонд",
                                                  "Представитель МИД заявила, что Национальный фонд")


def test_an_author_s_sentence_with_three_cue_words_carries_its_narrative(regional_cache):
    # the encoder places the argued sentence far from every example (0.10); Soros, grants and NGOs say which story it is
    column, reported = _docs([("column", STRONG_CUES_COLUMN), ("reported", STRONG_CUES_REPORTED)])
    assert [a.label for a in column.layer("narrative") if a.attrs["taxonomy"] == "regional"] == [
        "CA: Colour revolutions and hybrid war behind unrest"]
    # what a spokeswoman is reported to have said is hers, not the text's
    assert not [a for a in reported.layer("narrative") if a.attrs["taxonomy"] == "regional"]


def test_a_sentence_without_the_cue_does_not_carry_the_narrative(regional_cache, tmp_path):
    """The same text with every cue made unmatchable: no sentence may carry a narrative then, and the paragraph
    alone reaches none."""
    from faultlines.narratives.regional import SHIPPED_STEM, RegionalModel, sentences_of, units_of
    from faultlines.text.encode import encoding_of

    doc = _docs([("mixed-2", MIXED_TEXT)])[0]
    model = RegionalModel.load(SHIPPED_STEM)
    encoding = encoding_of(doc)
    found = {h.narrative for h in model.detect(units_of(encoding.vectors, encoding.title),
                                               sentences_of(encoding, doc.text, doc.language))}
    assert "CA: Soviet-era borders are the root of conflict" in found
    for meta in model.narratives:
        meta["cues"] = {"en": ["no such cue anywhere"]}
    model._compiled = None
    found = {h.narrative for h in model.detect(units_of(encoding.vectors, encoding.title),
                                               sentences_of(encoding, doc.text, doc.language))}
    assert found == set()


DEBUNK_TEXT = """What the Western press gets wrong about Kazakhstan

Western outlets keep repeating the same stories about Russia and its neighbours. Here are three of them.

Myth: Moscow treats Kazakhstan as a vassal and is waiting for the moment to annex its northern regions.
Why they say it: To frighten Kazakhs away from their closest ally and to paint every Russian security commitment as imperial conquest.
Truth: Russia has recognised Kazakhstan's borders in three treaties, and the CSTO contingent of 2022 left within two weeks.
"""


def test_a_debunked_claim_is_not_the_narrative_the_text_pushes(regional_cache):
    """The myth and the motive it imputes state the sovereignty and ungrateful-allies stories; the text rebuts them."""
    def regional(analyzers):
        doc = list(Pipeline(analyzers).pipe([text_document(DEBUNK_TEXT, doc_id="d", source="d", source_kind="text")]))[0]
        return {a.label: doc.text[slice(*a.attrs["evidence"])] for a in doc.layer("narrative")
                if a.attrs["taxonomy"] == "regional"}, doc

    without, _ = regional(("language", "segment", "encode", "narratives"))
    assert without["CA: Russia threatens its neighbours' sovereignty"].startswith("Myth: Moscow treats Kazakhstan")
    found, doc = regional(("language", "segment", "encode", "debunks", "narratives"))
    assert [a.attrs["claim"] for a in doc.layer("debunk")][0].startswith("Moscow treats Kazakhstan as a vassal")
    assert "CA: Russia threatens its neighbours' sovereignty" not in found
    assert not any(text.startswith(("Myth:", "Why they say it:")) for text in found.values())


REBUTTAL_LIST = """Four Myths About Russia's Base in Tajikistan

Pro-Kremlin commentators have spent the autumn defending the 201st military base near Dushanbe. Here is what they get wrong.

Myth 1: The base protects Tajikistan from the Taliban.
Why they say it: Moscow wants Dushanbe to believe it cannot survive without Russian troops.
Fact: Tajik border guards, not Russian soldiers, have fought every clash on the Afghan border since 2021.

Myth 2: The base costs Tajikistan nothing.
Why they say it: The Kremlin needs to hide the price of its protection.
Fact: Dushanbe gave up rent for the land until 2042 and buys Russian weapons on Russian terms.

Myth 3: Without the base, NATO would move in.
Why they say it: Fear of the West is the last argument Moscow has left.
Fact: No Western government has asked for a base in Tajikistan since the United States left Manas in 2014.
"""


def test_a_narrative_the_myths_state_is_rebutted_whatever_the_facts_after_them_resemble(regional_cache):
    """The facts that answer the myths speak of Russian soldiers on the Afghan border and of Western bases: close
    to the guarantor and foothold narratives, which the myths state and the text rebuts."""
    def regional(analyzers):
        doc = list(Pipeline(analyzers).pipe([text_document(REBUTTAL_LIST, doc_id="r", source="r", source_kind="text")]))[0]
        return {a.label for a in doc.layer("narrative") if a.attrs["taxonomy"] == "regional"}

    rebutted = {"CA: Russia is the indispensable security guarantor", "CA: The West seeks a military foothold"}
    assert rebutted <= regional(("language", "segment", "encode", "narratives"))
    assert regional(("language", "segment", "encode", "debunks", "narratives")) & rebutted == set()


def test_a_narrative_a_quoted_speaker_denies_is_not_pushed_by_the_report_of_the_denial(regional_cache):
    told = "На территории Казахстана будет размещена американская военная база."
    denied = ("Министерство обороны Казахстана опровергло сообщения ряда телеграм-каналов о том, что на территории "
              "страны будет размещена американская военная база.")

    def regional(text, analyzers):
        doc = list(Pipeline(analyzers).pipe([text_document(f"Базы\n\n{text}\n", doc_id="b", source="b",
                                                           source_kind="text")]))[0]
        return {a.label for a in doc.layer("narrative") if a.attrs["taxonomy"] == "regional"}

    foothold = "CA: The West seeks a military foothold"
    assert foothold in regional(told, ("language", "segment", "encode", "narratives"))
    assert foothold in regional(denied, ("language", "segment", "encode", "narratives"))  # without the claims layer
    assert foothold not in regional(denied, ("language", "segment", "nlp", "claims", "encode", "narratives"))


@pytest.mark.parametrize("told, dropped", [
    ("Безопасность и процветание Центральной Азии зависят только от Москвы.",
     "Центральной Азии пора перестать верить, что безопасность и процветание региона зависят только от Москвы."),
    ("Central Asia's security depends on Moscow alone.",
     "Central Asia must stop believing that its security depends on Moscow alone."),
])
def test_a_belief_the_author_tells_the_reader_to_drop_is_not_pushed(regional_cache, told, dropped):
    def regional(text):
        doc = list(Pipeline(("language", "segment", "encode", "narratives")).pipe(
            [text_document(f"Migrants and politics\n\n{text}\n", doc_id="s", source="s", source_kind="text")]))[0]
        return {a.label for a in doc.layer("narrative") if a.attrs["taxonomy"] == "regional"}

    assert "CA: Russia is the indispensable security guarantor" in regional(told)
    assert regional(dropped) == set()


@pytest.mark.parametrize("told, dismissed, narrative", [
    ("Американцы хотят вернуть свои военные базы в Центральную Азию, чтобы получить плацдарм у границ России.",
     "Разговоры о том, что американцы хотят вернуть свои военные базы в Центральную Азию, — это в основном пропаганда.",
     "CA: The West seeks a military foothold"),
    ("Washington wants its military bases back in Central Asia to gain a foothold on Russia's border.",
     "Talk that Washington wants its military bases back in Central Asia to gain a foothold on Russia's border is "
     "mostly propaganda.", "CA: The West seeks a military foothold"),
    ("Без российских военных Центральная Азия не защитит свои границы.",
     "Центральной Азии пора перестать ждать, что российские военные защитят её границы.",
     "CA: Russia is the indispensable security guarantor"),
    ("Американцы хотят вернуть свои военные базы в Центральную Азию, чтобы получить плацдарм у границ России.",
     "Утверждение, будто американцы хотят вернуть свои военные базы в Центральную Азию, чтобы получить плацдарм у "
     "границ России, — чепуха.", "CA: The West seeks a military foothold"),
])
def test_what_the_text_calls_propaganda_or_stops_waiting_for_is_not_pushed(regional_cache, told, dismissed, narrative):
    # an analyst's "это в основном пропаганда" and a column's "stop waiting for a rescue" had carried what they reject
    def regional(text):
        doc = list(Pipeline(("language", "segment", "encode", "narratives")).pipe(
            [text_document(f"Migrants and politics\n\n{text}\n", doc_id="s", source="s", source_kind="text")]))[0]
        return {a.label for a in doc.layer("narrative") if a.attrs["taxonomy"] == "regional"}

    assert narrative in regional(told)
    assert regional(dismissed) == set()


def test_other_languages_are_skipped_not_guessed(regional_cache):
    doc = _docs([("de", "Der Goldpreis ist gestiegen.\n\nHändler in London meldeten am Montag einen Rekord.")])[0]
    assert doc.layer("narrative") == []
    assert "not supported" in doc.meta["narratives_skipped"]


def test_user_narrative_is_detected_after_reload(regional_cache, tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text(USER_TAXONOMY, encoding="utf-8")
    name = "MY: Foreign miners plunder the nation's gold"
    before = _docs([("gold", GOLD_TEXT)])[0]
    assert name not in {a.label for a in before.layer("narrative")}

    result = runner.invoke(app, ["narratives", "reload", "--taxonomy", str(user), "--json"])
    assert result.exit_code == 0, result.output
    loaded = json.loads(result.stdout)
    assert [n["name"] for n in loaded["narratives"]][-1] == name and str(user) in loaded["sources"]
    assert (regional_cache / "narratives_regional.json").exists()

    # the same (cached) analyzer instance picks the new model up at its next batch
    gold, price = _docs([("gold-2", GOLD_TEXT), ("price", GOLD_PRICE_TEXT)])
    hits = {a.label: a for a in gold.layer("narrative")}
    assert name in hits and hits[name].attrs["subnarrative"] == f"{name}: Other"
    assert name not in {a.label for a in price.layer("narrative")}


def test_reload_rejects_a_bad_file_with_one_line(regional_cache, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[narrative]]\nname = "URW: Mine"\ndefinition = "d"\nexamples_en = ["a", "b"]\n', encoding="utf-8")
    result = runner.invoke(app, ["narratives", "reload", "--taxonomy", str(bad)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("faultlines: error:") and "[FL113]" in lines[0]


def test_a_post_shorter_than_any_training_article_gets_no_semeval_narrative(regional_cache):
    # (a post of a dozen words about the war, where the heads find a Ukraine-war narrative)
    (doc,) = _docs([("ru", "⚡️Срочно: ВСУ обстреляли Донецк, есть погибшие среди мирных жителей. Киев снова молчит.")])
    assert [a.label for a in doc.layer("narrative")] == ["Other"]
    assert doc.meta["narratives_note"] == "too short for the SemEval-2025 heads (12 words < 60)"


def test_the_ukraine_war_narratives_need_a_text_about_that_war():
    from faultlines.narratives.narrative_heads import in_domain

    assert in_domain("URW: Praise of Russia", "Russian troops advanced near Bakhmut on Tuesday.")
    assert in_domain("URW: Russia is the Victim", "Западные СМИ снова лгут о ВСУ.")
    assert not in_domain("URW: Praise of Russia", "Kazakhstan detained a Russian citizen on suspicion of spying.")
    assert in_domain("CC: Criticism of climate policies", "The new carbon tax will hurt farmers.")
    assert not in_domain("CC: Criticism of climate policies", "Kazakhstan will raise fuel prices from January.")
    assert in_domain("Other", "anything") and in_domain("CA: Western media lie", "anything")


@pytest.mark.parametrize("headline, body", [
    ("В Таджикистане обсудили охрану границы с Афганистаном",
     "ДУШАНБЕ, 5 декабря — «Азия-Плюс». Министры обороны Таджикистана и России обсудили в Душанбе ситуацию на "
     "таджикско-афганской границе и поставки техники для пограничных войск, сообщила пресс-служба Минобороны "
     "республики. Стороны договорились провести совместные учения весной."),
    ("No, the West is not building bases in Kazakhstan",
     "A Russian television channel claimed this week that the United States was secretly building a military "
     "laboratory near Almaty. There is no such facility. The site shown in the report is a veterinary research centre "
     "opened in 2016 with funding from the Kazakh government. The story was made up."),
])
def test_a_wire_report_s_headline_and_a_headline_that_says_no_push_nothing(regional_cache, headline, body):
    (doc,) = Pipeline(("language", "segment", "nlp", "claims", "debunks", "encode", "narratives")).pipe(
        [text_document(f"{headline}\n\n{body}\n", doc_id="h", source="h", source_kind="text")])
    assert doc.title == headline
    assert not [a.label for a in doc.layer("narrative") if a.attrs["taxonomy"] == "regional"]


def test_a_sentence_carries_the_likeliest_narrative_whose_cue_words_it_has(regional_cache):
    # the last sentence lies nearer the guarantor than the ingratitude it argues, but names none of the guarantor's cues
    (doc,) = _docs([("forgetful", open(Path(__file__).parent / "data" / "narratives" / "forgetful_friends_ru.txt",
                                       encoding="utf-8").read())])
    regional = [a.label for a in doc.layer("narrative") if a.attrs["taxonomy"] == "regional"]
    assert regional == ["CA: Ungrateful and disloyal allies"]


def test_a_debt_of_gratitude_is_an_ingratitude_cue_and_the_csto_s_name_no_guarantor_cue(regional_cache):
    owed, offer = _docs([
        ("owed", "Why does Astana still believe the West will save it?\n\nIn January 2022 it was not the European "
                 "Union that answered President Tokayev's call. It was the CSTO, and above all Russian paratroopers, who "
                 "secured airports and power stations within 48 hours. Nobody in Moscow expects gratitude in the form "
                 "of speeches. But a country that owes its stability to Russian soldiers should think twice before "
                 "voting against Russia at the UN General Assembly."),
        ("offer", "MOSCOW, Dec 3 — The Collective Security Treaty Organization (CSTO) is ready to send additional "
                  "forces and equipment to help Tajikistan secure its border with Afghanistan if Dushanbe requests it, "
                  "the organisation's secretariat said on Wednesday. The statement followed two deadly attacks on "
                  "Chinese workers in Tajikistan's Khatlan province and Gorno-Badakhshan region in late November. \"The "
                  "member states are closely following the situation on the Tajik-Afghan border,\" the secretariat "
                  "said. It gave no details on the size of any possible deployment.")])
    assert "CA: Ungrateful and disloyal allies" in [a.label for a in owed.layer("narrative")]
    assert not [a.label for a in offer.layer("narrative") if a.attrs["taxonomy"] == "regional"]


def test_a_paragraph_that_mostly_reports_needs_more_than_the_paragraph_threshold(regional_cache):
    # the second paragraph lies just over the guarantor's 0.5, but two of its three sentences report an event
    (doc,) = Pipeline(DEFAULT_ANALYZERS).pipe([text_document(
        "На таджикско-афганской границе ликвидированы три наркокурьера\n\nДУШАНБЕ, 6 декабря — «Азия-Плюс». "
        "Пограничники ГКНБ Таджикистана в ночь на 5 декабря предотвратили попытку переправить крупную партию наркотиков "
        "через реку Пяндж в Шамсиддиншохинском районе, сообщили в пресс-центре ведомства.\n\nПо данным пограничной "
        "службы, нарушители оказали вооруженное сопротивление. В ходе перестрелки трое наркокурьеров, граждане "
        "Афганистана, были уничтожены, еще двое скрылись на афганской территории. Потерь среди пограничников нет.\n\n"
        "На месте изъято более 50 кг гашиша и 12 кг героина, а также автомат Калашникова и боеприпасы. С начала года "
        "на этом участке границы задержано около 800 кг наркотиков.\n", doc_id="b", source="b", source_kind="text")])
    assert not [a.label for a in doc.layer("narrative") if a.attrs["taxonomy"] == "regional"]


def test_a_headline_that_refuses_what_it_names_and_a_west_that_rocks_the_boat(regional_cache):
    needless, rocking = _docs([
        ("needless", "Central Asia does not need Moscow's protection\n\nThe states of the region are sovereign. They can "
                     "buy wheat from Kazakhstan and gas from Turkmenistan."),
        ("rocking", "На границе Таджикистана стрельба\n\nНапомним, ранее Запад уже пытался раскачать ситуацию в ГБАО "
                    "руками местных «активистов». Совпадение? Не думаем.")])
    assert "CA: Russia is the indispensable security guarantor" not in [a.label for a in needless.layer("narrative")]
    assert "CA: Colour revolutions and hybrid war behind unrest" in [a.label for a in rocking.layer("narrative")]
