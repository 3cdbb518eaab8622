"""Speaker names from the parse: the noun phrase, a person's name, an outlet's canonical name.

A speaker is normalized for reading and matching: determiners dropped
("the Security Council" -> "Security Council"), a person named inside a
longer phrase reduced to the name ("Foreign Minister Sirojiddin Muhriddin"
-> "Sirojiddin Muhriddin"), "the ministry's statement" -> "ministry", a news
agency to its canonical outlet name ("the state news agency Khovar" ->
"Khovar"), and Russian oblique cases put back in the nominative ("по словам
местных жителей" -> "местные жители").
"""
from __future__ import annotations

import re

from ..sources import sources
from ..text.nlp import morph_vocab
from .lexicon import Lexicon
from .parse import Parsed, Tok

PERSON = ("PERSON", "PER")
_STOP_RIGHT = {",", "(", "—", "–", ":", ";", "«", "»", "\"", "“", "”"}
_QUOTE_MARKS = {"«", "»", "\"", "“", "”", "„"}
_DATES = {"DATE", "TIME"}
_CUT_DEPS = {"relcl", "acl", "acl:relcl", "appos", "advcl", "parataxis", "punct", "cc", "conj"}
STATEMENT_NOUNS = {"statement", "statements", "report", "доклад", "докладе", "доклада", "communique", "release", "letter", "post", "website", "заявление", "заявлении",
                    "сообщение", "сообщении", "заявления", "ведомства", "заявлению", "сообщению"}
OUTLET_HEADS = {"agency", "outlet", "newspaper", "channel", "portal", "agency's", "website", "site", "magazine", "weekly",
                 "broadcaster", "агентство", "агентства", "агентству",
                 "издание", "издания", "газета", "газеты", "портал", "портала", "телеканал", "телеканала", "канал", "канала",
                 "телеграм-канал", "телеграм-канала", "телеграмм-канал", "телеграмм-канала",
                 "изданию", "газете", "порталу", "телеканалу", "каналу", "телеграм-каналу"}  # "заявил агентству «Бахтар»"


def is_outlet(name: str | None, phrase: str) -> bool:
    """Whether a speaker is a news outlet: a known one, or one its phrase calls an agency, a newspaper, a channel
    ("агентства «Бахтар»", "Телеграм-канал «Азия 24»")."""
    if not name:
        return False
    return sources().outlet(name) is not None or any(w.lower() in OUTLET_HEADS for w in re.findall(r"[\w'-]+", phrase))


_CAPITALISED_NAME = re.compile(r"[ \t]+([A-Z][\w'’.-]*(?:[ \t]+(?:(?:of|the|for|and)[ \t]+)?[A-Z][\w'’.-]*)*)")
QUOTED_NAME = re.compile(r"\s*[«\"“]([^»\"”\n]{1,40})[»\"”]")


def clean(name: str, lex: Lexicon) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.:;—–-\"'«»“”„")
    for opening, closing in (("«", "»"), ("“", "”"), ("„", "“")):  # "движения «Талибан»": a name's closing quote stays
        if name.count(opening) > name.count(closing):
            name += closing
    if name.count('"') % 2:
        name += '"'
    name = re.sub(r"['’]s$", "", name)  # "the ministry's (statement)"
    words = name.split(" ")
    trim = set(lex.words("speaker_trim_leading"))
    while len(words) > 1 and words[0].lower() in trim:
        words = words[1:]
    return " ".join(words)


