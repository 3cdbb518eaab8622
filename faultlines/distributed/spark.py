"""The Spark driver: inputs become units, executors read and analyze them, the driver stores.

The driver lists the inputs (directories walked, each line of a ``.jsonl``
file a unit of its own, so one file of a million articles spreads over the
cluster) and hands them to executors in partitions. Each executor process
builds the pipeline once (analyzer instances are shared per process) and runs
:meth:`Pipeline.pipe` over its partition. Then either

* the driver writes the documents into the store, the only writer, a wave of
  partitions at a time while the cluster computes the next wave; each wave is
  one transaction per batch, so a run stopped midway and started again skips
  what is stored (the store's analyzed hashes are broadcast) and adds no
  duplicate; or
* the executors write the public records of ``shared/INTERFACES.md`` §1 as
  JSON lines into part files of an output directory (any Hadoop path).
"""
from __future__ import annotations

import json
import math
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from ..errors import DistributedError, InputError
from ..ingest import DEFAULT_INCLUDE, Fetcher, iter_documents, json_document, normalize_given, walk_directory
from ..model import Document
from ..pipeline import DEFAULT_ANALYZERS, AnalysisFailure, Pipeline, check_pipeline
from ..runner import RunReport, store_documents
from ..settings import Settings

if TYPE_CHECKING:
    from ..store import Store

SPARK_MISSING = "Spark is not installed: pip install 'faultlines[spark]' (and Java 17 or newer)"
# A unit is ("file", path) or ("json", "path:line", line text).
Unit = tuple
# Units per partition: small enough to spread a few thousand documents over a cluster, large enough
# that a task's cost is the analysis, not its scheduling.
PARTITION_UNITS = 16


