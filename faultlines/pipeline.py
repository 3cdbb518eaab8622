"""Analyzer registry and the batched pipeline.

Analyzers are plain classes registered by name with :func:`analyzer`. Each
has ``__call__(doc)`` for one document and ``pipe(docs)`` for a batch, loads
its model once in ``__init__`` and touches only the documents it is given.
The pipeline checks at build time that every analyzer's ``requires`` is
assigned by one before it, not mid-batch.
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Literal, Sequence

from .errors import AnalyzerError
from .model import Document
from .settings import Settings

log = logging.getLogger(__name__)

# Modules whose import registers the built-in analyzers (imports are cheap: models load in __init__).
BUILTIN_MODULES = ("faultlines.text", "faultlines.claims", "faultlines.events", "faultlines.persuasion",
                   "faultlines.narratives")
# `ingest` runs the cheap text stage; `analyze` runs every analyzer.
INGEST_ANALYZERS = ("language", "segment")
# debunks before narratives: a narrative read only from an opponent's debunked claim is not the article's own
DEFAULT_ANALYZERS = ("language", "segment", "nlp", "encode", "claims", "events", "persuasion", "debunks", "narratives", "roles")


@dataclass(frozen=True)
class AnalyzerSpec:
    name: str
    version: str
    factory: Callable[[Settings], "Analyzer"]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_REGISTRY: dict[str, AnalyzerSpec] = {}


def analyzer(name: str, *, version: str, requires: Sequence[str] = (), assigns: Sequence[str] = ()):
    """Class decorator registering an analyzer under ``name``.

    Re-registering a name with a different class raises: two analyzers must not
    silently shadow each other.
    """

    def register(cls):
        existing = _REGISTRY.get(name)
        if existing is not None and existing.factory.__qualname__ != cls.__qualname__:
            raise AnalyzerError(f"analyzer {name!r} is already registered by {existing.factory!r}", code="FL401")
        cls.name = name
        cls.version = version
        _REGISTRY[name] = AnalyzerSpec(name, version, cls, tuple(requires), tuple(assigns))
        return cls

    return register


def _load_builtins() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


def registered() -> dict[str, AnalyzerSpec]:
    _load_builtins()
    return dict(_REGISTRY)


class Analyzer:
    """Base class: subclasses implement ``__call__``; ``pipe`` may be overridden to batch."""

    name: str = ""
    version: str = ""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise AnalyzerError(f"{type(self).__name__} does not implement __call__", code="FL402")

    def pipe(self, docs: Sequence[Document]) -> list[Document]:
        return [self(doc) for doc in docs]


@dataclass(frozen=True)
class AnalysisFailure:
    """A document an analyzer failed on (``on_error="record"``)."""

    doc: Document
    analyzer: str
    error: str

    def message(self) -> str:
        """The one line a run reports for it."""
        return f"{self.doc.source or self.doc.id}: analyzer {self.analyzer} failed: {self.error} [FL405]"


OnError = Literal["raise", "skip", "record"]

# Analyzer instances are shared by every pipeline built with equal settings: models load once.
_INSTANCES: dict[tuple[str, Settings], Analyzer] = {}


def get_analyzer(name: str, settings: Settings) -> Analyzer:
    specs = registered()
    if name not in specs:
        known = ", ".join(sorted(specs))
        raise AnalyzerError(f"unknown analyzer {name!r}; known analyzers: {known}", code="FL403")
    key = (name, settings)
    if key not in _INSTANCES:
        _INSTANCES[key] = specs[name].factory(settings)
    return _INSTANCES[key]


def check_pipeline(names: Sequence[str]) -> dict[str, str]:
    """``{name: version}`` for an analyzer sequence, checked without loading any model.

    Raises when a name is unknown or an analyzer's ``requires`` is not
    assigned by one before it.
    """
    specs = registered()
    assigned: set[str] = set()
    for name in names:
        if name not in specs:
            raise AnalyzerError(f"unknown analyzer {name!r}; known analyzers: {', '.join(sorted(specs))}", code="FL403")
        missing = [r for r in specs[name].requires if r not in assigned]
        if missing:
            raise AnalyzerError(
                f"analyzer {name!r} requires {missing} but no earlier analyzer assigns it; reorder the pipeline",
                code="FL404",
            )
        assigned.update(specs[name].assigns)
    return {name: specs[name].version for name in names}


def with_requirements(names: Sequence[str]) -> tuple[str, ...]:
    """``names`` and every analyzer that assigns what they require, in the default pipeline's order (names outside
    it keep theirs, after): ``("events",)`` → language, segment, nlp, events. Unknown names are left for
    :func:`check_pipeline` to report."""
    specs = registered()
    wanted = [n for n in names if n in specs]
    providers = {layer: name for name in reversed(DEFAULT_ANALYZERS) if name in specs for layer in specs[name].assigns}
    todo = list(wanted)
    while todo:
        for layer in specs[todo.pop()].requires:
            provider = providers.get(layer)
            if provider is not None and provider not in wanted:
                wanted.append(provider)
                todo.append(provider)
    order = {name: i for i, name in enumerate(DEFAULT_ANALYZERS)}
    known = sorted((n for n in dict.fromkeys(wanted) if n in order), key=order.__getitem__)
    return tuple(known + [n for n in dict.fromkeys(wanted) if n not in order] + [n for n in names if n not in specs])


class Pipeline:
    """An ordered list of analyzers applied to documents in batches."""

    def __init__(self, names: Sequence[str] = INGEST_ANALYZERS, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.versions = check_pipeline(names)
        self.names = tuple(names)
        self.analyzers = [get_analyzer(name, self.settings) for name in names]

    def __call__(self, doc: Document) -> Document:
        for analyzer_ in self.analyzers:
            doc = analyzer_(doc)
        return doc

    def pipe(
        self, docs: Iterable[Document], *, batch_size: int = 64, on_error: OnError = "raise"
    ) -> Iterator[Document | AnalysisFailure]:
        """Analyze lazily in batches; with ``on_error`` "skip"/"record" one bad document does not stop the run."""
        batch: list[Document] = []
        for doc in docs:
            if not isinstance(doc, Document):
                raise TypeError(f"pipe() takes Document objects, not {type(doc).__name__}: make them with "
                                "faultlines.document(text, published=...)")
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, on_error)
                batch = []
        if batch:
            yield from self._run_batch(batch, on_error)

    def _run_batch(self, batch: list[Document], on_error: OnError) -> Iterator[Document | AnalysisFailure]:
        failures: list[AnalysisFailure] = []
        for analyzer_ in self.analyzers:
            before = [list(doc.annotations) for doc in batch]
            try:
                batch = analyzer_.pipe(batch)
            except Exception:
                if on_error == "raise":
                    raise
                # Undo the failed batch's partial annotations, then retry one by one
                # so a single bad document fails alone.
                for doc, annotations in zip(batch, before):
                    doc.annotations = annotations
                survivors = []
                for doc in batch:
                    try:
                        survivors.append(analyzer_(doc))
                    except Exception as exc:  # noqa: BLE001 - reported per document
                        log.warning("analyzer %s failed on %s: %s", analyzer_.name, doc.id, exc)
                        failures.append(AnalysisFailure(doc, analyzer_.name, f"{type(exc).__name__}: {exc}"))
                batch = survivors
        yield from batch
        if on_error == "record":
            yield from failures
