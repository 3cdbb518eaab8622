"""Paragraph and sentence segmentation with offsets into the frozen text.

Paragraphs are runs of non-blank lines; inside a run a line break also ends a
paragraph when the line before it ends a sentence or a heading (so text with
one paragraph per line, as trafilatura and the SemEval corpora write it,
splits per line, while hard-wrapped prose stays whole). Sentences: spaCy's
rule-based sentencizer for English, razdel for Russian and other languages.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

import numpy as np

from ..model import Annotation, Document, strip_span
from ..sources import sources
from ..pipeline import Analyzer, analyzer

_BLANK_RUN = re.compile(r"(?:[ \t\r\f\v\u00a0]*\n){2,}|\Z")
# A line ending like this closes its paragraph even without a blank line after it.
_PARAGRAPH_END = re.compile(r"[.!?…:;»\"”'’)\]]\s*$|^\s*(?:#|[-*•–—]\s|\d+[.)]\s).*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–—]\s|\d+[.)]\s)")
# "DUSHANBE, Nov 26 (Reuters) - ", "МОСКВА, 3 дек — РИА Новости", "ALMATY, Nov 30, 2026 - ": at a paragraph's start
_DATELINE = re.compile(
    r"\s*(?:[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,40}|[^\n]{0,50}?\((?:Reuters|AP|AFP|TASS|ТАСС|РИА Новости|Sputnik|Xinhua|"
    r"Interfax|Интерфакс|RIA Novosti|Anadolu|Bloomberg)\))\s*[,(]?[^\n—–]{0,40}?\s[—–-]{1,2}\s"
)


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        stop = end if newline == -1 else newline
        yield pos, stop
        pos = stop + 1



def paragraph_spans(text: str, breaks: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Character ranges of paragraphs, trimmed of surrounding white space; a line ending at one of ``breaks``
    closes its paragraph (the headline and the byline above the text: "Headline / By X / 14 November 2026")."""
    breaks = set(breaks)
    spans: list[tuple[int, int]] = []
    block_start = 0
    for match in _BLANK_RUN.finditer(text):
        block_end = match.start()
        para_start = None
        lines = list(_lines(text, block_start, block_end))
        for index, (line_start, line_end) in enumerate(lines):
            if para_start is None:
                para_start = line_start
            line = text[line_start:line_end]
            last = index == len(lines) - 1
            next_is_item = not last and _LIST_ITEM.match(text, lines[index + 1][0]) is not None
            if last or _PARAGRAPH_END.search(line) or next_is_item or not line.strip() or line_end in breaks:
                s, e = strip_span(text, para_start, line_end)
                if s < e:
                    spans.append((s, e))
                para_start = None
        block_start = match.end()
        if match.end() >= len(text):
            break
    return spans


@lru_cache(maxsize=1)
def _english_tokenizer():
    import spacy
    from spacy.pipeline.sentencizer import Sentencizer

    nlp = spacy.blank("en")
    punct = {nlp.vocab.strings.add(ch) for ch in Sentencizer.default_punct_chars}
    return nlp.tokenizer, np.array(sorted(punct), dtype=np.uint64)


def _english_sentences(text: str) -> list[tuple[int, int]]:
    """spaCy's sentencizer rule, vectorized over the token arrays (its Python loop is the bottleneck).

    A token starts a sentence when it is not punctuation and a sentence-final
    character (.!? …) occurs after the previous non-punctuation token; the
    tokenizer's exceptions keep "U.S.", "Dec." and "Mr." whole.
    """
    from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH

    tokenizer, final_punct = _english_tokenizer()
    doc = tokenizer(text)
    if not len(doc):
        return []
    rows = doc.to_array([ORTH, IDX, LENGTH, IS_PUNCT])
    is_final = np.isin(rows[:, 0], final_punct)
    punct_like = is_final | (rows[:, 3] == 1)
    # finals_before[i]: sentence-final tokens seen before token i; compare with the count at the
    # previous non-punctuation token to know whether one came in between.
    finals_before = np.concatenate(([0], np.cumsum(is_final)[:-1]))
    index = np.arange(len(rows))
    last_word = np.maximum.accumulate(np.where(~punct_like, index, -1))
    prev_word = np.concatenate(([-1], last_word[:-1]))
    safe = np.maximum(prev_word, 0)
    finals_through_prev_word = np.where(prev_word >= 0, finals_before[safe] + is_final[safe], 0)
    # a word written against the full stop before it does not start a sentence: "the Kavkaz.Realii outlet"
    spaced = np.concatenate(([True], (rows[1:, 1] > rows[:-1, 1] + rows[:-1, 2]) | ~is_final[:-1]))
    for i in np.flatnonzero(~spaced):  # (but '"He left."' after 'It ended.' opens a quotation)
        spaced[i] = not text[rows[i, 1]].isalnum()
    starts = np.flatnonzero(~punct_like & (finals_before > finals_through_prev_word) & (index > 0) & spaced)
    bounds = [0, *starts.tolist(), len(rows)]
    return [
        (int(rows[a, 1]), int(rows[b - 1, 1] + rows[b - 1, 2]))
        for a, b in zip(bounds, bounds[1:])
        if a < b
    ]


