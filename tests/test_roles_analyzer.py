"""The ``roles`` analyzer in a real pipeline: output shape, record fields, and roles on clearly cast texts."""
from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.model import Document
from faultlines.narratives.roles import FINE_ROLES, MAIN_ROLES, entity_roles
from faultlines.output import document_record
from faultlines.pipeline import Pipeline, check_pipeline
from faultlines.settings import Settings

SHELLING = (
    "Russian forces shell Kharkiv again\n\n"
    "Russian forces shelled residential blocks in Kharkiv on Tuesday night, killing twelve civilians. "
    "Kharkiv has been hit almost every day since the spring, and its residents have nowhere to hide.\n\n"
    "President Volodymyr Zelensky thanked the rescuers and promised to defend every city. "
    "Zelensky asked allies for more air defence to protect civilians.\n"
)
DONETSK = (
    "Киев снова обстрелял Донецк\n\n"
    "ВСУ нанесли ракетный удар по жилым кварталам Донецка, погибли мирные жители, в том числе дети. "
    "Украинские боевики продолжают террор против мирного населения.\n\n"
    "Жители Донецка провели ночь в подвалах.\n"
)
ANALYZERS = ("language", "segment", "nlp", "encode", "roles")
DEMO = Path(__file__).resolve().parents[1] / "faultlines" / "demo" / "articles"


@pytest.fixture(scope="module")
def analyzed():
    docs = [Document(id="kharkiv", text=SHELLING, title=SHELLING.split("\n")[0]),
            Document(id="donetsk", text=DONETSK, title=DONETSK.split("\n")[0])]
    return list(Pipeline(ANALYZERS, Settings()).pipe(docs))


def roles_of(doc, text):
    found = [a for a in doc.layer("entity") if doc.text[a.start : a.end] == text]
    assert found, f"{text!r} not among {[doc.text[a.start:a.end] for a in doc.layer('entity')]}"
    return found


def test_roles_needs_ner_and_the_encoding():
    assert check_pipeline(ANALYZERS)["roles"] == "20"
    with pytest.raises(Exception, match="requires"):
        check_pipeline(("language", "segment", "nlp", "roles"))


def test_every_mention_has_a_main_role_its_own_fine_roles_and_an_entity(analyzed):
    for doc in analyzed:
        layer = doc.layer("entity")
        assert layer, doc.id
        for a in layer:
            assert a.label in ("PER", "ORG", "GPE", "NORP", "LOC")
            assert a.attrs["role"] in MAIN_ROLES and a.attrs["entity_role"] in MAIN_ROLES
            assert a.attrs["fine_roles"] and set(a.attrs["fine_roles"]) <= set(FINE_ROLES[a.attrs["role"]])
            assert set(a.attrs["entity_fine_roles"]) <= set(FINE_ROLES[a.attrs["entity_role"]])
            assert a.attrs["entity_id"].startswith("e") and a.attrs["canonical"]
            assert 0.0 < a.score <= 1.0 and a.analyzer == "roles"
            assert doc.text[a.start : a.end].strip() == doc.text[a.start : a.end]
        # one aggregated role per entity, shared by all its mentions
        by_entity = {}
        for a in layer:
            by_entity.setdefault(a.attrs["entity_id"], set()).add(a.attrs["entity_role"])
        assert all(len(v) == 1 for v in by_entity.values())


def test_record_lists_entities_with_the_interface_fields(analyzed):
    record = document_record(analyzed[0])
    item = next(e for e in record["entities"] if e["text"] == "Zelensky")
    assert {"text", "start", "end", "type", "role", "fine_roles", "score", "entity_id", "canonical"} <= set(item)
    assert item["type"] == "PER" and item["canonical"] == "Volodymyr Zelensky"


