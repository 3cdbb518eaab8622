"""Genre from how a text is written, beside the trained genre head.

The SemEval-2023 genre labels the head is trained on are 88 % opinion in English
(382 of 433), many of them news items from partisan sites, so the head calls
nearly every English text opinion, a Reuters report included (held-out macro-F1
0.282, below always answering opinion). How a piece is written tells more: a
report attributes what it says to sources ("said", "according to", "по словам")
and often opens with a wire dateline; a column speaks in the author's voice
(we, you, should, questions to the reader) outside the quotes it cites; an
interview's "we" is the interviewee's. Where one of these is clear, it decides;
elsewhere the head does. The thresholds were chosen on 94 texts written for the
project and checked on 40 written by others and on the SemEval held-out splits
(docs/persuasion.md, "Genre: how the text is written").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"
_QUOTED = re.compile(r'"[^"\n]{0,400}"|“[^”\n]{0,400}”|«[^»\n]{0,400}»|„[^“\n]{0,400}“')
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD = re.compile(r"\w+")
# attributed news: attribution cues per sentence (+ half a point for a wire dateline or credit) at least this, and
# the author's voice at most VOICE_IN_NEWS; an author's voice of at least VOICE_OF_OPINION with less attribution
# than NEWS_IN_OPINION is a column
NEWS = 0.4
VOICE_IN_NEWS = 0.5
VOICE_OF_OPINION = 1.5
NEWS_IN_OPINION = 0.6
MODAL_WEIGHT = 2
QUESTION_WEIGHT = 20
TITLE_WORDS = 25
INTERVIEW_TURNS = 4
_TURN = re.compile(r"^[ \t]*(?:[—–][ \t]|(?:Q|A|Вопрос|Ответ)[ \t]*[:.—–][ \t])", re.M)


@dataclass(frozen=True)
class Cues:
    attribution: re.Pattern
    first: re.Pattern
    second: re.Pattern
    modal: re.Pattern
    opinion_label: re.Pattern
    wire: re.Pattern


@lru_cache(maxsize=2)
def cues(lang: str) -> Cues:
    data = json.loads((RESOURCES / "genre_style.json").read_text(encoding="utf-8"))
    words = data["ru" if lang == "ru" else "en"]
    return Cues(re.compile(words["attribution"], re.I),
                re.compile(words["first"], 0 if lang != "ru" else re.I),  # English "I" is the pronoun, "i" is not
                re.compile(words["second"], re.I), re.compile(words["modal"], re.I),
                re.compile(data["opinion_label"], re.I | re.M), re.compile(data["wire"], re.M))


@dataclass(frozen=True)
class Style:
    news: float  # attribution cues per sentence, + 0.5 with a wire dateline or credit
    voice: float  # first- and second-person words, modal verbs (x2) per 100 words, + 20 x the share of questions
    labelled_opinion: bool  # "Opinion:", "Колонка", … opening a line near the top
    interview: bool = False  # questions and answers: lines opening with "Q:" / "A:" or dialogue dashes


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if len(s.strip()) > 1]


def style_of(text: str, lang: str) -> Style:
    """How the body (the text after its first line where that is a title) is written; the voice counts outside
    quotes."""
    c = cues(lang)
    first, newline, rest = text.partition("\n")
    body = rest if newline and len(first.split()) <= TITLE_WORDS else text  # (a wire item may come without a title)
    outside = _QUOTED.sub(" ", body)
    sentences = _sentences(body) or [body]
    own_sentences = _sentences(outside) or [outside]
    own_words = max(1, len(_WORD.findall(outside)))
    news = len(c.attribution.findall(body)) / len(sentences) + (0.5 if c.wire.search(body[:400]) else 0.0)
    voice = (100 * (len(c.first.findall(outside)) + len(c.second.findall(outside))
                    + MODAL_WEIGHT * len(c.modal.findall(outside))) / own_words
             + QUESTION_WEIGHT * sum(s.rstrip().endswith("?") for s in own_sentences) / len(own_sentences))
    turns = len(_TURN.findall(body))
    return Style(news, voice, bool(c.opinion_label.search(text[:300])), turns >= INTERVIEW_TURNS)


def style_genre(text: str, lang: str) -> str | None:
    """``opinion`` or ``reporting`` where the writing says so clearly, else None (the trained head decides)."""
    s = style_of(text, lang)
    if s.labelled_opinion:
        return "opinion"
    if s.interview:
        return "reporting"  # a question-and-answer interview: the voice is the interviewee's, as a report quotes it
    if s.news >= NEWS and s.voice <= VOICE_IN_NEWS:
        return "reporting"
    if s.voice >= VOICE_OF_OPINION and s.news < NEWS_IN_OPINION:
        return "opinion"
    return None


def decide(probabilities: dict[str, float], text: str, lang: str) -> tuple[dict[str, float], str]:
    """The genre scores after the style evidence, and what decided them (``style`` or ``model``): a clear style counts
    as half of the decision, so its genre leads (0.5 + half the head's probability)."""
    chosen = style_genre(text, lang)
    if chosen is None or not probabilities:
        return probabilities, "model"
    return {g: p / 2 + (0.5 if g == chosen else 0.0) for g, p in probabilities.items()}, "style"
