"""Inside one article: what each claim is about, and which claim a denial or confirmation answers.

A denial ("Nothing of the sort is happening", "dismissed the report") links
to the earlier claim it answers by another speaker: the one whose speaker it
names, else the one sharing most content words, else (for an anaphoric
"the report", "the talks") the nearest one before it. A confirmation links
the same way. The link is stored as ``denies`` / ``confirms`` (the target's
claim id) and the denial's ``about`` becomes the target's.
"""
from __future__ import annotations

import re

from .contradictions import DEEDS, concepts, same_side
from .extract import POSITIVE, Claim, Extractor

_WORD = re.compile(r"\w+", re.UNICODE)
_STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "that", "was", "were", "is", "are", "be", "been", "with",
         "for", "by", "at", "it", "its", "this", "their", "his", "her", "not", "no", "any", "had", "has", "have", "from",
         "в", "на", "и", "с", "о", "что", "не", "по", "за", "к", "из", "для", "как", "это", "его", "её", "их", "от", "том"}
_ANAPHORA = {"report", "reports", "claim", "claims", "rumour", "rumours", "rumor", "rumors", "talks", "story", "allegation",
             "allegations", "information", "сообщение", "сообщения", "информацию", "информация", "слухи", "данные", "публикацию",
             "such", "такой", "такого", "такая", "такую", "таких", "подобного", "подобных",
             "accusations", "accusation", "charges", "обвинения", "обвинений",
             "statement", "statements", "заявление", "заявления", "заявлений", "сведения", "сведений",
             "этого", "этом", "этой",  # "этого не подтвердили": what was just said
             "figure", "figures", "toll", "цифру", "цифры",  # "AFP was unable to confirm the figure"
             "request", "requests", "просьбу", "просьба", "запрос",  # "Two officials later confirmed the request"
             "guilt", "вину", "вины",  # "их подзащитные вину не признают": what they are accused of
             # "denied any involvement / role": what it denies is what someone said before
             "involvement", "role", "responsibility", "причастность", "причастности", "участие", "ответственность"}

_LIGHT_OBJECTS = {"place", "part"}
_DEFINITE_ANAPHOR = re.compile(r"\W*(?:the|these|those|this|that|such|эти|это|этих|данные|такие)\s+(?:\w+\s+)?(?:"
                               + "|".join(sorted(_ANAPHORA, key=len, reverse=True)) + r")\b", re.IGNORECASE)

_PRONOUN_ONLY = re.compile(r"\W*(?:это|этого|this|it|that|то|так)\W*", re.IGNORECASE)


def stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def about(ex: Extractor, claim: Claim) -> str:
    """A short topic: the object (else the subject) phrase of the claim's main clause, at most 10 words."""
    tokens = ex.p.tokens_in(claim.start, claim.end)
    if not tokens:
        return _short(ex.text[claim.start : claim.end])
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head not in inside or t.head == t.i]
    root = roots[0] if roots else tokens[0]
    for wanted in (("obj", "dobj"), ("nsubj", "nsubj:pass")):
        for child in ex.p.children[root.i]:
            if ex.p.tokens[child].lower in _LIGHT_OBJECTS:  # "talks had taken place" are about the talks
                continue
            if ex.p.tokens[child].dep in wanted and child in inside:
                sub = [i for i in ex.p.subtree(child) if i in inside]
                return _short(ex.text[ex.p.tokens[sub[0]].start : ex.p.tokens[sub[-1]].end])
    return _short(ex.text[claim.start : claim.end])


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    out = " ".join(parts[:words])
    out = re.sub(r"^(the|a|an)\s+", "", out, flags=re.IGNORECASE)
    return out.strip(" ,.;:«»\"“”")


def _deeds(text: str) -> frozenset[str]:
    """Concepts of what was done (not who: two claims naming Russia are not thereby about the same thing)."""
    return concepts(text) & DEEDS