# "he wrote on X. He added …": the platform's name, which the tokenizer keeps with its period as an initial
_PLATFORM_X = re.compile(r"\b(?:on|via)\s+X\.(?=\s+([A-Z\"“]))")


def after_platform_x(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(where a sentence ends, where the next starts) at each "on X." in ``text[start:end]``."""
    return [(m.end(), m.start(1)) for m in _PLATFORM_X.finditer(text, start, len(text) if end is None else end)]


def _split_platform_x(sentences: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    out = []
    for start, end in sentences:
        for stop, following in after_platform_x(text, start, end):
            out.append((start, stop))
            start = following
        out.append((start, end))
    return out


def _razdel_sentences(text: str) -> list[tuple[int, int]]:
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]


def _clip(sentences: list[tuple[int, int]], paragraphs: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sentences cut at paragraph boundaries (a sentence never spans two paragraphs), trimmed.

    Both lists are sorted and non-overlapping, so one merge pass suffices.
    """
    clipped = []
    i = j = 0
    while i < len(sentences) and j < len(paragraphs):
        (s_start, s_end), (p_start, p_end) = sentences[i], paragraphs[j]
        start, end = strip_span(text, max(s_start, p_start), min(s_end, p_end))
        if start < end:
            clipped.append((start, end))
        if s_end <= p_end:
            i += 1
        else:
            j += 1
    return clipped


def sentence_spans(text: str, paragraphs: list[tuple[int, int]], language: str | None) -> list[tuple[int, int]]:
    """Sentence ranges in ``text``, none crossing a paragraph boundary."""
    if language == "en":
        return _split_platform_x(_clip(_english_sentences(text), paragraphs, text), text)
    return [
        (p_start + s, p_start + e)
        for p_start, p_end in paragraphs
        for s, e in _razdel_sentences(text[p_start:p_end])
    ]


def _header_breaks(doc: Document) -> list[int]:
    """Where the lines of the headline and of the byline (as ingest read them) end."""
    ends = [doc.title_end()] if doc.title_end() else []
    byline = doc.meta.get("byline")
    if isinstance(byline, list) and len(byline) == 2 and isinstance(byline[1], int):
        ends.append(byline[1])
    return [len(doc.text) if (line_end := doc.text.find("\n", end)) == -1 else line_end for end in ends]


_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)"
          r"[a-zа-яё]*\.?")
# "БИШКЕК, 26 ноября. Правительственные делегации …", a line "ДУШАНБЕ, 4 декабря 2026 года.": a place in capitals
# and a date closed by a full stop (a place written as a name only on a line of its own: "Бишкек, 2 декабря 2026 года.")
_DATELINE_DATE = re.compile(
    rf"\s*(?:(?P<caps>[A-ZА-ЯЁ][A-ZА-ЯЁ'-]{{2,}}(?:[ -][A-ZА-ЯЁ'-]{{2,}}){{0,2}})|[A-ZА-ЯЁ][a-zа-яё'-]+"
    rf"(?:[ -][A-ZА-ЯЁ][a-zа-яё'-]+)?),[ \t]*(?:\d{{1,2}}[ \t]+{_MONTH}|{_MONTH}[ \t]+\d{{1,2}})"
    rf"(?:,?[ \t]+\d{{4}}(?:[ \t]+(?:года|г\.))?)?\.(?:[ \t]+|$)",
    re.IGNORECASE,
)


