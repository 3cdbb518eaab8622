"""The public Python API: :func:`analyze` one article, and :class:`Store` with ``ingest``.

This is the front door that the CLI, the REST API and Spark call; it joins
the stages (ingest → analyzers → store) without reaching into their insides.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from .errors import FaultlinesError, InputError
from .ingest import iter_documents
from .ingest.files import text_document
from .model import Document
from .pipeline import DEFAULT_ANALYZERS, INGEST_ANALYZERS, Pipeline
from .runner import RunReport, run
from .settings import Settings
from .store import Store as _BaseStore

TEXT_SOURCE = "<text>"


def _is_location(value: str | os.PathLike) -> bool:
    if isinstance(value, os.PathLike):
        return True
    if "\n" in value or len(value) > 4096:
        return False
    return value.startswith(("http://", "https://")) or os.path.exists(value)


def document(text: str, published: str | None = None, *, doc_id: str | None = None) -> Document:
    """An article given as text, read as a .txt file is (title and date line from its top), not yet analyzed: what
    ``faultlines.load().pipe(...)`` takes."""
    if not str(text).strip():
        raise InputError(TEXT_SOURCE, "empty text", code="FL102")
    return text_document(str(text), doc_id=doc_id, source=TEXT_SOURCE, source_kind="text", published=published)


def analyze(
    text_or_path: str | os.PathLike,
    published: str | None = None,
    *,
    analyzers: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> Document:
    """Analyze one article given as text or as a path / URL holding exactly one article.

    A string that names an existing file or an http(s) URL is read from
    there; any other string is the article's text (title and date line are
    taken from its top as for a .txt file). Raises InputError for an input
    that cannot be read.
    """
    settings = settings or Settings.from_env()
    pipeline = Pipeline(analyzers or DEFAULT_ANALYZERS, settings)
    if _is_location(text_or_path):
        found: list[Document] = []
        for item in iter_documents([str(text_or_path)], settings, published=published):
            if isinstance(item, InputError):
                raise item
            found.append(item)
            if len(found) > 1:
                raise FaultlinesError(
                    f"{text_or_path} holds several documents; use faultlines.Store(...).ingest() for it",
                    code="FL112",
                )
        if not found:
            raise InputError(str(text_or_path), "no documents found", code="FL102")
        doc = found[0]
    else:
        doc = document(str(text_or_path), published)
    return pipeline(doc)


class Store(_BaseStore):
    """The document store (SQLite file or SQLAlchemy URL) with :meth:`ingest`."""

    def ingest(
        self,
        inputs: Sequence[str | os.PathLike] | str | os.PathLike,
        *,
        published: str | None = None,
        analyzers: Sequence[str] | None = None,
        include: Sequence[str] | None = None,
        exclude: Sequence[str] = (),
    ) -> RunReport:
        """Read and store ``inputs`` (paths, directories, URLs); idempotent.

        Like ``faultlines ingest`` this runs the text stage only unless
        ``analyzers`` names more (``faultlines.pipeline.DEFAULT_ANALYZERS`` for all).
        """
        if isinstance(inputs, (str, os.PathLike)):
            inputs = [inputs]
        return run(
            [str(Path(i)) if isinstance(i, os.PathLike) else i for i in inputs],
            settings=self.settings,
            analyzers=analyzers or INGEST_ANALYZERS,
            store=self,
            published=published,
            include=include,
            exclude=exclude,
        )
