"""Entity mentions of the roles analyzer: salience and in-document merging, English and Russian."""
from __future__ import annotations

import pytest

from faultlines.ingest.files import text_document
from faultlines.model import Document
from faultlines.narratives.entities import aliases, document_entities, mention_key
from faultlines.narratives.roles_corpus import RolesDataError, locate, read_lines
from faultlines.pipeline import Pipeline
from faultlines.settings import Settings

ENGLISH = (
    "Dushanbe denies Russian troop report\n\n"
    "DUSHANBE, Nov 26 (Reuters) - Tajik authorities said on Tuesday that no new Russian troops had arrived. "
    "Tajikistan signed a new border agreement with Russia last year. The republic will host more troops.\n\n"
    "Volodymyr Zelensky met officials in Kharkiv. Zelensky's aides accused the Kremlin of lying, "
    "and Moscow rejected the claim.\n"
)
RUSSIAN = (
    "Москва и Душанбе договорились\n\n"
    "МИД России заявил, что Вашингтон угрожает Таджикистану. США не раз вмешивались в дела региона. "
    "Российские войска останутся в Таджикистане.\n\n"
    "Владимир Зеленский обвинил Россию. Зеленского поддержали в Вашингтоне.\n"
)


@pytest.fixture(scope="module")
def parsed():
    docs = [Document(id="en", text=ENGLISH, title=ENGLISH.split("\n")[0]),
            Document(id="ru", text=RUSSIAN, title=RUSSIAN.split("\n")[0])]
    english, russian = Pipeline(("language", "segment", "nlp"), Settings()).pipe(docs)
    assert english.language == "en" and russian.language == "ru"
    return english, russian


def entity_of(doc, mentions, entities, text):
    found = [m for m in mentions if doc.text[m.start : m.end] == text]
    assert found, f"no mention {text!r} in {[doc.text[m.start:m.end] for m in mentions]}"
    return entities[found[0].entity]


def test_english_surname_capital_and_demonym_merge(parsed):
    doc = parsed[0]
    mentions, entities = document_entities(doc)
    zelensky = entity_of(doc, mentions, entities, "Volodymyr Zelensky")
    assert entity_of(doc, mentions, entities, "Zelensky") is zelensky
    assert zelensky.canonical == "Volodymyr Zelensky" and zelensky.type == "PER"
    tajikistan = entity_of(doc, mentions, entities, "Tajikistan")
    assert entity_of(doc, mentions, entities, "Dushanbe") is tajikistan
    assert entity_of(doc, mentions, entities, "Tajik authorities") is tajikistan
    assert tajikistan.canonical == "Tajikistan" and tajikistan.type == "GPE"
    russia = entity_of(doc, mentions, entities, "Russia")
    assert entity_of(doc, mentions, entities, "Kremlin") is russia
    assert entity_of(doc, mentions, entities, "Moscow") is russia
    assert russia is not tajikistan and zelensky is not russia


def test_definite_description_resolves_to_the_one_state_before_it(parsed):
    doc = parsed[0]
    mentions, entities = document_entities(doc)
    described = [m for m in mentions if m.kind == "description"]
    assert [doc.text[m.start : m.end] for m in described] == ["The republic"]
    # "Tajikistan" is the sentence's subject; "Russia" sits in a prepositional phrase
    assert entities[described[0].entity].canonical == "Tajikistan"


def test_dateline_and_mere_places_are_not_salient(parsed):
    doc = parsed[0]
    mentions, entities = document_entities(doc)
    # the wire agency in the dateline is a source, not an actor
    dateline = [m for m in mentions if doc.text[m.start : m.end] == "Reuters"]
    assert dateline and not dateline[0].salient
    # a demonym modifying a noun in the title ("Russian troop report") is a description, not an actor
    assert not [m for m in mentions if doc.text[m.start : m.end] == "Russian" and m.salient]
    # a city only named as the place of a meeting is a setting, not an actor
    kharkiv = entity_of(doc, mentions, entities, "Kharkiv")
    assert not any(mentions[i].salient for i in kharkiv.mentions)
    assert entity_of(doc, mentions, entities, "Zelensky").canonical == "Volodymyr Zelensky"
    assert all(m.salient for m in mentions if doc.text[m.start : m.end] in ("Zelensky", "Kremlin", "Tajik authorities"))


