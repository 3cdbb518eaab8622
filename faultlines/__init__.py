"""faultlines: events, claims, persuasion and narratives in English and Russian news.

Public API::

    import faultlines
    doc = faultlines.analyze("article.txt")            # or a string of text
    with faultlines.Store("faultlines.db") as store:
        store.add([doc])
        hits = store.search("Khatlon")
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Annotation, Document
from .settings import Settings

__version__ = "0.1.0"
__all__ = ["Annotation", "Document", "Pipeline", "Settings", "Store", "analyze", "document", "load", "__version__"]

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .workbench import Store


def __getattr__(name: str):
    # Heavy modules (SQLAlchemy, spaCy) load on first use, not on import.
    if name == "Store":
        from .workbench import Store

        return Store
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'faultlines' has no attribute {name!r}")


def load(analyzers=None, settings: Settings | None = None):
    """A pipeline with its models loaded once; reuse it for many documents."""
    from .pipeline import DEFAULT_ANALYZERS, Pipeline

    return Pipeline(analyzers or DEFAULT_ANALYZERS, settings or Settings.from_env())


def document(text: str, published: str | None = None, *, doc_id: str | None = None) -> Document:
    """An article given as text, not yet analyzed (title and date line read from its top): input for ``load().pipe``."""
    from .workbench import document as _document

    return _document(text, published, doc_id=doc_id)


def analyze(text_or_path, published: str | None = None, *, analyzers=None, settings: Settings | None = None) -> Document:
    """Analyze one article given as text, or as a path/URL to read it from."""
    from .workbench import analyze as _analyze

    return _analyze(text_or_path, published=published, analyzers=analyzers, settings=settings)
