"""Direct quotes in every style, attributed; bad quote marks stay bounded."""
from __future__ import annotations

import pytest

from faultlines.claims.quotes import MAX_QUOTE, find_quotes

from claims_support import claims


@pytest.mark.parametrize(
    "text, quoted, speaker",
    [
        ('Foreign Minister Sirojiddin Muhriddin said on Tuesday: "Our border is secure and no foreign troops are needed."',
         "Our border is secure and no foreign troops are needed.", "Sirojiddin Muhriddin"),
        ("“We have closed the crossing at Panji Poyon until further notice,” the border service said in a statement.",
         "We have closed the crossing at Panji Poyon until further notice,", "border service"),
        ("A senior diplomat put it bluntly: «Moscow will not send a single battalion without a formal request.»",
         "Moscow will not send a single battalion without a formal request.", "senior diplomat"),
        ("The mayor of Isfara, Abdullo Rahimov, wrote on his page: „Water from the canal belongs to both villages.“",
         "Water from the canal belongs to both villages.", "Abdullo Rahimov"),
        ("'There were no casualties among our personnel,' a Chinese embassy official said.",
         "There were no casualties among our personnel,", "Chinese embassy official"),
        ('The head of the district administration was categorical:\n"Nobody was detained, and the reports of arrests are fabrications."',
         "Nobody was detained, and the reports of arrests are fabrications.", "head of the district administration"),
    ],
    ids=["straight", "curly", "guillemets", "lapki", "single", "colon-previous-line"],
)
def test_quote_styles_are_attributed(text, quoted, speaker):
    found = [c for c in claims(text) if c["quote"]]
    assert [c["text"] for c in found] == [quoted]
    assert found[0]["speaker"] == speaker


def test_block_quote_after_colon_line():
    text = ("The ministry's statement read in full:\n\n> The information published by Reuters does not correspond to reality. "
            "No talks on the deployment of foreign troops are taking place.\n\nThe statement was posted on the ministry website.")
    quote = [c for c in claims(text) if c["quote"]][0]
    assert quote["text"].startswith("The information published by Reuters")
    assert quote["text"].endswith("taking place.")
    assert quote["speaker"] == "ministry" and quote["stance"] == "deny"


def test_quote_spanning_paragraphs_takes_the_closing_attribution():
    text = ('Dilshod Karimov, a farmer in Vorukh, described the night of the clash.\n\n'
            '"We heard shooting from the hill at about two in the morning. My neighbours took their children to the school basement.\n\n'
            '"By dawn the road to Isfara was blocked and nobody could leave," he said.')
    quotes = [c for c in claims(text) if c["quote"]]
    assert len(quotes) == 2
    assert {c["speaker"] for c in quotes} == {"Dilshod Karimov"}
    assert "\n" not in quotes[0]["text"]


def test_russian_quotes_with_dash_attribution_and_paragraphs():
    found = claims("«Каждое нападение на иностранцев порождает волну домыслов», — сказал политолог Алишер Ташкентов.", "ru")
    assert found[0]["speaker"] == "Алишер Ташкентов" and found[0]["quote"]
    statement = claims("«Reuters распространяет дезинформацию. Ничего подобного не происходит», — говорится в заявлении МИД Таджикистана.", "ru")
    assert statement[0]["speaker"] == "МИД Таджикистана" and statement[0]["stance"] == "deny"


def test_scare_quotes_are_not_claims():
    found = claims('The Western press howls about Russian "imperialism" whenever a Russian soldier crosses a street.')
    assert not [c for c in found if c["quote"]]


def test_quote_without_speaker_has_null_speaker():
    found = claims('Graffiti on the wall of the market read "Water for Vorukh, not for Kok-Tash".')
    assert [(c["text"], c["speaker"]) for c in found if c["quote"]] == [("Water for Vorukh, not for Kok-Tash", None)]


def test_unbalanced_quote_ends_with_its_sentence():
    text = 'The commander shouted "Hold the line and wait for orders. Nobody knows how long the standoff lasted.'
    quote = [c for c in claims(text) if c["quote"]][0]
    assert quote["text"] == "Hold the line and wait for orders."
    assert quote["speaker"] == "commander"


def test_unbalanced_quote_never_swallows_the_article():
    body = "\n\n".join(f"Paragraph {i} says the border at Panj was calm on day {i}." for i in range(200))
    text = 'An officer said: "The shooting began at dawn and\n\n' + body
    quotes = find_quotes(text)
    assert quotes and all(q.end - q.start <= MAX_QUOTE for q in quotes)
    assert quotes[0].end < text.index("Paragraph 0")
    found = claims(text)  # analysis runs and every claim stays inside one paragraph
    assert all("\n\n" not in c["text"] for c in found)


@pytest.mark.parametrize("text", [
    '«Он сказал: „Мы не уйдём“ и ушёл», — рассказал очевидец.',
    '"He shouted \'stop\' and ran," a witness said.',
    '«««»»» "" “” „ « " \' ’ ‘',
    '"' * 500,
    "It's the farmers' canal, isn't it? Rock 'n' roll.",
])
def test_nested_and_odd_quote_marks_do_not_crash(text):
    language = "ru" if "«Он" in text else "en"
    found = claims(text, language)
    assert all(0 <= c["start"] <= c["end"] <= len(text) for c in found)


def test_nested_quote_stays_inside_outer_quote():
    text = '«Он сказал: „Мы не уйдём“ и ушёл», — рассказал очевидец.'
    quotes = find_quotes(text)
    assert len(quotes) == 1 and text[quotes[0].start : quotes[0].end] == "Он сказал: „Мы не уйдём“ и ушёл"


def test_apostrophes_are_not_quotes():
    assert find_quotes("It's the farmers' canal, isn't it? Tajikistan's border.") == []
