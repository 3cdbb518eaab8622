"""Entity mentions for the roles analyzer: which named mentions are salient, and which name the same entity.

Mentions come from the ``ner`` layer (spaCy for English, natasha for
Russian) with types normalised to PER, ORG, GPE, NORP and LOC (spaCy
PERSON → PER, FAC → LOC; natasha LOC → GPE when the alias table knows a
state or capital), plus two kinds the NER misses: a demonym before an
authority or military noun ("Tajik authorities", "российские войска") and a
definite description referring back to a state or organisation named just
before ("the republic", "the same strategic partner", "эта страна").

Mentions of one document are merged into entities by, in order: the alias
table (``resources/roles_aliases.json``: aliases, capitals and seats of power,
demonym phrases, in English and by Russian lemmas, so "России" is "Россия"
and "Вашингтон" is the United States), surname matching of persons ("Zelensky"
joins "Volodymyr Zelensky"), and equal normalised text.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from ..model import Document, strip_span
from ..sources import sources
from ..text.nlp import morph_vocab, russian_lemma, russian_parts_of_speech

RESOURCES = Path(__file__).parent / "resources"
TYPE_MAP = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "LOC": "LOC", "FAC": "LOC"}

# Grammatical roles in which a state or place is only a setting, not an actor.
PLACE_PREPOSITIONS = {
    "en": {"in", "at", "near", "from", "to", "into", "across", "throughout", "within", "around", "outside", "inside",
           "via", "through", "toward", "towards", "along", "over", "beyond", "off", "onto"},
    "ru": {"в", "во", "на", "из", "под", "у", "около", "возле", "через", "по", "к", "до", "вокруг", "над", "близ"},
}
_WORD = re.compile(r"[\w][\w.'’-]*", re.UNICODE)


# --------------------------------------------------------------------------- tokens and syntax


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str  # lower-cased
    dep: str  # spaCy label (en) or Universal Dependencies relation (ru)
    head: int  # index of the head token; the root points at itself
    sent: int


def tokens_of(doc: Document) -> list[Token]:
    """The document's tokens with lemma and dependency head, from the nlp pass's parse (cached in ``doc.work``)."""
    cached = doc.work.get("roles.tokens")
    if cached is not None:
        return cached
    tokens: list[Token] = []
    if "spacy" in doc.work:
        tokens = _spacy_tokens(doc.work["spacy"])
    elif "natasha" in doc.work:
        parsed = doc.work["natasha"]
        index: dict[str, int] = {}
        flat = []
        for n, sent in enumerate(parsed.sents):
            for t in sent.tokens:
                index[t.id] = len(flat)
                flat.append((t, n))
        for i, (t, n) in enumerate(flat):
            lemma = t.lemma if t.lemma is not None else russian_lemma(t.text)  # the nlp pass's, when it gave one
            tokens.append(Token(t.start, t.stop, t.text, lemma, t.rel or "", index.get(t.head_id, i), n))
    else:  # no parse (other language or library use): words only
        sentences = [(a.start, a.end) for a in doc.layer("sentence")] or [(0, len(doc.text))]
        for n, (s, e) in enumerate(sentences):
            for m in _WORD.finditer(doc.text, s, e):
                tokens.append(Token(m.start(), m.end(), m.group(), m.group().lower(), "", len(tokens), n))
    doc.work["roles.tokens"] = tokens
    return tokens


def _spacy_tokens(parsed) -> list[Token]:
    """:class:`Token` s of a spaCy parse, read as arrays (a quarter faster than reading each token's attributes)."""
    from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH

    if not len(parsed):
        return []
    array = parsed.to_array([IDX, LENGTH, HEAD, LEMMA, DEP])
    heads = array[:, 2].astype(np.int64) + np.arange(len(parsed))  # HEAD is relative, stored unsigned
    sent_of = np.zeros(len(parsed), dtype=np.int64)
    for n, sent in enumerate(parsed.sents):
        sent_of[sent.start : sent.end] = n
    strings, text = parsed.vocab.strings, parsed.text
    return [Token(start, start + length, text[start : start + length], strings[lemma].lower(), strings[dep], head, sent)
            for start, length, head, lemma, dep, sent in zip(array[:, 0].tolist(), array[:, 1].tolist(), heads.tolist(),
                                                                array[:, 3].tolist(), array[:, 4].tolist(),
                                                                sent_of.tolist())]


@dataclass
class TokenIndex:
    """Where a document's tokens are, so that a span finds its tokens and a mention its sentence without a scan."""

    starts: list[int]
    ends: list[int]  # tokens neither overlap nor go backwards, so both lists are sorted
    by_sentence: dict[int, list[int]]  # token indices per sentence, in order

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> "TokenIndex":
        by_sentence: dict[int, list[int]] = {}
        for i, t in enumerate(tokens):
            by_sentence.setdefault(t.sent, []).append(i)
        return cls([t.start for t in tokens], [t.end for t in tokens], by_sentence)

    def inside(self, start: int, end: int) -> range:
        """The tokens overlapping [start, end); ``.stop`` is the first token at or after ``end``."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))


def token_index(doc: Document) -> TokenIndex:
    """The :class:`TokenIndex` of :func:`tokens_of` (cached in ``doc.work``)."""
    cached = doc.work.get("roles.token_index")
    if cached is None:
        cached = doc.work["roles.token_index"] = TokenIndex.of(tokens_of(doc))
    return cached


def head_of(doc: Document, start: int, end: int) -> int | None:
    """The token of a span whose head lies outside it (the span's syntactic head)."""
    tokens = tokens_of(doc)
    inside = token_index(doc).inside(start, end)
    for i in inside:
        h = tokens[i].head
        if h == i or not (start <= tokens[h].start < end):
            return i
    return inside[-1] if inside else None


def grammatical_role(tokens: Sequence[Token], i: int, lang: str) -> tuple[str, str]:
    """(coarse role, governing word's lemma) of token ``i``: subj, subjpass, obj, agent, poss, prep:<lemma>, mod, …

    Conjuncts, appositions and name parts take the role of what they attach to.
    """
    seen = set()
    while tokens[i].dep in ("conj", "appos", "flat", "flat:name", "flat:foreign") and tokens[i].head != i and i not in seen:
        seen.add(i)
        i = tokens[i].head
    t = tokens[i]
    head = tokens[t.head]
    dep = t.dep
    if lang == "en":
        if dep in ("nsubj", "csubj", "expl"):
            return "subj", head.lemma
        if dep in ("nsubjpass", "csubjpass"):
            return "subjpass", head.lemma
        if dep in ("dobj", "dative", "oprd"):
            return "obj", head.lemma
        if dep == "pobj":
            governor = tokens[head.head].lemma
            if head.dep == "agent":
                return "agent", governor
            return f"prep:{head.lemma}", governor
        if dep == "poss":
            return "poss", head.lemma
        if dep in ("amod", "compound", "nmod", "npadvmod", "nummod"):
            return "mod", head.lemma
        if dep in ("attr", "acomp"):
            return "attr", head.lemma
        if dep == "ROOT":
            return "root", t.lemma
        return dep or "other", head.lemma
    if dep == "nsubj":
        return "subj", head.lemma
    if dep == "nsubj:pass":
        return "subjpass", head.lemma
    if dep in ("obj", "iobj"):
        return "obj", head.lemma
    if dep in ("obl", "obl:agent", "nmod"):
        case = _case_of(tokens, i)
        if case is not None:
            return f"prep:{case}", head.lemma
        return ("poss" if dep == "nmod" else "obl"), head.lemma
    if dep in ("amod", "compound"):
        return "mod", head.lemma
    if dep == "root":
        return "root", t.lemma
    return dep or "other", head.lemma


def _case_of(tokens: Sequence[Token], i: int) -> str | None:
    """The preposition attached to token ``i`` (UD ``case``), searched among the few tokens before it."""
    for j in range(max(0, i - 4), i):
        if tokens[j].dep == "case" and tokens[j].head == i:
            return tokens[j].lemma
    return None


# --------------------------------------------------------------------------- the alias table


_POSSESSIVE, _ARTICLE, _SPACES = re.compile(r"'s?$"), re.compile(r"^(?:the|a|an)\s+"), re.compile(r"\s+")


def english_key(text: str) -> str:
    t = text.strip().strip("\"'«»“”„").lower().replace("’", "'")
    t = _ARTICLE.sub("", _POSSESSIVE.sub("", t))
    return _SPACES.sub(" ", t).strip(" .,;:")


def russian_key(text: str) -> str:
    return " ".join(russian_lemma(w) for w in re.findall(r"[\w]+(?:-[\w]+)*", text.strip("\"'«»“”„")))


def mention_key(text: str, lang: str) -> str:
    """Normalised form compared for identity: lower case without article/possessive (en), lemmas (ru)."""
    return russian_key(text) if lang == "ru" else english_key(text)


@dataclass(frozen=True)
class KnownEntity:
    canonical: str
    type: str
    bloc: str


class Aliases:
    """The alias table, indexed by normalised key per language."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.entities: dict[str, KnownEntity] = {}
        self.keys: dict[str, dict[str, str]] = {"en": {}, "ru": {}}
        self.demonyms: dict[str, dict[str, str]] = {"en": {}, "ru": {}}
        self.military: dict[str, str] = {}
        # single words that name an entity wherever they stand, read even where the NER finds no name ("Талибы
        # строят канал": natasha tags no "талибы")
        self.words: dict[str, dict[str, str]] = {"en": {}, "ru": {}}
        for item in data["entities"]:
            known = KnownEntity(item["canonical"], item["type"], item.get("bloc", "other"))
            self.entities[known.canonical] = known
            for lang, words in item.get("words", {}).items():
                for word in words:
                    self.words[lang][mention_key(word, lang)] = known.canonical
            if item.get("military"):
                self.military[known.canonical] = item["military"]
            names = {lang: list(item.get(lang, [])) + list(item.get("seats", {}).get(lang, [])) for lang in ("en", "ru")}
            names["en"].append(known.canonical)
            for lang, aliases in names.items():
                for alias in aliases:
                    for key in self._keys(alias, lang):
                        self.keys[lang].setdefault(key, known.canonical)
            for lang, words in item.get("demonyms", {}).items():
                for word in words:
                    for key in self._keys(word, lang):
                        self.demonyms[lang].setdefault(key, known.canonical)
        self.authority = {lang: {mention_key(w, lang) for w in words} for lang, words in data["authority_nouns"].items()}
        self.military_nouns = {lang: {mention_key(w, lang) for w in words} for lang, words in data["military_nouns"].items()}
        self.descriptions = {
            lang: {mention_key(w, lang): types.split("|") for types, words in by_type.items() for w in words}
            for lang, by_type in data["descriptions"].items() if lang != "about"
        }

    @staticmethod
    def _keys(text: str, lang: str) -> set[str]:
        keys = {mention_key(text, lang)}
        if lang == "ru":  # lower-case abbreviations in the table ("всу", "вс рф") are matched unlemmatized too
            keys.add(re.sub(r"\s+", " ", text.lower().strip()))
        return keys

    def lookup(self, text: str, lang: str) -> KnownEntity | None:
        keys = self.keys.get(lang, {})
        for key in (mention_key(text, lang), re.sub(r"\s+", " ", text.lower().strip())):
            if key in keys:
                return self.entities[keys[key]]
        if lang == "en":  # "President Putin", "US President Joe Biden": a known person's name at the end
            words = mention_key(text, lang).split()
            for n in (3, 2, 1):
                if len(words) > n and " ".join(words[-n:]) in keys:
                    known = self.entities[keys[" ".join(words[-n:])]]
                    if known.type == "PER":
                        return known
        return None

    def bloc(self, canonical: str | None) -> str:
        known = self.entities.get(canonical or "")
        return known.bloc if known else "none"


@lru_cache(maxsize=1)
def aliases() -> Aliases:
    return Aliases(json.loads((RESOURCES / "roles_aliases.json").read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- mentions and entities


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str
    kind: str = "ner"  # ner | demonym | description | given
    key: str = ""
    canonical: str | None = None  # from the alias table
    role: str = "other"  # grammatical role of the head (grammatical_role)
    governor: str = ""
    sent: int = 0
    salient: bool = True
    entity: int = -1  # index into the document's entity list


@dataclass
class Entity:
    id: str
    canonical: str
    type: str
    bloc: str
    mentions: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # offsets of its mentions


def _datelines(doc: Document) -> list[tuple[int, int]]:
    """The (start, end) of every paragraph's dateline ("DUSHANBE, Nov 26 (Reuters) - "), the segmenter's, of a wire's
    credits ("(Reporting by …; Editing by …)"), and of the byline's name that ingest found ("By Rustam Nazarov") or,
    without one, a person's name alone on the line under the title ("Забывчивые друзья из Бишкека / Игорь
    Малахов"): whoever files or writes the piece is no entity it casts."""
    spans = [(a.start, a.end) for a in doc.layer("dateline")] + [m.span() for m in _CREDITS.finditer(doc.text)]
    byline = doc.meta.get("byline")
    if isinstance(byline, list) and len(byline) == 2 and all(isinstance(x, int) for x in byline):
        # the whole line: "Analysis by Elena Morozova" (spaCy's ORG "Analysis")
        line_start = doc.text.rfind("\n", 0, byline[0]) + 1
        line_end = doc.text.find("\n", byline[1])
        spans.append((line_start, line_end if line_end >= 0 else len(doc.text)))
    elif doc.title_end():
        line = re.match(r"[ \t]*\n\s*([^\n]+?)[ \t]*(?:\n|$)", doc.text[doc.title_end():])
        if line is not None:
            start, end = doc.title_end() + line.start(1), doc.title_end() + line.end(1)
            # (or followed by the date it was written: "Сергей Волков, 6 декабря 2026 года")
            dated = _DATED_BYLINE.search(doc.text, start, end)
            for a in doc.layer("ner"):
                if a.label in ("PER", "PERSON") and a.start == start and (
                        a.end == end or dated is not None and dated.start() == a.end):
                    spans.append((a.start, a.end))
    return spans


def _in_dateline(datelines: Sequence[tuple[int, int]], start: int) -> bool:
    return any(s <= start < e for s, e in datelines)


def _demonym_phrases(tokens: Sequence[Token], lang: str, table: Aliases) -> list[Mention]:
    """A demonym before an authority or military noun: 'Tajik authorities', 'Russian armed forces', 'российские войска'."""
    found = []
    for i, t in enumerate(tokens):
        state = table.demonyms[lang].get(t.lemma if lang == "ru" else t.text.lower())
        if state is None:
            continue
        h = t.head
        if not (i < h <= i + 3) or t.dep not in ("amod", "compound", "nmod", "npadvmod", "nummod"):
            continue
        # "armed forces" / "вооружённые силы": the noun with its modifiers between the demonym and the head
        between = tokens[i + 1 : h + 1]
        forms = {tokens[h].lemma, " ".join(x.lemma for x in between)}
        if lang == "en":
            forms |= {tokens[h].text.lower(), " ".join(x.text.lower() for x in between)}
        if forms & table.authority[lang]:
            canonical = state
        elif forms & table.military_nouns[lang]:
            canonical = table.military.get(state, state)
        else:
            continue
        known = table.entities[canonical]
        found.append(Mention(t.start, tokens[h].end, "", known.type, kind="demonym", canonical=canonical))
    return found


# A determiner, then up to three lower-case words of which one is the description's head noun.
_DESCRIPTION = {
    "en": re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?!(?:the|a|an)\b)(?:same\s+)?([a-z-]+)(?:\s+([a-z-]+))?(?:\s+([a-z-]+))?"),
    "ru": re.compile(r"(?i)\b(?:эт[аоиуй]\w*|данн\w+|т[аоуея][тйяю]?\s+же)\s+(\w+)(?:\s+(\w+))?(?:\s+(\w+))?"),
}


def _word_mentions(doc: Document, lang: str, table: Aliases, tokens: Sequence[Token],
                   taken: list[tuple[int, int]]) -> list[Mention]:
    """Words the alias table says name an entity wherever they stand (its ``words``), where no mention is yet."""
    words = table.words.get(lang, {})
    found = []
    for tok in tokens if words else ():
        canonical = words.get(mention_key(tok.text, lang))
        if canonical is None or any(s < tok.end and tok.start < e for s, e in taken):
            continue
        found.append(Mention(tok.start, tok.end, tok.text, table.entities[canonical].type))
        taken.append((tok.start, tok.end))
    return found


def _descriptions(doc: Document, lang: str, table: Aliases) -> list[tuple[int, int, list[str]]]:
    """Candidate definite descriptions: (start, end, compatible types)."""
    words = table.descriptions.get(lang, {})
    found = []
    for m in _DESCRIPTION[lang].finditer(doc.text):
        for g in (1, 2, 3):
            if m.group(g) is None or (lang == "ru" and not m.group(g).islower()):
                break
            head = mention_key(m.group(g), lang)
            if head in words:
                found.append((m.start(), m.end(g), words[head]))
                break
    return found


def find_mentions(doc: Document, given: Iterable[tuple[int, int]] = ()) -> list[Mention]:
    """Named-entity mentions of a parsed document (``ner`` layer + demonym phrases), plus ``given`` spans.

    ``given`` spans (the shared task's mentions) are kept even where the NER
    found nothing; NER mentions overlapping them are dropped.
    """
    lang = doc.language if doc.language in ("en", "ru") else "en"
    table = aliases()
    tokens = tokens_of(doc)
    mentions: list[Mention] = []
    given = sorted(set(given))
    for start, end in given:
        mentions.append(Mention(start, end, doc.text[start:end], "", kind="given"))
    phrases = _demonym_phrases(tokens, lang, table)
    taken = [(m.start, m.end) for m in mentions]
    for m in phrases:
        if not any(s < m.end and m.start < e for s, e in taken):
            m.text = doc.text[m.start : m.end]
            mentions.append(m)
            taken.append((m.start, m.end))
    ner_type: dict[tuple[int, int], str] = {}
    for a in doc.layer("ner"):
        label = TYPE_MAP.get(a.label or "")
        if label is None:
            continue
        # a name never runs across a line break ("Kharkiv\n\nRussian" is a parser slip)
        start, end = strip_span(doc.text, a.start, a.end)
        if "\n" in doc.text[start:end]:
            end = doc.text.index("\n", start)
        # "RFE/RL" is one name, of which the NER may tag "RFE" and "RL" apart
        while start > 1 and doc.text[start - 1] == "/" and doc.text[start - 2].isalnum():
            start = start - 1 - len(re.search(r"\w+$", doc.text[:start - 1]).group())
        while end + 1 < len(doc.text) and doc.text[end] == "/" and doc.text[end + 1].isalnum():
            end += 1 + len(re.match(r"\w+", doc.text[end + 1:]).group())
        counted = _COUNT_WORD.match(doc.text, start, end)  # "Eleven Kazakh workers": the number is no part of a name
        if counted and counted.end() < end:
            start = counted.end()
        joined = _AND_AT_END.search(doc.text, start, end)  # spaCy's "Sadyr Japarov and" of "Sadyr Japarov and Emomali …"
        if joined:
            end = joined.start()
        if end <= start:
            continue
        if lang == "ru" and label in ("PER", "ORG") and " " not in doc.text[start:end].strip() \
                and table.lookup(doc.text[start:end], lang) is None and not _is_demonym(doc.text[start:end], lang, table) \
                and russian_parts_of_speech(doc.text[start:end].strip()) == {"ADJF"}:
            continue  # natasha's PER "Забывчивые" of "Забывчивые друзья из Бишкека": an adjective names no one
        if lang == "en" and label != "NORP" and _common_noun_at_start(doc, start, end) \
                and table.lookup(doc.text[start:end], lang) is None and not _is_demonym(doc.text[start:end], lang, table):
            continue  # spaCy's ORG "Videos" of "Videos posted on social media showed …": a capital, no name
        if _LIST_LABEL.fullmatch(doc.text[start:end]) and doc.text.startswith(":", end) \
                and (start == 0 or doc.text[start - 1] == "\n"):
            continue  # spaCy's PERSON "Verdict" of a fact check's "Verdict: False.": a label, no name
        if _GENRE_LABEL.fullmatch(doc.text[start:end]) and (start == 0 or doc.text[start - 1] == "\n"):
            continue  # "Explainer: What is the CSTO …", "Интервью с гидрологом …" (natasha's PER): the kind of piece
        parts = re.split(r"[-–]", doc.text[start:end])
        if len(parts) == 2 and all(_is_demonym(part, lang, table) for part in parts):
            continue  # spaCy's ORG "Kyrgyz-Tajik" of "the Kyrgyz-Tajik border": two peoples' adjective, no name
        if _NO_ONE.fullmatch(doc.text[start:end]) or label == "ORG" and _PART_OF_A_TITLE.match(doc.text, end) \
                and " " not in doc.text[start:end] and table.lookup(doc.text[start:end], lang) is None:
            continue  # (spaCy's ORG "Interior" of "Deputy Interior Minister Igor Lepekha", natasha's "ГУ" of "ГУ МВД")
        if a.label == "FAC" and table.lookup(doc.text[start:end], lang) is None:
            continue  # a building, a river or "the Great Game" casts no role; a base the alias table knows may
        end = _before_verb(doc, start, end)  # natasha's "Канал Кош-Тепа обескровит Амударью" is no name
        while end > start + 1 and doc.text[end - 1] == "*":
            end -= 1  # "ИГИЛ*": the star points to the legal note, it is no part of the name
        if table.lookup(doc.text[start:end], lang) is None and (
                _FACILITY_AFTER.match(doc.text, end) or _FACILITY_BEFORE.search(doc.text[max(0, start - 30):start])
                or _FACILITY_BEFORE.match(doc.text[start:end].split(" ", 1)[0] + " ")
                or _FACILITY_AFTER.match(" " + doc.text[start:end].rsplit(" ", 1)[-1]) and " " in doc.text[start:end]):
            continue  # "the Qosh Tepa canal", "плотина Рогун", "Камбаратинской ГЭС"
        ner_type[(start, end)] = label
        if any(s < end and start < e for s, e in taken):
            continue
        mentions.append(Mention(start, end, doc.text[start:end], label))
        taken.append((start, end))
    mentions += _repeats(doc, mentions, taken)
    mentions += _word_mentions(doc, lang, table, tokens, taken)
    for m in mentions:
        known = table.lookup(m.text, lang) if m.canonical is None else table.entities[m.canonical]
        if known is not None:
            m.canonical = known.canonical
            m.type = known.type
        elif _is_demonym(m.text, lang, table):  # spaCy tags "Tajik" PERSON now and then
            m.type = "NORP"
        elif not m.type:  # a given span: the type of the NER mention overlapping it, else ORG
            m.type = next((t for (s, e), t in ner_type.items() if s < m.end and m.start < e), "ORG")
        if known is None and m.type in ("PER", "ORG") and (_is_town_or_region(m.text) or  # "Kulob" PERSON, "Panj" ORG
                                                          _named_as_place(doc.text, m.start, m.end)):
            m.type = "LOC"
        m.key = mention_key(m.text, lang)
        h = head_of(doc, m.start, m.end)
        if h is not None:
            m.role, m.governor = grammatical_role(tokens, h, lang)
            m.sent = tokens[h].sent
    # "detained 12 people in Nukus and Khodjeyli": a name the tables lack, joined to a place in the same setting, is one
    ordered = sorted(mentions, key=lambda m: m.start)
    for before, m in zip(ordered, ordered[1:]):
        if m.type in ("PER", "ORG") and m.canonical is None and before.type in ("GPE", "LOC") \
                and m.role == before.role and m.role.startswith("prep:") \
                and re.fullmatch(r"\s*(?:,|and|и|или|or)\s*", doc.text[before.end:m.start]):
            m.type = "LOC"
    # "will drain the Amu Darya", "turn the Panj into a sieve": a river is no entity; a satire's "The Syr Darya
    # announced …" acts and is one
    mentions[:] = [m for m in mentions if m.role == "subj" or m.kind != "ner" or not _is_river_name(doc.text, m.start, m.end)]
    mentions.sort(key=lambda m: (m.start, m.end))
    headline_end = _title_case_headline_end(doc)
    if headline_end:  # "Washington's New Friends in Tashkent Will Learn …": capitals make no name of "New Friends"
        body = doc.text[headline_end:]
        mentions[:] = [m for m in mentions if not (m.kind == "ner" and m.end <= headline_end and m.canonical is None
                                                   and m.text not in body and not _is_town_or_region(m.text))]
    _add_descriptions(doc, lang, table, tokens, mentions)
    # a legal note ("* Движение находится под санкциями ООН …") is no part of the story: it casts no one
    notes = [(a.start, a.end) for a in doc.layer("boilerplate")]
    mentions[:] = [m for m in mentions if not any(s <= m.start < e for s, e in notes)]
    return mentions


def _common_noun_at_start(doc: Document, start: int, end: int) -> bool:
    """Whether an English NER span is common nouns only and opens its sentence (capitalised for that alone)."""
    parsed = doc.work.get("spacy")
    span = parsed.char_span(start, end, alignment_mode="expand") if parsed is not None else None
    return bool(span) and span[0].is_sent_start and all(t.pos_ == "NOUN" for t in span)


def _title_case_headline_end(doc: Document) -> int:
    """Where the document's title ends when the text opens with it and it is written in title case (most words of
    four letters or more capitalised), else 0."""
    end = doc.title_end()
    long_words = [w for w in _WORD.findall(doc.title or "") if len(w) >= 4]
    capitalised = sum(w[0].isupper() for w in long_words)
    return end if end and len(long_words) >= 3 and capitalised >= 0.7 * len(long_words) else 0


_DATED_BYLINE = re.compile(r",[ \t]*(?:\d{1,2}[ \t]+[^\W\d]+\.?|[^\W\d]+\.?[ \t]+\d{1,2},?)[ \t]+\d{4}(?:[ \t]+(?:года|г\.))?\.?"
                           r"[ \t]*$")
_LIST_LABEL = re.compile(r"claim|myth|fact|facts|truth|lie|fake|verdict|rating|reality|motive|утверждение|миф|факт|"
                         r"правда|ложь|фейк|вердикт|мотив|реальность", re.I)
_GENRE_LABEL = re.compile(r"explainer|analysis|opinion|commentary|comment|interview|exclusive|update|live|breaking|"
                          r"разбор|анализ|мнение|комментарий|колонка|интервью|эксклюзив|молния", re.I)
_COUNT_WORD = re.compile(r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens\s+of|hundreds\s+of|"
                         r"двое|трое|четверо|пятеро|шестеро|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+",
                         re.I)
# a facility, a mine or field, or a body of water named by the word after or before it: no entity an article casts
# a wire's credits: "(Reporting by Nazira Saidova; Editing by Mark Heinrich)"
_CREDITS = re.compile(r"\((?:Additional\s+)?(?:Reporting|Writing|Editing)\s+by\b[^)]*\)", re.I)
_FACILITY_AFTER = re.compile(r"\s+(?:canal|dam|reservoir|river|bridge|airport|air\s+base|airbase|pipeline|highway|"
                             r"tunnel|hydropower\s+plant|power\s+plant|HPP|mine|(?:border\s+)?crossing|checkpoint|outpost|border\s+post|КПП|пункт\w*\s+пропуска|(?:oil|gas)?field|(?:oil|gas)\s+field|"
                             r"deposit|refinery|plant|factory|(?:water\s+)?intake|ГЭС|канал\w*|водохранилищ\w*|мост\w*|"
                             r"водозабор\w*|street|avenue|boulevard|market|bazaar|(?:railway\s+)?station|вокзал\w*|"
                             r"hospital|clinic|больниц\w*|госпитал\w*|клиник\w*)\b", re.I)
# what follows a one-word ORG the NER cut from a title ("Deputy Interior Minister", "ГУ МВД")
_PART_OF_A_TITLE = re.compile(r"\s+(?:Minister|Secretary|Commissioner|МВД|МЧС|ФСИН|ФСБ)\b")
# a building named by its first word ("Дом правительства", "Дома офицеров"), a medium that names no outlet ("СМИ",
# "Telegram-каналы"), a time zone: no one an article casts
_NO_ONE = re.compile(r"(?:Дом|Дома|Доме|Домом|Дому)\s.+|СМИ|(?:Telegram|Телеграмм?)-канал\w*|GMT|UTC|"
                     # a model or a numbered facility ("Mi-24", "Су-25", "Худжанд-500"), a common abbreviation ("ПВО" is
                     # air defence, "ИВС" a holding cell)
                     r"(?!G-)\w+-[A-ZА-Я]?\d+\w*|ПВО|ИВС|СИЗО|КПП|БПЛА|ДТП|ЧС|ЧП|"
                     # a weapon ("Bayraktar TB2"), a language ("spoke Dari"), a currency ("takes Chinese yuan"), the
                     # "State" of "Secretary of State"
                     r"(?:Bayraktar|Байрактар)\w*(?:\s+TB\d)?|TB\d|Dari|Pashto|Дари|Пушту|State|"
                     r"(?:[\w-]+\s+)?(?:yuan|rubles?|roubles?|dollars?|somoni|tenge|юан\w*|рубл\w*|доллар\w*|сомони|тенге)",
                     re.I)
_AND_AT_END = re.compile(r"\s+(?:and|и)$")
_FACILITY_BEFORE = re.compile(r"(?<!\w)(?:канал\w*|плотин\w*|ГЭС|водохранилищ\w*|рек\w*|мост\w*|аэропорт\w*|"
                              r"трубопровод\w*|тоннел\w*|туннел\w*|месторождени\w*|рудник\w*|шахт\w*|завод\w*|"
                              r"комбинат\w*|водозабор\w*|улиц\w*|ул\.|проспект\w*|переул\w*|бульвар\w*|"
                              r"рын(?:ок|ке|ка|ку)|базар\w*)\s+[«\"]?$|"
                              # a venue named in quotes where something happened: "теракт в «Крокус Сити Холле»"
                              r"(?<!\w)(?:теракт\w*|нападени\w*|взрыв\w*|пожар\w*|стрельб\w*)\s+(?:в|на|у)\s+[«\"]$|"
                              # a post named in quotes ("пост «Достук»"), not one named by whose it is ("пост полиции")
                              r"(?<!\w)(?:пост\w*|погранпост\w*|застав\w*|КПП)\s+[«\"]$", re.I)
# rivers whose names are no state, town or district; "Panj" / "Пяндж" is also a town and a district, a river
# only after "the" or a river word
_RIVERS = {"amu darya", "syr darya", "amudarya", "syrdarya", "vakhsh", "zeravshan", "zarafshan", "kafirnigan", "irtysh",
           "амударья", "сырдарья", "вахш", "зеравшан", "кафирниган", "иртыш"}
_WATER = re.compile(r"\s(?:Sea|Lake)(?:['’]s)?$|^(?:Lake|озер[оау])\s|\s(?:мор[еяю]|озер[оау])$", re.I)
_AMBIGUOUS_RIVERS = {"panj", "pyanj", "naryn", "chu", "ili", "talas", "пяндж", "нарын", "чу", "или", "талас"}


def _is_river_name(text: str, start: int, end: int) -> bool:
    name = re.sub(r"^the\s+|['’]s$", "", text[start:end].strip(), flags=re.I).lower()  # "the Amu Darya's flow"
    if _WATER.search(text[start:end]):
        return True  # "will not refill the Aral Sea", "Issyk-Kul Lake": a body of water, as a river is
    stem = name[:-1] if name[-1:] in "иеюуя" and len(name) > 4 else name  # "Амударью", "Сырдарьи"
    if name in _RIVERS or stem in _RIVERS or any(r.startswith(stem) and len(stem) >= 6 for r in _RIVERS):
        return True
    before = text[max(0, start - 12):start].lower()
    return name in _AMBIGUOUS_RIVERS and bool(re.search(r"(?:\bthe|рек[аиеу]|через)\s+$", before))


def _before_verb(doc: Document, start: int, end: int) -> int:
    """The end of an entity span cut before the first verb inside it (a Russian NER span may run on into its
    sentence: "Канал Кош-Тепа обескровит Амударью")."""
    parsed = doc.work.get("natasha")
    if parsed is None or end - start < 12:
        return end
    for sent in parsed.sents:
        for t in sent.tokens:
            # a word the tagger left unknown ("обескровит": X) counts when it can only be a verb
            verb = t.pos in ("VERB", "AUX") or (t.pos == "X" and t.text.islower()
                                                and russian_parts_of_speech(t.text) == {"VERB"})
            if start < t.start < end and verb:
                return len(doc.text[:t.start].rstrip()) if doc.text[start:t.start].strip() else end
    return end


def _is_demonym(text: str, lang: str, table: Aliases) -> bool:
    """"Tajik", "Tajiks", "таджикский": a people's name, not a person's."""
    key = mention_key(text, lang)
    return key in table.demonyms[lang] or (lang == "en" and key.endswith("s") and key[:-1] in table.demonyms[lang])


_PLACE_BEFORE = re.compile(r"(?:\b(?:village|town|city|settlement|district|region|province|oblast)\s+of\s+(?:the\s+)?|"
                           r"(?<!\w)(?:сел[оаеу]|посёлк[еау]|поселк[еау]|посёлок|поселок|город[еау]?|кишлак[еау]?|"
                           r"район[еау]?|населённ\w+ пункт\w*|махалл\w*|микрорайон\w*|квартал\w*)\s+[«\"]?|"
                           r"\b(?:mahalla|neighbou?rhood)\s+(?:of\s+)?[\"“]?)$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"^\s+(?:village|town|district|region|province|oblast)\b", re.IGNORECASE)


# a name that is a landform by its own last (English) or first (Russian) word: "the Ferghana Valley", "Ферганская долина"
_LANDFORM = re.compile(r"\s(?:Valley|Mountains|Desert|Basin|Plateau|Gorge|Steppe|Sea|Lake)$|"
                       r"\s(?:долин[аеуы]|ущель[еяю]|пустын[яие]|котловин[аеуы]|степ[ьи])$|"
                       r"^(?:долин[аеуы]|ущель[еяю]|пустын[яие]|озер[оау])\s")


def _named_as_place(text: str, start: int, end: int) -> bool:
    """"near the village of Kara-Bulak", "в селе Кара-Булак", "Kara-Bulak village", "the Ferghana Valley": the text
    says it is a place."""
    return bool(_PLACE_BEFORE.search(text[max(0, start - 40):start]) or _PLACE_AFTER.match(text[end:end + 20])
                or _LANDFORM.search(text[start:end]))


def _is_town_or_region(text: str) -> bool:
    """Whether the gazetteer (GeoNames towns, regions and districts, Russian case forms included) knows the
    whole name as a place below the state: the NER's "PERSON" Kulob and "ORG" Panj are places."""
    from ..events.gazetteer import gazetteer

    return any(p.kind in ("city", "admin1", "admin2") for p in gazetteer().lookup(text))


def _repeats(doc: Document, mentions: Sequence[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """Other occurrences of a name the NER found once ("Kharkiv has been hit" after "in Kharkiv")."""
    found = []
    names = {(m.text, m.type) for m in mentions if m.kind == "ner" and len(m.text) > 2}
    text = doc.text
    for name, type_ in sorted(names, key=lambda x: (-len(x[0]), x)):  # longest first, in a fixed order
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if _word_char(text, start - 1) or _word_char(text, end):  # not a whole word: look one further on
                start = text.find(name, start + 1)
                continue
            if not any(s < end and start < e for s, e in taken):
                found.append(Mention(start, end, name, type_))
                taken.append((start, end))
            start = text.find(name, end)
    return found


def _word_char(text: str, i: int) -> bool:
    """Whether ``text[i]`` exists and is a word character (what the regex ``\\w`` matches)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _add_descriptions(doc: Document, lang: str, table: Aliases, tokens: Sequence[Token], mentions: list[Mention]) -> None:
    """Definite descriptions resolved to the one compatible mention of the same or the previous sentence."""
    for start, end, types in _descriptions(doc, lang, table):
        if any(m.start < end and start < m.end for m in mentions):
            continue
        h = head_of(doc, start, end)
        if h is None or tokens[h].dep in ("det", "compound"):
            continue  # ("the state border": the word names a kind of border, no state; the phrase's head is outside)
        sent = tokens[h].sent
        role, governor = grammatical_role(tokens, h, lang)
        # a co-argument of the same verb is never the antecedent ("Moscow values the same partner")
        before = [m for m in mentions if m.end <= start and m.type in types and m.kind != "description"
                  and not (m.sent == sent and m.governor == governor)]
        candidates = [m for m in before if m.sent == sent]
        # "sent troops to Almaty when the country was …": a place named before it in its own sentence may be what
        # it means (the city's state), so no state of the sentence before is
        placed = set(types) & {"GPE", "LOC"} and any(m.sent == sent and m.end <= start and m.type in ("GPE", "LOC")
                                                     for m in mentions)
        if not candidates and not placed:
            candidates = [m for m in before if m.sent == sent - 1]
        names = {m.canonical or m.key for m in candidates}
        if len(names) > 1:  # ambiguous: only a lone grammatical subject may be meant
            subjects = {m.canonical or m.key for m in candidates if m.role == "subj"}
            names = subjects if len(subjects) == 1 else set()
        if len(names) != 1:
            continue
        antecedent = next(m for m in reversed(candidates) if (m.canonical or m.key) in names)
        mentions.append(Mention(start, end, doc.text[start:end], antecedent.type, kind="description",
                                key=antecedent.key, canonical=antecedent.canonical, role=role, governor=governor,
                                sent=sent))
    mentions.sort(key=lambda m: (m.start, m.end))


_ABBREVIATED = re.compile(r"^\w[^()]*\w\s*\(([A-ZА-ЯЁ]{2,8})\)$")
_ACRONYM = re.compile(r"[A-ZА-ЯЁ]{2,6}")
_MEMBER_OF = re.compile(r"\bmembers?\s+of\s+$|(?<!\w)член\w*\s+$", re.I)
_NOT_INITIALLED = {"of", "for", "the", "and", "on", "in", "по", "и", "в", "на", "при", "для"}


def _initials(key: str) -> str:
    """"государственный комитет национальный безопасность" → "гкнб" (function words are not abbreviated)."""
    return "".join(word[0] for word in key.split() if word not in _NOT_INITIALLED)


def merge(mentions: list[Mention], text: str = "") -> list[Entity]:
    """Group mentions into entities (sets ``Mention.entity``); entity ids are e1, e2… in order of first mention.
    ``text`` (the document's) lets an abbreviation in parentheses join the name before it."""
    table = aliases()
    # persons without an alias entry: full names are indexed by surname so a bare surname joins them
    by_surname: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "PER" and m.canonical is None and len(m.key.split()) >= 2:
            by_surname.setdefault(m.key.split()[-1], set()).add(m.key)
    # "Государственный комитет национальной безопасности (ГКНБ)", "the State Committee for National Security
    # (GKNB)": the abbreviation in parentheses is the same organisation wherever it stands alone
    spelled_out: dict[str, str] = {}
    for m in mentions:
        found = _ABBREVIATED.match(m.text)
        if found is not None and m.canonical is None:
            spelled_out[found.group(1).casefold()] = m.key
    for before, m in zip(mentions, mentions[1:]):
        # (also where the NER found the two apart: "State Committee for National Security" and "GKNB")
        if _ACRONYM.fullmatch(m.text) and before.type == "ORG" and before.canonical is None and m.canonical is None \
                and text[before.end:m.start] == " (" and text[m.end:m.end + 1] == ")" and len(before.key.split()) >= 2 \
                and not _MEMBER_OF.search(text, max(0, before.start - 14), before.start):
            # (not "a member of the European Parliament (MEP)": the member abbreviated)
            spelled_out.setdefault(m.text.casefold(), before.key)
    # ... and an abbreviation the text never spells out in parentheses is the one name its initials spell ("ГКНБ" and
    # "Государственного комитета национальной безопасности", "МВД" and "Министерство внутренних дел")
    by_initials: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "ORG" and m.canonical is None and len(m.key.split()) >= 2:
            by_initials.setdefault(_initials(m.key), set()).add(m.key)
    for m in mentions:
        short = m.text.casefold()
        if m.canonical is None and _ACRONYM.fullmatch(m.text) and short not in spelled_out \
                and len(by_initials.get(short, ())) == 1:
            spelled_out[short] = next(iter(by_initials[short]))
    # a name the NER typed a person once and an organisation elsewhere ("Temirov Live Plus") is the organisation
    organisations = {m.key for m in mentions if m.type == "ORG" and len(m.key.split()) >= 2}
    group_of: dict[str, int] = {}
    entities: list[Entity] = []
    for n, m in enumerate(mentions):
        if m.canonical is not None:
            group = f"alias:{m.canonical}"
        elif (m.type == "PER" and m.key not in organisations) or len(m.key.split()) == 1 and len(by_surname.get(m.key, ())) == 1:
            # (a bare surname the NER typed otherwise joins the one person of that name: "Saidov" ORG after
            # "Bakhtiyor Saidov")
            words = m.key.split()
            full = by_surname.get(words[-1], set()) if words else set()
            group = f"per:{next(iter(full))}" if len(full) == 1 else f"per:{m.key}"
        else:
            group = f"text:{spelled_out.get(m.text.casefold(), m.key)}"
        if group not in group_of:
            group_of[group] = len(entities)
            entities.append(Entity(f"e{len(entities) + 1}", m.canonical or "", m.type, table.bloc(m.canonical)))
        m.entity = group_of[group]
        entities[m.entity].mentions.append(n)
        entities[m.entity].starts.append(m.start)
    return entities


def name_entities(doc: Document, mentions: Sequence[Mention], entities: Sequence[Entity]) -> None:
    """Give each entity the alias table does not know a display name (``Entity.canonical``); only salient ones
    are put in the nominative (natasha's inflection is slow, and the others are never output)."""
    lang = doc.language if doc.language in ("en", "ru") else "en"
    for e in entities:
        if not e.canonical:
            own = [mentions[i] for i in e.mentions]
            e.canonical = _display_name(doc, own, lang, nominative=any(m.salient for m in own))


def _display_name(doc: Document, mentions: list[Mention], lang: str, *, nominative: bool = True) -> str:
    """The longest name among an unknown entity's mentions (in the nominative for Russian when natasha has it)."""
    best = max(mentions, key=lambda m: (len(m.key.split()), len(m.text), -m.start))
    if lang == "ru" and nominative and "natasha" in doc.work:
        for span in doc.work["natasha"].spans:
            if span.start == best.start and span.stop == best.end:
                span.normalize(morph_vocab())
                return span.normal or best.text
    name = re.sub(r"^(?:the|The)\s+", "", best.text.strip())
    return re.sub(r"['’]s?$", "", name)


_PLATFORM = re.compile(r"(?:Telegram|YouTube|Facebook|Instagram|TikTok|Twitter|X|WhatsApp|VKontakte|VK|Odnoklassniki|"
                       r"Телеграм\w*|Телеграмм\w*|Ютуб\w*|Фейсбук\w*|Инстаграм\w*|ВКонтакте|Одноклассник\w*)")


def mark_salience(doc: Document, mentions: list[Mention], entities: list[Entity]) -> None:
    """An entity is salient when some mention casts it as more than a setting; datelines never count.

    Mere settings: a state or place after a place preposition ("in Kyiv") or
    modifying a noun ("Kharkiv region"), a demonym modifying a noun ("Russian
    gas"), a source in parentheses ("(Reuters)").
    """
    lang = doc.language if doc.language in ("en", "ru") else "en"
    places = PLACE_PREPOSITIONS[lang]
    datelines = _datelines(doc)
    cited, outlet_speakers = _cited_outlets(doc), _outlet_speakers(doc)
    for m in mentions:
        if _in_dateline(datelines, m.start):
            m.salient = False
            continue
        if m.kind not in ("given", "description") and _is_cited(m, cited, outlet_speakers):
            m.salient = False  # "Officials told AKIpress", "according to Reuters": the outlet only carries a claim
            continue
        if m.kind in ("demonym", "given", "description"):
            continue
        prep = m.role[5:] if m.role.startswith("prep:") else None
        if m.type in ("GPE", "LOC") and (prep in places or m.role == "mod"):
            m.salient = False
        elif m.type == "LOC" and m.role == "poss":
            m.salient = False  # "Полиция Мангистауской области", "жителей Жанаозена": whose police, where they live
        elif m.type == "NORP" and m.role == "mod":
            m.salient = False
        elif _PLATFORM.fullmatch(m.text.rstrip(".")) and (m.role == "mod" or prep is not None):
            m.salient = False  # "in a Telegram post", "on YouTube": the medium, not a party
        elif doc.text[max(0, m.start - 1) : m.start] == "(" and doc.text[m.end : m.end + 1] == ")":
            m.salient = False
    for e in entities:
        if not any(mentions[i].salient for i in e.mentions):
            continue
        for i in e.mentions:  # every mention of a salient entity, but never one in a dateline
            mentions[i].salient = not _in_dateline(datelines, mentions[i].start)


def _cited_outlets(doc: Document) -> list[tuple[int, int, set[str]]]:
    """Per sentence holding a claim: its span and the news outlets the claims stage names as speaker or source."""
    sentences = [(a.start, a.end) for a in doc.layer("sentence")]
    found: list[tuple[int, int, set[str]]] = []
    for claim in doc.layer("claim"):
        speaker, via = claim.attrs.get("speaker"), list(claim.attrs.get("via") or [])
        names = {sources().canonical(n) for n in [speaker] + via if n}
        outlets = {n for n in names if sources().outlet(n) is not None}
        if via and via[0] and via[0] != speaker:  # "заявил агентству «Бахтар»": whom it was told carries it
            outlets.add(via[0])
        if not outlets:
            continue
        span = next(((s, e) for s, e in sentences if s <= claim.start < e), (claim.start, claim.end))
        # (the speaker's sentence too, when it follows: "P. Об этом ТАСС сообщил источник …")
        found.append((min(span[0], claim.attrs.get("speaker_start") or span[0]),
                      max(span[1], claim.attrs.get("speaker_end") or span[1]), outlets))
    return found


def _outlet_speakers(doc: Document) -> list[tuple[int, int]]:
    """The speaker phrases the claims stage marks as news outlets ("по данным афганского агентства «Бахтар»")."""
    return [(c.attrs["speaker_start"], c.attrs["speaker_end"]) for c in doc.layer("claim")
            if c.attrs.get("speaker_is_outlet") and c.attrs.get("speaker_start") is not None]


def _is_cited(m: Mention, cited: list[tuple[int, int, set[str]]], outlet_speakers: list[tuple[int, int]]) -> bool:
    outlet = sources().outlet(m.text) or re.sub(r"^(?:the|The)\s+", "", m.text)  # "the Caspian Herald"
    if any(s <= m.start < e and outlet in names for s, e, names in cited):
        return True
    # an outlet the table lacks, named as one where it speaks
    return any(s <= m.start < e for s, e in outlet_speakers)


def document_entities(doc: Document, given: Iterable[tuple[int, int]] = ()) -> tuple[list[Mention], list[Entity]]:
    """Mentions (with salience) and entities of a parsed document."""
    mentions = find_mentions(doc, given)
    entities = merge(mentions, doc.text)
    mark_salience(doc, mentions, entities)
    name_entities(doc, mentions, entities)
    return mentions, entities