def spark_session(master: str | None = "local[*]", app_name: str = "faultlines") -> Any:
    """The active Spark session, or a new one on ``master`` (local sessions bind to 127.0.0.1, no web UI).

    Raises DistributedError (FL501) when pyspark is not installed or Spark cannot start (no Java).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise DistributedError(SPARK_MISSING, code="FL501") from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    # No web UI (a server on every interface) and no console progress bars: faultlines shows its own.
    builder = (
        SparkSession.builder.appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if master:
        builder = builder.master(master)
    if not master or master.startswith("local"):
        # Local executors must run this interpreter, the one faultlines is installed in; nothing listens
        # beyond loopback; the JVM logs errors only.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        log_config = resources.files("faultlines.resources").joinpath("spark-log4j2.properties")
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log_config}")
        )
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - pyspark raises its own runtime errors when the JVM cannot start
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DistributedError(
            f"Spark could not start ({first}); Java 17 or newer must be on PATH or in JAVA_HOME", code="FL501"
        ) from None
    session.sparkContext.setLogLevel("ERROR")
    return session


@dataclass(frozen=True)
class _Job:
    """What every executor needs to read and analyze a partition (pickled to them)."""

    settings: Settings
    analyzers: tuple[str, ...]
    published: str | None


def _units(
    inputs: Sequence[str], settings: Settings, include: Sequence[str], exclude: Sequence[str]
) -> Iterator[Unit | InputError]:
    """The units of ``inputs`` in input order, and an InputError for each input the driver cannot list."""
    for value in inputs:
        if value == "-" or "://" in value:
            yield InputError(
                value, "spark analyze reads files and directories on a file system every executor sees; "
                "read URLs, feeds and stdin with `faultlines ingest`", code="FL111",
            )
        elif os.path.isdir(value):
            for entry in walk_directory(value, include, exclude):
                if isinstance(entry, InputError):
                    yield entry
                else:
                    yield from _file_units(entry[0], settings)
        else:
            yield from _file_units(value, settings)


def _file_units(path: str, settings: Settings) -> Iterator[Unit | InputError]:
    if path.lower().endswith((".jsonl", ".ndjson")):
        yield from _json_lines(path, settings)
    else:
        yield ("file", path)


def _json_lines(path: str, settings: Settings) -> Iterator[Unit | InputError]:
    """One unit per non-blank line; the limit on input size applies to each line, not to the file."""
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}", code="FL101")
        return
    seen = False
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            seen = True
            if len(raw) > settings.max_bytes:
                yield InputError(where, f"line is larger than {settings.max_bytes} bytes", code="FL104")
                continue
            try:
                yield ("json", where, raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield InputError(where, "line is not UTF-8 text", code="FL105")
    if not seen:
        yield InputError(path, "no JSON documents", code="FL102")


def _read(unit: Unit, job: _Job, fetcher: Fetcher) -> Iterable[Document | InputError]:
    if unit[0] == "file":
        return iter_documents([unit[1]], job.settings, published=job.published, fetcher=fetcher)
    where, line = unit[1], unit[2]
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        number = where.rsplit(":", 1)[1]  # the same words as reading the file in one process
        return [InputError(where, f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})", code="FL110")]
    return [json_document(obj, where, published=job.published)]


class _ListSum:
    """Accumulator of lists (pyspark takes any object with these two methods)."""

    def zero(self, value: list) -> list:
        return []

    def addInPlace(self, first: list, second: list) -> list:  # noqa: N802 - pyspark's name
        first.extend(second)
        return first


class _PairSum:
    """Accumulator of (read, analyzed) counts."""

    def zero(self, value: tuple) -> tuple:
        return (0, 0)

    def addInPlace(self, first: tuple, second: tuple) -> tuple:  # noqa: N802 - pyspark's name
        return (first[0] + second[0], first[1] + second[1])


def _analyze_partition(job: _Job, skip: Any, units: Iterable[Unit]) -> Iterator[tuple[str, Any]]:
    """Executor side, in unit order: ("error", message) for an input that cannot be read, ("failed", message)
    for a document an analyzer failed on, ("already", Document) and ("analyzed", Document)."""
    done: frozenset[str] = skip.value if skip is not None else frozenset()
    docs: list[Document] = []
    with Fetcher(job.settings) as fetcher:
        for unit in units:
            for item in _read(unit, job, fetcher):
                if isinstance(item, InputError):
                    yield ("error", str(item))
                elif item.content_hash in done:
                    yield ("already", item)
                else:
                    docs.append(item)
    if not docs:
        return
    pipeline = Pipeline(job.analyzers, job.settings)  # the models load once per executor process
    for result in pipeline.pipe(docs, batch_size=max(1, len(docs)), on_error="record"):
        if isinstance(result, AnalysisFailure):
            yield ("failed", result.message())
        else:
            result.work.clear()  # parses stay on the executor
            yield ("analyzed", result)


def _records_partition(job: _Job, errors: Any, counts: Any, units: Iterable[Unit]) -> Iterator[str]:
    """Executor side of ``out``: the §1 record of each analyzed document as one JSON line."""
    from ..output import document_record

    messages: list[str] = []
    read = analyzed = 0
    for kind, value in _analyze_partition(job, None, units):
        if kind != "error":
            read += 1
        if kind in ("error", "failed"):
            messages.append(value)
        else:
            analyzed += 1
            yield json.dumps(document_record(value), ensure_ascii=False)
    errors.add(messages)
    counts.add((read, analyzed))


def _executor_settings(settings: Settings, spark: Any) -> Settings:
    # Spark runs one task per core: no worker pools inside a task, and the encoder keeps to the task's cores.
    cores = int(spark.sparkContext.getConf().get("spark.task.cpus", "1"))
    return replace(settings, workers=1, encoder_threads=cores)


def analyze_on_spark(
    inputs: Sequence[str],
    *,
    settings: Settings,
    store: "Store | None" = None,
    out: str | None = None,
    spark: Any = None,
    master: str | None = "local[*]",
    analyzers: Sequence[str] = DEFAULT_ANALYZERS,
    published: str | None = None,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    partition_units: int = PARTITION_UNITS,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Analyze ``inputs`` (files, directories, ``.jsonl``) on Spark into ``store`` or the directory ``out``.

    Exactly one of ``store`` and ``out``. ``spark``: a session to use (else the
    active one, else a new one on ``master``, stopped at the end). Bad inputs go
    to ``on_error`` and the run goes on, as in :func:`faultlines.runner.run`.
    """
    if (store is None) == (out is None):
        raise ValueError("give exactly one of store and out")
    if partition_units < 1:
        raise ValueError("partition_units must be at least 1")
    versions = check_pipeline(analyzers)  # an unknown analyzer fails before Spark starts
    given = normalize_given(published) if published else None
    if out is not None and "://" not in out and os.path.exists(out):
        raise DistributedError(f"{out} already exists: give a new output directory", code="FL503")
    own_session = spark is None and _active_session() is None
    spark = spark or spark_session(master)
    job = _Job(_executor_settings(settings, spark), tuple(analyzers), given)
    units = _units(inputs, settings, tuple(include or DEFAULT_INCLUDE), tuple(exclude))
    report = RunReport()

    def error(message: str) -> None:
        report.errors.append(message)
        if on_error:
            on_error(message)

    try:
        if store is not None:
            command = "spark " + " ".join(inputs)
            _into_store(spark, job, versions, units, store, command, partition_units, report, error, on_progress)
        else:
            _into_directory(spark, job, units, out, partition_units, report, error, on_progress)
    except Exception as exc:
        if not type(exc).__module__.startswith(("py4j", "pyspark")):
            raise
        # A failed job is one line; what earlier waves stored stays stored.
        lines = [line for line in str(exc).splitlines() if line.strip()]
        hint = " (the executors' Python has no faultlines: set PYSPARK_PYTHON to one that has, before the session " \
               "starts)" if "No module named 'faultlines'" in str(exc) else ""
        raise DistributedError(f"the Spark job failed: {lines[-1] if lines else type(exc).__name__}{hint}",
                               code="FL502") from exc
    finally:
        if own_session:
            spark.stop()
    return report