def test_clearly_cast_aggressor_victim_and_defender(analyzed):
    kharkiv, donetsk = analyzed
    assert {a.attrs["role"] for a in roles_of(kharkiv, "Russian forces")} == {"Antagonist"}
    assert roles_of(kharkiv, "Kharkiv")[-1].attrs["entity_role"] == "Innocent"
    assert roles_of(kharkiv, "Zelensky")[0].attrs["entity_role"] == "Protagonist"
    assert roles_of(donetsk, "ВСУ")[0].attrs["role"] == "Antagonist"
    assert "Terrorist" in roles_of(donetsk, "ВСУ")[0].attrs["fine_roles"]
    assert roles_of(donetsk, "Донецка")[0].attrs["entity_role"] == "Innocent"


def test_entity_aggregates_merge_mentions(analyzed):
    aggregates = {e["canonical"]: e for e in entity_roles(analyzed[0])}
    zelensky = aggregates["Volodymyr Zelensky"]
    assert zelensky["mentions"] == 2 and zelensky["texts"] == ["Volodymyr Zelensky", "Zelensky"]
    assert zelensky["role"] == "Protagonist" and zelensky["fine_roles"]
    assert set(zelensky["fine_roles"]) <= set(FINE_ROLES["Protagonist"])
    assert sum(zelensky["mention_roles"].values()) == 2


def test_other_languages_get_no_entities():
    doc = Document(id="de", text="Berlin und Paris verhandeln\n\nDie Regierung in Berlin sprach mit Paris.\n", language="de")
    (doc,) = Pipeline(ANALYZERS, Settings()).pipe([doc])
    assert doc.layer("entity") == []


ATTACK = (
    "Three dead in Khatlon\n\n"
    "On November 26, gunmen from Afghanistan attacked a camp of Chinese employees of the construction company "
    "Shohin SM in Shamsiddin Shohin district of Khatlon province, killing three Chinese citizens.\n\n"
    "The company Shohin SM said its workers had been guarding the site for weeks.\n"
)


def test_victims_of_an_attack_on_civilians_are_innocent_when_events_ran():
    """The events layer says who did what to whom; the roles take it over the model's reading of stance."""
    doc = Document(id="attack", text=ATTACK, title=ATTACK.split("\n")[0], published="2025-12-10")
    (with_events,) = Pipeline(("language", "segment", "nlp", "encode", "events", "roles"), Settings()).pipe([doc])
    (event,) = [e for e in with_events.layer("event") if e.label == "Violence against civilians"]
    assert "Shohin SM" in event.attrs["actor2"]
    in_event = [a for a in roles_of(with_events, "Shohin SM") if a.start < event.end]
    assert [(a.attrs["role"], a.attrs["fine_roles"]) for a in in_event] == [("Innocent", ["Victim"])]
    # without the events layer the model alone decides (the rule only reads what an earlier analyzer found)
    plain = Document(id="attack-plain", text=ATTACK, title=ATTACK.split("\n")[0], published="2025-12-10")
    (alone,) = Pipeline(ANALYZERS, Settings()).pipe([plain])
    assert alone.layer("event") == []
    assert {a.attrs["role"] for a in roles_of(alone, "Shohin SM")} <= set(MAIN_ROLES)


def test_state_forces_an_armed_group_killed_are_victims_and_the_group_antagonist():
    text = ("Tajik troops and Taliban exchange fire on border\n\nDUSHANBE, Dec 6 (Reuters) - Taliban fighters fired "
            "mortars at a Tajik border post in the Khatlon region on Saturday, killing two Tajik soldiers and wounding "
            "four, Tajikistan's border service said.")
    doc = Document(id="mortars", text=text, title=text.split("\n")[0], published="2026-12-06")
    (done,) = Pipeline(("language", "segment", "nlp", "encode", "claims", "events", "roles"), Settings()).pipe([doc])
    (event,) = [e for e in done.layer("event") if e.label]
    assert (event.attrs["inter1"], event.attrs["inter2"]) == (2, 1)
    cast = {done.text[a.start:a.end]: (a.attrs["role"], a.attrs["fine_roles"]) for a in done.layer("entity")
            if a.start < event.end}
    assert cast["Tajik troops"] == ("Innocent", ["Victim"]) and cast["Taliban"][0] == "Antagonist"


