"""A throwaway PostgreSQL server for the tests, started once per session.

``initdb`` into a temporary directory, then ``pg_ctl start`` listening only on
a Unix socket in another temporary directory (``listen_addresses=''``), with
fsync off: the data is thrown away at the end. The fixture ``pg_url`` gives
each test a fresh database as an SQLAlchemy URL.

Without the server binaries (Debian: ``apt-get install postgresql``) or the
psycopg driver (``pip install -e '.[postgres]'``) the tests that use it are
skipped, unless ``FAULTLINES_REQUIRE_POSTGRES=1`` (as in ``.ci/run``), which
turns a missing server into a failure.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

REQUIRE_ENV = "FAULTLINES_REQUIRE_POSTGRES"


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"PostgreSQL tests cannot run ({REQUIRE_ENV}=1): {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL test server: {reason}")


def _bin_dir() -> Path | None:
    """The newest installed server's bin directory (Debian keeps it off PATH), else initdb's on PATH."""
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if found:
        newest = max(found, key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
        return Path(newest).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    # Only names the socket file (.s.PGSQL.<port>); a free TCP port keeps it unlike any other server's.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    bin_dir: Path
    root: Path  # holds data/, sock/ and server.log
    port: int
    as_user: str | None  # run the server binaries as this OS user (initdb refuses root)
    _names = itertools.count(1)

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        data = self.root / "data"
        done = self._run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
        options = (
            f"-c listen_addresses='' -k {self.socket_dir} -p {self.port} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        done = self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")
        if done.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log[-2000:]}")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = f"{prefix}_{next(self._names)}"
        with psycopg.connect(host=str(self.socket_dir), port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # a name made here, never user input
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server (skips, or fails under FAULTLINES_REQUIRE_POSTGRES=1, when there is none)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install -e '.[postgres]')")
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        _unavailable("no initdb/pg_ctl found under /usr/lib/postgresql/*/bin or on PATH (apt-get install postgresql)")
    as_user = None
    if os.geteuid() == 0:  # initdb refuses to run as root
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            _unavailable("running as root and there is no 'postgres' OS user to run the server as")
        as_user = "postgres"
    root = Path(tempfile.mkdtemp(prefix="fl-pg-"))  # short: a socket path must stay under 108 bytes
    (root / "sock").mkdir()
    if as_user:
        record = pwd.getpwnam(as_user)
        for path in (root, root / "sock"):
            os.chown(path, record.pw_uid, record.pw_gid)
    server = PostgresServer(bin_dir, root, _free_port(), as_user)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(str(e))
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """A fresh, empty database on the session's server, as an SQLAlchemy URL."""
    return pg_server.create_database()