def person_run(parsed: Parsed, indices: list[int], head: int | None = None) -> tuple[int, int] | None:
    """The run of person-entity tokens among ``indices`` holding ``head``, else the last one.

    Titles come first in English and Russian ("Deputy Foreign Minister Roman
    Vassilenko"), so the name is the run nearest the end of the phrase.
    """
    runs: list[list[int]] = []
    for i in indices:
        if parsed.tokens[i].ent in PERSON and parsed.tokens[i].text[:1].isupper():
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    runs = [r for r in runs if any(parsed.tokens[i].pos == "PROPN" for i in r)]
    # a name that modifies a common noun is no speaker's name: "the Tajik border service", "the Putin administration"
    runs = [r for r in runs if not (parsed.tokens[r[-1]].dep in ("compound", "amod")
                                    and parsed.tokens[parsed.tokens[r[-1]].head].pos == "NOUN")]
    if not runs:
        return None
    chosen = next((r for r in runs if head in r), runs[-1])
    # the model sometimes folds a title into the name ("Opposition politician Aidos Sadykov")
    while len(chosen) > 1 and (parsed.tokens[chosen[0]].pos != "PROPN" or parsed.tokens[chosen[1]].text[:1].islower()):
        chosen = chosen[1:]
    return chosen[0], chosen[-1]


def noun_phrase(parsed: Parsed, head: int, blocked) -> list[int]:
    """Contiguous tokens of ``head``'s phrase, cut before commas, clauses and quotes (a name in quotes that
    ``blocked`` lets through stays: "источник «Известий» в правительстве")."""
    tokens = parsed.tokens

    def when(i: int) -> bool:
        return i > head and (tokens[i].ent in _DATES or tokens[i].dep == "prep" and any(
            tokens[c].ent in _DATES for c in parsed.children[i]))

    def name_mark(i: int) -> bool:
        return tokens[i].text in _QUOTE_MARKS and not blocked(tokens[i].start)

    keep = set()
    stack = [head]
    while stack:
        current = stack.pop()
        keep.add(current)
        for child in parsed.children[current]:
            # an apposition right after its word is one name with it ("РИА Новости", "движения «Талибан»"), one after
            # a comma is not
            glued = tokens[child].dep == "appos" and (
                (child == current + 1 and tokens[child].pos == "PROPN")
                or (current + 2 <= child <= current + 4 and tokens[current + 1].text in _QUOTE_MARKS  # in the quotes after it
                    and not any(tokens[k].text in _QUOTE_MARKS for k in range(current + 2, child))
                    and tokens[child].pos in ("PROPN", "NOUN", "X")))
            if when(child):
                continue  # "Human Rights Watch on Wednesday accused …": the day is the saying's
            if tokens[child].dep not in _CUT_DEPS or _word_hyphen(parsed, child) or name_mark(child) or glued:
                if child not in keep:  # never around a cycle of the parse
                    stack.append(child)

    def joins(i: int) -> bool:
        return i in keep and (tokens[i].text not in _STOP_RIGHT or name_mark(i)) and not blocked(tokens[i].start)

    left = head
    while joins(left - 1):
        left -= 1
    right = head
    while joins(right + 1):
        right += 1
    return list(range(left, right + 1))


def _word_hyphen(parsed: Parsed, i: int) -> bool:
    """A hyphen or slash inside a word ("Dushanbe-based", "RFE/RL"), which the tokenizer splits off as punctuation."""
    tokens = parsed.tokens
    return (tokens[i].text in ("-", "/") and 0 < i < len(tokens) - 1 and tokens[i - 1].end == tokens[i].start
            and tokens[i + 1].start == tokens[i].end)