# "denied any link between the protest and the attack": it answers only a claim that names both
_BETWEEN = re.compile(r"\b(?:links?|connections?|relation(?:ship)?s?|ties)\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>[^,.;]+)"
                      r"|связ\w*\s+между\s+(?P<ra>.+?)\s+и\s+(?P<rb>[^,.;]+)", re.IGNORECASE)


def _between(text: str) -> tuple[set[str], set[str]] | None:
    m = _BETWEEN.search(text)
    if m is None:
        return None
    return stems(m.group("a") or m.group("ra")), stems(m.group("b") or m.group("rb"))


def _whose(text: str) -> frozenset[str]:
    """The states whose words a denial names: "заявления Бишкека", "Dushanbe's claims", "the report by Tashkent"."""
    found: set[str] = set()
    for m in _WORD.finditer(text):
        if m.group().lower() in _ANAPHORA:
            near = text[max(0, m.start() - 25):m.end() + 25]
            found |= {c for c in concepts(near) if len(c) == 2 and c.isupper()}
    return frozenset(found)


# what a denial, a confirmation or a question ("did not confirm", "не подтвердили") answers
_LINK_KEYS = {"deny": "denies", "confirm": "confirms", "question": "questions"}


def link(ex: Extractor, claims: list[Claim]) -> None:
    for claim in claims:
        claim.about = about(ex, claim)
    partners = {i: _reported_partner(ex, claims, i) for i in range(len(claims))}
    by_id = {c.id: c for c in claims}
    for index, claim in enumerate(claims):
        if claim.stance not in _LINK_KEYS or claim.kind == "author" or partners[index] is not None:
            continue
        target = _target(ex, claims, index)
        if target is None:
            continue
        # "Two officials confirmed the request … The ministry dismissed the reports": what a confirmation confirms is
        # what a later denial answers (so the denial and the confirmation meet on one claim)
        while target.stance == "confirm" and target.links.get("confirms") in by_id and claim.stance == "deny":
            target = by_id[target.links["confirms"]]
        claim.links[_LINK_KEYS[claim.stance]] = target.id
        claim.about = target.about
    for index, partner in partners.items():
        if partner is not None and claims[index].stance in _LINK_KEYS:
            claims[index].links.update(partner.links)
            claims[index].about = partner.about


def _reported_partner(ex: Extractor, claims: list[Claim], index: int) -> Claim | None:
    """For a quote, the same speaker's reported claim with the same stance in its sentence: 'denied that talks had
    taken place, calling the reports "a provocation"' is one denial in two parts, and the quote answers what the
    reported part answers."""
    claim = claims[index]
    if claim.kind != "quote":
        return None
    sentence = ex.sentence_at(claim.start)
    return next((other for other in claims if other.kind == "reported" and other.speaker == claim.speaker
                 and other.stance == claim.stance and ex.sentence_at(other.start) == sentence), None)


