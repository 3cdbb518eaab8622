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
from typing import Iterator

from ..model import Annotation, Document
from ..pipeline import Analyzer, analyzer

_BLANK_RUN = re.compile(r"(?:[ \t\r\f\v\u00a0]*\n){2,}|\Z")
# A line ending like this closes its paragraph even without a blank line after it.
_PARAGRAPH_END = re.compile(r"[.!?…:;»\"”'’)\]]\s*$|^\s*(?:#|[-*•–—]\s|\d+[.)]\s).*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–—]\s|\d+[.)]\s)")


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        stop = end if newline == -1 else newline
        yield pos, stop
        pos = stop + 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of paragraphs, trimmed of surrounding white space."""
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
            if last or _PARAGRAPH_END.search(line) or next_is_item or not line.strip():
                s, e = _trim(text, para_start, line_end)
                if s < e:
                    spans.append((s, e))
                para_start = None
        block_start = match.end()
        if match.end() >= len(text):
            break
    return spans


@lru_cache(maxsize=1)
def _english_sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _razdel_sentences(text: str) -> list[tuple[int, int]]:
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]


def sentence_spans(paragraphs: list[str], language: str | None) -> list[list[tuple[int, int]]]:
    """Sentence ranges relative to each paragraph."""
    if language == "en":
        nlp = _english_sentencizer()
        return [
            [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
            for doc in nlp.pipe(paragraphs, batch_size=256)
        ]
    return [_razdel_sentences(p) for p in paragraphs]


@analyzer("segment", version="1", requires=("language",), assigns=("paragraph", "sentence"))
class Segmenter(Analyzer):
    """Adds ``paragraph`` and ``sentence`` annotations (replacing earlier ones)."""

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs):
        docs = list(docs)
        # Batch every English paragraph of the batch through one spaCy pipe call.
        by_language: dict[str | None, list[tuple[Document, tuple[int, int]]]] = {}
        for doc in docs:
            doc.drop_layer("paragraph")
            doc.drop_layer("sentence")
            for start, end in paragraph_spans(doc.text):
                doc.add(Annotation("paragraph", start, end, analyzer=self.name, version=self.version))
                by_language.setdefault(doc.language, []).append((doc, (start, end)))
        for language, items in by_language.items():
            texts = [doc.text[s:e] for doc, (s, e) in items]
            for (doc, (p_start, _)), sentences in zip(items, sentence_spans(texts, language)):
                for s, e in sentences:
                    doc.add(Annotation("sentence", p_start + s, p_start + e, analyzer=self.name, version=self.version))
        return docs
