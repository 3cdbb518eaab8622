"""Check-worthiness: how much a claim is a checkable statement of fact rather than opinion.

A transparent additive score in [0, 1] (ClaimBuster-style features, no
model): numbers, dates, named actors and event verbs raise it; opinion cues,
first person, questions and exclamations lower it. Attributed claims get a
small bonus: someone can be asked about them.
"""
from __future__ import annotations

import re

from .lexicon import cue_count

_DIGITS = re.compile(r"\d")
_ENT_TYPES = {"PERSON", "PER", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"}
_DATE_TYPES = {"DATE", "TIME"}

BASE = 0.2


def score(ex, claim) -> float:
    """Check-worthiness of ``claim`` (an :class:`~.extract.Claim`) found by extractor ``ex``."""
    text = ex.text[claim.start : claim.end]
    language = ex.lex.language
    tokens = ex.p.tokens_in(claim.start, claim.end)
    value = BASE
    if _DIGITS.search(text) or cue_count(language, "number_words", text):
        value += 0.3
    if any(t.ent in _DATE_TYPES for t in tokens) or (language == "ru" and cue_count("ru", "months", text)):
        value += 0.15
    entities = 0
    previous = ""
    for tok in tokens:
        if tok.ent in _ENT_TYPES and tok.ent != previous:
            entities += 1
        previous = tok.ent
    value += min(0.3, 0.1 * entities)
    events = ex.lex.words("event_verbs")
    if language == "en":
        if any(t.lemma in events and t.pos in ("VERB", "AUX") for t in tokens):
            value += 0.2
    elif cue_count("ru", "event_verbs", text):
        value += 0.2
    if claim.kind != "author":
        value += 0.05
    value -= 0.25 * min(2, cue_count(language, "opinion_cues", text))
    if claim.kind == "author" and cue_count(language, "first_person", text):
        value -= 0.15
    stripped = text.rstrip()
    if stripped.endswith("?"):
        value -= 0.4
    if stripped.endswith("!"):
        value -= 0.2
    if len(tokens) < 4:
        value -= 0.1
    return round(max(0.0, min(1.0, value)), 3)
