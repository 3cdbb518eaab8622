"""Contradictions: claims about one proposition with opposite stances from different speakers.

Two routes, both pure functions of the documents given:

* **links inside an article** -- a denial linked to the claim it denies
  (``denies``) contradicts that claim and every claim by another speaker
  that confirms it (``confirms`` the same target);
* **matching across articles and languages** -- a denial and a positive
  claim (assert / confirm / cite) by different speakers whose propositions
  are close in multilingual-e5 space (so an English and a Russian report of
  the same talks match), with a lower bar when they also share a named actor.

A denial's proposition is the text of the claim it denies when it is linked
("Nothing of the sort is happening" is about the talks, not about itself).
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from ..model import Document
from ..sources import sources

POSITIVE = ("assert", "confirm", "cite")
# Cosine similarity of multilingual-e5-small passages: on this domain unrelated claims
# reach 0.86 and translations of one proposition sit at 0.83-0.89, so the embedding
# alone cannot decide. Claims match when they are close AND share at least two
# actor/event concepts (claims_concepts.json), or when they are near-identical.
THRESHOLD = 0.80
THRESHOLD_ALONE = 0.92
MIN_SHARED = 2
CLAIM_ENCODER = "e5"
# a place word shared says nothing of the proposition ("на границе с Афганистаном" in a denial of a mobilisation and in
# talks on a monitoring centre); the deeds a claim tells of
_WHERE = frozenset({"border"})
DEEDS = frozenset({"attack", "killed", "force", "detained", "drone", "torture"})


@lru_cache(maxsize=1)
def _concept_table() -> dict[str, tuple[str, ...]]:
    data = json.loads(resources.files("faultlines.resources").joinpath("claims_concepts.json").read_text("utf-8"))
    return {k: tuple(v) for k, v in data.items() if not k.startswith("_")}


def concepts(text: str) -> frozenset[str]:
    """Actor and event concepts named in ``text``, language-neutral ("RU", "talks", ...)."""
    words = " " + re.sub(r"[^\w ]+", " ", text.casefold().replace("ё", "е")) + " "
    return frozenset(name for name, prefixes in _concept_table().items() if any(f" {p}" in words for p in prefixes))


@dataclass(frozen=True)
class ClaimRef:
    doc_id: str
    claim_id: str
    text: str
    speaker: str | None
    stance: str
    about: str | None
    language: str | None
    start: int
    end: int
    proposition: str
    actors: frozenset[str]
    kind: str


@dataclass(frozen=True)
class Contradiction:
    """A pair of claims that cannot both hold: ``a`` denies what ``b`` asserts/confirms/cites."""

    a: ClaimRef
    b: ClaimRef
    similarity: float | None
    reason: str  # "denies" | "confirms-denied" | "embedding"

    def row(self) -> dict:
        return {
            "doc_a": self.a.doc_id, "claim_a": self.a.claim_id, "speaker_a": self.a.speaker, "stance_a": self.a.stance,
            "text_a": self.a.text,
            "doc_b": self.b.doc_id, "claim_b": self.b.claim_id, "speaker_b": self.b.speaker, "stance_b": self.b.stance,
            "text_b": self.b.text,
            "about": self.a.about or self.b.about,
            "similarity": None if self.similarity is None else round(self.similarity, 3),
            "reason": self.reason,
        }

    def to_dict(self) -> dict:
        return {"a": asdict(self.a) | {"actors": sorted(self.a.actors)}, "b": asdict(self.b) | {"actors": sorted(self.b.actors)},
                "similarity": self.similarity, "reason": self.reason}


def _key(speaker: str | None) -> str:
    if not speaker:
        return ""
    return sources().canonical(speaker).casefold()


def same_side(a: str | None, b: str | None) -> bool:
    """Whether two speakers are one voice: the same name, or one the short form of the other ("прокуратура",
    "Генеральная прокуратура Киргизии"). Two offices of one state are two voices: the Foreign Ministry may deny
    what the Security Council confirms."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    return ka == kb or bool(re.search(rf"(?<!\w){re.escape(ka)}(?!\w)", kb) or re.search(rf"(?<!\w){re.escape(kb)}(?!\w)", ka))


def claim_refs(doc: Document) -> list[ClaimRef]:
    claims = doc.layer("claim")
    by_id = {a.attrs.get("claim_id"): a for a in claims}
    refs = []
    for ann in claims:
        text = doc.text[ann.start : ann.end]
        target = by_id.get(ann.attrs.get("denies") or ann.attrs.get("confirms"))
        proposition = doc.text[target.start : target.end] if target is not None else text
        refs.append(ClaimRef(doc.id, ann.attrs.get("claim_id") or "", text, ann.attrs.get("speaker"),
                             ann.attrs.get("stance") or ann.label or "assert", ann.attrs.get("about"), doc.language,
                             ann.start, ann.end, proposition, concepts(proposition), ann.attrs.get("kind") or ""))
    return refs


