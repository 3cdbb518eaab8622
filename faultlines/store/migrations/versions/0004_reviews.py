"""Analysts' verdicts on claims (``faultlines review``), in the store rather than a file beside it.

Revision ID: 0004_reviews
Revises: 0003_entity_index

Every verdict is a row (the latest per claim counts), so a store on PostgreSQL
keeps them too. Verdicts written by earlier versions to ``<db>.reviews.jsonl``
beside an SQLite store are still read (``faultlines.claims.reviews``).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_reviews"
down_revision = "0003_entity_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Ids, ratings and ISO times compare byte by byte, as on SQLite (see 0001).
    key = sa.Text(collation="C") if op.get_bind().dialect.name == "postgresql" else sa.Text()
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", key, nullable=False),
        sa.Column("rating", key, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("reviewed_at", key, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
    )
    op.create_index("ix_reviews_claim_id", "reviews", ["claim_id", "reviewed_at"])


def downgrade() -> None:
    op.drop_index("ix_reviews_claim_id", table_name="reviews")
    op.drop_table("reviews")
