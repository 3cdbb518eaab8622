"""The debunks analyzer on articles written for the project (tests/data/debunk_*), through the real pipeline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.ingest.files import read_text_file
from faultlines.output import document_record
from faultlines.pipeline import Pipeline, registered
from faultlines.settings import Settings
from faultlines.workbench import analyze

DATA = Path(__file__).parent / "data"
DEMO = Path(__file__).resolve().parents[1] / "faultlines" / "demo" / "articles"
GOLD = json.loads((DATA / "debunk_gold.json").read_text(encoding="utf-8"))
WRITTEN = {entry["file"]: entry["items"] for entry in GOLD if entry["split"] == "written"}
FIELDS = ("attributed_to", "claim", "motive", "counter")
ANALYZERS = ("language", "segment", "debunks")


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(ANALYZERS, Settings())


def _read(pipeline, path: Path):
    return next(pipeline.pipe([read_text_file(path, Settings())]))


def _items(text: str):
    doc = analyze(text, analyzers=ANALYZERS)
    return doc, [{k: a.attrs[k] for k in FIELDS} for a in doc.layer("debunk")]


def _check_offsets(doc, annotation):
    """Every span indexes the text exactly and lies inside the item."""
    text, attrs = doc.text, annotation.attrs
    assert text[annotation.start : annotation.end].strip() == text[annotation.start : annotation.end]
    for name in ("claim", "motive", "counter"):
        span = attrs[f"{name}_span"]
        if attrs[name] is None:
            assert span is None
            continue
        start, end = span
        assert text[start:end] == attrs[name]
        assert annotation.start <= start < end <= annotation.end
    if attrs["attributed_span"] is not None:
        start, end = attrs["attributed_span"]
        assert text[start:end].strip()


def test_analyzer_is_registered_with_its_contract():
    spec = registered()["debunks"]
    assert spec.version == "9"
    assert spec.requires == ("paragraph", "sentence")
    assert spec.assigns == ("debunk",)


@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_written_articles_recover_every_item(pipeline, name):
    doc = _read(pipeline, DATA / name)
    found = doc.layer("debunk")
    assert [{k: a.attrs[k] for k in FIELDS} for a in found] == WRITTEN[name]
    for annotation in found:
        _check_offsets(doc, annotation)
        assert annotation.label is None and annotation.analyzer == "debunks"


def test_lie_motive_truth_record_matches_the_interface(pipeline):
    doc = _read(pipeline, DATA / "debunk_csto_en.txt")
    record = document_record(doc)
    first = record["debunks"][0]
    assert {k: first[k] for k in FIELDS} == {
        "attributed_to": "Western media",
        "claim": "Russia is invading Kazakhstan!",
        "motive": "Misportray the peacekeeping operation as a neo-imperialist ploy.",
        "counter": first["counter"],
    }
    assert first["counter"].startswith("The Kazakhstani leader officially requested assistance.")
    assert first["form"] == "list" and first["labels"] == ["Lie", "Motive", "Truth"]
    # the item spans the whole rebuttal, from its first label to the end of the counter
    item = record["text"][first["start"] : first["end"]]
    assert item.startswith("Lie: Russia is invading Kazakhstan!\nMotive:")
    assert item.endswith("as the alliance's charter provides.")
    assert [d["form"] for d in record["debunks"]] == ["list"] * 4 + ["inline"]


def test_russian_list_without_motive_has_null_motive(pipeline):
    doc = _read(pipeline, DATA / "debunk_csto_ru.txt")
    third = doc.layer("debunk")[2]
    assert third.attrs["claim"] == "Миротворцы разгоняли протестующих."
    assert third.attrs["motive"] is None and third.attrs["labels"] == ["Ложь", "Правда"]
    assert doc.text[third.start : third.end].startswith("**Ложь:**")


def test_demo_article_myths_are_found():
    doc = analyze(str(DEMO / "csto-kazakhstan-2022-myths-debunked.md"), analyzers=ANALYZERS)
    items = doc.layer("debunk")
    # "## Myth 1: …" headings introduce the items; only the Lie / Motive / Truth triples are items
    assert [a.attrs["claim"] for a in items] == [
        "Russia used the Collective Security Treaty Organization as a cover to invade Kazakhstan.",
        "Once Russian soldiers were in Kazakhstan, they would stay for good.",
        "CSTO troops shot at demonstrators in Almaty.",
    ]
    assert all(a.attrs["attributed_to"] == "Western press" and a.attrs["motive"] for a in items)


@pytest.mark.parametrize("text, expected", [
    ("Fake: Russia is invading Kazakhstan! / Reality: The Kazakhstani leader officially requested assistance.",
     [(None, "Russia is invading Kazakhstan!", None, "The Kazakhstani leader officially requested assistance.")]),
    ("LIE: The base is empty.\nTRUTH: The base holds 7,000 troops.\nMOTIVE: To scare Dushanbe.",
     [(None, "The base is empty.", "To scare Dushanbe.", "The base holds 7,000 troops.")]),
    ("Myth #2: Water wars are inevitable.\n\nFact #2: Basin agreements have held since 1992.",
     [(None, "Water wars are inevitable.", None, "Basin agreements have held since 1992.")]),
    ("Миф — Россия оккупирует Казахстан.\nПравда: Токаев сам попросил помощи.",
     [(None, "Россия оккупирует Казахстан.", None, "Токаев сам попросил помощи.")]),
    ("Lie: Western media claim that the CSTO fired on crowds.\nTruth: The troops guarded airports.",
     [("Western media", "the CSTO fired on crowds.", None, "The troops guarded airports.")]),
])
def test_list_variants(text, expected):
    _, items = _items(text)
    assert [tuple(i[k] for k in FIELDS) for i in items] == expected


@pytest.mark.parametrize("text, expected", [
    ("Western media, however, continue to claim that the base is empty. In fact, it was reinforced last month.",
     ("Western media", "the base is empty", None, "it was reinforced last month.")),
    ("We are told that Russia is isolated. The truth is that trade with Asia has doubled.",
     (None, "Russia is isolated", None, "trade with Asia has doubled.")),
    ("It is a myth that the CSTO is a Russian army. Six states take part in its decisions.",
     (None, "the CSTO is a Russian army", None, "Six states take part in its decisions.")),
    ("Contrary to the BBC's claims that the troops fired on crowds, the contingent only guarded airports.",
     ("BBC", "the troops fired on crowds", None, "the contingent only guarded airports.")),
    ("Kremlin propagandists insist that the referendum was free. That is simply false. Observers were barred.",
     ("Kremlin propagandists", "the referendum was free", None, "That is simply false. Observers were barred.")),
    ("The Western narrative that Russia is isolated is false. In reality, trade with Asia doubled. "
     "Their aim is obvious: to demoralise Russians.",
     (None, "Russia is isolated", "to demoralise Russians", "trade with Asia doubled.")),
    ("For years the Kremlin's propagandists have spread the lie that Ukraine started the war. "
     "That is a lie designed to hide the invasion. Russian troops crossed the border in 2022.",
     ("Kremlin's propagandists", "Ukraine started the war", "to hide the invasion",
      "That is a lie designed to hide the invasion. Russian troops crossed the border in 2022.")),
])
def test_inline_english(text, expected):
    _, items = _items(text)
    assert [tuple(i[k] for k in FIELDS) for i in items] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Нам говорят, что Россия в изоляции. На самом деле торговля с Азией удвоилась.",
     (None, "Россия в изоляции", None, "торговля с Азией удвоилась.")),
    ("Западные политологи уверяют, что ОДКБ развалится. Ничего подобного. Организация провела учения.",
     ("западные политологи", "ОДКБ развалится", None, "Ничего подобного. Организация провела учения.")),
    # the opponent is put in the nominative
    ("Вопреки заявлениям западных политиков, что Казахстан отвернулся от России, товарооборот вырос.",
     ("западные политики", "Казахстан отвернулся от России", None, "товарооборот вырос.")),
    ("Пресловутый тезис о том, что Россия потеряла Центральную Азию, не выдерживает критики: товарооборот растёт.",
     (None, "Россия потеряла Центральную Азию", None, "товарооборот растёт.")),
])
def test_inline_russian(text, expected):
    _, items = _items(text)
    assert [tuple(i[k] for k in FIELDS) for i in items] == [expected]


@pytest.mark.parametrize("text", [
    "Reuters reported on Tuesday that Tajikistan was discussing Russian military help. Officials in Dushanbe denied the report.",
    "The BBC reported that talks were held. The ministry declined to comment.",
    "Officials denied the reports, and the Foreign Ministry said the claims were unfounded.",
    "Critics say the project is too expensive, but supporters disagree.",
    "Western officials say the sanctions are working, but Russia's economy grew by 3.6 percent.",
    "He rejected the claim that Russia was behind the unrest.",
    "The claim that Russia was behind the unrest is false, the ministry said.",
    "One diplomat said it was a myth that the border could be sealed completely. Talks continue.",
    "The lies that the Western media spread are endless.",
    "The story that the minister resigned was published on Monday.",
    "Fact sheet: the border is about 1,340 kilometres long.\nLie detectors are not used, the prosecutor said.",
    "Fact: the border is 1,340 km long.\nTruth: nobody knows how many crossed it.",
    "Claim: the border is closed.\n\nThe ministry gave no details.\n\nFact: trade continued.",
    "По словам министра, миф о том, что мигранты не платят налоги, давно опровергнут.",
    "Выводы должны сделать те, кто верит в сказки про то, что НАТО не антироссийская организация, отметил Климов. "
    "Саммит пройдёт в июле.",
    "Ранее западные СМИ сообщали, что Бишкек рассматривает такую возможность. Министерство это опровергло.",
])
def test_ordinary_reporting_is_not_a_debunk(text):
    _, items = _items(text)
    assert items == []


@pytest.mark.parametrize("name", ["debunk_negative_en.txt", "debunk_negative_ru.txt",
                                  "debunk_heldout_news_en.txt", "debunk_heldout_news_ru.txt"])
def test_news_reports_have_no_debunks(pipeline, name):
    assert _read(pipeline, DATA / name).layer("debunk") == []


def test_reanalysis_replaces_the_layer(pipeline):
    doc = _read(pipeline, DATA / "debunk_inline_en.txt")
    count = len(doc.layer("debunk"))
    pipeline(doc)
    assert len(doc.layer("debunk")) == count == 6


def test_eval_command_reports_the_documented_figures():
    result = CliRunner().invoke(app, ["eval", "debunks", "--gold", str(DATA / "debunk_gold.json"), "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["written"]["precision"] == figures["written"]["recall"] == 1.0
    # docs/debunks.md: held-out texts written after version 1 was frozen (0.8 / 0.75 then: version 2 reads the
    # ordinal labels two of its items had), and texts written before version 2's changes
    assert figures["heldout"]["precision"] == 1.0
    assert figures["heldout"]["recall"] == pytest.approx(0.9)
    assert figures["heldout"]["attributed_to_exact"] == pytest.approx(13 / 18)
    assert figures["heldout2"]["precision"] == figures["heldout2"]["recall"] == 1.0
    # 4 / 7 until "телеграм-каналы" became an opponent's head (2026-12-07)
    assert figures["heldout2"]["attributed_to_exact"] == pytest.approx(7 / 7)
    # fact checks written before version 6 (F1 0.571, no field exact then): its labels and trailing sources
    assert figures["heldout3"]["precision"] == figures["heldout3"]["recall"] == 1.0
    assert all(figures["heldout3"][f"{name}_exact"] == 1.0 for name in FIELDS)


def test_ordinal_labels_unlabelled_motives_and_counters_written_as_sentences():
    text = ("Три мифа о базе\n\n"
            "Западные издания снова пишут о «российской оккупации».\n\n"
            "Миф первый: российские военные готовятся вмешаться во внутренние дела республики.\n"
            "Зачем это распространяют: чтобы поссорить Душанбе с Москвой.\n"
            "На самом деле: база ни разу не участвовала во внутриполитических событиях.\n\n"
            "Миф второй: присутствие базы угрожает соседям.\n"
            "Правда в том, что ни один сосед не выражал официальных претензий к базе.\n")
    _, items = _items(text)
    assert [(i["claim"], i["motive"], i["counter"]) for i in items] == [
        ("российские военные готовятся вмешаться во внутренние дела республики.",
         "чтобы поссорить Душанбе с Москвой.", "база ни разу не участвовала во внутриполитических событиях."),
        ("присутствие базы угрожает соседям.", None, "ни один сосед не выражал официальных претензий к базе.")]
    _, items = _items("Myths\n\n**Myth No. 2: The dam will collapse.**\nWhy they repeat it: fear sells.\n"
                      "The facts: the design passed an independent review.\n")
    assert [(i["claim"], i["motive"], i["counter"]) for i in items] == [
        ("The dam will collapse.", "fear sells.", "the design passed an independent review.")]


def test_a_byline_and_a_date_line_above_the_text_leave_the_headline_s_opponent_in_reach(pipeline):
    from faultlines.ingest.files import text_document

    text = ("Three Myths About the Rogun Dam, and Why Western Media Keep Repeating Them\nBy Farrukh Nazarov\n"
            "2 December 2026\n\nEvery few months a newspaper in London discovers the Rogun dam and runs the same story.\n\n"
            "Myth 1: Rogun will leave Uzbekistan without water.\nFact: Tashkent dropped its objections in 2017.\n")
    doc = next(pipeline.pipe([text_document(text, doc_id="r", source="r.txt", source_kind="file")]))
    assert doc.title.startswith("Three Myths")  # the byline and date lines are paragraphs of their own now
    assert [a.attrs["attributed_to"] for a in doc.layer("debunk")] == ["Western Media"]  # not "London"


def test_a_sentence_telling_more_of_the_opponents_claim_is_not_the_counter():
    doc, items = _items("For three years now, Western think tanks have repeated the false narrative that China is secretly "
                        "building a military base in Gorno-Badakhshan. The latest version, published by a Washington "
                        "institute last week, claims that hundreds of Chinese soldiers patrol the Wakhan corridor.\n\n"
                        "In reality, the facility near Murghob is a border post of the Tajik border service.")
    assert items == [{"attributed_to": "Western think tanks",
                      "claim": "China is secretly building a military base in Gorno-Badakhshan", "motive": None,
                      "counter": "the facility near Murghob is a border post of the Tajik border service."}]


def test_where_the_opponents_have_it_from_is_not_the_counter_and_the_aim_of_such_stories_is_their_motive():
    doc, items = _items("Несколько западных изданий на этой неделе распространили фейк о том, что Китай разместил в "
                        "Горно-Бадахшанской области два батальона Народно-освободительной армии. Авторы ссылаются на "
                        "«спутниковые снимки» и анонимный телеграм-канал.\n\nНа самом деле на снимках видны строения "
                        "совместного пункта пограничного контроля. Цель подобных вбросов очевидна: поссорить Таджикистан "
                        "с его крупнейшим кредитором.")
    assert items == [{"attributed_to": "западные издания",
                      "claim": "Китай разместил в Горно-Бадахшанской области два батальона Народно-освободительной армии",
                      "motive": "поссорить Таджикистан с его крупнейшим кредитором",
                      "counter": "на снимках видны строения совместного пункта пограничного контроля."}]


@pytest.mark.parametrize("text, opponent", [
    ("Pro-government bloggers insist that the protesters in Nukus were paid by foreign NGOs. This is false. The protests "
     "began after the constitutional amendments were published.", "pro-government bloggers"),
    ("Провластные блогеры утверждают, что протестующих в Нукусе оплатили иностранные НКО. Это ложь.", "провластные блогеры"),
    ("Contrary to claims by Russian state television, the CSTO did not send troops to Batken in 2022.",
     "Russian state television"),  # "claims by X" without "the"
])
def test_pro_government_voices_and_state_television_are_opponents(text, opponent):
    doc, items = _items(text)
    assert [i["attributed_to"] for i in items] == [opponent]


def test_a_fact_check_s_verdict_finding_motive_and_the_source_named_after_its_claim():
    _, (item,) = _items("Fact check: a Kyrgyz base\n\nClaim: Russia has left the Kant air base, a post shared on "
                        "Facebook says.\nRating: False.\nWhat we found: The Defence Ministry said the base continues "
                        "to operate.\nWhy it spread: The post appeared on accounts that share pro-Kremlin content.")
    assert item["attributed_to"] == "a post shared on Facebook"
    assert item["claim"] == "Russia has left the Kant air base"
    assert item["counter"].startswith("False.\nWhat we found: The Defence Ministry said")
    assert item["motive"] == "The post appeared on accounts that share pro-Kremlin content."


def test_a_russian_mol_tells_what_the_opponents_say_and_a_motive_may_open_the_next_paragraph():
    _, (item,) = _items("Западные СМИ снова пугают Казахстан: мол, Москва готовится «защищать русскоязычных» на севере "
                        "республики. Однако на самом деле Россия ни разу не поставила под сомнение целостность "
                        "Казахстана.\n\nЗачем это нужно Западу, понятно: поссорить двух союзников.")
    assert item["attributed_to"] == "западные СМИ"
    assert item["claim"] == "Москва готовится «защищать русскоязычных» на севере республики"
    assert item["counter"].startswith("Россия ни разу")
    assert item["motive"] == "поссорить двух союзников"


@pytest.mark.parametrize("text, claim", [
    ("Some say only Russia can guarantee Kyrgyzstan's security. That is a myth. Our army defended Batken on its own.",
     "only Russia can guarantee Kyrgyzstan's security"),
    ("Q: Some say only Russia can guarantee Kyrgyzstan's security.\n\nA: That is a myth. Our army defended Batken.",
     "only Russia can guarantee Kyrgyzstan's security"),
    ("Вопрос: Говорят, что только Россия может гарантировать безопасность Киргизии.\n\nОтвет: Это миф. Наша армия "
     "сама отстояла Баткен.", "только Россия может гарантировать безопасность Киргизии"),
])
def test_what_some_say_and_an_answer_calls_a_myth(text, claim):
    _, (item,) = _items(text)
    assert item["claim"] == claim and item["counter"].split(".")[0] in ("That is a myth", "Это миф")


def test_what_they_told_in_an_aside_and_the_answer_to_why_are_the_claim_and_the_motive():
    _, (item,) = _items(
        "Western media love a simple story. In January 2022, they told their readers, Russia used the CSTO to "
        "\"occupy\" Kazakhstan and crush a popular uprising.\n\n"
        "In reality, the CSTO contingent guarded airports for less than two weeks and left on January 19. Not a single "
        "CSTO soldier took part in the clashes.\n\n"
        "Why do they keep repeating the occupation story? Because it serves a purpose: to frighten Central Asian "
        "governments away from Moscow.")
    assert (item["attributed_to"], item["claim"], item["motive"]) == (
        "Western media", "Russia used the CSTO to \"occupy\" Kazakhstan and crush a popular uprising",
        "to frighten Central Asian governments away from Moscow")
    assert item["counter"].startswith("the CSTO contingent guarded airports")


def test_a_closing_motive_for_all_the_myths():
    _, items = _items("Five myths about the CSTO's January 2022 mission\n\nMyth 1: The CSTO invaded Kazakhstan.\n"
                      "Reality: President Tokayev formally requested the deployment.\n\nMyth 2: Russian troops fired on "
                      "protesters in Almaty.\nReality: No evidence has emerged that CSTO troops took part in any "
                      "shooting.\n\nWhy the myths persist: Western outlets needed a story of Russian aggression.")
    assert [item["motive"] for item in items] == ["Western outlets needed a story of Russian aggression."] * 2


def test_a_why_question_after_a_myth_list_gives_every_item_its_motive():
    _, items = _items("Myth: China is buying up Kyrgyz land.\nFact: Kyrgyz law bans the sale of agricultural land to "
                      "foreigners.\n\nMyth: Kyrgyzstan's debt to China is a debt trap.\nFact: No asset has ever been "
                      "seized.\n\nWhy do these stories spread? Because they serve Moscow's interest in keeping Central "
                      "Asia away from Beijing.")
    assert [item["motive"] for item in items] == [
        "they serve Moscow's interest in keeping Central Asia away from Beijing"] * 2
    _, items = _items("Фейк 1: Россия готовит ввод войск в Таджикистан.\nПравда: речь идет о нескольких инструкторах.\n\n"
                      "Фейк 2: Российская база — это оккупация.\nПравда: база находится в республике на основании "
                      "соглашения.\n\nЗачем это распространяют? Западным фондам нужно поссорить Душанбе с Москвой.")
    assert [item["motive"] for item in items] == ["Западным фондам нужно поссорить Душанбе с Москвой"] * 2


def test_a_counter_opening_a_sentence_of_the_myth_s_own_paragraph():
    _, items = _items("Западные СМИ уже сочинили свою версию событий.\n\nМиф первый: протест был мирным до конца. На самом "
                      "деле уже в пятницу толпа ворвалась в здание парламента.\n\nМиф второй: полиция стреляла по "
                      "безоружным. На самом деле МВД опровергло применение боевого оружия.")
    assert [(item["claim"], item["counter"]) for item in items] == [
        ("протест был мирным до конца.", "уже в пятницу толпа ворвалась в здание парламента."),
        ("полиция стреляла по безоружным.", "МВД опровергло применение боевого оружия.")]
    _, items = _items("Myth 1: The protest stayed peaceful. In fact, rioters stormed the parliament on Friday.\n\n"
                      "Myth 2: Police fired on unarmed people. In reality, no live rounds were used.")
    assert [item["counter"] for item in items] == ["rioters stormed the parliament on Friday.", "no live rounds were used."]