def test_russian_inflections_capitals_and_demonym_phrases_merge(parsed):
    doc = parsed[1]
    mentions, entities = document_entities(doc)
    russia = entity_of(doc, mentions, entities, "России")
    assert entity_of(doc, mentions, entities, "Россию") is russia
    assert entity_of(doc, mentions, entities, "Москва") is russia
    assert russia.canonical == "Russia"
    usa = entity_of(doc, mentions, entities, "США")
    assert entity_of(doc, mentions, entities, "Вашингтон") is usa
    assert entity_of(doc, mentions, entities, "Вашингтоне") is usa
    assert usa.canonical == "United States"
    tajikistan = entity_of(doc, mentions, entities, "Таджикистану")
    assert entity_of(doc, mentions, entities, "Душанбе") is tajikistan
    zelensky = entity_of(doc, mentions, entities, "Владимир Зеленский")
    assert entity_of(doc, mentions, entities, "Зеленского") is zelensky
    troops = entity_of(doc, mentions, entities, "Российские войска")
    assert troops.canonical == "Russian Armed Forces" and troops is not russia


def test_the_nlp_pass_gives_russian_tokens_their_lemmas(parsed):
    lemmas = {t.text: t.lemma for t in parsed[1].work["natasha"].tokens}
    assert lemmas["Таджикистану"] == "таджикистан" and lemmas["войска"] == "войско"
    assert lemmas["МИД"] == "мид" and lemmas["Зеленского"] == "зеленский"


def test_unknown_people_merge_by_surname_and_keys_are_lemmas():
    assert mention_key("России", "ru") == mention_key("Россия", "ru") == "россия"
    assert mention_key("the Kremlin's", "en") == "kremlin"
    assert aliases().lookup("President Putin", "en").canonical == "Vladimir Putin"
    text = "Aziz Karimov leads the party\n\nAziz Karimov spoke on Monday. Critics say Karimov misled voters.\n"
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="k", text=text)])
    mentions, entities = document_entities(doc)
    people = {entities[m.entity].id for m in mentions if doc.text[m.start : m.end] in ("Aziz Karimov", "Karimov")}
    assert len(people) == 1


def test_locate_finds_mentions_under_shifted_offsets():
    text = "Заголовок\n\nПервый абзац.\nВторой абзац про Россию и Украину.\n"
    at = text.index("Украину")
    assert locate(text, "Украину", at, at + 6) == (at, at + 7)
    # the Russian subtask-1 files count each newline twice
    shifted = at + text.count("\n", 0, at)
    assert locate(text, "Украину", shifted, shifted + 6) == (at, at + 7)


def test_bad_mention_lines_are_refused_with_their_line_number(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("A.txt\tRussia\t10\t15\nB.txt\tUkraine\tten\t15\n", encoding="utf-8")
    with pytest.raises(RolesDataError, match=r"m.txt:2: start and end must be integers"):
        read_lines(path, labelled=False)
    path.write_text("A.txt\tRussia\t10\n", encoding="utf-8")
    with pytest.raises(RolesDataError, match=r"m.txt:1: expected"):
        read_lines(path, labelled=False)


def test_towns_the_ner_calls_people_or_organisations_are_places():
    from faultlines.demo import DEMO_ARTICLES
    from faultlines.narratives.entities import _is_town_or_region

    assert _is_town_or_region("Kulob") and _is_town_or_region("Пяндже") and _is_town_or_region("Bokhtar")
    assert not _is_town_or_region("Zelensky") and not _is_town_or_region("Shohin SM")
    text = (DEMO_ARTICLES / "russia-201st-base-false-narrative.txt").read_text(encoding="utf-8")
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="201st", text=text)])
    mentions, _ = document_entities(doc)
    towns = [m for m in mentions if m.text in ("Bokhtar", "Kulob")]
    assert towns and all(m.type == "LOC" and not m.salient for m in towns)  # "garrisons in Dushanbe, Bokhtar and Kulob"


