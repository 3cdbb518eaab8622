"""The ``debunks`` analyzer: rebuttals the author stages against an opponent's claims.

Two forms, English and Russian, found by cues kept as data in
``resources/debunk_cues.json``:

* **list** — labelled items: "Lie: … / Motive: … / Truth: …", "Myth: … Fact: …",
  "Фейк: … Реальность: …", numbered, bulleted, bold or as headings, labels
  inline or on lines of their own. An item is a claim label, an optional
  motive label and a counter label in consecutive paragraphs.
* **inline** — counter-narrative framing inside prose: "the false narrative
  that X, but in fact Y", "Western media claim that X. In reality, Y",
  "contrary to what the BBC says, Y", "миф о том, что X", "вопреки
  утверждениям …". A claim reported with a neutral verb ("Reuters reported
  that …") needs a strong counter marker ("In reality", "на самом деле") or a
  denial ("That is a lie"); framing inside reported speech ("an official said
  it was a myth that …") is not the author's and is skipped.

Each item becomes one ``debunk`` annotation spanning the whole item, with
``attributed_to`` (the opponent named, or None), ``claim`` (None when only
implied, as after "contrary to what X says"), ``motive`` (or None),
``counter``, the ``*_span`` offsets of each field and the ``form``.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Annotation, Document, strip_span
from ..pipeline import Analyzer, analyzer
from ..text.nlp import russian_nominative

CUES_PATH = Path(__file__).parent / "resources" / "debunk_cues.json"
VERSION = "9"  # 2: ordinal labels ("Миф первый:", "Myth No. 3:"); 3: Telegram channels are opponents;
# 4: a byline or a date line above the text is no context paragraph of a list; a sentence telling more of the
# opponent's claim ("The latest version … claims that …") is not the counter: a marker sentence after it is;
# 5: nor is one saying where they have it from ("Авторы ссылаются на …"); "the aim of such stories is" opens a motive;
# 6: fact-check labels ("Rating:", "What we found:", "Вердикт:", "Why it spread:"), a finding after the verdict goes on
# the counter, and a source named after the claim ("…, according to posts on Telegram") is its opponent; "пугают X:
# мол, …" tells the claim; a motive sentence may open the next paragraph ("Зачем это нужно Западу, понятно: …")
# 7: what "they" (the opponent opening the sentence before) told in an aside ("In January 2022, they told their
# readers, P"); the answer to a why-question after the counter is the motive ("Why do they keep repeating it?
# Because it serves a purpose: …")
# 8: so is the answer to a why-question opening the paragraph after a labelled list ("Why do these stories spread?
# Because …", "Зачем это распространяют? Западным фондам нужно …"), every item's when it asks of them all
# 9: a counter opener that starts a sentence of the claim's own paragraph ("Миф первый: протест был мирным до конца. На
# самом деле уже в пятницу …") opens the counter
# Confidence by form: a labelled list is unambiguous; inline framing is read from prose.
SCORE_LIST = 0.95
SCORE_INLINE_STRONG = 0.85
SCORE_INLINE_WEAK = 0.7
# A list's opponent is looked up in this many paragraphs before it (its heading and introduction).
LIST_CONTEXT_PARAGRAPHS = 3

Span = tuple[int, int]
_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“", "'": "'", "‘": "’"}
_EDGE_MARKUP = " \t\r\n*_/|"
_TRAILING_PUNCT = " \t\r\n.,;:—–-"
# What may come before the subject of "Western media claim …": nothing, a few words ("This week"), or a clause and comma.
_SUBJECT_LEAD = re.compile(r"(?:\w+\s+){0,3}|.*[,;:—–]\s*", re.DOTALL)


def _alt(items: list[str]) -> str:
    """A regex alternation, longest first so that "in reality" wins over "in"."""
    return "(?:" + "|".join(sorted(items, key=len, reverse=True)) + ")"


def _words(items: list[str]) -> str:
    """An alternation of plain words whose spaces match any run of white space."""
    return _alt([r"\s+".join(map(re.escape, item.split())) for item in items])


@dataclass(frozen=True)
class Cues:
    """The compiled cue patterns."""

    label: re.Pattern
    label_kinds: dict[str, str]
    opponent: re.Pattern
    lowercase_word: re.Pattern
    power: re.Pattern
    en_said: re.Pattern
    ru_said: re.Pattern
    en_framing: re.Pattern
    ru_framing: re.Pattern
    plain_framing: re.Pattern
    refuted: re.Pattern
    framing_hint: re.Pattern
    said_hint: re.Pattern
    en_contrary: re.Pattern
    ru_contrary: re.Pattern
    contrast: re.Pattern
    next_marker: re.Pattern
    denial: re.Pattern
    motive_inline: re.Pattern
    motive_sentence: re.Pattern
    reporting: re.Pattern
    reported_after: re.Pattern
    doubt_verb: re.Pattern
    counter_opener: re.Pattern
    counter_inline: re.Pattern


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    kinds = {" ".join(w.lower().split()): kind for kind, items in data["labels"].items() for w in items}
    all_labels = [w for items in data["labels"].values() for w in items]
    label = re.compile(
        r"(?:^[ \t]*(?:[-*•–—][ \t]+|\d{1,2}[.)][ \t]*|\#{1,6}[ \t]*)*|(?<=[.!?…»\"”])[ \t]+|[ \t]+[/|][ \t]+)"
        r"(?P<open>\*\*|__)?(?P<label>" + _words(all_labels) + r")"
        r"(?:[ \t]*(?:№|\#|(?i:no)\.?)?[ \t]*\d{1,2}|[ \t]+" + _words(data["ordinals"]) + r")?(?:\*\*|__)?[ \t]*"
        r"(?:(?P<colon>[:：])(?:[ \t]*(?:\*\*|__))?|(?P<dash>[—–])(?=[ \t])|(?=[ \t]*$))",
        re.IGNORECASE | re.MULTILINE,
    )
    opp = data["opponents"]
    # Outlets and powers are names: case-sensitive, so "AP" is not "ap" and "Moscow" not "moscow".
    qualified = (r"(?:(?i:the)\s+)?(?:(?i:" + _alt(opp["qualifiers"]) + r")[\s-]+){1,3}"
                 r"[\"“«]?(?i:" + _alt(opp["heads"]) + r")[\"”»]?")
    named = r"(?P<name>" + _alt(opp["outlets"] + opp["powers"]) + r")(?:['’]s\s+(?i:" + _alt(opp["heads"]) + "))?"
    followers = r"(?:\s+(?i:and)\s+(?i:its|their|his|her|его|их|её|ее)\s+(?i:" + _alt(opp["followers"]) + "))?"
    opponent = re.compile(r"(?<![\w-])(?:(?P<qualified>" + qualified + ")|" + named + ")" + followers + r"(?![\w-])")
    # a sentence-initial "Западные СМИ" is written "западные СМИ" when the cue is a common word
    lowercase_word = re.compile(_alt([w for w in opp["qualifiers"] + opp["heads"] if w[0].islower()]), re.IGNORECASE)
    power = re.compile(_alt(opp["powers"]))
    en, ru = data["en"], data["ru"]
    # "claim", "твердят" cast doubt themselves; "say", "пишут" need a strong counter marker
    doubt_verb = re.compile(_alt(en["doubt_verbs"] + ru["doubt_verbs"]) + r"\Z", re.IGNORECASE)
    en_verbs = _alt(en["doubt_verbs"] + en["neutral_verbs"])
    ru_verbs = _alt(ru["doubt_verbs"] + ru["neutral_verbs"])
    en_aux = r"(?:" + _alt(en["auxiliaries"]) + r"\s+){0,3}"
    ru_aux = r"(?:" + _alt(ru["auxiliaries"]) + r"\s+){0,3}"
    not_claim = _alt(en["not_a_claim_after_verb"])
    en_said = re.compile(
        r"(?<![\w-])(?:(?P<anon>" + _alt(en["anonymous_subjects"]) + r")|(?P<verb_aux>" + en_aux + r")"
        r"(?P<verb>" + en_verbs + r"))\b"
        r"(?:\s*,?\s*that\b\s*|\s*:\s*|\s+(?!" + not_claim + r"\b))(?P<claim>\S.*)",
        re.IGNORECASE | re.DOTALL,
    )
    ru_said = re.compile(
        r"(?<![\w-])(?:(?P<anon>" + _alt(ru["anonymous_subjects"]) + r")|(?P<verb_aux>" + ru_aux + r")"
        r"(?P<verb>" + ru_verbs + r")"
        r"(?:\s+(?:нам|всем|всему миру|на каждом углу))?)"
        # (or "пугают Казахстан: мол, Москва готовится …": the particle "мол" tells what they say)
        r"(?:\s*,\s*(?:что(?:\s+будто)?|будто|якобы|словно)|(?:\s+[\w-]+)?\s*[:,—–]\s*мол,?)\s+(?P<claim>\S.*)",
        re.IGNORECASE | re.DOTALL,
    )
    en_det = r"(?:\b" + _alt(en["framing_determiners"]) + r"\s+)?"
    en_adj = _alt(en["false_adjectives"])
    en_fill = r"(?:" + _alt(en["filler_adjectives"]) + r"\s+)*"
    en_framing = re.compile(
        r"(?P<cue>(?:" + en_det + r"(?:(?:" + en_adj + r"|" + _alt(en["filler_adjectives"]) + r")\s+){0,3}"
        + _alt(en["strong_framing_nouns"]) + r"|" + en_det + en_fill + en_adj + r"\s+" + en_fill
        + _alt(en["weak_framing_nouns"]) + r")\s+that|(?:^|(?<=[,;:—–]\s))" + _alt(en["it_is_false"]) + r"\s+"
        + _alt(en["false_predicates"]) + r"\s+that)\b\s*(?P<claim>\S.*)",
        re.IGNORECASE | re.DOTALL,
    )
    ru_adj = _alt(ru["false_adjectives"])
    ru_fill = r"(?:" + _alt(ru["filler_adjectives"]) + r"\s+)*"
    ru_framing = re.compile(
        r"(?P<cue>(?<!\w)(?:" + ru_fill + r"(?:" + ru_adj + r"\s+)?" + ru_fill + _alt(ru["strong_framing_nouns"])
        + r"|" + ru_fill + ru_adj + r"\s+" + ru_fill + _alt(ru["weak_framing_nouns"]) + r")\s*"
        + _alt(ru["about"]) + r"|^(?:" + _alt(ru["it_is_false"]) + r"\s+)?" + _alt(ru["false_predicates"])
        + r"\s*,\s*(?:что|будто))\s+(?P<claim>\S.*)",
        re.IGNORECASE | re.DOTALL,
    )
    # "the narrative that X is false", "тезис о том, что X, не выдерживает критики": the predicate refutes
    plain_framing = re.compile(
        r"(?P<cue>" + en_det + en_fill + _alt(en["weak_framing_nouns"]) + r"\s+that|(?<!\w)" + ru_fill
        + _alt(ru["weak_framing_nouns"]) + r"\s*" + _alt(ru["about"]) + r")\s+(?P<claim>\S.*)",
        re.IGNORECASE | re.DOTALL,
    )
    refuted = re.compile(r"(?:\s*,\s*|\s+)(?:" + _alt(en["refuting_predicates"] + ru["refuting_predicates"]) + ")",
                         re.IGNORECASE)
    # The framing patterns open with optional words that Python's re tries at every position;
    # this plain noun-then-"that" pattern is cheap, and the full ones run only where it matches.
    framing_hint = re.compile(
        r"(?<!\w)" + _alt(en["strong_framing_nouns"] + en["weak_framing_nouns"] + en["false_predicates"]) + r"\s+that\b|"
        r"(?<!\w)" + _alt(ru["strong_framing_nouns"] + ru["weak_framing_nouns"] + ru["false_predicates"]) + r"\s*"
        + _alt(ru["about"]),
        re.IGNORECASE,
    )
    said_hint = re.compile(
        r"(?<![\w-])(?:" + _alt(en["doubt_verbs"] + en["neutral_verbs"] + ru["doubt_verbs"] + ru["neutral_verbs"]
                                + en["anonymous_subjects"] + ru["anonymous_subjects"]) + r")\b",
        re.IGNORECASE,
    )
    en_contrary = re.compile(
        r"^(?:(?:but|and|yet|so),?\s+)?(?P<cue>" + _alt(en["contrary_heads"]) + r")\s+(?:what\s+(?P<what>.+?)|"
        r"(?P<poss>.+?)['’]s?\s+" + _alt(en["claim_nouns"])
        + r"|(?:the\s+)?" + _alt(en["claim_nouns"]) + r"\s+(?:of|by|from)\s+(?P<of>.+?))"
        r"(?:\s+that\s+(?P<claim>[^,]+))?\s*,\s*(?P<counter>\S.*)",
        re.IGNORECASE | re.DOTALL,
    )
    ru_contrary = re.compile(
        r"^(?:(?:но|и|а),?\s+)?(?P<cue>" + _alt(ru["contrary_heads"]) + r")\s+(?:(?P<what>" + _alt(ru["contrary_what"])
        + r"\s+.+?)|" + _alt(ru["claim_nouns"]) + r"\s+(?P<of>.+?))"
        r"(?:\s*,\s*(?:что|будто)\s+(?P<claim>[^,]+))?\s*,\s*(?P<counter>\S.*)",
        re.IGNORECASE | re.DOTALL,
    )
    strong = en["strong_markers"] + ru["strong_markers"]
    weak = en["weak_markers"] + ru["weak_markers"]
    contrast = re.compile(
        r"\s*(?:[,;:]|\s[—–-])\s*(?:(?P<strong>" + _alt(strong) + r")|(?P<weak>" + _alt(weak) + r"))\b,?\s*(?=\S)",
        re.IGNORECASE,
    )
    denials = en["denials"] + ru["denials"]
    next_marker = re.compile(
        r"^(?:(?P<denial>" + _alt(denials) + r")"
        r"|(?:(?P<strong>" + _alt(strong) + r")|(?P<weak>" + _alt(weak) + r"))\b[,:]?\s*(?=\S))",
        re.IGNORECASE,
    )
    denial = re.compile(r"^(?:" + _alt(denials) + r")", re.IGNORECASE)
    motive_inline = re.compile(r"(?<!\w)(?:" + _alt(en["motive_inline"] + ru["motive_inline"]) + r")(?P<motive>\S.*)",
                               re.IGNORECASE | re.DOTALL)
    motive_sentence = re.compile(r"^(?:" + _alt(en["motive_sentence"] + ru["motive_sentence"]) + r")(?P<motive>\S.*)",
                                 re.IGNORECASE | re.DOTALL)
    reporting_verbs = _alt(en["reporting_verbs"] + ru["reporting_verbs"])
    reporting = re.compile(r"(?<!\w)" + reporting_verbs + r"(?!\w)", re.IGNORECASE)
    # "…, отметил Климов." / "…, the ministry said.": the sentence is someone else's
    reported_after = re.compile(
        r"[,—–]\s*[—–]?\s*(?:[\w-]+\s+){0,4}" + reporting_verbs + r"(?:\s+[\w-]+){0,4}\s*[.!?…]*\s*\Z", re.IGNORECASE)
    counter_opener = re.compile(r"^[ \t]*(?P<label>" + _words(data["counter_openers"]) + r")(?:,?[ \t]+(?:что|that)\b|,)[ \t]*",
                                re.IGNORECASE | re.MULTILINE)
    # ... or a sentence of the claim's own paragraph: "Миф первый: протест был мирным. На самом деле уже в пятницу …"
    counter_inline = re.compile(r"(?<=[.!?…»\"”])[ \t]+(?P<label>" + _words(data["counter_openers"]) + r")(?:,?[ \t]+(?:что|that)\b|,|"
                                r"(?=[ \t]))[ \t]*", re.IGNORECASE)
    return Cues(label, kinds, opponent, lowercase_word, power, en_said, ru_said, en_framing, ru_framing,
                plain_framing, refuted, framing_hint, said_hint, en_contrary,
                ru_contrary, contrast, next_marker, denial, motive_inline, motive_sentence, reporting, reported_after,
                doubt_verb, counter_opener, counter_inline)


# ---------------------------------------------------------------------------- data


@dataclass
class Debunk:
    """One staged rebuttal: spans of its fields in the document text."""

    form: str
    start: int
    end: int
    counter: Span
    claim: Span | None = None
    motive: Span | None = None
    attributed_to: str | None = None
    attributed_span: Span | None = None
    cue: str = ""
    labels: list[str] = field(default_factory=list)
    score: float = SCORE_LIST


@dataclass(frozen=True)
class _Label:
    kind: str
    word: str
    start: int  # where the item would start (opening markup or the label word)
    content: int  # first character after the label


class _Text:
    """The text with its paragraphs and sentences, and lookups by offset."""

    def __init__(self, text: str, paragraphs: list[Span], sentences: list[Span]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.sentences = sentences
        self._para_starts = [s for s, _ in paragraphs]

    def paragraph_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, offset) - 1)


# ---------------------------------------------------------------------------- helpers


def _words_of(cue: str) -> str:
    return " ".join(cue.lower().split())


def _trim(text: str, start: int, end: int, chars: str = _EDGE_MARKUP) -> Span:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _unquote(text: str, start: int, end: int) -> Span:
    """Drop quotes that enclose the whole field (a claim often comes quoted)."""
    if end - start >= 2 and _QUOTES.get(text[start]) == text[end - 1]:
        inner = text[start + 1 : end - 1]
        if text[start] not in inner and text[end - 1] not in inner:
            return _trim(text, start + 1, end - 1)
    return start, end


def _clean_claim(text: str, start: int, end: int, inline: bool) -> Span | None:
    start, end = _trim(text, start, end, _TRAILING_PUNCT + "*_" if inline else _EDGE_MARKUP)
    start, end = _unquote(text, start, end)
    return (start, end) if start < end else None


def _normalise_opponent(phrase: str, qualified: bool) -> str:
    phrase = re.sub(r"^(?:the|The)\s+", "", " ".join(phrase.split()))
    if qualified and phrase:
        first = re.match(r"[^\W\d_][\w-]*", phrase)
        if first and cues().lowercase_word.fullmatch(first.group(0)) and not first.group(0).isupper():
            phrase = phrase[0].lower() + phrase[1:]
    if re.search(r"[а-яё]", phrase, re.IGNORECASE):
        phrase = russian_nominative(phrase)
    return phrase


def _opponent_in(text: str, start: int, end: int) -> tuple[str, Span, int] | None:
    """The best opponent mention in ``text[start:end]``: (name, span, rank); phrases and outlets rank 0, powers 1."""
    best = None
    for m in cues().opponent.finditer(text, start, end):
        rank = 1 if cues().power.fullmatch(m.group(0)) else 0
        found = (_normalise_opponent(m.group(0), bool(m.group("qualified"))), (m.start(), m.end()), rank)
        if best is None or rank < best[2]:
            best = found
    return best


def _subject_opponent(text: str, start: int, end: int) -> tuple[str, Span] | None:
    """The opponent ending the stretch ``text[start:end]`` (the subject right before a verb), if any."""
    last = None
    for m in cues().opponent.finditer(text, start, end):
        last = m
    # only a parenthetical may stand between subject and verb ("Western media, however, claim …")
    if last is None or not re.fullmatch(r"\s*(?:,[^,]{1,30},)?\s*", text[last.end() : end]):
        return None
    return _normalise_opponent(last.group(0), bool(last.group("qualified"))), (last.start(), last.end())


def _reported(text: str, start: int, end: int) -> bool:
    """Whether a reporting verb precedes a framing in its sentence ("an official said it was a myth that …")."""
    return cues().reporting.search(text, start, end) is not None


# ---------------------------------------------------------------------------- list form


def _labels(text: str) -> list[_Label]:
    found = []
    for m in cues().label.finditer(text):
        at_line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        if not m.group("colon") and not at_line_start:
            continue  # a bare or dashed label ("Myth", "Миф — …") counts only at the start of a line
        word = " ".join(m.group("label").lower().split())
        start = m.start("open") if m.group("open") else m.start("label")
        found.append(_Label(cues().label_kinds[word], m.group("label"), start, m.end()))
    # a counter written as a sentence at the start of its line: "Правда в том, что …", "The truth is that …"
    found += [_Label("counter", m.group("label"), m.start("label"), m.end()) for m in cues().counter_opener.finditer(text)]
    for claim in [label for label in found if label.kind == "claim"]:
        line_end = text.find("\n", claim.content)
        inline = cues().counter_inline.search(text, claim.content, line_end if line_end >= 0 else len(text))
        if inline is not None:
            found.append(_Label("counter", inline.group("label"), inline.start("label"), inline.end()))
    return sorted(found, key=lambda label: label.start)


def _field(doc: _Text, label: _Label, limit: int) -> Span | None:
    """The content of a label: the rest of its paragraph, or the next paragraph when the label stands alone."""
    text = doc.text
    index = doc.paragraph_index(label.content)
    p_end = doc.paragraphs[index][1]
    start, end = _trim(text, label.content, min(p_end, limit))
    if start >= end and index + 1 < len(doc.paragraphs):
        start, end = _trim(text, doc.paragraphs[index + 1][0], min(doc.paragraphs[index + 1][1], limit))
    return (start, end) if start < end else None


def _list_items(doc: _Text, labels: list[_Label]) -> list[Debunk]:
    fields: list[tuple[_Label, Span]] = []
    for i, label in enumerate(labels):
        limit = labels[i + 1].start if i + 1 < len(labels) else len(doc.text)
        span = _field(doc, label, limit)
        if span is not None:
            fields.append((label, span))
    items: list[Debunk] = []
    claim = motive = None
    last_para = -1  # paragraph of the last field's end: the next label must follow at once

    def adjacent(label: _Label) -> bool:
        return doc.paragraph_index(label.start) <= last_para + 1

    def lead_paragraph(index: int) -> Span | None:
        """The content of a paragraph that opens with a short lead of its own ("Зачем это распространяют: …")."""
        start, end = doc.paragraphs[index]
        m = _LEAD.match("\n" + doc.text[start:end])
        if m is None or len(m.group("lead").split()) > 5 or cues().label.match(doc.text, start):
            return None
        content = _trim(doc.text, start + m.end() - 1, end)
        return content if content[0] < content[1] else None

    for label, span in fields:
        if claim is not None and motive is None and label.kind == "counter" and not adjacent(label) \
                and doc.paragraph_index(label.start) == last_para + 2:
            unlabelled = lead_paragraph(last_para + 1)  # "Фейк: X / Зачем это распространяют: Y / Факт: Z"
            if unlabelled is not None:
                motive, last_para = (None, unlabelled), last_para + 1
        if label.kind == "claim":
            claim, motive = (label, span), None
        elif claim is not None and adjacent(label):
            if label.kind == "motive":
                motive = (label, span)
            else:
                claim_span, unlabelled = _split_unlabelled_motive(doc.text, claim[1])
                if motive is None and unlabelled is not None:
                    motive = (None, unlabelled)
                claim_span = _clean_claim(doc.text, *claim_span, inline=False)
                items.append(Debunk(
                    "list", claim[0].start, span[1], counter=span, claim=claim_span,
                    motive=motive[1] if motive else None,
                    labels=[claim[0].word] + ([motive[0].word] if motive and motive[0] else []) + [label.word],
                    cue=claim[0].word,
                ))
                claim = motive = None
        elif label.kind == "counter" and claim is None and items and adjacent(label) \
                and doc.paragraph_index(items[-1].end) == last_para and items[-1].end == items[-1].counter[1]:
            # "Verdict: False. / What we found: …", "Rating: … / The facts: …": the finding goes on the verdict
            items[-1].counter = (items[-1].counter[0], span[1])
            items[-1].labels.append(label.word)
            items[-1].end = span[1]
        elif label.kind == "motive" and items and items[-1].motive is None and adjacent(label) \
                and doc.paragraph_index(items[-1].end) == last_para:
            # "Lie / Truth / Motive": a motive right after the counter belongs to that item; "Why the myths persist:"
            # after the last of several items, to every item that has none
            plural = len(items) > 1 and _PLURAL_MOTIVE.search(label.word) is not None
            for item in (items if plural else items[-1:]):
                if item.motive is None:
                    item.motive = span
                    item.labels.append(label.word)
            items[-1].end = span[1]
        else:
            claim = motive = None
        last_para = doc.paragraph_index(span[1])
    _closing_why(doc, items)
    return items


def _closing_why(doc: _Text, items: list[Debunk]) -> None:
    """A why-question opening the paragraph after the last item and the answer after it ("Why do these stories
    spread? Because they serve Moscow's interest …"): the motive of that item, or of every item without one when the
    question speaks of them all ("these stories", "Зачем это распространяют?")."""
    if not items:
        return
    after = doc.paragraph_index(items[-1].end) + 1
    if after >= len(doc.paragraphs):
        return
    start, end = doc.paragraphs[after]
    question = _WHY_LEAD.match(doc.text, start, end)
    if question is None:
        return
    # (the answer is the rest of the paragraph, "Because …" or not: "Зачем это распространяют? Западным фондам нужно …")
    answer = _BECAUSE.match(doc.text, question.end(), end)
    span = _trim(doc.text, answer.end() if answer else question.end(), end, _TRAILING_PUNCT)
    if span[0] >= span[1]:
        return
    plural = len(items) > 1 and _PLURAL_MOTIVE.search(doc.text, question.start(), question.end()) is not None
    for item in (items if plural else items[-1:]):
        if item.motive is None:
            item.motive = span
    items[-1].end = max(items[-1].end, span[1])


# a motive label that speaks of all the items: "Why the myths persist", "Почему мифы живучи", "Why they say these things"
_PLURAL_MOTIVE = re.compile(r"\b(?:myths|lies|fakes|claims|stories|these|they)\b|(?<!\w)(?:мифы|фейки|эти|это|их)(?!\w)", re.I)

# an interview's labels: "Q: …", "A: …", "Вопрос: …", "Ответ: …"
_QA_LABEL = re.compile(r"\s*(?:Q|A|В|О|Вопрос|Ответ)\s*[:.—–]\s*")

# "… claims that …", "утверждается, что": a sentence that tells more of the opponent's claim
# (or says where they have it from: "Авторы ссылаются на «спутниковые снимки»", "The authors cite …")
_CLAIMS_THAT = re.compile(r"\b(?:claims?|claimed|alleges?|alleged|asserts?|insists?)\s+that\b|(?<!\w)(?:утвержда\w+|уверя\w+),\s+что|"
                          r"\b(?:cites?|cited|citing|refers?\s+to|relies\s+on|relying\s+on)\b|(?<!\w)(?:ссыла\w+|ссылаясь)\s+на\b",
                          re.IGNORECASE)

# a line that opens with a short lead and a colon ("Why they repeat it:", "Зачем это распространяют:")
_LEAD = re.compile(r"\n[ \t*_]*(?P<lead>[^\W\d][^\n:.!?]{1,40}?)[ \t*_]*:[ \t*_]*(?=\S)")


def _split_unlabelled_motive(text: str, claim: Span) -> tuple[Span, Span | None]:
    """Between a claim and its counter, a line with a lead of its own is the motive, whatever its words:
    "Myth No. 1: X / Why they repeat it: Y / The facts: Z"."""
    m = _LEAD.search(text, claim[0], claim[1])
    if m is None or len(m.group("lead").split()) > 5:
        return claim, None
    motive = _trim(text, m.end(), claim[1])
    return _trim(text, claim[0], m.start()), (motive if motive[0] < motive[1] else None)


def _attribute_list_items(doc: _Text, items: list[Debunk], labels: list[_Label]) -> None:
    """The opponent of a list: named in an item's claim ("Lie: Western media claim …"), else in the
    paragraphs before the list (headings and other label paragraphs skipped)."""
    covered = {doc.paragraph_index(label.start) for label in labels}
    covered |= {i for item in items for i in range(doc.paragraph_index(item.start), doc.paragraph_index(item.end) + 1)}
    for item in items:
        inner = _said_claim(doc.text, *item.claim) if item.claim else None
        inner = inner or (_sourced_claim(doc.text, *item.claim) if item.claim else None)
        if inner is not None:
            item.attributed_to, item.attributed_span, item.claim = inner
            continue
        context = None
        seen = 0
        index = doc.paragraph_index(item.start) - 1
        while index >= 0 and seen < LIST_CONTEXT_PARAGRAPHS:
            if index not in covered:
                # a byline or a date line above the text ("By Farrukh Nazarov", "2 December 2026") uses up no context
                seen += len(doc.text[slice(*doc.paragraphs[index])].split()) > 3
                found = _opponent_in(doc.text, *doc.paragraphs[index])
                if found is not None and (context is None or found[2] < context[2]):
                    context = found
            index -= 1
        if context is not None:
            item.attributed_to, item.attributed_span = context[0], context[1]


def _said_claim(text: str, start: int, end: int) -> tuple[str, Span, Span] | None:
    """(opponent, its span, the claim) when a list claim reads "Western media claim that X"."""
    m = cues().opponent.search(text, start, end)
    if m is None or text[start : m.start()].strip():
        return None
    rest = text[m.end() : end].lstrip()
    offset = end - len(rest)
    for pattern in (cues().en_said, cues().ru_said):
        said = pattern.match(rest)
        if said and said.group("verb"):
            claim = _clean_claim(text, offset + said.start("claim"), end, inline=False)
            if claim is not None:
                return _normalise_opponent(m.group(0), bool(m.group("qualified"))), (m.start(), m.end()), claim
    return None


# "Claim: P, according to posts shared on Telegram this week." / "P, a video on TikTok says." / "P, сообщают
# телеграм-каналы со ссылкой на …": the source after the claim, without the time of its saying or its own source
_TIME_TAIL = r"(?:\s+(?:this|last)\s+(?:week|month|year)|\s+(?:on|last)\s+\w+day|\s+(?:yesterday|today))?"
_SOURCE_AFTER = (
    re.compile(r",\s+according\s+to\s+(?P<source>[^,;]+?)" + _TIME_TAIL + r"\s*[.!]?\s*$", re.IGNORECASE),
    re.compile(r",\s+(?P<source>(?:an?|the|some|several|many|one)\s+[^,;]+?)\s+(?:says|said|claims|claimed|"
               r"reports|reported|alleges|alleged|writes|wrote)" + _TIME_TAIL + r"\s*[.!]?\s*$", re.IGNORECASE),
    re.compile(r",\s+(?:сообща\w+|пиш\w+|утвержда\w+|уверя\w+|заявля\w+)\s+(?P<source>[^,;]+?)"
               r"(?:\s+со\s+ссылкой\s+на\s+[^,;]+)?\s*[.!]?\s*$", re.IGNORECASE),
)


def _sourced_claim(text: str, start: int, end: int) -> tuple[str, Span, Span] | None:
    """(source, its span, the claim) when a list claim ends by naming who makes it."""
    for pattern in _SOURCE_AFTER:
        m = pattern.search(text, start, end)
        if m is None or m.start() <= start:
            continue
        claim = _clean_claim(text, start, m.start(), inline=False)
        source = _trim(text, m.start("source"), m.end("source"))
        if claim is not None and len(text[source[0]:source[1]].split()) <= 10:
            return text[source[0]:source[1]], source, claim
    return None


# ---------------------------------------------------------------------------- inline form


def _overlapping(pattern: re.Pattern, text: str):
    """Every match start of ``pattern`` (its claim group runs to the end, so finditer would stop at the first)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    paragraph: int


def _split_counter(text: str, start: int, end: int) -> tuple[Span, Span, bool] | None:
    """Split "X, but in fact Y" inside a sentence: (claim X, counter Y, strong marker?)."""
    for m in cues().contrast.finditer(text, start, end):
        claim = (start, m.start())
        counter = _trim(text, m.end(), end)
        if claim[0] < claim[1] and counter[0] < counter[1]:
            return claim, counter, bool(m.group("strong"))
    return None


# "In January 2022, they told their readers, P", "В январе 2022 года, писали они своим читателям, P"
_ASIDE = re.compile(r"[^,.;:]{2,60},\s+(?:(?:they|они)\s+(?P<verb>told|tell|assured|assure|wrote|write|claimed|claim|"
                    r"insisted|insist|said|say|писали|уверяли|твердили|рассказывали|говорили|утверждали)|"
                    r"(?P<verb2>писали|уверяли|твердили|рассказывали|говорили|утверждали)\s+они)"
                    r"(?:\s+(?:(?:their|its)\s+(?:readers|viewers|audiences?|listeners)|us|the\s+world|нам|"
                    r"(?:своим\s+)?(?:читателям|зрителям)|всему\s+миру))?\s*,\s+(?P<claim>\S)", re.IGNORECASE)


# a why-question opening a line or a paragraph, and one that is the whole sentence
_WHY_LEAD = re.compile(r"\s*(?:(?:so|and|but|а|и|так)\s+)?(?:why|зачем|почему|для чего)\b[^?\n]*\?", re.I)
_WHY_QUESTION = re.compile(_WHY_LEAD.pattern + r"\s*$", re.I)
# (and what follows "Because it serves a purpose:" is the purpose itself)
_BECAUSE = re.compile(r"\s*(?:because|потому,?\s+что|затем,?\s+чтобы|чтобы|to(?=\s+\w))\s*(?:(?:it|this|that|это)\s+"
                      r"(?:serves|has|служит|имеет)\s+(?:a|одн\w+|свою)?\s*(?:purpose|goal|aim|цел\w*|задач\w*)\s*[:,—–-]\s*)?",
                      re.I)


class _InlineFinder:
    def __init__(self, doc: _Text) -> None:
        self.doc = doc
        self.sentences = [
            _Sentence(i, s, e, doc.paragraph_index(s)) for i, (s, e) in enumerate(doc.sentences)
        ]

    def _next(self, sentence: _Sentence, same_paragraph: bool) -> _Sentence | None:
        if sentence.index + 1 >= len(self.sentences):
            return None
        following = self.sentences[sentence.index + 1]
        if same_paragraph and following.paragraph != sentence.paragraph:
            return None
        return following

    def _counter_after(self, sentence: _Sentence, need_strong: bool, bare_ok: bool) -> tuple[Span, int, bool] | None:
        """The counter in the sentence(s) after a claim sentence: (span, item end, strong?).

        A marker sentence ("In reality, Y") gives Y; a denial ("That is a lie.")
        gives itself and the next sentence; with ``bare_ok`` (the framing itself
        says the claim is false) a plain next sentence of the paragraph is the counter.
        """
        text = self.doc.text
        following = self._next(sentence, same_paragraph=False)
        if following is None:
            return None
        body = text[following.start : following.end]
        label = _QA_LABEL.match(body)  # "A: That is a myth." in an interview
        body = body[label.end():] if label else body
        m = cues().next_marker.match(body)
        if label and m:
            following = _Sentence(following.index, following.start + label.end(), following.end, following.paragraph)
        if m and m.group("denial"):
            end = following.end
            after = self._next(following, same_paragraph=True)
            if after is not None:
                end = after.end
            return (following.start, end), end, True
        if m and (m.group("strong") or (m.group("weak") and not need_strong)):
            return _trim(text, following.start + m.end(), following.end), following.end, bool(m.group("strong"))
        if bare_ok and (_reported(text, following.start, following.end) or _CLAIMS_THAT.search(text, following.start, following.end)):
            # "… the false narrative that X. The latest version, published by …, claims that Z. In reality, Y": the
            # sentence that tells more of their claim is not the counter; a marker sentence after it is
            later = self._next(following, same_paragraph=False)
            for _ in range(2):
                if later is None:
                    break
                marked = cues().next_marker.match(text[later.start : later.end])
                if marked and marked.group("strong"):
                    return _trim(text, later.start + marked.end(), later.end), later.end, True
                later = self._next(later, same_paragraph=False)
        if bare_ok and following.paragraph == sentence.paragraph:
            return (following.start, following.end), following.end, False
        return None

    def find(self) -> list[Debunk]:
        found: list[Debunk] = []
        skip_until = -1
        for sentence in self.sentences:
            if sentence.start < skip_until:
                continue
            item = self._contrary(sentence)
            if item is None and cues().framing_hint.search(self.doc.text, sentence.start, sentence.end):
                item = self._refuted(sentence) or self._framing(sentence)
            if item is None and cues().said_hint.search(self.doc.text, sentence.start, sentence.end):
                item = self._said(sentence)
            if item is None:
                item = self._told_aside(sentence)
            if item is not None:
                self._motive(item, sentence)
                found.append(item)
                skip_until = item.end
        return found

    # "contrary to what the BBC says, Y" -------------------------------------------------
    def _contrary(self, sentence: _Sentence) -> Debunk | None:
        text = self.doc.text
        body = text[sentence.start : sentence.end]
        for pattern in (cues().en_contrary, cues().ru_contrary):
            m = pattern.match(body)
            if not m:
                continue
            holder = next(g for g in ("what", "poss", "of") if m.groupdict().get(g))
            opponent = _opponent_in(text, sentence.start + m.start(holder), sentence.start + m.end(holder))
            if opponent is None:
                continue
            claim = None
            if m.group("claim"):
                claim = _clean_claim(text, sentence.start + m.start("claim"), sentence.start + m.end("claim"), inline=True)
            counter = _trim(text, sentence.start + m.start("counter"), sentence.end)
            return Debunk("inline", sentence.start, sentence.end, counter=counter, claim=claim,
                          attributed_to=opponent[0], attributed_span=opponent[1], cue=m.group("cue").lower(),
                          score=SCORE_INLINE_STRONG)
        return None

    # "the false narrative that X, but in fact Y" / "миф о том, что X" ----------------------
    def _framing(self, sentence: _Sentence) -> Debunk | None:
        text = self.doc.text
        body = text[sentence.start : sentence.end]
        for pattern in (cues().en_framing, cues().ru_framing):
            m = pattern.search(body)
            if not m:
                continue
            cue_start = sentence.start + m.start("cue")
            if _reported(text, sentence.start, cue_start):
                continue
            opponent = _opponent_in(text, sentence.start, cue_start)
            item = self._claim_and_counter(sentence, sentence.start + m.start("claim"), opponent,
                                           m.group("cue"), need_strong=False, bare_ok=True)
            if item is not None:
                return item
        return None

    def _refuted(self, sentence: _Sentence) -> Debunk | None:
        """ "The narrative that X is false. Y": a plain framing noun whose clause ends in a refuting predicate."""
        text = self.doc.text
        m = cues().plain_framing.search(text[sentence.start : sentence.end])
        if not m:
            return None
        cue_start, claim_start = sentence.start + m.start("cue"), sentence.start + m.start("claim")
        predicate = cues().refuted.search(text, claim_start, sentence.end)
        if predicate is None or _reported(text, sentence.start, cue_start) \
                or _reported(text, predicate.end(), sentence.end):
            return None
        opponent = _opponent_in(text, sentence.start, cue_start)
        rest = _trim(text, predicate.end(), sentence.end, _TRAILING_PUNCT)
        if rest[0] < rest[1] and re.match(r"\s*[:—–]", text[predicate.end() : sentence.end]):
            # "… не выдерживает критики: Y"
            claim = _clean_claim(text, claim_start, predicate.start(), inline=True)
            counter, end, strong = _trim(text, rest[0], sentence.end), sentence.end, True
        else:
            after = self._counter_after(sentence, need_strong=False, bare_ok=True)
            if after is None:
                return None
            counter, end, strong = after
            claim = _clean_claim(text, claim_start, predicate.start(), inline=True)
        if claim is None:
            return None
        return Debunk("inline", sentence.start, end, counter=counter, claim=claim,
                      attributed_to=opponent[0] if opponent else None,
                      attributed_span=opponent[1] if opponent else None,
                      cue=f"{_words_of(m.group('cue'))} … {_words_of(predicate.group(0).strip(' ,—–'))}",
                      score=SCORE_INLINE_STRONG if strong else SCORE_INLINE_WEAK)

    # "Western media claim that X. In reality, Y" -------------------------------------------
    def _said(self, sentence: _Sentence) -> Debunk | None:
        text = self.doc.text
        body = text[sentence.start : sentence.end]
        for pattern in (cues().en_said, cues().ru_said):
            for m in _overlapping(pattern, body):
                verb_start = sentence.start + m.start("verb_aux" if m.group("verb") else "anon")
                if m.group("anon"):
                    if text[sentence.start : verb_start].strip() and not _QA_LABEL.fullmatch(text[sentence.start : verb_start]):
                        continue  # (an interviewer's "Q: Some say …" stays the question's)
                    opponent, kind = None, "neutral"
                else:
                    subject = _subject_opponent(text, sentence.start, verb_start)
                    if subject is None or _reported(text, sentence.start, subject[1][0]):
                        continue
                    if not _SUBJECT_LEAD.fullmatch(text[sentence.start : subject[1][0]]):
                        continue
                    opponent = (subject[0], subject[1], 0)
                    kind = "doubt" if cues().doubt_verb.match(m.group("verb").strip()) else "neutral"
                item = self._claim_and_counter(sentence, sentence.start + m.start("claim"), opponent,
                                               (m.group("verb") or m.group("anon")).lower(),
                                               need_strong=kind == "neutral", bare_ok=False)
                if item is not None:
                    return item
        return None

    def _told_aside(self, sentence: _Sentence) -> Debunk | None:
        """"Western media love a simple story. In January 2022, they told their readers, Russia used the CSTO to
        occupy Kazakhstan. In reality, …": what "they", the opponent opening the sentence before, told in an aside."""
        text = self.doc.text
        m = _ASIDE.match(text, sentence.start, sentence.end)
        previous = self.sentences[sentence.index - 1] if sentence.index else None
        if m is None or previous is None or previous.paragraph != sentence.paragraph:
            return None
        opponent = _opponent_in(text, previous.start, min(previous.end, previous.start + 40))
        if opponent is None or text[previous.start:opponent[1][0]].strip() not in ("", "The", "the"):
            return None
        return self._claim_and_counter(sentence, m.start("claim"), opponent, (m.group("verb") or m.group("verb2")).lower(),
                                       need_strong=True, bare_ok=False)

    def _claim_and_counter(self, sentence: _Sentence, claim_start: int, opponent, cue: str,
                           need_strong: bool, bare_ok: bool) -> Debunk | None:
        text = self.doc.text
        if cues().reported_after.search(text[claim_start : sentence.end]):
            return None
        split = _split_counter(text, claim_start, sentence.end)
        if split is not None and (split[2] or not need_strong):
            claim_span, counter, strong = split
            claim = _clean_claim(text, *claim_span, inline=True)
            end = sentence.end
        else:
            after = self._counter_after(sentence, need_strong, bare_ok)
            if after is None:
                return None
            counter, end, strong = after
            claim = _clean_claim(text, claim_start, sentence.end, inline=True)
        if claim is None or counter[0] >= counter[1]:
            return None
        start = sentence.start
        return Debunk("inline", start, end, counter=counter, claim=claim,
                      attributed_to=opponent[0] if opponent else None,
                      attributed_span=opponent[1] if opponent else None, cue=_words_of(cue),
                      score=SCORE_INLINE_STRONG if strong else SCORE_INLINE_WEAK)

    # motives: "a lie designed to …", "Their aim is obvious: …" -----------------------------
    def _motive(self, item: Debunk, sentence: _Sentence) -> None:
        text = self.doc.text
        m = cues().motive_inline.search(text, item.counter[0], item.counter[1])
        if m and cues().denial.match(text[item.counter[0] : item.counter[1]]):
            item.motive = _trim(text, m.start("motive"), self._sentence_end(m.start()), _TRAILING_PUNCT)
            return
        last = self._sentence_at(item.end)
        # the next sentence, or the one opening the next paragraph ("… в 2006 году. / Зачем это нужно Западу, понятно: …")
        following = self._next(last, same_paragraph=False) if last else None
        if following is not None and following.paragraph > last.paragraph + 1:
            following = None
        if following is not None:
            m = cues().motive_sentence.match(text[following.start : following.end])
            if m:
                item.motive = _trim(text, following.start + m.start("motive"), following.end, _TRAILING_PUNCT)
                item.end = following.end
                return
        # "… Not a single CSTO soldier took part in the clashes. / Why do they keep repeating the occupation story?
        # Because it serves a purpose: …": the answer to a why-question in the next paragraph or the one after the
        # counter's own
        question = following
        for _ in range(2):
            if question is None or question.paragraph > last.paragraph + 1:
                return
            answer = self._next(question, same_paragraph=True)
            if _WHY_QUESTION.match(text, question.start, question.end) and answer is not None:
                m = _BECAUSE.match(text, answer.start, answer.end)
                if m:
                    item.motive = _trim(text, m.end(), answer.end, _TRAILING_PUNCT)
                    item.end = answer.end
                    return
            question = self._next(question, same_paragraph=False)

    def _sentence_at(self, offset: int) -> _Sentence | None:
        for sentence in self.sentences:
            if sentence.start < offset <= sentence.end:
                return sentence
        return None

    def _sentence_end(self, offset: int) -> int:
        sentence = self._sentence_at(offset + 1)
        return sentence.end if sentence else len(self.doc.text)


# ---------------------------------------------------------------------------- entry points


def find_debunks(text: str, paragraphs: list[Span], sentences: list[Span]) -> list[Debunk]:
    """Every staged rebuttal in a text, in text order: labelled list items first, then inline framing outside them."""
    if not paragraphs:
        return []
    doc = _Text(text, paragraphs, sentences)
    labels = _labels(text)
    items = _list_items(doc, labels)
    _attribute_list_items(doc, items, labels)
    taken = [(i.start, i.end) for i in items]
    for item in _InlineFinder(doc).find():
        if not any(item.start < e and s < item.end for s, e in taken):
            items.append(item)
    for item in items:
        item.start, item.end = strip_span(text, item.start, item.end)
    return sorted(items, key=lambda i: (i.start, i.end))


def _attrs(text: str, item: Debunk) -> dict[str, Any]:
    def piece(span: Span | None) -> str | None:
        return None if span is None else text[span[0] : span[1]]

    attrs: dict[str, Any] = {
        "attributed_to": item.attributed_to,
        "claim": piece(item.claim),
        "motive": piece(item.motive),
        "counter": piece(item.counter),
        "form": item.form,
        "cue": item.cue,
        "claim_span": list(item.claim) if item.claim else None,
        "motive_span": list(item.motive) if item.motive else None,
        "counter_span": list(item.counter),
        "attributed_span": list(item.attributed_span) if item.attributed_span else None,
    }
    if item.labels:
        attrs["labels"] = item.labels
    return attrs


@analyzer("debunks", version=VERSION, requires=("paragraph", "sentence"), assigns=("debunk",))
class DebunkAnalyzer(Analyzer):
    """Rebuttals the author stages: "Lie / Motive / Truth" lists and inline counter-narrative framing."""

    def __call__(self, doc: Document) -> Document:
        doc.drop_layer("debunk")
        paragraphs = [(a.start, a.end) for a in doc.layer("paragraph")]
        sentences = [(a.start, a.end) for a in doc.layer("sentence")]
        for item in find_debunks(doc.text, paragraphs, sentences):
            doc.add(Annotation("debunk", item.start, item.end, label=None, attrs=_attrs(doc.text, item),
                               score=item.score, analyzer=self.name, version=self.version))
        return doc
