"""Alembic environment for the faultlines store.

Used programmatically (see :mod:`faultlines.store.migrate`): the caller puts an
open SQLAlchemy ``Connection`` in ``config.attributes["connection"]``. Each
migration runs in its own transaction.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from faultlines.store.schema import include_object, metadata

config = context.config


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=metadata,
        transaction_per_migration=True,
        compare_type=True,
        include_object=include_object,
        **kwargs,
    )


def run_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    _configure(url=url, literal_binds=True, render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic -x` style use with a URL; not how faultlines calls it
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.connect() as connection:
            _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
            with context.begin_transaction():
                context.run_migrations()
        return
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
