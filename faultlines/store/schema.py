"""The store's tables as SQLAlchemy Core metadata.

Portable types only (Integer, Float, Text, JSON), so the same schema runs on
SQLite and PostgreSQL. Times are ISO-8601 text in UTC. On PostgreSQL the
key, label and time columns (:data:`Key`) use the "C" collation, so they
compare byte by byte as on SQLite. The full-text index is not part of this
metadata: the migrations make it, ``documents_fts`` on SQLite and the
generated ``documents.search_vector`` column on PostgreSQL.

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

#: Text compared byte by byte on both databases: identifiers, codes, labels, ISO times.
Key = Text().with_variant(Text(collation="C"), "postgresql")

#: The newest migration; a store at this revision is opened without importing Alembic.
SCHEMA_REVISION = "0004_reviews"

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
    Column("started_at", Key, nullable=False),
    Column("finished_at", Key),
    Column("command", Text),
    Column("settings", JSON),
    Column("counts", JSON),
    Column("status", Key, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    # INTEGER PRIMARY KEY: the SQLite rowid, used by the FTS external-content
    # table and for keyset pagination.
    Column("pk", Integer, primary_key=True),
    Column("id", Key, nullable=False, unique=True),
    Column("content_hash", Key, nullable=False, unique=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("source", Key, index=True),
    Column("source_kind", Key, nullable=False),
    Column("language", Key, index=True),
    Column("language_score", Float),
    Column("published", Key, index=True),
    Column("published_readings", JSON, nullable=False),
    Column("published_basis", Key),
    Column("fetched", Key),
    Column("meta", JSON, nullable=False),
    Column("ingested_at", Key, nullable=False),
    Column("updated_at", Key, nullable=False),
)

document_sources = Table(
    "document_sources",
    metadata,
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("source", Key, nullable=False, index=True),
    Column("first_seen", Key, nullable=False),
    PrimaryKeyConstraint("doc_pk", "source"),
)

annotations = Table(
    "annotations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    Column("analyzer", Key, nullable=False),
    Column("version", Key, nullable=False),
    Column("layer", Key, nullable=False),
    Column("label", Key),
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
    Column("analyzer", Key, nullable=False),
    Column("version", Key, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="SET NULL")),
    Column("created_at", Key, nullable=False),
    PrimaryKeyConstraint("doc_pk", "analyzer", "version"),
)


reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    # Claim ids (``c`` + 12 hex digits) are derived from the claim's text and document, not a foreign key: a
    # verdict outlives a re-analysis that renumbers annotations.
    Column("claim_id", Key, nullable=False),
    Column("rating", Key, nullable=False),
    Column("note", Text),
    Column("reviewer", Text),
    Column("url", Text),
    Column("reviewed_at", Key, nullable=False),
    Index("ix_reviews_claim_id", "claim_id", "reviewed_at"),
)


#: Made by hand in the migrations, outside this metadata: PostgreSQL's full-text column and
#: index, and the expression indexes on event attrs (SQLite's are not reflected at all).
HAND_MADE = {"search_vector", "ix_documents_search_vector", "ix_annotations_event_date", "ix_annotations_event_country",
             "ix_annotations_entity"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    """Alembic autogenerate filter: leaves out the FTS5 tables and the other :data:`HAND_MADE` objects."""
    if type_ == "table" and name is not None and name.startswith("documents_fts"):
        return False
    return not (type_ in ("column", "index") and name in HAND_MADE)
