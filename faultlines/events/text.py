"""Small text helpers shared by the events modules: normalization, Russian stems, resources."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

# Tajik and Kazakh Cyrillic letters folded to their Russian neighbours, so "Кӯлоб" meets "Кулоб".
_CYR_FOLD = str.maketrans({"ё": "е", "ӯ": "у", "ҳ": "х", "қ": "к", "ғ": "г", "ҷ": "ч", "ӣ": "и", "ң": "н", "ү": "у", "ұ": "у", "ә": "а", "і": "и", "ө": "о"})
_APOSTROPHES = re.compile(r"[’'`ʻʼ‘]")
_ADJ_ENDINGS = ("ского", "скому", "ским", "ском", "ская", "ской", "скую", "ские", "ских", "ский", "ское", "скими")
_VOWELS = set("аеиоуыэюяйь")
WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?", re.UNICODE)


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


@lru_cache(maxsize=200_000)
def ru_stem(word: str) -> str:
    """A crude but consistent stem for Russian place words: "Хатлонской" and "Хатлон" meet.

    Adjective endings go first, then trailing vowels; a stem never gets shorter than two letters.
    Index keys and text go through the same function, so consistency matters more than linguistics.
    """
    w = word.lower().translate(_CYR_FOLD)
    for ending in _ADJ_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            w = w[: -len(ending)]
            break
    else:
        if w.endswith(("ом", "ем")) and len(w) >= 7:  # the instrumental: "с Казахстаном", "над Бишкеком"
            w = w[:-2]
    while len(w) > 2 and w[-1] in _VOWELS:
        w = w[:-1]
    return w


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-cased, accent-free form of one Latin word; Russian words are stemmed."""
    if is_cyrillic(word):
        return ru_stem(word)
    w = _APOSTROPHES.sub("", word.lower())
    w = unicodedata.normalize("NFKD", w)
    w = "".join(c for c in w if not unicodedata.combining(c))
    if w.endswith("s") and word[-2:-1] in ("'", "’"):
        w = w[:-1]
    return w


def key(phrase: str) -> str:
    """The lookup key of a phrase: folded words joined by single spaces (hyphens split words)."""
    return " ".join(fold(w) for w in WORD.findall(phrase.replace("-", " ").replace("–", " ")))


@lru_cache(maxsize=None)
def load_resource(name: str) -> Any:
    """A JSON resource of the events stage (faultlines/events/resources/NAME)."""
    return json.loads(resources.files("faultlines.events.resources").joinpath(name).read_text("utf-8"))
