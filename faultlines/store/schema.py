"""The store's tables as SQLAlchemy Core metadata.

Portable types only (Integer, Float, Text, JSON), so the same schema runs on
SQLite now and PostgreSQL later. Times are ISO-8601 text in UTC. The SQLite
full-text index (``documents_fts``) is not part of this metadata: it is
created by the migrations, on SQLite only.

The migrations in ``migrations/versions`` are the source of truth for a
store's layout; ``tests/test_store_migrations.py`` checks that this metadata
and the migrated database agree.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    text,
)

#: The newest migration; a store at this revision is opened without importing Alembic.
SCHEMA_REVISION = "0002_query_indexes"

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text),
    Column("command", Text),
    Column("settings", JSON),
    Column("counts", JSON),
    Column("status", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    # INTEGER PRIMARY KEY: the SQLite rowid, used by the FTS external-content
    # table and for keyset pagination.
    Column("pk", Integer, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("content_hash", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("source", Text, index=True),
    Column("source_kind", Text, nullable=False),
    Column("language", Text, index=True),
    Column("language_score", Float),
    Column("published", Text, index=True),
    Column("published_readings", JSON, nullable=False),
    Column("published_basis", Text),
    Column("fetched", Text),
    Column("meta", JSON, nullable=False),
    Column("ingested_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

document_sources = Table(
    "document_sources",
    metadata,
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("source", Text, nullable=False, index=True),
    Column("first_seen", Text, nullable=False),
    PrimaryKeyConstraint("doc_pk", "source"),
)

annotations = Table(
    "annotations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("analyzer", Text, nullable=False),
    Column("version", Text, nullable=False),
    Column("layer", Text, nullable=False),
    Column("label", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("score", Float),
    Column("attrs", JSON, nullable=False),
    Index("ix_annotations_doc_pk_analyzer_version", "doc_pk", "analyzer", "version"),
    Index("ix_annotations_layer_label", "layer", "label"),
    # Partial indexes of migration 0002 for the read side (query.py); its expression
    # indexes on attrs (event country/date) are dialect-specific and live only there.
    Index("ix_annotations_technique", "label", "doc_pk", sqlite_where=text("layer = 'technique'"),
          postgresql_where=text("layer = 'technique'")),
    Index("ix_annotations_narrative", "label", "doc_pk", sqlite_where=text("layer = 'narrative'"),
          postgresql_where=text("layer = 'narrative'")),
    Index("ix_annotations_claim", "label", sqlite_where=text("layer = 'claim'"), postgresql_where=text("layer = 'claim'")),
)

analyses = Table(
    "analyses",
    metadata,
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("analyzer", Text, nullable=False),
    Column("version", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="SET NULL")),
    Column("created_at", Text, nullable=False),
    PrimaryKeyConstraint("doc_pk", "analyzer", "version"),
)


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    """Alembic autogenerate filter: the FTS5 table and its shadow tables are made by hand in migrations."""
    return not (type_ == "table" and name is not None and name.startswith("documents_fts"))
