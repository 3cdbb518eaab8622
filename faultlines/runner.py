"""The main job: ingest → analyzers → store (and/or emit records), streaming.

Used by the CLI's ``ingest``, ``analyze`` and ``demo`` commands, the Python
API and the benchmarks. Bad inputs are reported through ``on_error`` and the
run goes on; every batch is written in one transaction, so a run killed
midway and started again completes without duplicates.

Local files (alone or found in directories) are read and analyzed in
``settings.workers`` worker processes once there are enough of them to
repay starting the workers; each worker loads its models once. URLs, feeds
and stdin are read in the main process. Results are stored in input order by
the main process, the only writer.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from .errors import InputError
from .ingest import DEFAULT_INCLUDE, iter_documents, normalize_given, walk_directory
from .model import Document
from .pipeline import INGEST_ANALYZERS, AnalysisFailure, Pipeline, check_pipeline
from .settings import Settings

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

# Files handed to a worker at a time, and how many files justify starting workers.
CHUNK_FILES = 32
PARALLEL_MIN_FILES = 2 * CHUNK_FILES


@dataclass
class RunReport:
    read: int = 0
    analyzed: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, int]:
        return {
            "read": self.read,
            "analyzed": self.analyzed,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": len(self.errors),
        }


@dataclass
class _Outcome:
    """What reading and analyzing one unit of input produced."""

    analyzed: list[Document] = field(default_factory=list)
    # Read but not analyzed again: the store already holds them with these analyzer versions.
    already: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    read: int = 0


class _Analysis:
    """Reads inputs and analyzes what the store does not hold yet; one per process."""

    def __init__(self, settings: Settings, analyzers: Sequence[str], skip_analyzed: bool) -> None:
        self.settings = settings
        self.analyzers = tuple(analyzers)
        self.versions = check_pipeline(analyzers)
        self._pipeline: Pipeline | None = None
        self.skip_analyzed = skip_analyzed
        self._store = None

    def _done(self, docs: list[Document]) -> set[str]:
        if not self.skip_analyzed or not docs:
            return set()
        if self._store is None:
            from .store import Store

            self._store = Store(settings=self.settings)
        return self._store.analyzed([d.content_hash for d in docs], self.versions)

    def run(self, inputs: Sequence[str], published: str | None, include, exclude) -> _Outcome:
        outcome = _Outcome()
        docs: list[Document] = []
        for item in iter_documents(inputs, self.settings, published=published, include=include, exclude=exclude):
            if isinstance(item, InputError):
                outcome.errors.append(str(item))
            else:
                docs.append(item)
        outcome.read = len(docs)
        done = self._done(docs)
        outcome.already = [d for d in docs if d.content_hash in done]
        fresh = [d for d in docs if d.content_hash not in done]
        if self._pipeline is None:  # built on first use: with worker processes the main process never needs the models
            self._pipeline = Pipeline(self.analyzers, self.settings)
        for item in self._pipeline.pipe(fresh, batch_size=len(fresh) or 1, on_error="record"):
            if isinstance(item, AnalysisFailure):
                outcome.errors.append(item.message())
            else:
                item.work.clear()  # parses are not stored or sent between processes
                outcome.analyzed.append(item)
        return outcome

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


# Worker-process side: one _Analysis per process, built by the pool initializer.
_WORKER: _Analysis | None = None


def _init_worker(settings: Settings, analyzers: Sequence[str], skip_analyzed: bool, parent: int) -> None:
    global _WORKER
    threading.Thread(target=_exit_with, args=(parent,), name="faultlines-parent-watch", daemon=True).start()
    _WORKER = _Analysis(settings, analyzers, skip_analyzed)


def _exit_with(parent: int) -> None:
    """End this worker when the process that started the pool is gone (killed with SIGKILL, it cannot shut the pool
    down, and the workers would go on analyzing for no one, a gigabyte each)."""
    while True:
        time.sleep(2)
        try:
            os.kill(parent, 0)
        except (ProcessLookupError, PermissionError):  # (PermissionError: the number is another user's process now)
            os._exit(1)


def _work(paths: list[str], published: str | None) -> _Outcome:
    assert _WORKER is not None, "worker not initialized"
    return _WORKER.run(paths, published, DEFAULT_INCLUDE, ())


def _units(inputs: Sequence[str], include, exclude) -> Iterator[tuple[str, list[str]] | str]:
    """Split inputs into ("files", [paths]) chunks for workers and other inputs handled inline.

    Directory walk errors come out as their own strings of the form "!error".
    """
    chunk: list[str] = []
    for value in inputs:
        if value != "-" and "://" not in value and os.path.isdir(value):
            for entry in walk_directory(value, include, exclude):
                if isinstance(entry, InputError):
                    yield "!" + str(entry)
                    continue
                chunk.append(entry[0])
                if len(chunk) >= CHUNK_FILES:
                    yield ("files", chunk)
                    chunk = []
        elif value != "-" and "://" not in value:
            chunk.append(value)
        else:
            if chunk:
                yield ("files", chunk)
                chunk = []
            yield value
    if chunk:
        yield ("files", chunk)


def _mp_context():
    # forkserver, not fork: callers (servers, tests) may hold threads.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _outcomes(
    inputs: Sequence[str], settings: Settings, analyzers: Sequence[str], skip_analyzed: bool,
    published: str | None, include, exclude,
) -> Iterator[_Outcome]:
    """Outcomes in input order; file chunks go to worker processes when there are enough of them."""
    local = _Analysis(settings, analyzers, skip_analyzed)
    units = _units(inputs, include, exclude)
    head = list(islice(units, PARALLEL_MIN_FILES // CHUNK_FILES + 1))
    many_files = sum(len(u[1]) for u in head if isinstance(u, tuple)) >= PARALLEL_MIN_FILES
    pool = None
    if settings.workers > 1 and many_files:
        # no nested pools inside workers, and the encoder's threads split the cores between them
        threads = max(1, (os.cpu_count() or 1) // settings.workers)
        worker_settings = replace(settings, workers=1, encoder_threads=threads)
        pool = ProcessPoolExecutor(
            max_workers=settings.workers,
            mp_context=_mp_context(),
            initializer=_init_worker,
            initargs=(worker_settings, tuple(analyzers), skip_analyzed, os.getpid()),
        )
    pending: deque[tuple[Future, list[str]] | _Outcome | str] = deque()

    def resolve(item) -> _Outcome:
        nonlocal pool
        if isinstance(item, str):  # a URL, feed or stdin: read here
            return local.run([item], published, include, exclude)
        if isinstance(item, _Outcome):
            return item
        future, paths = item
        try:
            return future.result()
        except BrokenProcessPool as exc:
            # Workers cannot start in some hosts (e.g. a script fed on stdin); finish in this process.
            if pool is not None:
                log.warning("worker processes failed (%s); continuing in one process", exc)
                pool.shutdown(cancel_futures=True)
                pool = None
            return local.run(paths, published, DEFAULT_INCLUDE, ())

    try:
        for unit in (*head, *units):
            if isinstance(unit, str) and unit.startswith("!"):
                pending.append(_Outcome(errors=[unit[1:]]))
            elif isinstance(unit, tuple) and pool is not None:
                pending.append((pool.submit(_work, unit[1], published), unit[1]))
            elif isinstance(unit, tuple):
                pending.append(local.run(unit[1], published, DEFAULT_INCLUDE, ()))
            else:
                pending.append(unit)
            # Bounded look-ahead keeps memory flat however large the input.
            while len(pending) > 2 * max(settings.workers, 1) or (pending and not isinstance(pending[0], tuple)):
                yield resolve(pending.popleft())
        while pending:
            yield resolve(pending.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        local.close()


def store_documents(store: "Store", run_id: int | None, versions: dict[str, str], analyzed: list[Document],
                    already: list[Document], report: RunReport) -> None:
    """Write a batch and count it: the analyzed documents with the analyzer versions that ran (recorded even where
    they found nothing), and those the store already held (only their source is new)."""
    for docs, ran in ((analyzed, versions), (already, None)):
        if docs:
            added = store.add(docs, run_id=run_id, analyzers=ran)
            report.added += added.added
            report.updated += added.updated
            report.unchanged += added.unchanged


def run(
    inputs: Sequence[str],
    *,
    settings: Settings,
    analyzers: Sequence[str] = INGEST_ANALYZERS,
    store: "Store | None" = None,
    published: str | None = None,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    skip_analyzed: bool = True,
    emit: Callable[[Document], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Read ``inputs``, analyze new documents, store them and/or ``emit`` them.

    With ``skip_analyzed`` (and no ``emit``), documents the store already
    holds with every requested analyzer version are not analyzed again; they
    are still passed to the store so a new source path is recorded.
    """
    report = RunReport()
    versions = check_pipeline(analyzers)  # fails fast on an unknown analyzer, before reading anything
    published = normalize_given(published) if published else None  # ValueError on a bad date, before reading
    skip = skip_analyzed and store is not None and emit is None
    run_id = store.start_run("run " + " ".join(inputs), {"analyzers": versions}) if store else None
    status = "failed"
    try:
        for outcome in _outcomes(inputs, settings, analyzers, skip, published,
                                 tuple(include or DEFAULT_INCLUDE), tuple(exclude)):
            for message in outcome.errors:
                report.errors.append(message)
                if on_error:
                    on_error(message)
            report.read += outcome.read
            report.analyzed += len(outcome.analyzed)
            if emit:
                for doc in outcome.analyzed:
                    emit(doc)
            if store is not None:
                store_documents(store, run_id, versions, outcome.analyzed, outcome.already, report)
            if on_progress and outcome.read:
                on_progress(outcome.read)
        status = "ok" if report.ok else "partial"
    finally:
        if store is not None:
            store.finish_run(run_id, report.as_dict(), status)
    return report
