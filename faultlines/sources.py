"""The news outlets and offices every stage knows (``resources/claims_sources.json``): aliases in English and
Russian to one canonical name, and the words that name an office. The claims stage names speakers and source chains
with it, the events stage the parties of talks and denials (and knows the office that reports an event is none of
them); an analyst extends the file, not the code."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


@dataclass(frozen=True)
class Sources:
    """Known outlets and offices: alias (case-folded) -> canonical name."""

    outlets: dict[str, str]
    offices: dict[str, str]
    anonymous: frozenset[str]

    def outlet(self, name: str) -> str | None:
        return self.outlets.get(_fold(name))

    def office_word(self, text: str) -> bool:
        """Whether ``text`` holds a word that names an office ("the border service", "пресс-службе ГКНБ"); Russian
        words are stems."""
        return _office_regex().search(text) is not None

    def canonical(self, name: str) -> str:
        """The canonical name of a known outlet or office, else the name unchanged."""
        folded = _fold(name)
        return self.outlets.get(folded) or self.offices.get(folded) or name

    def find_outlet(self, text: str) -> tuple[int, int, str] | None:
        """The first known outlet named in ``text``: (start, end, canonical)."""
        match = _outlet_regex().search(text)
        if match is None:
            return None
        return match.start(), match.end(), self.outlets[_fold(match.group(0))]


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(resources.files("faultlines.resources").joinpath("claims_sources.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def sources() -> Sources:
    data = _data()
    outlets = {_fold(alias): canon for canon, aliases in data["outlets"].items() for alias in [canon, *aliases]}
    offices = {_fold(alias): canon for canon, aliases in data["offices"].items() for alias in [canon, *aliases]}
    return Sources(outlets, offices, frozenset(w.casefold() for w in data["anonymous"]))


@lru_cache(maxsize=1)
def _outlet_regex() -> re.Pattern[str]:
    data = _data()
    aliases = sorted({a for canon, al in data["outlets"].items() for a in [canon, *al]}, key=len, reverse=True)
    # Case-sensitive on purpose: "AP" or "RIA" must not match inside ordinary words.
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in aliases) + r")(?!\w)")


@lru_cache(maxsize=1)
def _office_regex() -> re.Pattern[str]:
    words = _data()["office_words"]
    # English words whole, Russian ones as stems at a word start
    return re.compile("|".join(rf"\b{re.escape(w)}\b" if re.match(r"[A-Za-z]", w) else rf"(?<!\w){re.escape(w)}\w*"
                               for w in words), re.IGNORECASE)