def test_a_batch_gives_each_document_the_roles_it_gets_alone(analyzed):
    """The heads run once over the mentions of a whole batch; entities stay per document even when two
    documents of the batch share an id (their mentions must not be smoothed together)."""
    alone = {}
    for doc in analyzed:
        (again,) = Pipeline(ANALYZERS, Settings()).pipe([Document(id=doc.id, text=doc.text, title=doc.title)])
        alone[doc.id] = [(a.start, a.end, a.label, a.attrs, round(a.score, 5)) for a in again.layer("entity")]
    same_id = [Document(id="one-id", text=SHELLING, title=SHELLING.split("\n")[0]),
               Document(id="one-id", text=DONETSK, title=DONETSK.split("\n")[0])]
    batch = list(Pipeline(ANALYZERS, Settings()).pipe(same_id))
    for doc, original in zip(batch, analyzed):
        assert [(a.start, a.end, a.label, a.attrs, round(a.score, 5)) for a in doc.layer("entity")] == alone[original.id]


def test_prediction_reads_the_features_training_reads(analyzed):
    """Prediction multiplies the encoder, sparse and word-vector blocks apart; the probabilities must equal those of
    the one stacked matrix training fits (before smoothing over each entity's mentions)."""
    import numpy as np

    from faultlines.narratives.entities import document_entities
    from faultlines.narratives.roles import _softmax, contexts_for, shipped_model

    model = shipped_model()
    contexts = []
    for doc in analyzed:
        mentions, entities = document_entities(doc)
        contexts += contexts_for(doc, [m for m in mentions if m.salient], entities)
    assert len({c.lang for c in contexts}) == 2
    stacked = model.features(contexts)
    assert stacked.shape[1] == model.main_coef.shape[1]
    expected = _softmax(np.asarray(stacked @ model.main_coef.T) + model.main_intercept)
    unsmoothed = type(model)(model.vocabulary, model.projection, model.center, model.main_coef, model.main_intercept,
                             model.fine_coef, model.fine_intercept, dict(model.config, entity_share=0.0))
    main, _ = unsmoothed.probabilities(contexts)
    np.testing.assert_allclose(main, expected, atol=1e-5)


UNGRATEFUL = ("Short memories in Bishkek\n\n"
              "Kyrgyzstan has forgotten who protected it. Russia wrote off its debts, kept the Kant air base open and "
              "gave work to a million Kyrgyz migrants, and now Bishkek flirts with Washington and Beijing and votes "
              "against Moscow at the United Nations.\n\n"
              "Ungrateful allies always come back when the shooting starts. Kyrgyzstan will too.\n")


def test_the_regional_narrative_an_article_pushes_casts_its_entities():
    """The model read Russia as Antagonist here (it learned the stance of the English SemEval articles); the
    article pushes "ungrateful allies", whose cast makes Russia the protector and the ally the traitor."""
    def entities(analyzers):
        doc = Document(id="ungrateful", text=UNGRATEFUL, title=UNGRATEFUL.split("\n")[0])
        (doc,) = Pipeline(analyzers, Settings()).pipe([doc])
        return doc, {e["canonical"]: (e["role"], e["fine_roles"]) for e in entity_roles(doc)}

    doc, cast = entities(("language", "segment", "nlp", "encode", "narratives", "roles"))
    (pushed,) = [a for a in doc.layer("narrative") if a.label == "CA: Ungrateful and disloyal allies"]
    assert ["most:central_asia"] in [who for who, _, _ in pushed.attrs["cast"]]
    assert cast["Russia"] == ("Protagonist", ["Guardian"]) and cast["Kyrgyzstan"] == ("Antagonist", ["Traitor"])
    # every mention of a cast entity takes the cast, "Moscow" and "Bishkek" included
    assert {(a.attrs["canonical"], a.attrs["role"]) for a in doc.layer("entity")
            if a.attrs["canonical"] in ("Russia", "Kyrgyzstan")} == {("Russia", "Protagonist"), ("Kyrgyzstan", "Antagonist")}
    _, alone = entities(ANALYZERS)  # without the narratives layer the model decides
    assert alone["Russia"] != ("Protagonist", ["Guardian"])


