"""Contradictions inside an article and across an English and a Russian one; check-worthiness order; the demo article end to end."""
from __future__ import annotations

import pytest

import faultlines
from faultlines.claims import find_contradictions

from claims_support import DEMO, claims


@pytest.fixture(scope="module")
def forgetful():
    return faultlines.analyze(DEMO / "tajikistan-forgetful-friends.txt")


@pytest.fixture(scope="module")
def russian_denial():
    return faultlines.analyze(DEMO / "tajik-foreign-ministry-denies-reuters-report-ru.html")


def _claims(doc):
    return [dict(a.attrs, text=doc.text[a.start : a.end]) for a in doc.layer("claim")]


def test_demo_article_end_to_end(forgetful):
    found = _claims(forgetful)
    reuters = next(c for c in found if c["speaker"] == "Reuters")
    assert reuters["text"] == "Tajikistan was holding talks with Russia on military help to secure the border"
    assert reuters["via"] == ["Reuters", "sources in Dushanbe"] and reuters["stance"] == "cite"
    officials = next(c for c in found if c["via"] and c["via"][0] == "RIA Novosti")
    assert officials["stance"] == "confirm" and officials["speaker"].lower() == "officials"
    ministry = next(c for c in found if c["speaker"] == "Tajikistan's Foreign Ministry")
    assert ministry["text"] == "Reuters is spreading misinformation. Nothing of the sort is happening."
    assert (ministry["quote"], ministry["stance"], ministry["via"]) == (True, "deny", None)
    assert ministry["denies"] == reuters["claim_id"]
    assert ministry["about"] == reuters["about"] == "talks with Russia on military help"
    council = next(c for c in found if c["speaker"] == "Security Council")
    assert council["stance"] == "confirm" and council["confirms"] == reuters["claim_id"]
    torbin = next(c for c in found if c["speaker"] == "Gennady Torbin")
    assert torbin["stance"] == "predict"
    assert any(c["kind"] == "author" and "five Chinese nationals" in c["text"] for c in found)


def test_ministry_contradicts_council_and_reuters(forgetful):
    pairs = {(c.a.speaker, c.b.speaker) for c in find_contradictions([forgetful])}
    assert ("Tajikistan's Foreign Ministry", "Reuters") in pairs
    assert ("Tajikistan's Foreign Ministry", "Security Council") in pairs


def test_english_and_russian_reports_of_the_same_proposition_match(forgetful, russian_denial):
    found = find_contradictions([forgetful, russian_denial])
    cross = [c for c in found if c.a.doc_id != c.b.doc_id]
    assert cross, "no cross-lingual contradiction"
    pairs = {(c.a.language, c.a.stance, c.b.language, c.b.speaker) for c in cross}
    # the Russian report of the ministry's denial contradicts the English report by Reuters and the Council
    assert ("ru", "deny", "en", "Reuters") in pairs
    assert ("ru", "deny", "en", "Security Council") in pairs
    # and the English denial contradicts the Russian confirmation by RIA Novosti's sources
    assert any(c.a.language == "en" and c.b.language == "ru" and c.b.stance == "confirm" for c in cross)
    for c in cross:
        assert c.similarity is not None and c.similarity >= 0.8


def test_unrelated_denial_does_not_match():
    from faultlines.model import Document
    from faultlines.pipeline import Pipeline

    pipe = Pipeline(("language", "segment", "nlp", "claims"))
    a = pipe(Document(id="a", language="en", text="The Uzbek prosecutor general's office refuted rumours that the detained bloggers had been tortured."))
    b = pipe(Document(id="b", language="en", text="Reuters reported that Tajikistan was holding talks with Russia on military help to secure the border."))
    assert find_contradictions([a, b]) == []


def test_check_worthiness_orders_facts_above_opinion():
    fact = claims("On November 26, gunmen from Afghanistan attacked a camp in Khatlon province, killing three Chinese citizens.")[0]
    reported = claims("According to the Interior Ministry, 12 people were detained during the protest in Almaty.")[0]
    opinion = claims("An analyst said that the government should be honest with its citizens.")[0]
    assert fact["check_worthiness"] > opinion["check_worthiness"]
    assert reported["check_worthiness"] > opinion["check_worthiness"]
    assert 0.0 <= opinion["check_worthiness"] <= 1.0


@pytest.mark.parametrize("denial, report", [
    # a denial of torture answers no report of arrests, though both name Uzbekistan and detention (e5 cosine 0.83)
    ("Uzbekistan's Foreign Ministry on Tuesday rejected a Human Rights Watch report that accused authorities of "
     "torturing detainees after the 2022 unrest in Karakalpakstan, calling it \"biased and based on unverified sources\".",
     "Uzbek border guards detained four men trying to smuggle 300 kilograms of hashish across the Kyrgyz border near "
     "Andijan on Wednesday, the State Security Service said."),
    # a shared border is no shared proposition (0.88)
    ("Власти Таджикистана опровергли информацию о мобилизации резервистов на границе с Афганистаном.",
     "«Мы едины», — заявил Лавров. По его словам, стороны также обсудили создание общего центра мониторинга на "
     "таджикско-афганской границе."),
    # two states named are no shared proposition (0.81): a request for border help, air-defence deliveries
    ("Агентство Reuters сообщило, что таджикские власти обратились к Москве с просьбой усилить охрану границы. Однако "
     "МИД Таджикистана назвал публикацию Reuters «дезинформацией» и заявил, что никаких просьб не направлялось.",
     "Russia's 201st military base in Tajikistan is getting new air-defence systems, two officials in Dushanbe told "
     "the Asia-Plus news agency last week."),
    # one state and a death are no shared proposition (0.91): a denial that Tajik fire killed anyone near Ak-Sai, the
    # Taliban's killing of smugglers
    ("Two Kyrgyz farmers were shot dead near Ak-Sai on Wednesday, Kyrgyz police said, blaming Tajik border guards for "
     "the killing. Tajikistan's border troops denied that anyone had been killed by Tajik fire.",
     "Taliban say they killed three smugglers on Tajik border"),
    # troops ("forces") are no use of force (0.82)
    ("Taliban spokesman Zabihullah Mujahid denied that Afghan forces had started the shooting.",
     "The ministry said security forces had launched an \"anti-terrorist operation\" after the group attacked a "
     "checkpoint on the road to Rushan on Tuesday night."),
])
def test_a_denial_and_a_report_that_share_a_country_and_a_word_do_not_contradict(denial, report):
    from faultlines.model import Document
    from faultlines.pipeline import Pipeline

    pipe = Pipeline(("language", "segment", "nlp", "claims"))
    a, b = pipe(Document(id="a", text=denial)), pipe(Document(id="b", text=report))
    assert [c for c in find_contradictions([a, b]) if c.a.doc_id != c.b.doc_id] == []


def test_a_denial_of_torture_answers_the_claim_of_torture_not_the_prosecution_it_names():
    found = claims("По данным обвинения, подсудимые участвовали в нападении на здание акимата. Адвокат Жанар Балгабаева "
                   "заявила, что её подзащитного пытали в следственном изоляторе. В департаменте полиции Алматы "
                   "обвинения в пытках назвали «беспочвенными».", "ru")
    by_id = {c["claim_id"]: c for c in found}
    (denial,) = [c for c in found if c["stance"] == "deny" and not c["quote"]]
    assert by_id[denial["denies"]]["speaker"] == "Жанар Балгабаева"
