"""Account pages (issue 14): the email_changes table behind "Change email" and its undo link.

Revision ID: 0007_email_changes
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_email_changes"
down_revision = "0006"
branch_labels = None
depends_on = None

EMAIL = sa.String(254)


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create email_changes."""
    op.create_table(
        "email_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("old_email", EMAIL, nullable=False),
        sa.Column("new_email", EMAIL, nullable=False),
        sa.Column("new_email_key", EMAIL, nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        _when("sent_at"),
        sa.Column("wrong_tries", sa.Integer(), server_default="0", nullable=False),
        _when("confirmed_at", nullable=True),
        _when("undone_at", nullable=True),
        sa.CheckConstraint("wrong_tries >= 0", name="ck_email_changes_wrong_tries_not_negative"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_email_changes_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_email_changes"),
    )
    op.create_index("ix_email_changes_user_id", "email_changes", ["user_id"])


def downgrade() -> None:
    """Drop email_changes."""
    op.drop_index("ix_email_changes_user_id", table_name="email_changes")
    op.drop_table("email_changes")