def test_a_name_the_text_calls_a_village_is_a_place():
    text = "Attack\n\nGunmen opened fire near the village of Kara-Bulak in Batken region. Жители села Ак-Сай ушли.\n"
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="kb", text=text)])
    mentions, _ = document_entities(doc)
    assert [m.type for m in mentions if m.text == "Kara-Bulak"] == ["LOC"]


def test_an_outlet_that_only_carries_a_claim_is_no_salient_entity():
    english = ("Border report\n\nOfficials told AKIpress that a shepherd was injured. According to Reuters, talks are "
               "under way.\n\nThe BBC lies about Russia every day.")
    russian = ("Просьба Душанбе\n\nКак сообщает «Коммерсантъ», Москва рассмотрит просьбу Душанбе о помощи. "
               "Представитель движения «Талибан» заявил агентству «Бахтар», что граница спокойна.")
    docs = Pipeline(("language", "segment", "nlp", "claims"), Settings()).pipe(
        [Document(id="en", text=english), Document(id="ru", text=russian)])
    salient = {m.text for doc in docs for m in document_entities(doc)[0] if m.salient}
    assert not {"AKIpress", "Reuters", "Коммерсантъ", "Бахтар"} & salient  # «Бахтар»: an outlet the table lacks
    assert {"BBC", "Russia", "Москва"} <= salient  # the outlet the text attacks, the states it names


HEADLINED = (
    "Washington's New Friends in Tashkent Will Learn the Hard Way\n\n"
    "The pattern is as old as the Great Game itself. Russian border guards held the Panj for a decade while "
    "Washington was busy elsewhere. It was the CSTO that sent troops to Almaty in January 2022 when the country "
    "was on the brink of chaos.\n"
)


def test_capitals_of_a_headline_a_facility_and_a_state_before_a_city_make_no_mention():
    doc = Document(id="h", text=HEADLINED, title=HEADLINED.split("\n")[0])
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([doc])
    mentions, entities = document_entities(doc)
    texts = [doc.text[m.start:m.end] for m in mentions]
    # the NER reads "New Friends" as an organisation and "the Great Game" as a facility
    assert {(doc.text[a.start:a.end], a.label) for a in doc.layer("ner")} >= {("New Friends", "ORG"), ("the Great Game", "FAC")}
    assert "New Friends" not in texts and "the Great Game" not in texts
    assert "Washington" in texts and "CSTO" in texts  # names the headline and the text share stay
    # "the country" is Almaty's state, not Washington's of the sentence before: unresolved, so no mention
    assert "the country" not in texts


@pytest.mark.parametrize("text, gone, kept", [
    ("The Taliban's Qosh Tepa canal will drain the Amu Darya and leave farmers without water.", {"Qosh Tepa", "Amu Darya"},
     {"The Taliban"}),
    ("The Taliban's return would turn the Panj into a sieve.", {"Panj"}, {"The Taliban"}),
    ("The Syr Darya announced on Thursday that it will charge transit fees.", set(), {"The Syr Darya"}),  # a satire's river acts
    ("Канал Кош-Тепа обескровит Амударью, а Ташкент молчит.", {"Канал Кош-Тепа обескровит Амударью", "Канал Кош-Тепа"},
     {"Ташкент"}),
    ("Жапаров полетел в Москву просить кредит на строительство Камбаратинской ГЭС.", {"Камбаратинской ГЭС"}, {"Жапаров"}),
    ("Villagers blocked the road to the Ishtamberdy mine after a fight at the Zhanazhol field.",
     {"Ishtamberdy", "Zhanazhol"}, set()),
    ("Таджикские военные открыли огонь после конфликта из-за камер на водозаборе «Головной».", {"Головной"}, set()),
    ("Claim: Russia has left the Kant air base.\nVerdict: False.\nWhat we found: Moscow denied it.", {"Verdict"},
     {"Russia", "Moscow"}),
])
def test_facilities_and_rivers_are_no_mentions_unless_a_river_acts(text, gone, kept):
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="f", text=text)])
    texts = {m.text for m in document_entities(doc)[0]}
    assert not texts & gone and kept <= texts, texts


