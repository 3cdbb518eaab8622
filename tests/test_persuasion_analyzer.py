"""The shipped persuasion models on project-written English and Russian texts."""
from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.model import Document
from faultlines.output import document_record
from faultlines.pipeline import Pipeline
from faultlines.settings import Settings
from faultlines.persuasion.data import FRAMES, GENRES, TECHNIQUES
from faultlines.workbench import analyze

DEMO = Path(__file__).resolve().parents[1] / "faultlines" / "demo" / "articles"
ANALYZERS = ("language", "segment", "persuasion")

RUSSIAN_OPINION = """Позор киевского режима

Так называемые «демократы» из Киева снова показали своё истинное лицо. Этот марионеточный режим, 
который держится на подачках Запада, готов предать собственный народ ради очередного транша.

Министерство иностранных дел сообщило, что консультации продолжатся в понедельник.

Неужели кто-то ещё верит их лживым обещаниям? Вся эта циничная вакханалия закончится катастрофой для всей Европы.
"""


@pytest.fixture(scope="module")
def tajik():
    return analyze(str(DEMO / "tajikistan-forgetful-friends.txt"), analyzers=ANALYZERS)


@pytest.fixture(scope="module")
def russian():
    return analyze(RUSSIAN_OPINION, analyzers=ANALYZERS)


def _check_spans(doc):
    for a in doc.layer("technique"):
        assert a.label in TECHNIQUES
        assert 0 <= a.start < a.end <= len(doc.text)
        assert doc.text[a.start:a.end].strip(), "a span covers text"
        assert a.attrs["definition"], "each span explains its technique"
        assert 0.0 <= a.score <= 1.0


def test_english_opinion_gets_loaded_language_and_genre(tajik):
    _check_spans(tajik)
    labels = {a.label for a in tajik.layer("technique")}
    assert labels & {"Loaded_Language", "Name_Calling-Labeling"}
    record = document_record(tajik)
    assert record["genre"] == "opinion"
    assert record["techniques"] and {"technique", "start", "end", "score", "definition"} <= set(record["techniques"][0])
    genres = tajik.layer("genre")
    assert {a.label for a in genres} <= set(GENRES)
    assert all(a.start == 0 and a.end == len(tajik.text) for a in genres)
    assert {a.label for a in tajik.layer("frame")} <= set(FRAMES)


def test_russian_opinion(russian):
    assert russian.language == "ru"
    _check_spans(russian)
    labels = {a.label for a in russian.layer("technique")}
    assert labels & {"Loaded_Language", "Name_Calling-Labeling", "Doubt"}
    assert russian.layer("genre")


def test_paragraph_labels_sit_on_paragraphs(tajik):
    paragraphs = {(a.start, a.end) for a in tajik.layer("paragraph")}
    assert tajik.layer("technique_paragraph")
    assert all((a.start, a.end) in paragraphs for a in tajik.layer("technique_paragraph"))


@pytest.mark.parametrize("text", [
    "One short sentence.",
    "Ein kurzer deutscher Text über das Wetter in Berlin, der keine Propaganda enthält.",
])
def test_odd_inputs_do_not_fail(text):
    doc = analyze(text, analyzers=ANALYZERS)
    _check_spans(doc)
    if doc.language not in ("en", "ru"):
        assert "persuasion_skipped" in doc.meta


@pytest.mark.parametrize("text", ["", "\n\n\n   \n", "Title\n\n\n\n\n\nBody line after empty paragraphs."])
def test_empty_and_blank_documents(text):
    # the workbench refuses empty input, so run the pipeline on a Document directly
    doc = Document(id="blank", text=text, language="en")
    doc = Pipeline(ANALYZERS, Settings.from_env())(doc)
    _check_spans(doc)


def test_long_document():
    para = "The corrupt regime keeps lying to everyone, and its puppets in parliament applaud every lie."
    doc = analyze("\n\n".join(f"{para} Item {i}." for i in range(200)), analyzers=ANALYZERS)
    _check_spans(doc)
    assert len(doc.layer("paragraph")) == 200