# a live blog's entry opens with its time: "15:30 — Two border guards were killed …", "14:05 (мск) — …"
_ENTRY_TIME = re.compile(r"[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*(?:\(?(?:GMT|UTC|MSK|мск|МСК|local time|по московскому времени)\)?))?"
                         r"[ \t]*[—–-]{1,2}[ \t]+")


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where the wire dateline opening the paragraph ``text[start:end]`` ends, or None without one."""
    entry = _ENTRY_TIME.match(text, start, end)
    if entry:
        return entry.end()
    m = _DATELINE.match(text, start, min(end, start + 120))
    if m:
        # "МОСКВА, 3 дек — РИА Новости. Переговоры …": the agency's credit after the dash belongs to the dateline
        credit = sources().find_outlet(text[m.end():min(end, m.end() + 40)])
        if credit is not None and credit[0] == 0:
            after = re.match(r"[.,]\s*", text[m.end() + credit[1]:end])
            if after:
                return m.end() + credit[1] + after.end()
        quoted = _QUOTED_CREDIT.match(text, m.end(), end)  # "НУКУС, 1 июля — «Фергана». …": any name in quotes
        return quoted.end() if quoted else m.end()
    m = _DATELINE_DATE.match(text, start, end)
    if m and (m.group("caps") and m.group("caps").isupper() or not text[m.end():end].strip()):
        # "ДУШАНБЕ, 7 декабря. /ТАСС/. Сотрудники …": the agency's credit after the date belongs to the dateline
        credit = _SLASHED_CREDIT.match(text, m.end(), end)
        if credit and sources().find_outlet(credit.group(1)) is not None:
            return credit.end()
        return m.end()
    return None


# A legal note under a Russian article ("* Движение находится под санкциями ООН …", "*Организация запрещена в РФ"):
# boilerplate the law requires after a banned group's name, which says nothing of the story
_LEGAL_NOTE = re.compile(r"\s*(?:\*{1,3}|\(\*\)|¹)\s*[^\n]{0,300}?(?:запрещ|террористическ|экстремистск|"
                         r"иностранн\w+\s+агент|нежелательн|санкци|banned|outlawed|designated|terrorist\s+organi[sz]ation|"
                         r"foreign\s+agent|sanctions?\b)[^\n]{0,200}$", re.IGNORECASE)


def is_legal_note(text: str, start: int, end: int) -> bool:
    """Whether the paragraph ``text[start:end]`` is the legal note a starred name points to."""
    return end - start <= 400 and _LEGAL_NOTE.match(text[start:end].rstrip()) is not None


_QUOTED_CREDIT = re.compile(r"[«\"“][^»\"”\n]{2,30}[»\"”]\.[ \t]*")
_SLASHED_CREDIT = re.compile(r"[/(]\s*([^/()\n]{2,30}?)\s*[/)]\.?[ \t]*")


# 2: the ``dateline`` layer; 3: the headline and byline lines are paragraphs of their own, "ДУШАНБЕ, 4 декабря." a
# dateline, and an agency's credit after the dash ("— АКИpress.") is the dateline's; 4: so is "/ТАСС/." after the date;
# 5: and a name in quotes after the dash ("— «Фергана»."); 6: the ``boilerplate`` layer; 7: a live blog entry's time;
# 8: "he wrote on X. He added …" is two sentences; 9: "the Kavkaz.Realii outlet" is one
@analyzer("segment", version="9", requires=("language",), assigns=("paragraph", "sentence", "dateline", "boilerplate"))
class Segmenter(Analyzer):
    """Adds ``paragraph``, ``sentence``, ``dateline`` and ``boilerplate`` annotations (replacing earlier ones): the
    wire dateline a paragraph opens with ("DUSHANBE, Nov 26 (Reuters) - ") is no part of what its first sentence
    says, and a legal note ("* Движение запрещено в РФ") no part of the story at all."""

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs):
        docs = list(docs)
        for doc in docs:
            doc.drop_layer("paragraph")
            doc.drop_layer("sentence")
            doc.drop_layer("dateline")
            doc.drop_layer("boilerplate")
            paragraphs = paragraph_spans(doc.text, _header_breaks(doc))
            for start, end in paragraphs:
                doc.add(Annotation("paragraph", start, end, analyzer=self.name, version=self.version))
                if is_legal_note(doc.text, start, end):
                    doc.add(Annotation("boilerplate", start, end, label="legal note", analyzer=self.name,
                                       version=self.version))
                dateline = dateline_end(doc.text, start, end)
                if dateline is not None:
                    doc.add(Annotation("dateline", start, dateline, analyzer=self.name, version=self.version))
            for start, end in sentence_spans(doc.text, paragraphs, doc.language):
                doc.add(Annotation("sentence", start, end, analyzer=self.name, version=self.version))
        return docs