def test_a_name_joined_to_a_place_in_the_same_setting_is_a_place():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe(
        [Document(id="k", text="Uzbek police have detained 12 people in Nukus and Khodjeyli for social media posts.")])
    mentions, _ = document_entities(doc)
    assert [(m.type, m.salient) for m in mentions if m.text == "Khodjeyli"] == [("LOC", False)]


def test_a_count_is_no_part_of_a_name_and_a_people_named_before_a_person_is_no_salient_mention():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="c", text=(
        "Eleven Kazakh workers were taken to hospital. A court in Bukhara sentenced Karakalpak journalist Dauletmurat "
        "Tazhimuratov to 16 years in prison."))])
    mentions, _ = document_entities(doc)
    assert not any(m.text.startswith("Eleven") for m in mentions)
    assert [m.text for m in mentions if m.salient] == ["Dauletmurat Tazhimuratov"]


def test_a_russian_adjective_the_ner_calls_a_person_and_the_author_under_the_title_are_no_mentions():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([text_document(
        "Забывчивые друзья из Бишкека\n\nИгорь Малахов\n\nКогда нужно защищать границу, Бишкек вспоминает о Москве.",
        doc_id="a", source="a", source_kind="text")])
    salient = {m.text for m in document_entities(doc)[0] if m.salient}
    assert "Забывчивые" not in salient and "Игорь Малахов" not in salient and "Бишкек" in salient
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([text_document(
        "Бишкек просит у Москвы беспилотники\n\nСергей Волков, 6 декабря 2026 года\n\nРоссия уже не раз помогала "
        "Киргизии.", doc_id="d", source="d", source_kind="text")])
    assert "Сергей Волков" not in {m.text for m in document_entities(doc)[0] if m.salient}  # with the date he wrote


def test_a_common_noun_capitalised_at_a_sentence_start_and_a_newspaper_told_something_are_no_salient_mentions():
    (doc,) = Pipeline(("language", "segment", "nlp", "claims"), Settings()).pipe([Document(id="v", text=(
        "Videos posted on social media showed officers dragging men into buses. \"We asked for work, they gave us "
        "batons,\" one protester, who gave his name only as Yerlan, told the Caspian Herald by phone."))])
    salient = {m.text for m in document_entities(doc)[0] if m.salient}
    assert salient == {"Yerlan"}
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="t", text="Tajiks protested in Dushanbe on Monday.")])
    assert "Tajiks" in {m.text for m in document_entities(doc)[0] if m.salient}  # a people, capitalised for itself


def test_an_agency_credited_in_the_dateline_or_after_the_claim_it_carries_is_no_salient_entity():
    (doc,) = Pipeline(("language", "segment", "nlp", "claims"), Settings()).pipe([Document(id="tass", text=(
        "ДУШАНБЕ, 7 декабря. /ТАСС/. Сотрудники ГКНБ Таджикистана задержали трёх человек. Об этом ТАСС сообщил источник "
        "в силовых структурах республики."))])
    assert "ТАСС" not in {m.text for m in document_entities(doc)[0] if m.salient}