def _target(ex: Extractor, claims: list[Claim], index: int) -> Claim | None:
    claim = claims[index]
    frame_text = ex.text[claim.start : claim.end]
    if claim.frame:
        frame_text += " " + ex.text[claim.frame[0] : claim.frame[1]]
    own = stems(ex.text[claim.start : claim.end])
    words = {w.lower() for w in _WORD.findall(ex.text[claim.start : claim.end])}
    # "В ГУВД это опровергли", "police denied it": a pronoun alone answers what was just said
    pronoun = bool(_PRONOUN_ONLY.fullmatch(ex.text[claim.start : claim.end]))
    anaphoric = bool(words & _ANAPHORA) or claim.quote or pronoun
    # "denied the talks" points back; "denied that talks with Washington on a drone base had taken place"
    # says what it denies, so it answers only a claim that shares some of that
    # ... unless it opens with a definite one: "the accusations were absurd and …", "эти сообщения — ложь"
    bare = pronoun or len(own - stems(" ".join(words & _ANAPHORA))) <= 2 or bool(_DEFINITE_ANAPHOR.match(ex.text[claim.start : claim.end]))
    best, best_score = None, 0.0
    # a denial of a deed answers the claim of it; a confirmation must share more than the topic ("confirmed it
    # had opened an inquiry into the use of force" confirms no beating)
    deeds = _deeds(ex.text[claim.start : claim.end]) if claim.stance == "deny" else frozenset()
    whose = _whose(ex.text[claim.start : claim.end])
    between = _between(ex.text[claim.start : claim.end]) if claim.stance == "deny" else None
    # earlier claims first; a later one only when the article reports the denial first
    candidates = [(d, c) for d, c in enumerate(reversed(claims[:index]), 1)] + \
                 [(d + 3, c) for d, c in enumerate(claims[index + 1 :], 1)]
    for distance, other in candidates:
        if other.speaker == claim.speaker or other.kind == "author" or same_side(other.speaker, claim.speaker):
            continue  # (nor one of the same voice: "прокуратура" after "Генеральная прокуратура Киргизии")
        if other.start <= claim.start and claim.end <= other.end:
            continue  # "X said their clients denied the charges": the denial is inside X's claim, it answers another
        if other.kind == "quote" and any(r is not other and r.kind != "quote" and r.speaker == other.speaker
                                         and r.start <= other.start and other.end <= r.end for r in claims):
            continue  # 'said the trial was "a travesty" and that …': what is answered is the whole claim, not its quote
        if claim.stance in ("confirm", "question") and other.stance == "confirm":
            continue
        if other.stance not in POSITIVE:
            continue
        theirs = stems(ex.text[other.start : other.end])
        if between is not None and not all(side & theirs for side in between):
            continue
        if other.start >= claim.end and not own & theirs and "\n\n" in ex.text[claim.end : other.start]:
            continue  # a bare label ("назвали её «провокацией»") answers nothing told after it in another paragraph
        value = 0.0
        if other.speaker and re.search(rf"(?<!\w){re.escape(other.speaker)}", frame_text):
            value += 3.0
        elif other.speaker and whose & concepts(other.speaker):
            value += 2.0  # "заявления Бишкека" answers the Kyrgyz border service
        elif other.speaker and bare and own & stems(other.speaker):
            value += 2.0  # "could not verify the police account" answers the regional police
        elif other.speaker_span and len(own & stems(ex.text[max(0, other.speaker_span[0] - 60, claim.end if claim.end
                                                                    <= other.speaker_span[0] else 0):other.speaker_span[1]])) >= 2:
            # "опроверг заявление представителя талибов" answers "Представитель движения «Талибан» Забихулла
            # Муджахид … заявил": the speaker as the text describes them
            value += 2.0
        if own and theirs:
            value += 5.0 * len(own & theirs) / len(own | theirs)
        # the same kind of deed in other words: "no force had been used" answers "police used batons and tear gas"
        # (it outweighs a speaker named in the denial: "обвинения в пытках" answers the lawyer's "пытали", not the
        # prosecution, "обвинение", whose claim tells of no torture)
        value += 3.0 * len(deeds & _deeds(ex.text[other.start : other.end]))
        if anaphoric and (bare or own & theirs or claim.quote):
            value += 1.0
        value -= 0.1 * distance
        if value > best_score:
            best, best_score = other, value
    if best_score < 0.5 and claim.stance == "confirm":
        # "Two days later, the Council confirmed that consultations were under way": a confirmation right
        # after a denial by another speaker confirms what was denied, when it is about the same things
        # (talks and Russia); "the prosecutor confirmed it had opened an inquiry" confirms no beating
        for other in reversed(claims[max(0, index - 3) : index]):
            if other.stance == "deny" and other.speaker != claim.speaker and other.links.get("denies"):
                denied = next((c for c in claims if c.id == other.links["denies"]), None)
                if denied is not None and denied is not claim and concepts(ex.text[claim.start : claim.end]) & concepts(
                        ex.text[denied.start : denied.end] + " " + ex.text[other.start : other.end]):
                    return denied
    return best if best_score >= 0.5 else None