def speaker_of(parsed: Parsed, text: str, head: int, lex: Lexicon, blocked) -> tuple[str, int, int]:
    """(name, start, end) of the speaker whose phrase is headed by token ``head``."""
    tokens = parsed.tokens
    full = [i for i in parsed.subtree(head) if not blocked(tokens[i].start)]
    # "the ministry's statement", "в заявлении МИД": the one who made the statement speaks
    if tokens[head].lower in STATEMENT_NOUNS:
        owners = [c for c in parsed.children[head] if tokens[c].dep in ("nmod:poss", "nmod", "poss") and c != head]
        # "a statement from Tajikistan's State Committee for National Security said …"
        owners += [o for c in parsed.children[head] if tokens[c].dep == "prep" and tokens[c].lower in ("from", "by")
                   for o in parsed.children[c] if tokens[o].dep == "pobj"]
        # "a Human Rights Watch report", "the Interior Ministry statement": a name before the noun owns it
        # (not a website's: "the Turkmen opposition website Chronicles of Turkmenistan" is named after it)
        owners += [c for c in reversed(parsed.children[head]) if tokens[c].dep == "compound" and tokens[c].pos == "PROPN"
                   and c < head and tokens[head].lower not in OUTLET_HEADS][:1]
        if owners:
            return speaker_of(parsed, text, owners[0], lex, blocked)
    if tokens[head].lower in OUTLET_HEADS:
        # "по информации агентства «24.kg»", "the news agency Kabar": the name that follows the generic word
        follows = text[tokens[head].end : tokens[head].end + 40]
        outlet = sources().find_outlet(follows)
        if outlet is not None and not follows[: outlet[0]].strip(" «\"“'"):
            return outlet[2], tokens[head].start, tokens[head].end + outlet[1]
        quoted = QUOTED_NAME.match(follows)  # "издания «Власть»": an outlet the table lacks is still named
        if quoted is not None:
            return quoted.group(1).strip(), tokens[head].start, tokens[head].end + quoted.end()
        named = _CAPITALISED_NAME.match(follows)  # "the opposition website Chronicles of Turkmenistan"
        if named is not None:
            return named.group(1), tokens[head].start, tokens[head].end + named.end(1)
    run = person_run(parsed, [i for i in full if abs(i - head) <= 8], head)
    if run is not None and run[1] < head and (tokens[head].pos == "NOUN" or tokens[run[1] + 1].text in ("'s", "’s")):
        run = None  # a name that modifies the speaker: "Putin's spokesman", "Tajik officials", "Bishkek's foreign ministry"
    elif run is not None and run[0] > head and tokens[head].pos == "NOUN" and tokens[run[0]].case == "Gen" \
            and tokens[head].case != "Gen":
        run = None  # a genitive after a common noun says whose: "в прокуратуре Каракалпакстана" (the NER's PER)
    if run is not None:
        first, last = run
        name = text[tokens[first].start : tokens[last].end]
        if lex.language == "ru":
            name = nominative([tokens[i] for i in range(first, last + 1)], text) or name
        return clean(re.sub(r"['’]s$", "", name), lex), tokens[first].start, tokens[last].end
    for child in parsed.children[head]:
        if tokens[child].dep in ("appos", "flat", "flat:name") and tokens[child].pos == "PROPN" and tokens[head].pos == "NOUN" \
                and child > head and "," not in text[tokens[head].end : tokens[child].start] \
                and tokens[child].case in ("", tokens[head].case):  # "житель Дарваза": a genitive is whose, not who
            head = child
            break
    phrase = noun_phrase(parsed, head, blocked)
    while len(phrase) > 1 and tokens[phrase[0]].dep == "case" and phrase[0] < head:
        phrase = phrase[1:]  # "(как сообщили) в пресс-центре …": the preposition is the cue's
    while len(phrase) > 1 and tokens[phrase[-1]].pos == "ADP":
        phrase = phrase[:-1]  # "Правозащитники из «Ассоциации по правам человека …»": a name in quotes cut off
    if tokens[head].pos == "PROPN":
        # "Opposition politician Aidos Sadykov" with no entity tag: a title (common nouns) before a name
        first = head
        while first - 1 in phrase and tokens[first - 1].pos == "PROPN":
            first -= 1
        if head - first >= 1 and first - 1 in phrase and tokens[first - 1].pos == "NOUN":
            phrase = [i for i in phrase if i >= first]
    last = phrase[-1]
    while tokens[head].ent == "ORG" and last + 1 < len(tokens) and tokens[last + 1].ent == "ORG" \
            and tokens[last + 1].sent == tokens[head].sent and not blocked(tokens[last + 1].start):
        last += 1  # an organisation's name the parse cut: "The Committee to Protect Journalists"
    start, end = tokens[phrase[0]].start, tokens[last].end
    name = text[start:end]
    # subjects are nominative by syntax ("два собеседника" is a numeral phrase, not an oblique case)
    if lex.language == "ru" and tokens[head].case not in ("", "Nom") and tokens[head].dep not in ("nsubj", "nsubj:pass"):
        agreeing = [tokens[i] for i in phrase if i <= head]
        tail = text[tokens[head].end : end]
        name = (nominative(agreeing, text) or text[start : tokens[head].end]) + tail
    outlet = sources().find_outlet(name)
    if outlet is not None:
        head_word = tokens[head].lower
        if head_word in OUTLET_HEADS or sources().outlet(tokens[head].text) or name[outlet[0]:outlet[1]] == name.strip():
            return name[outlet[0] : outlet[1]], start, end
    return clean(name, lex), start, end