NOTED = ("ТАШКЕНТ, 4 декабря — РИА Новости. Представитель движения «Талибан»* Забихулла Муджахид заявил, что с афганской "
         "стороны никаких обстрелов не велось.\n\n"
         "* Движение находится под санкциями ООН за террористическую деятельность.")


def test_a_legal_note_under_the_story_mentions_no_one_and_says_nothing():
    (doc,) = Pipeline(("language", "segment", "nlp", "claims", "events"), Settings()).pipe([Document(id="n", text=NOTED)])
    (note,) = doc.layer("boilerplate")
    assert doc.text[note.start:note.end].startswith("* Движение")
    assert "ООН" not in {m.text for m in document_entities(doc)[0]}
    assert {m.text for m in document_entities(doc)[0] if m.salient} >= {"Талибан", "Забихулла Муджахид"}
    assert all(c.start < note.start for c in doc.layer("claim")) and all(e.start < note.start for e in doc.layer("event"))


def test_a_landform_is_a_place():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="f", text=(
        "Every summer the canals of the Ferghana Valley run dry, and farmers in Batken square off over a sluice gate."))])
    assert {m.type for m in document_entities(doc)[0] if m.text == "the Ferghana Valley"} == {"LOC"}


def test_an_analysis_byline_and_a_platform_are_no_salient_entities():
    (doc,) = Pipeline(("language", "segment", "nlp", "claims"), Settings()).pipe([text_document(
        "Why Moscow is quietly rearming its Central Asian base\n\nAnalysis by Elena Morozova\n\nAlexander Knyazev, a "
        "Russian expert on the region, argued in a Telegram post that the deliveries were mostly symbolic.",
        doc_id="a", source="a", source_kind="text")])
    salient = {m.text for m in document_entities(doc)[0] if m.salient}
    assert "Alexander Knyazev" in salient and not salient & {"Analysis", "Elena Morozova", "Telegram"}


def test_two_peoples_adjective_is_no_entity():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="k", text=(
        "Since January, at least 46 people have been killed in incidents along the Kyrgyz-Tajik border."))])
    assert "Kyrgyz-Tajik" not in {m.text for m in document_entities(doc)[0]}


def test_a_surname_the_ner_typed_otherwise_a_region_s_abbreviation_and_bodies_of_water():
    (en,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="s", text=(
        "Uzbek Foreign Minister Bakhtiyor Saidov met Taliban officials in Kabul last month. \"We are confident that "
        "the issue can be resolved through dialogue,\" Saidov told reporters. The canal could take a fifth of the Amu "
        "Darya's flow, and dialogue will not refill the Aral Sea. A soldier died near the Imam Nazar crossing."))])
    mentions, entities = document_entities(en)
    saidov = {m.entity for m in mentions if "Saidov" in m.text}
    assert len(saidov) == 1
    assert not {m.text for m in mentions} & {"the Amu Darya's", "Amu Darya", "the Aral Sea", "Aral Sea", "Imam Nazar"}
    (ru,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="r", text=(
        "В Ишкашимском районе ГБАО погиб пограничник. Перестрелка произошла в Ишкашимском районе "
        "Горно-Бадахшанской автономной области."))])
    mentions, entities = document_entities(ru)
    assert {entities[m.entity].canonical for m in mentions if "Бадахшан" in m.text or m.text == "ГБАО"} == {
        "Gorno-Badakhshan"}


def test_a_border_post_named_in_quotes_is_no_entity():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="p", text=(
        "Сотрудники ГКНБ задержали троих подозреваемых в нападении на пограничный пост «Достук»."))])
    assert "Достук" not in {m.text for m in document_entities(doc)[0]}


def test_a_mahalla_named_in_quotes_is_a_place():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="m", text=(
        "В субботу около 200 жителей махалли «Бахор» в Андижане перекрыли автодорогу."))])
    assert {m.type for m in document_entities(doc)[0] if m.text == "Бахор"} == {"LOC"}


