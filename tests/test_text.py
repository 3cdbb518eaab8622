"""Language identification and segmentation on real English and Russian text."""
from functools import lru_cache

from hypothesis import given, settings, strategies as st

from faultlines.model import Document
from faultlines.pipeline import Pipeline
from faultlines.settings import Settings
from faultlines.text.segment import _english_sentences, paragraph_spans

EN = (
    "Russia weighs military help for Tajikistan\n\n"
    "10/12/2025\n\n"
    "On November 26, gunmen from Afghanistan attacked a camp of Chinese workers in Khatlon province. "
    "Three Chinese citizens were killed, officials in Dushanbe said.\n"
    "Reuters reported, citing sources in Dushanbe, that talks on Russian help were under way. "
    "The U.S. embassy declined to comment on Dec. 1.\n\n"
    "This is a hard-wrapped paragraph that goes on\nacross two lines of the file.\n"
)
RU = (
    "МИД Таджикистана опроверг сообщения Reuters\n\n"
    "«Reuters распространяет дезинформацию. Ничего подобного не происходит», — заявили в МИД.\n\n"
    "По словам г. Рахимова, т.е. официального представителя, на границе спокойно. "
    "Трое граждан Китая погибли 26 ноября.\n"
)


def analyze(text, **kw):
    doc = Document(id="t", text=text, **kw)
    return Pipeline(("language", "segment"), Settings())(doc)


def test_language_identification_en_ru_and_other():
    assert analyze(EN).language == "en"
    doc = analyze(RU)
    assert doc.language == "ru" and doc.language_score > 0.5
    assert doc.meta["language_supported"] is True
    uz = analyze("Toshkentda bugun kuchli yomg'ir yog'di va shahar ko'chalarida suv toshqini bo'ldi.")
    assert uz.language not in ("en", "ru")
    assert uz.meta["language_supported"] is False


def test_given_language_is_kept():
    assert analyze(EN, language="en").language_score is None


def test_paragraphs_one_per_line_but_wrapped_lines_joined():
    texts = [EN[s:e] for s, e in paragraph_spans(EN)]
    assert texts[0] == "Russia weighs military help for Tajikistan"
    assert texts[1] == "10/12/2025"
    assert texts[2].startswith("On November 26") and texts[2].endswith("officials in Dushanbe said.")
    assert texts[3].startswith("Reuters reported")
    assert texts[4] == "This is a hard-wrapped paragraph that goes on\nacross two lines of the file."
    assert len(texts) == 5


def test_english_sentences_respect_abbreviations_and_offsets():
    doc = analyze(EN)
    sentences = [t for _, t in doc.iter_text("sentence")]
    assert "The U.S. embassy declined to comment on Dec. 1." in sentences
    assert "Three Chinese citizens were killed, officials in Dushanbe said." in sentences
    for a in doc.layer("sentence"):
        assert doc.text[a.start:a.end] == doc.text[a.start:a.end].strip()
        assert a.analyzer == "segment" and a.version


def test_russian_sentences_with_quotes_and_abbreviations():
    doc = analyze(RU)
    sentences = [t for _, t in doc.iter_text("sentence")]
    assert "По словам г. Рахимова, т.е. официального представителя, на границе спокойно." in sentences
    assert "Трое граждан Китая погибли 26 ноября." in sentences
    # Two sentences inside one quote; the attribution stays with the second.
    assert sentences[1] == "«Reuters распространяет дезинформацию."
    assert sentences[2] == "Ничего подобного не происходит», — заявили в МИД."


def test_crlf_offsets_stay_true():
    text = "Title\r\n\r\nFirst sentence here. Second one.\r\nNext paragraph.\r\n"
    doc = analyze(text)
    assert [t for _, t in doc.iter_text("paragraph")] == ["Title", "First sentence here. Second one.", "Next paragraph."]
    assert doc.text == text


def test_segmentation_is_idempotent():
    doc = analyze(EN)
    before = [(a.start, a.end) for a in doc.layer("sentence")]
    Pipeline(("language", "segment"), Settings())(doc)
    assert [(a.start, a.end) for a in doc.layer("sentence")] == before


_PIECES = ["The", "U.S.", "said", "Dec.", "1", ".", "!", "?", "…", "\"", "”", ")", "(", "Mr.", "Smith", "ok",
           "...", "!!", " ", "  ", "\n", "\n\n", "3.5", "e.g.", "Osh", ":", ",", "'", "«", "»"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map(lambda parts: " ".join(parts)))
def test_vectorized_sentence_rule_matches_spacy_sentencizer(text):
    parsed = _reference_sentencizer()(text)
    expected = [(s.start_char, s.end_char) for s in parsed.sents] if len(parsed) else []
    assert _english_sentences(text) == expected


