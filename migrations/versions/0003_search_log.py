"""Search log: searches counted per day by normalised query, with their result count.

Revision ID: 0003
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create search_counts, one row per (day, query)."""
    op.create_table(
        "search_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("query", sa.String(length=200), nullable=False),
        sa.Column("searches", sa.Integer(), nullable=False),
        sa.Column("results", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_counts")),
        sa.UniqueConstraint("day", "query", name=op.f("uq_search_counts_day_query")),
    )


def downgrade() -> None:
    """Drop search_counts."""
    op.drop_table("search_counts")