def test_characters_that_change_length_when_lower_cased_or_fill_two_code_units():
    """"İ" lower-cases to two characters (the article's pieces then go through the vectorizer and the lexicon one
    by one) and emoji are one code point but two UTF-16 units: spans must still land on the right words."""
    text = ("İstanbul talks 🔥🔥: the corrupt regime lies again and again!\n\n"
            "These shameful puppets 😡 betrayed everyone, the so-called «reformers» too.\n\n"
            "Officials said talks would continue on Tuesday.")
    doc = analyze(text, analyzers=ANALYZERS)
    _check_spans(doc)
    words = [doc.text[a.start:a.end] for a in doc.layer("technique") if a.end - a.start < 30]
    assert words and all(w == w.strip() and w[0].isalnum() and w[-1].isalnum() for w in words), words
    assert doc.layer("technique_paragraph"), "paragraph labels too"


def _loaded_language_spans(mode: int):
    """The shipped English model with Loaded_Language's spans forced to ``mode`` (token threshold 0.3, every
    sentence marked by the sentence head), on a three-paragraph text: (text, paragraphs, Loaded_Language spans)."""
    import numpy as np

    from faultlines.persuasion.corpus import load_model
    from faultlines.persuasion.system import Unit

    model = load_model("en")
    j = TECHNIQUES.index("Loaded_Language")
    k = [TECHNIQUES[i] for i in model.token_techniques].index("Loaded_Language")
    model.span_mode = model.span_mode.copy()
    model.span_mode[j] = mode
    model.token.thresholds = model.token.thresholds.copy()
    model.token.thresholds[k] = 0.3
    model.sent.thresholds = model.sent.thresholds.copy()
    model.sent.thresholds[j] = 0.0  # every sentence: the test is about the sources, not the head's decision
    text = "Outrage\n\nThe brutal, cowardly regime slaughtered peaceful villagers in cold blood.\n\nShort."
    paragraphs = [(0, 7), (9, text.index("\n\nShort")), (text.index("Short"), len(text))]
    # the paragraph and sentence heads' vectors; the sentence head's decision is forced above
    vectors = np.zeros((len(paragraphs), 512), dtype=np.float32)
    unit = Unit("u", text, paragraphs, paragraphs)
    with pytest.raises(ValueError, match="one vector per sentence"):
        model.predict([unit], vectors)
    (prediction,) = model.predict([unit], vectors, np.zeros((len(paragraphs), 512), dtype=np.float32))
    return text, paragraphs, [(s, e) for t, s, e, _ in prediction.spans if t == "Loaded_Language"]


def test_a_technique_with_both_span_sources_gets_its_sentence_and_its_words():
    """Where training chose BOTH for a technique, its spans are the sentence head's sentences and the token head's
    runs; a run that is the whole sentence is not repeated."""
    from faultlines.persuasion import tokens as tok

    text, paragraphs, loaded = _loaded_language_spans(tok.BOTH)
    assert paragraphs[1] in loaded, "the sentence"
    inside = [(s, e) for s, e in loaded if paragraphs[1][0] <= s and e <= paragraphs[1][1] and (s, e) != paragraphs[1]]
    assert any(text[s:e].lower().startswith(("brutal", "cowardly", "slaughter")) for s, e in inside), \
        [text[s:e] for s, e in loaded]
    assert len(loaded) == len(set(loaded)), "no span twice"
    assert (paragraphs[2][0], paragraphs[2][1]) in loaded  # "Short." is a sentence too, with no loaded word


def test_with_clipped_sentences_a_sentence_span_runs_from_its_first_marked_word_to_its_last():
    """BOTH_CLIPPED: the sentence span is cut to the extent of the words the token head marks in it (shorter, so a
    larger share of it is the technique), the word runs are given too, and a sentence without marked words stays
    whole."""
    from faultlines.persuasion import tokens as tok

    text, paragraphs, loaded = _loaded_language_spans(tok.BOTH_CLIPPED)
    _, _, with_whole_sentence = _loaded_language_spans(tok.BOTH)
    runs = [(s, e) for s, e in with_whole_sentence if paragraphs[1][0] <= s and e <= paragraphs[1][1]
            and (s, e) != paragraphs[1]]
    assert paragraphs[1] not in loaded
    clipped = (min(s for s, _ in runs), max(e for _, e in runs))
    assert clipped in loaded and clipped[1] - clipped[0] < paragraphs[1][1] - paragraphs[1][0], \
        [text[s:e] for s, e in loaded]
    assert set(runs) <= set(loaded) and len(loaded) == len(set(loaded))
    assert paragraphs[2] in loaded  # "Short.": no marked word, kept whole