def test_the_byline_s_author_is_no_entity_of_the_article():
    from faultlines.ingest.files import text_document
    doc = text_document("Moscow alone helps\n\nBy Rustam Nazarov\n\nThe Taliban are digging a canal that will drain "
                        "the Amu Darya. Rustam Nazarov is not alone in warning about it.\n", doc_id="by",
                        source="by.txt", source_kind="file")
    (doc,) = Pipeline(ANALYZERS, Settings()).pipe([doc])
    start, end = doc.meta["byline"]
    names = [(a.start, doc.text[a.start:a.end]) for a in doc.layer("entity")]
    assert not any(start <= s < end for s, _ in names)  # the byline's name is never a mention
    assert "Rustam Nazarov" in [text for _, text in names]  # the same name in the text still is


REBUTTAL = ("Three myths about the Kambarata dam that Radio Azattyk keeps repeating\n\n"
            "Myth 1: Kambarata will leave Uzbekistan without water.\n"
            "Why they say it: fear sells, and a water war makes a better headline than a power plant.\n"
            "Fact: Tashkent signed the agreement on the dam in 2023 and pays a third of its cost.\n\n"
            "Myth 2: Moscow is building the dam to keep Kyrgyzstan dependent.\n"
            "Why they say it: to paint every project in the region as a Kremlin plot.\n"
            "Fact: the money comes from the Kyrgyz budget and Gulf development funds.\n")


def test_the_opponent_a_rebuttal_list_answers_is_cast_as_the_deceiver():
    def entities(analyzers):
        (doc,) = Pipeline(analyzers, Settings()).pipe([Document(id="myths", text=REBUTTAL)])
        return doc, {e["canonical"]: (e["role"], e["fine_roles"], e["texts"]) for e in entity_roles(doc)}

    doc, cast = entities(("language", "segment", "nlp", "encode", "claims", "debunks", "roles"))
    (opponent,) = {a.attrs["attributed_to"] for a in doc.layer("debunk")}
    assert opponent == "Radio Azattyk"
    assert [(role, fines) for role, fines, texts in cast.values() if "Radio Azattyk" in texts] == \
        [("Antagonist", ["Deceiver"])]
    _, alone = entities(ANALYZERS)  # without the debunks layer, the outlet is the model's to cast
    assert [fines for role, fines, texts in alone.values() if "Radio Azattyk" in texts] != [["Deceiver"]]


def test_whom_a_debunked_claim_casts_as_the_villain_is_falsely_accused():
    text = (DEMO / "csto-kazakhstan-2022-myths-debunked.md").read_text(encoding="utf-8")
    analyzers = ("language", "segment", "nlp", "encode", "claims", "debunks", "roles")
    (doc,) = Pipeline(analyzers, Settings()).pipe([Document(id="csto", text=text)])
    lies = [a.attrs["claim_span"] for a in doc.layer("debunk")]
    accused = [a for a in doc.layer("entity") if any(s <= a.start and a.end <= e for s, e in lies)]
    # "Lie: Russia used the Collective Security Treaty Organization as a cover to invade Kazakhstan."
    assert {doc.text[a.start:a.end] for a in accused} >= {"Russia", "Russian soldiers"}
    assert {(a.attrs["role"], tuple(a.attrs["fine_roles"])) for a in accused
            if doc.text[a.start:a.end] in ("Russia", "Russian soldiers")} == {("Innocent", ("Scapegoat",))}


