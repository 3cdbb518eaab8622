"""Errors with stable codes. Each message says what went wrong and, where it can, how to fix it."""
from __future__ import annotations


class FaultlinesError(Exception):
    """Base class; ``code`` is stable across versions (FL###)."""

    code = "FL000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class InputError(FaultlinesError):
    """One input could not be read; the run goes on with the others.

    Codes: FL101 missing/unreadable, FL102 empty, FL103 binary, FL104 too
    large, FL105 undecodable text, FL106 no main text in HTML, FL107 URL
    refused (private address, scheme), FL108 fetch failed, FL109 not a feed,
    FL110 malformed JSON document, FL111 unsupported kind, FL112 several
    documents where one was expected, FL113 bad narrative taxonomy file,
    FL120 unreadable SemEval roles data.
    """

    code = "FL100"

    def __init__(self, source: str, reason: str, *, code: str | None = None) -> None:
        super().__init__(reason, code=code)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason} [{self.code}]"


class StoreError(FaultlinesError):
    """The store could not be opened, migrated or written (FL2xx).

    FL201 cannot open or create, FL202 not a database, FL203 newer schema,
    FL204 migration failed, FL205 bad data or offsets, FL206 document not
    stored or its text differs, FL207 locked, FL208 read-only or disk
    full, FL209 unsupported database, FL210 no store at the path a command
    that only reads was given.
    """

    code = "FL200"


class QueryError(FaultlinesError):
    """A user query could not be understood (FL3xx); the message says why.

    FL301 nothing to search for, FL302 bad query syntax, FL303 bad filter,
    FL304 bad export format or output.
    """

    code = "FL300"


class AnalyzerError(FaultlinesError):
    """An analyzer is unknown, misconfigured or failed on a document (FL4xx).

    FL401 name registered twice, FL402 analyzer incomplete, FL403 unknown
    analyzer, FL404 requirement not met by an earlier analyzer, FL405
    analyzer failed on a document.
    """

    code = "FL400"


class DistributedError(FaultlinesError):
    """A distributed run could not start or a job failed (FL5xx).

    FL501 Spark (pyspark) or Java not available, FL502 a Spark job failed,
    FL503 the output directory already exists.
    """

    code = "FL500"


# Other codes, raised as FaultlinesError: FL601 no official scorer under the data folder, FL602 a scorer failed;
# FL701 refusing to serve (beyond loopback without a token, or a token too short to be secret).
