"""Indexes for the REST API and dashboard's list and filter queries.

Revision ID: 0002_query_indexes
Revises: 0001_initial

Partial expression indexes cover only the layers the read side filters on
(events by country/date, techniques and narratives by label), so ingest of
the far more numerous sentence/paragraph/NER rows pays nothing for them.
They are dialect-specific expressions (like the full-text index of 0001) and
so live here rather than in the portable metadata of ``schema.py``.
"""
from __future__ import annotations

from alembic import op

revision = "0002_query_indexes"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

SQLITE = [
    # Events newest first (by event date), optionally within one country.
    "CREATE INDEX ix_annotations_event_date ON annotations (json_extract(attrs, '$.date')) WHERE layer = 'event'",
    "CREATE INDEX ix_annotations_event_country ON annotations "
    "(json_extract(attrs, '$.country'), json_extract(attrs, '$.date')) WHERE layer = 'event'",
    # Documents having a technique / narrative label; claims by stance.
    "CREATE INDEX ix_annotations_technique ON annotations (label, doc_pk) WHERE layer = 'technique'",
    "CREATE INDEX ix_annotations_narrative ON annotations (label, doc_pk) WHERE layer = 'narrative'",
    "CREATE INDEX ix_annotations_claim ON annotations (label) WHERE layer = 'claim'",
]
POSTGRESQL = [
    "CREATE INDEX ix_annotations_event_date ON annotations ((attrs ->> 'date')) WHERE layer = 'event'",
    "CREATE INDEX ix_annotations_event_country ON annotations "
    "((attrs ->> 'country'), (attrs ->> 'date')) WHERE layer = 'event'",
    "CREATE INDEX ix_annotations_technique ON annotations (label, doc_pk) WHERE layer = 'technique'",
    "CREATE INDEX ix_annotations_narrative ON annotations (label, doc_pk) WHERE layer = 'narrative'",
    "CREATE INDEX ix_annotations_claim ON annotations (label) WHERE layer = 'claim'",
]
NAMES = [
    "ix_annotations_claim",
    "ix_annotations_narrative",
    "ix_annotations_technique",
    "ix_annotations_event_country",
    "ix_annotations_event_date",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE if dialect == "sqlite" else POSTGRESQL if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    for name in NAMES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