def test_streets_markets_venues_and_the_state_border_are_no_entities():
    (ru,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="s", text=(
        "Нападение произошло 1 декабря на улице Токтогула. Полиция провела рейд на рынке «Садовод» в Москве. Рейды "
        "участились после теракта в «Крокус Сити Холле» в марте 2024 года."))])
    assert not {m.text for m in document_entities(ru)[0]} & {"Токтогула", "Садовод", "Крокус Сити Холле"}
    (en,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="b", text=(
        "Tajikistan says the attackers came from Afghanistan. The men were found guilty of murder and illegal crossing "
        "of the state border."))])
    assert "the state" not in {m.text for m in document_entities(en)[0]}


def test_the_kind_of_piece_opening_a_line_is_no_entity():
    (en,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="x", text=(
        "Explainer: What is the CSTO and when has it acted?\n\nThe CSTO groups Russia, Belarus and Kazakhstan."))])
    (ru,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="i", text=(
        "«Рогун — это вопрос выживания»\n\nИнтервью с гидрологом Бахтиёром Нуровым\n\n— Узбекистан раньше возражал "
        "против строительства ГЭС. Что изменилось?"))])
    assert "Explainer" not in {m.text for m in document_entities(en)[0]}
    assert "Интервью" not in {m.text for m in document_entities(ru)[0]}


def test_a_platform_with_the_sentence_s_full_stop_is_a_medium():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="x", text=(
        "Taliban spokesman Zabihullah Mujahid rejected the findings. \"These reports are propaganda,\" he said on X."))])
    mentions, _ = document_entities(doc)
    assert not [m for m in mentions if m.text.rstrip(".") == "X" and m.salient]


def test_a_place_whose_police_or_residents_are_named_is_a_setting():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="p", text=(
        "Полиция Мангистауской области задержала трех жителей Жанаозена."))])
    mentions, _ = document_entities(doc)
    assert {m.text for m in mentions} >= {"Мангистауской области", "Жанаозена"}
    assert not [m.text for m in mentions if m.salient]


def test_a_legal_note_s_star_is_no_part_of_the_name():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="s", text=(
        "Сотрудники ГКНБ задержали двух вербовщиков ИГИЛ*, сообщает пресс-центр ведомства. Вербовщики ИГИЛ действовали "
        "через мессенджеры.\n\n*Организация запрещена в Кыргызстане."))])
    mentions, entities = document_entities(doc)
    assert {entities[m.entity].canonical for m in mentions if m.text.startswith("ИГИЛ")} == {"Islamic State"}
    assert not [m for m in mentions if m.text.endswith("*")]


def test_the_taliban_are_a_mention_though_the_russian_ner_tags_no_talibs():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="t", text=(
        "Талибы строят канал Кош-Тепа быстрее, чем кто-либо ожидал. Представители талибов заявили, что канал не "
        "навредит соседям."))])
    mentions, entities = document_entities(doc)
    assert [(m.text, entities[m.entity].canonical) for m in mentions if "алиб" in m.text] == [
        ("Талибы", "Taliban"), ("талибов", "Taliban")]


def test_a_description_starts_at_its_own_determiner():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="d", text=(
        "Tajikistan's Foreign Ministry called the story misinformation and insisted that the country protects its "
        "borders on its own."))])
    assert {m.text for m in document_entities(doc)[0] if m.kind == "description"} == {"the country"}