@lru_cache(maxsize=1)
def _reference_sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def test_wire_datelines_are_marked_at_paragraph_starts_only():
    doc = analyze("Attack on checkpoint\n\nALMATY, Nov 30, 2026 - Gunmen opened fire.\n\n"
                  "МОСКВА, 3 дек — РИА Новости. Переговоры продолжатся.\n\nThe attack - a rare one - shocked Almaty.\n\n"
                  "ДУШАНБЕ, 7 декабря. /ТАСС/. Сотрудники ГКНБ задержали трёх человек.\n\n"
                  "НУКУС, 1 июля — «Фергана». Сотрудники СГБ задержали восемь человек.")
    assert [doc.text[a.start:a.end] for a in doc.layer("dateline")] == [
        "ALMATY, Nov 30, 2026 - ", "МОСКВА, 3 дек — РИА Новости. ", "ДУШАНБЕ, 7 декабря. /ТАСС/. ",
        "НУКУС, 1 июля — «Фергана». "]  # credits too, a name in quotes whether the outlet table knows it or not
    blog = analyze("LIVE: Clashes on the border\n\n18:40 — The number of wounded has risen to 27.\n\n"
                   "14:05 (мск) — Жителей эвакуируют.\n\nAt 11:00 - the time talks began - shots were heard.")
    assert [blog.text[a.start:a.end] for a in blog.layer("dateline")] == ["18:40 — ", "14:05 (мск) — "]


def test_the_headline_and_byline_lines_are_paragraphs_and_a_place_with_a_date_is_a_dateline():
    from faultlines.ingest.files import text_document

    text = ("На границе снова неспокойно\nДУШАНБЕ, 4 декабря 2026 года.\n\nВ ночь на среду пограничники вступили в бой.\n\n"
            "БИШКЕК, 26 ноября. Делегации согласовали ещё 12 километров границы.\n\nДУШАНБЕ, 30 человек пострадали.")
    (doc,) = Pipeline(("language", "segment")).pipe([text_document(text, doc_id="d", source="d.txt", source_kind="file")])
    assert [doc.text[a.start:a.end] for a in doc.layer("paragraph")][:2] == [
        "На границе снова неспокойно", "ДУШАНБЕ, 4 декабря 2026 года."]
    assert [doc.text[a.start:a.end] for a in doc.layer("dateline")] == [
        "ДУШАНБЕ, 4 декабря 2026 года.", "БИШКЕК, 26 ноября. "]  # not "ДУШАНБЕ, 30 человек"
    text = "Washington's New Friends\nBy Dmitry Kovalenko\n14 November 2026\n\nThe ink was barely dry.\n"
    (doc,) = Pipeline(("language", "segment")).pipe([text_document(text, doc_id="e", source="e.txt", source_kind="file")])
    assert [doc.text[a.start:a.end] for a in doc.layer("paragraph")] == [
        "Washington's New Friends", "By Dmitry Kovalenko", "14 November 2026", "The ink was barely dry."]


def test_a_headline_without_a_full_stop_is_never_parsed_into_the_lead_below_it():
    from faultlines.ingest.files import text_document
    from faultlines.narratives.entities import find_mentions

    text = ("Syr Darya announces it will no longer cross borders without transit fees\n\n31.10.2025\n\n"
            "The Syr Darya announced on Thursday that it will no longer flow into Kazakhstan.")
    (doc,) = Pipeline(("language", "segment", "nlp")).pipe([text_document(text, doc_id="s", source="s", source_kind="file")])
    parsed = doc.work["spacy"]
    assert not any({"fees", "announced"} <= {t.text for t in s} for s in parsed.sents)
    # the second "Syr Darya" is the subject of its own sentence, not an apposition of the headline's "fees"
    assert [(m.text, m.role) for m in find_mentions(doc) if m.text == "Syr Darya"] == [
        ("Syr Darya", "subj"), ("Syr Darya", "subj")]


def test_a_russian_headline_above_a_blank_line_is_a_sentence_of_its_own_and_offsets_hold():
    from faultlines.text.nlp import russian_nlp

    text = "Бишкек снова играет в двойную игру\n\nНа прошлой неделе в Бишкеке открылся центр. Второе предложение."
    parsed = russian_nlp()(text)
    assert [text[s.start:s.stop].strip() for s in parsed.sents] == [
        "Бишкек снова играет в двойную игру", "На прошлой неделе в Бишкеке открылся центр.", "Второе предложение."]
    assert parsed.text == text and all(text[t.start:t.stop] == t.text for t in parsed.tokens if t.text != ".")


def test_a_text_longer_than_spacy_allows_is_parsed_in_pieces_with_its_own_offsets(monkeypatch):
    from faultlines.ingest.files import text_document
    from faultlines.text import nlp

    # (pieces of 2,000 characters stand for spaCy's 1,000,000-character limit, which a 2.3 MB report had hit)
    monkeypatch.setattr(nlp, "PIECE", 2_000)
    paragraph = "Officials in Dushanbe said on Monday that talks with Kyrgyzstan would resume in Bishkek. " * 4
    text = "Border talks\n\n" + "\n\n".join(paragraph.strip() for _ in range(30))
    (doc,) = Pipeline(("language", "segment", "nlp")).pipe([text_document(text, doc_id="l", source="l", source_kind="file")])
    assert len(nlp.pieces(text, 2_000)) > 5
    assert doc.work["spacy"].text == doc.text
    places = [a for a in doc.layer("ner") if doc.text[a.start:a.end] == "Dushanbe"]
    assert len(places) == 120 and {doc.text[a.start:a.end] for a in doc.layer("ner")} >= {"Dushanbe", "Kyrgyzstan", "Bishkek"}
