"""Actors: who did it and to whom, as written and normalized to ACLED's naming.

"gunmen from Afghanistan" -> "Unidentified Armed Group (Tajikistan)", inter
3, origin Afghanistan; "Chinese employees of the construction company Shohin
SM" -> "Civilians (China)", inter 7, nationality China, employer Shohin SM.
The lexicon is resources/actors.json; nationality comes from demonyms and
"from X" / "граждан Китая" phrases, resolved through the gazetteer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..text.nlp import russian_parts_of_speech
from .gazetteer import Gazetteer
from .text import key, load_resource

# ("a gang of drug couriers near Shamsiddin Shohin district": a place, no employer)
_EMPLOYER_EN = re.compile(r"^\s+(?:of|for)\s+(?:the\s+|a\s+)?(?:(?!(?:near|in|at|on|outside|from|close|along|across)\b)[a-z][\w-]*\s+){0,3}?(?:company|firm|contractor|mine|project)?\s*"
                          r"(?P<org>(?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*){0,3})")
_EMPLOYER_RU = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:компани\w+|фирм\w+|предприяти\w+|подрядчик\w*|рудник\w*)\s*[«\"](?P<org>[^»\"]{1,40})[»\"]")
_FROM_EN = re.compile(r"^\s+(?:who\s+had\s+)?(?:(?:crossed|coming|came|infiltrated)\s+)?(?:from|of)\s+(?:the\s+)?(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)")
_FROM_RU = re.compile(r"^\s*,?\s*(?:пришедш\w+\s+|проникш\w+\s+)?(?:из|с|со)\s+(?P<place>[\w-]+(?:\s+(?:территории|стороны|берега))?)|^\s+(?P<gen>[А-ЯЁ][\w-]+)")
_AND_GENITIVE = re.compile(r"\s+и\s+([А-ЯЁ][\w-]+)")
_AND_EN = re.compile(r"\s+and\s+([A-Z][\w-]+)")
_CITIZENS = re.compile(r"(?:citizens?|nationals?|граждан\w*|подданн\w*)$", re.I)
# "Russia sent troops to Almaty", "It was the CSTO that deployed peacekeepers", "ОДКБ направила в Казахстан
# миротворцев": troops are the sender's, not the host's
_DEPLOYER = {
    "en": re.compile(r"(?P<owner>[A-Z][\w.'’-]*)(?:'s|’s)?\s+(?:(?:that|which|who)\s+)?(?:(?:has|had|have|will|would)\s+)?"
                     r"(?:(?:quickly|swiftly|promptly|then|also)\s+)?(?:sent|deployed|dispatched|airlifted|flew|moved)\b"
                     r"[^.;:!?]{0,50}$"),
    "ru": re.compile(r"(?P<owner>[А-ЯЁA-Z][\w-]*)\s+(?:(?:уже|ранее|тогда|оперативно|срочно)\s+)?"
                     r"(?:направил[аио]?|отправил[аио]?|ввел[аио]?|ввёл|перебросил[аио]?)(?!\w)[^.;:!?]{0,50}$"),
}
_ALLIANCES = {"csto": ("CSTO: Collective Security Treaty Organization", 8), "одкб": ("CSTO: Collective Security Treaty Organization", 8)}
_COORD = re.compile(r"(?P<a>[A-Z][a-z]+|[А-ЯЁа-яё]+ск\w+)\s+(?:and|и)\s+(?P<b>[A-Z][a-z]+|[А-ЯЁа-яё]+ск\w+)\s+$")


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    acled_template: str
    inter: int
    armed: bool
    weak: bool = False
    protest: bool = False
    riot: bool = False
    nationality: str | None = None  # ISO code
    origin: str | None = None  # ISO code of where they came from ("from Afghanistan")
    employer: str | None = None
    countries: list[str] = field(default_factory=list)  # "Kyrgyz and Tajik border guards": two nationalities
    fixed_country: str | None = None

    def acled(self, event_iso: str | None, gaz: Gazetteer, which: int = 0) -> str:
        iso = self.fixed_country
        if self.countries:
            iso = self.countries[min(which, len(self.countries) - 1)]
        if iso is None:
            iso = (self.nationality if self.inter in (1, 7, 6, 5) else None) or event_iso or self.nationality
        country = gaz.country(iso)
        name = country.name if country else None
        if "{country}" in self.acled_template:
            if name is None:
                return self.acled_template.replace(" ({country})", "").replace(" of {country}", "")
            return self.acled_template.format(country=name)
        return self.acled_template


@lru_cache(maxsize=2)
def _lexicon(language: str) -> list[tuple[re.Pattern, dict]]:
    data = load_resource("actors.json")["ru" if language == "ru" else "en"]
    out = []
    for entry in data:
        pattern = entry["re"]
        out.append((re.compile(r"(?<!\w)(?:" + pattern + ")", re.IGNORECASE), entry))
    return out


def _country_of(word: str, gaz: Gazetteer) -> str | None:
    iso = gaz.demonym(word)
    if iso:
        return iso
    for place in gaz.lookup(word):
        if place.kind == "country":
            return place.iso
    return None


_SIDE_ACTOR = re.compile(r"(?:с|со)\s|from the\s", re.I)
_CRITICISED_BEFORE = re.compile(r"(?:критикова\w*|обвиня(?:вш|ющ)\w*|осужда(?:вш|ющ)\w*|высмеива\w*)\s+(?:\w+\s+)?$|"
                                r"\b(?:criticis\w*|criticiz\w*|critical\s+of|mocked|mocking|accusing|accused|interviewing|"
                                r"interviewed)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$", re.I)
_SOURCE_BEFORE = re.compile(r"(?:по данным|по словам|по информации|со ссылкой на|according to|citing)\s+(?:the\s+)?$", re.I)


def find_actors(sentence: str, offset: int, language: str, gaz: Gazetteer) -> list[ActorMention]:
    """Actor mentions in one sentence, in text order, with nationality, origin and employer."""
    found: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, entry in _lexicon(language):
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            # "Taliban fighters", "сотрудники ГКНБ": a word glued to an earlier actor belongs to it (and no later
            # pattern takes part of it: "неизвестные вооружённые люди" are no civilians "люди")
            if any(0 <= m.start() - e <= 1 or 0 <= s - m.end() <= 1 for s, e in taken):
                taken.append((m.start(), m.end()))
                continue
            taken.append((m.start(), m.end()))
            if _SOURCE_BEFORE.search(sentence[max(0, m.start() - 30):m.start()]):
                continue  # "по данным пограничной службы", "according to the border service": who reports, not who acts
            if _CRITICISED_BEFORE.search(sentence[max(0, m.start() - 30):m.start()]):
                continue  # "блогер, критиковавший правительство", "a blogger who criticised the government": what was criticised
            a = ActorMention(m.start(), m.end(), m.group(), entry["acled"], int(entry["inter"]), bool(entry["armed"]),
                             bool(entry.get("weak")), bool(entry.get("protest")), bool(entry.get("riot")),
                             fixed_country=entry.get("country"))
            _qualify(a, sentence, language, gaz)
            if entry.get("needs_nationality") and not (a.nationality or a.countries):
                continue  # "a drone struck": whose is unknown; "a Ukrainian drone": Ukraine's forces
            a.start += offset
            a.end += offset
            found.append(a)
    found.sort(key=lambda a: a.start)
    return found


# words that may stand between a nationality and its actor: "Chinese gold miners", "Chinese mine workers"
_EN_BETWEEN = {"local", "armed", "unknown", "unidentified", "foreign", "two", "three", "several", "gold", "mine", "mining",
               "oil", "gas", "coal", "construction", "road", "railway", "factory", "farm", "migrant", "seasonal"}


def _qualify(a: ActorMention, s: str, language: str, gaz: Gazetteer) -> None:
    """Nationality from the words before, origin and employer from the words after; widen the surface text."""
    start, end = a.start, a.end
    before = s[max(0, start - 60):start]
    before = before[max(before.rfind(","), before.rfind(";"), before.rfind("("), before.rfind(":")) + 1:]  # "По данным МВД Узбекистана, полиция"
    coord = _COORD.search(before[-40:]) if before else None
    if coord:
        isos = [i for i in (_country_of(coord.group("a"), gaz), _country_of(coord.group("b"), gaz)) if i]
        if len(isos) == 2:
            a.countries = isos
            start -= len(before[-40:]) - coord.start()
    if _SIDE_ACTOR.match(a.text):  # "с афганской стороны", "from the Afghan side": the side's own forces
        a.nationality = next((iso for w in re.findall(r"[\w’'-]+", a.text) if (iso := _country_of(w, gaz))), None)
    if not a.countries and a.nationality is None:
        words = list(re.finditer(r"[\w’'-]+", before))
        for w in reversed(words[-3:]):
            token = w.group()
            if token.endswith(("'s", "’s")):
                token = token[:-2]
            iso = _country_of(token, gaz)
            if iso:
                a.nationality = iso
                start = start - (len(before) - w.start())
                break
            if not (token[:1].islower() and language == "en" and token in _EN_BETWEEN):
                if language == "en":
                    break
            # only the actor's own adjectives: "таджикские пограничники", not "с афганской стороны обстреляли заставу"
            if language == "ru" and not russian_parts_of_speech(token) & {"ADJF", "PRTF", "NUMR"}:
                break
    if not a.countries and a.nationality is None and a.armed and "{country}" in a.acled_template:
        deployer = _DEPLOYER["ru" if language == "ru" else "en"].search(s[max(0, a.start - 90):a.start])
        owner = deployer.group("owner") if deployer else ""
        if owner.casefold() in _ALLIANCES:
            a.acled_template, a.inter = _ALLIANCES[owner.casefold()]
        elif owner and (iso := _country_of(owner, gaz)):
            a.nationality = iso
    after = s[end:end + 90]
    if language == "ru":
        m = _FROM_RU.match(after)
        if m:
            word = (m.group("place") or m.group("gen") or "").split()[0]
            iso = _country_of(word, gaz)
            if iso:
                if m.group("gen") and _CITIZENS.search(a.text):
                    a.nationality = iso  # "граждан Китая"
                elif m.group("gen") and a.armed and "{country}" in a.acled_template and not a.countries \
                        and a.nationality is None:
                    # "пограничниками Киргизии" (whose forces); "между пограничниками Киргизии и Таджикистана" (each
                    # state's)
                    pair = _AND_GENITIVE.match(s, end + m.end())
                    other = _country_of(pair.group(1), gaz) if pair else None
                    if other and other != iso:
                        a.countries = [iso, other]
                        end += pair.end() - end - m.end()
                    else:
                        a.nationality = iso
                elif m.group("place"):
                    a.origin = iso
                    pair = _AND_GENITIVE.match(s, end + m.end())
                    other = _country_of(pair.group(1), gaz) if pair and not a.armed else None
                    if other and other != iso:  # "драка между рабочими из Таджикистана и Узбекистана": two groups
                        a.countries = [iso, other]
                        end += pair.end() - end - m.end()
                end += m.end()
        emp = _EMPLOYER_RU.match(s[end:end + 90])
        if emp:
            a.employer = emp.group("org").strip()
            end += emp.end()
    else:
        m = _FROM_EN.match(after)
        if m:
            iso = _country_of(m.group("place").split()[0], gaz) or _country_of(m.group("place"), gaz)
            if iso:
                if " of " in m.group(0) and _CITIZENS.search(a.text):
                    a.nationality = iso
                else:
                    a.origin = iso
                    pair = _AND_EN.match(s, end + m.end())
                    other = _country_of(pair.group(1), gaz) if pair and not a.armed else None
                    if other and other != iso:  # "a brawl between workers from Tajikistan and Uzbekistan"
                        a.countries = [iso, other]
                        end += pair.end() - end - m.end()
                end += m.end()
        emp = _EMPLOYER_EN.match(s[end:end + 90])
        if emp and not _country_of(emp.group("org").split()[0], gaz) and not gaz.lookup(emp.group("org").split()[0]):
            a.employer = emp.group("org").strip()
            end += emp.end()
    if a.origin and a.nationality is None and a.inter in (3, 2):
        a.nationality = None
    a.start, a.end, a.text = start, end, s[start:end]


def inter_label(code: int | None) -> str | None:
    if code is None:
        return None
    return load_resource("actors.json")["inter"].get(str(code))


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (10*a + b); a lone actor is 10*a."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    a, b = sorted((inter1, inter2))
    return a * 10 + b


__all__ = ["ActorMention", "find_actors", "inter_label", "interaction", "key"]
