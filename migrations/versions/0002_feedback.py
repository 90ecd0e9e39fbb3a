"""Feedback: one "Was this information helpful?" answer per reader per article.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the feedback table, unique on (article slug, reader)."""
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_slug", sa.String(length=200), nullable=False),
        sa.Column("reader_key", sa.String(length=80), nullable=False),
        sa.Column("vote", sa.String(length=3), nullable=False),
        sa.Column("article_revision", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback"),
        sa.UniqueConstraint("article_slug", "reader_key", name="uq_feedback_article_slug"),
        sa.CheckConstraint("vote IN ('yes', 'no')", name="ck_feedback_vote"),
        sa.CheckConstraint("reason IS NULL OR reason IN ('unclear', 'wrong', 'unanswered', 'other')",
                           name="ck_feedback_reason"),
    )


def downgrade() -> None:
    """Drop the feedback table and every answer in it."""
    op.drop_table("feedback")
