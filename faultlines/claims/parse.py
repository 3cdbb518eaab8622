"""One token view over the shared parse, whichever language produced it.

English comes from spaCy (``doc.work["spacy"]``), Russian from natasha
(``doc.work["natasha"]``). Both become :class:`Tok` lists with character
offsets into the document text, head indices into the same list and
Universal-Dependencies-style relation names, so the extractor has one code
path. Nothing here parses: it only reads the parse the ``nlp`` analyzer left.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Document

# spaCy's English labels -> the UD names natasha uses.
_DEP = {"nsubjpass": "nsubj:pass", "dobj": "obj", "pobj": "pobj", "poss": "nmod:poss", "agent": "agent", "neg": "neg"}


@dataclass(slots=True)
class Tok:
    i: int
    text: str
    lower: str
    lemma: str
    pos: str
    dep: str
    head: int
    start: int
    end: int
    sent: int
    ent: str = ""  # entity type of the mention covering this token ("PERSON", "PER", "ORG", ...)
    case: str = ""  # Russian grammatical case (natasha feats), "" for English
    number: str = ""  # grammatical number ("Sing", "Plur"; spaCy's or natasha's morphology), "" where none is given


@dataclass(slots=True)
class Parsed:
    tokens: list[Tok]
    sentences: list[tuple[int, int]]  # token index ranges [first, last+1)
    children: list[list[int]]

    def sentence_of(self, index: int) -> tuple[int, int]:
        return self.sentences[self.tokens[index].sent]

    def subtree(self, index: int) -> list[int]:
        # heads may form a cycle (natasha predicts each head on its own: 129 of the 416 SemEval-2025 documents
        # have one): each token is visited once
        seen, stack = {index}, [index]
        while stack:
            for child in self.children[stack.pop()]:
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return sorted(seen)

    def tokens_in(self, start: int, end: int) -> list[Tok]:
        return [t for t in self.tokens if t.start >= start and t.end <= end]


def _from_spacy(sdoc) -> Parsed:
    tokens: list[Tok] = []
    sentences: list[tuple[int, int]] = []
    for s_index, sent in enumerate(sdoc.sents):
        sentences.append((sent.start, sent.end))
        for t in sent:
            dep = _DEP.get(t.dep_, t.dep_)
            number = t.morph.get("Number")
            tokens.append(Tok(t.i, t.text, t.lower_, t.lemma_.lower(), t.pos_, dep, t.head.i, t.idx, t.idx + len(t.text), s_index,
                              t.ent_type_, number=number[0] if number else ""))
    return _finish(tokens, sentences)


def _from_natasha(ndoc) -> Parsed:
    tokens: list[Tok] = []
    sentences: list[tuple[int, int]] = []
    ids: dict[str, int] = {}
    heads: list[str] = []
    for s_index, sent in enumerate(ndoc.sents):
        first = len(tokens)
        for t in sent.tokens:
            ids[t.id] = len(tokens)
            heads.append(t.head_id)
            tokens.append(Tok(len(tokens), t.text, t.text.lower(), t.text.lower(), t.pos or "", t.rel or "", -1, t.start, t.stop, s_index,
                              case=(t.feats or {}).get("Case", ""), number=(t.feats or {}).get("Number", "")))
        sentences.append((first, len(tokens)))
    for tok, head in zip(tokens, heads):
        tok.head = ids.get(head, tok.i)
    for span in getattr(ndoc, "spans", []) or []:
        for tok in tokens:
            if tok.start >= span.start and tok.end <= span.stop:
                tok.ent = span.type
    return _finish(tokens, sentences)


def _finish(tokens: list[Tok], sentences: list[tuple[int, int]]) -> Parsed:
    children: list[list[int]] = [[] for _ in tokens]
    for tok in tokens:
        if tok.head != tok.i:
            children[tok.head].append(tok.i)
    return Parsed(tokens, sentences, children)


def parsed(doc: Document) -> Parsed | None:
    """The token view of ``doc``'s shared parse, cached in ``doc.work``; None without a parse."""
    cached = doc.work.get("claims_parse")
    if cached is not None:
        return cached
    if doc.work.get("spacy") is not None:
        view = _from_spacy(doc.work["spacy"])
    elif doc.work.get("natasha") is not None:
        view = _from_natasha(doc.work["natasha"])
    else:
        return None
    doc.work["claims_parse"] = view
    return view