_SURNAME_ENDINGS = {  # the case endings of Russian surnames in -ов/-ев/-ин after a first name of the gender
    "Masc": (("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"), ("ову", "ов"), ("еву", "ев"),
             ("ину", "ин"), ("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ове", "ов"), ("еве", "ев"), ("ине", "ин")),
    "Fem": (("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ову", "ова"), ("еву", "ева"), ("ину", "ина")),
}


def _surname_nominative(word: str, gender: str) -> str | None:
    """A Russian surname after a first name, in the nominative of that name's gender; None when it already is one or
    its ending says nothing (a nominative "Рахимова" after "Дильноза" is a woman's name, no genitive of "Рахимов")."""
    if gender == "Fem" and word.endswith(("ова", "ева", "ина", "ына", "ёва")):
        return word
    for ending, nominative_ending in _SURNAME_ENDINGS.get(gender or "", ()):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + nominative_ending
    return None


def first_name_gender(word: str) -> str | None:
    """The gender ("Masc", "Fem") of a Russian first name ("Азизбек", "Гульмира"), else None."""
    if not word[:1].isupper():
        return None
    names = [p for p in morph_vocab().parse(word) if "Name" in str(getattr(p, "tag", ""))]
    # the reading whose dictionary form is the word itself first ("Ерлан" is a man, not the plural of "Ерлана")
    names.sort(key=lambda p: p.normal != word.lower())
    return names[0].feats.get("Gender") if names else None


def nominative(tokens: list[Tok], text: str) -> str | None:
    """Russian words put in the nominative, keeping number; None when they already are."""
    if not tokens or all(t.case in ("", "Nom") for t in tokens):
        return None
    words = []
    morph = morph_vocab()
    gender = None  # of the first name just before
    for tok in tokens:
        word = tok.text
        surname = _surname_nominative(word, gender) if gender and word[:1].isupper() else None
        gender = first_name_gender(word)
        if surname is not None:
            # "Андрея Ступина" -> "Андрей Ступин" (not the village Ступино), "Дильноза Рахимова" stays a woman
            words.append(surname)
            continue
        if tok.case not in ("", "Nom") and word[:1].isalpha():
            # natasha's MorphVocab speaks UD grammemes ("Nom", "Plur")
            parses = [p for p in morph.parse(word) if p.feats.get("Case") == tok.case] or morph.parse(word)[:1]
            for parse in parses:
                inflected = parse.inflect({"Nom", parse.feats.get("Number", "Sing")})
                if inflected is not None:
                    new = inflected.word
                    # keep the written case pattern: "МИД" stays upper case, names stay capitalized
                    word = new.upper() if word.isupper() else new.capitalize() if word[:1].isupper() else new
                    break
        words.append(word)
    # keep the original spacing between tokens
    out = words[0]
    for prev, tok, word in zip(tokens, tokens[1:], words[1:]):
        out += text[prev.end : tok.start] + word
    return out
