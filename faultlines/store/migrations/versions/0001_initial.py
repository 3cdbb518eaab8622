"""Initial schema: documents, their sources, annotations, analyses, runs, full-text index.

Revision ID: 0001_initial
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

# SQLite: an external-content FTS5 table over documents(title, text), kept in
# step by triggers. remove_diacritics 2 folds accents; unicode61 handles Cyrillic.
SQLITE_FTS = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text,
        content='documents', content_rowid='pk',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    # Bulk ingest is FTS-bound: merging segments less eagerly makes adds ~25% faster at a
    # negligible query cost (Store.optimize() merges them all after a large ingest).
    "INSERT INTO documents_fts(documents_fts, rank) VALUES ('automerge', 16)",
    "INSERT INTO documents_fts(documents_fts, rank) VALUES ('crisismerge', 64)",
    """CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.pk, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
    END""",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS documents_fts_au",
    "DROP TRIGGER IF EXISTS documents_fts_ad",
    "DROP TRIGGER IF EXISTS documents_fts_ai",
    "DROP TABLE IF EXISTS documents_fts",
]

# PostgreSQL: a stored tsvector column (generated, so it follows every insert and edit)
# under a GIN index. The 'simple' configuration lower-cases and keeps every word (no
# stemming, no stop words) in any language, as unicode61 does; titles weigh more (A) than
# texts (D). A tsvector holds at most 1 MB, so only the first 200,000 characters of a text
# are indexed: a longer document must still be storable.
PG_FTS = [
    """ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', left(coalesce(title, ''), 2000)), 'A') ||
        setweight(to_tsvector('simple', left(text, 200000)), 'D')
    ) STORED""",
    "CREATE INDEX ix_documents_search_vector ON documents USING GIN (search_vector)",
]
PG_FTS_DROP = [
    "DROP INDEX IF EXISTS ix_documents_search_vector",
    "ALTER TABLE documents DROP COLUMN IF EXISTS search_vector",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Identifiers, codes, labels and ISO times compare byte by byte, as on SQLite, whatever
    # the PostgreSQL database's locale (ranges, keyset cursors and prefixes rely on it).
    key = sa.Text(collation="C") if dialect == "postgresql" else sa.Text()
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", key, nullable=False),
        sa.Column("finished_at", key, nullable=True),
        sa.Column("command", sa.Text(), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.Column("status", key, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", key, nullable=False),
        sa.Column("content_hash", key, nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", key, nullable=True),
        sa.Column("source_kind", key, nullable=False),
        sa.Column("language", key, nullable=True),
        sa.Column("language_score", sa.Float(), nullable=True),
        sa.Column("published", key, nullable=True),
        sa.Column("published_readings", sa.JSON(), nullable=False),
        sa.Column("published_basis", key, nullable=True),
        sa.Column("fetched", key, nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("ingested_at", key, nullable=False),
        sa.Column("updated_at", key, nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_documents"),
        sa.UniqueConstraint("id", name="uq_documents_id"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
    )
    op.create_index("ix_documents_source", "documents", ["source"])
    op.create_index("ix_documents_language", "documents", ["language"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "document_sources",
        sa.Column("doc_pk", sa.Integer(), nullable=False),
        sa.Column("source", key, nullable=False),
        sa.Column("first_seen", key, nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_pk"], ["documents.pk"], name="fk_document_sources_doc_pk_documents", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("doc_pk", "source", name="pk_document_sources"),
    )
    op.create_index("ix_document_sources_source", "document_sources", ["source"])
    op.create_table(
        "annotations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_pk", sa.Integer(), nullable=False),
        sa.Column("analyzer", key, nullable=False),
        sa.Column("version", key, nullable=False),
        sa.Column("layer", key, nullable=False),
        sa.Column("label", key, nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("attrs", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_pk"], ["documents.pk"], name="fk_annotations_doc_pk_documents", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_annotations"),
    )
    op.create_index("ix_annotations_doc_pk_analyzer_version", "annotations", ["doc_pk", "analyzer", "version"])
    op.create_index("ix_annotations_layer_label", "annotations", ["layer", "label"])
    op.create_table(
        "analyses",
        sa.Column("doc_pk", sa.Integer(), nullable=False),
        sa.Column("analyzer", key, nullable=False),
        sa.Column("version", key, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("created_at", key, nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_pk"], ["documents.pk"], name="fk_analyses_doc_pk_documents", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_analyses_run_id_runs", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("doc_pk", "analyzer", "version", name="pk_analyses"),
    )

    for statement in SQLITE_FTS if dialect == "sqlite" else PG_FTS if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS_DROP:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in PG_FTS_DROP:
            op.execute(statement)
    op.drop_table("analyses")
    op.drop_index("ix_annotations_layer_label", table_name="annotations")
    op.drop_index("ix_annotations_doc_pk_analyzer_version", table_name="annotations")
    op.drop_table("annotations")
    op.drop_index("ix_document_sources_source", table_name="document_sources")
    op.drop_table("document_sources")
    op.drop_index("ix_documents_published", table_name="documents")
    op.drop_index("ix_documents_language", table_name="documents")
    op.drop_index("ix_documents_source", table_name="documents")
    op.drop_table("documents")
    op.drop_table("runs")
