"""Schema migrations, run programmatically with Alembic.

No ``alembic.ini`` is needed: :func:`alembic_config` builds the configuration
in code with ``script_location`` inside this package. Alembic is imported only
here, and :class:`~faultlines.store.Store` imports this module only when a
store is not already at :data:`~faultlines.store.schema.SCHEMA_REVISION`.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic config for the store's migrations, bound to ``connection`` (or ``url``)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Migrate the database behind ``connection`` up to ``revision``, one transaction per migration."""
    command.upgrade(alembic_config(connection), revision)
    if connection.in_transaction():
        connection.commit()


def downgrade(connection: Connection, revision: str = "base") -> None:
    """Migrate down to ``revision`` ("base" drops every table the migrations made)."""
    command.downgrade(alembic_config(connection), revision)
    if connection.in_transaction():
        connection.commit()