def _active_session() -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def _into_store(
    spark: Any, job: _Job, versions: dict[str, str], units: Iterator[Unit | InputError], store: "Store",
    command: str, partition_units: int, report: RunReport, error: Callable[[str], None], on_progress: Callable[[int], None] | None,
) -> None:
    sc = spark.sparkContext
    skip = sc.broadcast(frozenset(store.analyzed_hashes(versions)))
    wave_partitions = 2 * max(1, sc.defaultParallelism)
    run_id = store.start_run(command, {"analyzers": versions})
    status = "failed"

    def waves() -> Iterator[tuple[list[str], list[Unit]]]:
        # Driver-side errors travel with the wave they were met in, so they are reported in input order.
        while True:
            errors: list[str] = []
            wave: list[Unit] = []
            for unit in units:
                if isinstance(unit, InputError):
                    errors.append(str(unit))
                else:
                    wave.append(unit)
                    if len(wave) >= wave_partitions * partition_units:
                        break
            if not wave and not errors:
                return
            yield errors, wave

    def compute(wave: list[Unit]) -> list[tuple[str, Any]]:
        if not wave:
            return []
        slices = math.ceil(len(wave) / partition_units)
        rdd = sc.parallelize(wave, slices).mapPartitions(partial(_analyze_partition, job, skip))
        return rdd.collect()

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending: tuple[list[str], Future] | None = None
            for errors, wave in waves():
                # The cluster computes this wave while the driver stores the previous one.
                current = (errors, pool.submit(compute, wave))
                if pending is not None:
                    _store_wave(pending, store, run_id, versions, report, error, on_progress)
                pending = current
            if pending is not None:
                _store_wave(pending, store, run_id, versions, report, error, on_progress)
        status = "ok" if report.ok else "partial"
    finally:
        store.finish_run(run_id, report.as_dict(), status)
        skip.destroy()


def _store_wave(
    pending: tuple[list[str], Future], store: "Store", run_id: int, versions: dict[str, str], report: RunReport,
    error: Callable[[str], None], on_progress: Callable[[int], None] | None,
) -> None:
    errors, future = pending
    for message in errors:
        error(message)
    analyzed: list[Document] = []
    already: list[Document] = []
    failed = 0
    for kind, value in future.result():
        if kind in ("error", "failed"):
            failed += kind == "failed"
            error(value)
        else:
            (analyzed if kind == "analyzed" else already).append(value)
    report.read += len(analyzed) + len(already) + failed
    report.analyzed += len(analyzed)
    store_documents(store, run_id, versions, analyzed, already, report)
    if on_progress and (analyzed or already):
        on_progress(len(analyzed) + len(already))


def _into_directory(
    spark: Any, job: _Job, units: Iterator[Unit | InputError], out: str, partition_units: int,
    report: RunReport, error: Callable[[str], None], on_progress: Callable[[int], None] | None,
) -> None:
    sc = spark.sparkContext
    readable: list[Unit] = []
    for unit in units:
        if isinstance(unit, InputError):
            error(str(unit))
        else:
            readable.append(unit)
    errors = sc.accumulator([], _ListSum())
    counts = sc.accumulator((0, 0), _PairSum())
    slices = max(1, math.ceil(len(readable) / partition_units))
    sc.parallelize(readable, slices).mapPartitions(partial(_records_partition, job, errors, counts)).saveAsTextFile(out)
    for message in errors.value:
        error(message)
    report.read, report.analyzed = counts.value
    if on_progress and report.read:
        on_progress(report.read)
