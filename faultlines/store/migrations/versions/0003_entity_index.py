"""An index for the entity lists: role mentions by canonical name, type, role and document.

Revision ID: 0003_entity_index
Revises: 0002_query_indexes

The read side groups the ``entity`` layer (five to twenty mentions per
article) by canonical name, type and role and counts documents; this partial
expression index covers that grouping, and finds one entity's mentions, without
reading the annotation rows. Like 0002's, it is dialect-specific.
"""
from __future__ import annotations

from alembic import op

revision = "0003_entity_index"
down_revision = "0002_query_indexes"
branch_labels = None
depends_on = None

SQLITE = (
    "CREATE INDEX ix_annotations_entity ON annotations "
    "(json_extract(attrs, '$.canonical'), label, json_extract(attrs, '$.role'), doc_pk) WHERE layer = 'entity'"
)
POSTGRESQL = (
    "CREATE INDEX ix_annotations_entity ON annotations "
    "((attrs ->> 'canonical') COLLATE \"C\", label, (attrs ->> 'role') COLLATE \"C\", doc_pk) WHERE layer = 'entity'"
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        op.execute(SQLITE if dialect == "sqlite" else POSTGRESQL)


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_annotations_entity")