def test_the_company_whose_camp_was_attacked_is_a_victim():
    text = ("On November 16, attackers fired on a camp of the Zhongtai road company in the Hamadoni district of Khatlon "
            "province, killing two engineers and wounding three.")
    (doc,) = Pipeline(("language", "segment", "nlp", "encode", "claims", "events", "roles"), Settings()).pipe(
        [Document(id="c", text=text, published="2026-12-06")])
    assert [(a.attrs["role"], a.attrs["fine_roles"]) for a in doc.layer("entity") if doc.text[a.start:a.end] == "Zhongtai"] \
        == [("Innocent", ["Victim"])]


def test_an_outlet_or_a_un_mission_is_never_a_terrorist():
    text = ("Bus attack in Badakhshan\n\nA bomb killed 11 passengers on a bus in Badakhshan on Saturday. The United "
            "Nations Assistance Mission in Afghanistan (UNAMA) condemned the attack. The Taliban blamed Islamic State. "
            "AFP could not verify the claim, and Reuters reported that the group had not claimed it.")
    (doc,) = Pipeline(ANALYZERS, Settings()).pipe([Document(id="watch", text=text, title=text.split("\n")[0])])
    watchers = [a for a in doc.layer("entity") if any(w in doc.text[a.start:a.end] for w in ("United Nations", "AFP",
                                                                                                "Reuters"))]
    assert watchers and not any({"Terrorist", "Tyrant", "Saboteur", "Spy", "Traitor"} & set(a.attrs["fine_roles"])
                                for a in watchers)


def test_a_group_the_text_calls_banned_is_the_antagonist_and_an_abbreviation_joins_the_name_it_spells():
    text = ("Задержаны члены «Хизб ут-Тахрир»\n\n"
            "Сотрудники Государственного комитета национальной безопасности задержали в Джалал-Абадской области 14 членов "
            "запрещенной религиозно-экстремистской организации «Хизб ут-Тахрир». Об этом сообщили в пресс-центре ГКНБ. "
            "Задержанных доставили в ИВС, при обысках изъяты средства ПВО и детали вертолёта Ми-24.")
    (doc,) = Pipeline(ANALYZERS, Settings()).pipe([Document(id="hut", text=text, language="ru", published="2026-12-05")])
    by_text = {doc.text[a.start:a.end]: a.attrs for a in doc.layer("entity")}
    designated = [a for a in doc.layer("entity") if doc.text[a.start:a.end] == "Хизб ут-Тахрир"
                  and doc.text[a.start - 45:a.start].endswith("организации «")]
    assert [(a.attrs["role"], a.attrs["fine_roles"]) for a in designated] == [("Antagonist", ["Terrorist"])]
    # (the abbreviation the text never spells out in parentheses is the committee its initials spell)
    assert by_text["ГКНБ"]["entity_id"] == by_text["Государственного комитета национальной безопасности"]["entity_id"]
    assert not {"ИВС", "ПВО", "Ми-24"} & set(by_text)  # a holding cell, air defence, a helicopter model: no one


def test_in_a_news_report_outlets_play_no_part_and_watchdogs_are_no_villains():
    import faultlines

    doc = faultlines.analyze(
        "Shelling kills seven at Horlivka market\n\nHORLIVKA, Dec 5 (AP) - Shelling killed seven people at a market in "
        "Horlivka on Friday, Russian-installed officials said. Ukraine's military denied firing at the town.\n\n"
        "Russian Foreign Ministry spokeswoman Maria Zakharova said Moscow would raise the attack at the United Nations "
        "Security Council next week. Ukraine's human rights commissioner Dmytro Lubinets urged the International "
        "Committee of the Red Cross to send observers. The AP could not verify either account.\n", published="2026-12-05")
    assert doc.best_label("genre") == "reporting"
    roles = {a.attrs["canonical"]: a.attrs["entity_role"] for a in doc.layer("entity")}
    assert "Associated Press" not in roles, roles  # the wire that tells the story
    # (the model alone cast both Antagonist)
    assert roles["United Nations Security Council"] != "Antagonist"
    assert roles["International Committee of the Red Cross"] != "Antagonist"