def test_a_paragraph_is_labelled_from_its_own_its_sentences_and_its_words_probabilities():
    """Paragraph labels (version 10): per technique, the shipped stack's logistic regression over the logits of the
    paragraph head's probability, its sentences' highest, its words' highest (token head's techniques) and the
    highest of the three, each found here from the offsets; one name-calling sentence in a paragraph of plain
    reporting labels the paragraph, though the paragraph head alone reads it diluted."""
    import numpy as np

    from faultlines.persuasion.analyzer import paragraph_vectors, sentence_vectors, unit_of_document
    from faultlines.persuasion.corpus import load_model
    from faultlines.persuasion.system import logit, sentence_ranges

    text = ("Officials meet\n\nThe committee met on Tuesday to review the budget, and the minister presented figures "
            "for the coming year. The session was adjourned at noon. These traitors and puppets of Washington are "
            "selling our country piece by piece. The next session is scheduled for Friday.\n")
    model = load_model("en")
    assert model.config.paragraph_stack and model.stack is not None
    doc = Pipeline(("language", "segment", "encode"), Settings())(Document(id="budget", text=text, language="en"))
    unit = unit_of_document(doc)
    emb = paragraph_vectors([doc], [unit], "use")
    sentences = sentence_vectors([doc], [unit], "use")

    def paragraph_of(offset):  # found from the offsets
        return next(i for i, (a, b) in enumerate(unit.paragraphs) if a <= offset < b)

    own = model.par.proba(model.paragraph_matrix([unit], emb))
    from_sentences = np.zeros_like(own)
    for (_, start, _), p in zip(sentence_ranges([unit]),
                                model.sent.proba(model.sentence_matrix([unit], None, emb, sentences)[0])):
        from_sentences[paragraph_of(start)] = np.maximum(from_sentences[paragraph_of(start)], p)
    tokens, hashed, vectors, window = model._tokens([unit])
    words = (model.token.proba(hashed, vectors) + model.token_mlp.proba(window)) / 2
    from_words = np.zeros_like(own)
    for start, p in zip(tokens.start, words):
        row = from_words[paragraph_of(int(start))]
        row[model.token_techniques] = np.maximum(row[model.token_techniques], p)
    highest = np.maximum(np.maximum(own, from_sentences), from_words)
    word_logits = np.zeros_like(own)
    word_logits[:, model.token_techniques] = logit(from_words[:, model.token_techniques])
    z = (model.stack.coef[:, 0] * logit(own) + model.stack.coef[:, 1] * logit(from_sentences)
         + model.stack.coef[:, 2] * word_logits + model.stack.coef[:, 3] * logit(highest) + model.stack.intercept)
    expected = 1 / (1 + np.exp(-z))
    (prediction,) = model.predict([unit], emb, sentences)
    decided = expected >= model.par.thresholds
    assert [sorted(labels) for _, _, labels in prediction.paragraphs] == \
        [sorted(TECHNIQUES[j] for j in np.flatnonzero(row)) for row in decided]
    for i, (_, _, labels) in enumerate(prediction.paragraphs):
        for technique, score in labels.items():
            assert score == pytest.approx(expected[i, TECHNIQUES.index(technique)], abs=1e-5)
    body = paragraph_of(text.index("The committee"))
    name_calling = TECHNIQUES.index("Name_Calling-Labeling")
    assert "Name_Calling-Labeling" in prediction.paragraphs[body][2]
    assert own[body, name_calling] < model.par.thresholds[name_calling], "the paragraph head alone does not label it"
    # without the stack (version 9's combination, the configuration's alternative): the highest of the three
    model.stack = None
    (highest_prediction,) = model.predict([unit], emb, sentences)
    for i, (_, _, labels) in enumerate(highest_prediction.paragraphs):
        assert sorted(labels) == sorted(TECHNIQUES[j] for j in np.flatnonzero(highest[i] >= model.par.thresholds))
        for technique, score in labels.items():
            assert score == pytest.approx(highest[i, TECHNIQUES.index(technique)], abs=1e-6)


def test_no_span_lies_in_a_wire_dateline():
    doc = analyze("Turkmenistan says pipeline blast was sabotage\n\nASHGABAT, Dec 5 (Reuters) - Turkmenistan's "
                  "state security ministry said on Saturday that a vicious, cowardly blast was an act of sabotage.",
                  analyzers=ANALYZERS)
    (dateline,) = doc.layer("dateline")
    assert doc.layer("technique") and all(a.start >= dateline.end or a.end <= dateline.start
                                          for a in doc.layer("technique"))