def test_buildings_media_in_general_and_a_word_of_a_title_are_no_one():
    (ru, en) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([
        Document(id="b", text="Вечером 2 декабря у Дома правительства в Бишкеке собрались около 300 человек. Координация "
                              "шла через Telegram-каналы, а ряд СМИ назвал акцию стихийной. На здании бывшего Дома "
                              "офицеров неизвестные разбили доску. Как сообщили в ГУ МВД, задержаны трое. ФСБ задержала "
                              "подозреваемых в подготовке теракта на Казанском вокзале."),
        Document(id="t", text="Deputy Interior Minister Igor Lepekha told reporters that the Interior Ministry had "
                              "ordered an inquiry.")])
    assert {m.text for m in document_entities(ru)[0]} == {"Бишкеке", "МВД", "ФСБ"}
    assert {m.text for m in document_entities(en)[0]} >= {"Igor Lepekha"}
    assert "Interior" not in {m.text for m in document_entities(en)[0]}


def test_a_time_zone_is_no_one_and_rfe_rl_is_one_name():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="r", text=(
        "The strike hit at 03:00 GMT on Friday. The BBC and RFE/RL rushed to call them journalists."))])
    assert {m.text for m in document_entities(doc)[0]} == {"BBC", "RFE/RL"}


def test_who_wrote_the_piece_and_the_hospital_the_wounded_went_to_are_no_one():
    (en, ru) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([
        text_document("Gunmen kill three Tajik border guards\n\nBy Nazira Saidova\n\nGunmen from Afghanistan attacked a "
                      "Tajik border post, the State Committee for National Security said.\n\n(Reporting by Nazira "
                      "Saidova; Editing by Mark Heinrich)\n", doc_id="w", source="w", source_kind="file"),
        text_document("На границе подорвался пастух\n\nАвтор: Айзада Кутуева\n\nРаненый доставлен в Баткенскую "
                      "областную больницу, сообщил Азамат Турдубаев.\n", doc_id="r", source="r", source_kind="file")])
    english = {m.text for m in document_entities(en)[0] if m.salient}
    assert {"Nazira Saidova", "Mark Heinrich"} & english == set() and "the State Committee for National Security" in english
    assert {m.text for m in document_entities(ru)[0] if m.salient} == {"Азамат Турдубаев"}


def test_an_abbreviation_in_parentheses_joins_the_name_before_it_and_a_name_typed_twice_is_one():
    (doc,) = Pipeline(("language", "segment", "nlp"), Settings()).pipe([Document(id="a", text=(
        "Officers of Kyrgyzstan's State Committee for National Security (GKNB) detained the reporter. The Committee to "
        "Protect Journalists (CPJ) condemned the arrest. The GKNB said he had called for riots, and CPJ called the "
        "charge absurd."))])
    mentions, entities = document_entities(doc)
    by_text = {m.text: entities[m.entity].id for m in mentions}
    assert by_text["GKNB"] == next(v for k, v in by_text.items() if "State Committee for National Security" in k)
    assert by_text["CPJ"] == next(v for k, v in by_text.items() if "Committee to Protect Journalists" in k)


def test_a_member_abbreviated_after_the_body_is_not_the_body():
    from faultlines.narratives.entities import Mention, merge

    text = "Sikorski, then a member of the European Parliament (MEP), said so. The European Parliament voted."
    body = Mention(text.index("the European"), text.index(" (MEP)"), "the European Parliament", "ORG",
                   key="european parliament")
    mep = Mention(text.index("MEP"), text.index("MEP") + 3, "MEP", "ORG", key="mep")
    assert len(merge([body, mep], text)) == 2


def test_a_name_the_ner_typed_a_person_once_and_an_organisation_elsewhere_is_one_entity():
    from faultlines.narratives.entities import Mention, merge

    text = "Temirov Live Plus said so. Reporters of Temirov Live Plus were detained."
    mentions = [Mention(0, 17, "Temirov Live Plus", "PER", key="temirov live plus"),
                Mention(40, 57, "Temirov Live Plus", "ORG", key="temirov live plus")]
    assert len(merge(mentions, text)) == 1
    people = [Mention(0, 12, "Saidov Karim", "PER", key="saidov karim"), Mention(20, 32, "Saidov Karim", "PER",
                                                                              key="saidov karim")]
    assert len(merge(people, text)) == 1