def find_contradictions(documents: Iterable[Document], *, embedder=None, threshold: float = THRESHOLD) -> list[Contradiction]:
    """Every contradiction among the claims of ``documents`` (analyzed, with a ``claim`` layer)."""
    found: list[Contradiction] = []
    seen: set[frozenset[str]] = set()
    all_refs: list[ClaimRef] = []

    def add(a: ClaimRef, b: ClaimRef, similarity: float | None, reason: str) -> None:
        pair = frozenset((a.claim_id, b.claim_id))
        if pair in seen or same_side(a.speaker, b.speaker):
            return
        seen.add(pair)
        found.append(Contradiction(a, b, similarity, reason))

    for doc in documents:
        refs = claim_refs(doc)
        all_refs.extend(refs)
        by_id = {r.claim_id: r for r in refs}
        layer = {a.attrs.get("claim_id"): a.attrs for a in doc.layer("claim")}
        for ref in refs:
            target_id = layer[ref.claim_id].get("denies")
            if ref.stance != "deny" or not target_id or target_id not in by_id:
                continue
            add(ref, by_id[target_id], None, "denies")
            for other in refs:
                if layer[other.claim_id].get("confirms") == target_id and other.stance in POSITIVE:
                    add(ref, other, None, "confirms-denied")

    negatives = [r for r in all_refs if r.stance == "deny" and r.kind != "author"]
    positives = [r for r in all_refs if r.stance in POSITIVE and r.kind != "author"]
    if not negatives or not positives:
        return found
    if embedder is None:
        from ..text.encode import shared_encoder

        # the thresholds above are e5 cosines: claims are compared in e5 space whatever the pipeline's encoder
        embedder = shared_encoder(CLAIM_ENCODER)
    neg_vectors = embedder([r.proposition for r in negatives])
    pos_vectors = embedder([r.proposition for r in positives])
    similarity = neg_vectors @ pos_vectors.T
    for i, neg in enumerate(negatives):
        for j, pos in enumerate(positives):
            value = float(similarity[i, j])
            shared = (neg.actors & pos.actors) - _WHERE
            # what the denial says was done must be in the claim it answers: a denial of torturing detainees is no
            # answer to a report of arrests, whatever country and word for detention they share
            deeds_match = (neg.actors & DEEDS) <= (pos.actors & DEEDS)
            # (never a label of a word or two: "«провокацией»" and "«превентивными репрессиями»" are near in any space)
            worded = min(len(neg.proposition.split()), len(pos.proposition.split())) >= 3
            # ... and more than the states they name: a denial of a request for border help is no answer to a report
            # of air-defence deliveries because both name Russia and Tajikistan, nor is a denial that anyone was killed
            # by Tajik fire near Ak-Sai one to the Taliban's killing of smugglers because both name Tajikistan and a
            # death (two deeds or topics, or one and two states)
            topics = [name for name in shared if not name.isupper()]
            states = len(shared) - len(topics)
            topical = len(topics) >= 2 or (len(topics) >= 1 and states >= 2)
            close = worded and ((value >= THRESHOLD_ALONE and shared) or (
                value >= threshold and len(shared) >= MIN_SHARED and deeds_match and topical))
            if close and not _same_claim(neg, pos) and not _elsewhere(places(neg.proposition), places(pos.proposition)):
                add(neg, pos, value, "embedding")
    found.sort(key=lambda c: (c.a.doc_id, c.a.start, c.b.doc_id, c.b.start))
    return found


@lru_cache(maxsize=65536)
def places(text: str) -> frozenset[tuple[str, str]]:
    """The provinces (country, province) of the places below a state that ``text`` names (the events stage's gazetteer)."""
    from ..events.gazetteer import gazetteer

    places = gazetteer()
    found = set()
    for mention in places.find(text):
        place = mention.candidates[0] if mention.candidates else None
        # (a capital stands for its government: "Dushanbe was discussing Russian military help")
        if place is not None and place.kind != "country" and place.admin1 and not places.is_capital(place):
            found.add((place.iso or "", place.admin1))
    return frozenset(found)


def _elsewhere(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> bool:
    """Two claims about places in different provinces ("5 soldiers had been killed near Almaty" and "Gunmen attacked a
    checkpoint near Nukus") speak of different things, however alike their words."""
    return bool(a) and bool(b) and not (a & b)


def _same_claim(a: ClaimRef, b: ClaimRef) -> bool:
    return a.doc_id == b.doc_id and a.start == b.start and a.end == b.end

