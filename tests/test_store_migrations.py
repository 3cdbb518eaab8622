"""Store migrations: from empty to head, down to base and up again; the metadata matches the migrations."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from helpers import all_docs, sqlite_checks

from faultlines.store import SCHEMA_REVISION, Store, migrate
from faultlines.store.schema import include_object, metadata

TABLES = {"alembic_version", "analyses", "annotations", "document_sources", "documents", "documents_fts", "reviews", "runs"}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {n for n in names if not n.startswith("documents_fts_") and n != "sqlite_sequence"}


def _triggers(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def test_head_constant_matches_the_migration_scripts() -> None:
    assert migrate.head_revision() == SCHEMA_REVISION
    assert SCHEMA_REVISION in migrate.known_revisions()


def test_migrates_an_empty_file_to_head(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store(path) as store:
        assert store.revision() == SCHEMA_REVISION
    assert _tables(path) == TABLES
    assert _triggers(path) == {"documents_fts_ai", "documents_fts_ad", "documents_fts_au"}
    with sqlite3.connect(path) as conn:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").fetchone()[0]
    assert "content='documents'" in sql and "remove_diacritics 2" in sql


def test_metadata_and_migrated_database_agree(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store, store._engine.connect() as conn:
        opts = {"compare_type": True, "include_object": include_object}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add(all_docs())
        with store._engine.connect() as conn:
            migrate.downgrade(conn, "base")
        assert _tables(path) == {"alembic_version"}
        assert _triggers(path) == set()
        assert store.revision() is None
        with store._engine.connect() as conn:
            migrate.upgrade(conn)
        assert _tables(path) == TABLES
        assert store.count() == 0
        store.add(all_docs())
        assert store.search("Rogun")[0].id == "rogun-dam"
    assert sqlite_checks(path) == ("ok", 5, 5)


def test_opening_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "s.db"
    Store(path).close()
    code = (
        "import sys, time; from faultlines.store import Store; t = time.perf_counter(); "
        f"Store({str(path)!r}).close(); print(time.perf_counter() - t, 'alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert float(out[0]) < 0.1
    assert out[1] == "False"
