"""Accounts: users, verification codes, the sent-email log and sign-in failure counters.

Revision ID: 0004
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

EMAIL = sa.String(254)


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create the account tables."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", EMAIL, nullable=False),
        sa.Column("email_key", EMAIL, nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        _when("created_at"),
        _when("verified_at", nullable=True),
        _when("last_login_at", nullable=True),
        sa.Column("session_version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email_key", name="uq_users_email_key"),
    )
    op.create_table(
        "verification_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        _when("sent_at"),
        sa.Column("wrong_tries", sa.Integer(), server_default="0", nullable=False),
        _when("used_at", nullable=True),
        sa.CheckConstraint("wrong_tries >= 0", name="ck_verification_codes_wrong_tries_not_negative"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_verification_codes_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_verification_codes"),
    )
    op.create_index("ix_verification_codes_user_id", "verification_codes", ["user_id"])
    op.create_table(
        "account_emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        _when("sent_at"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_account_emails_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_account_emails"),
    )
    op.create_index("ix_account_emails_user_kind_sent", "account_emails", ["user_id", "kind", "sent_at"])
    op.create_table(
        "sign_in_failures",
        sa.Column("email_key", EMAIL, nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        _when("last_failure_at"),
        sa.PrimaryKeyConstraint("email_key", name="pk_sign_in_failures"),
    )


def downgrade() -> None:
    """Drop the account tables, dependants first."""
    op.drop_table("sign_in_failures")
    op.drop_index("ix_account_emails_user_kind_sent", table_name="account_emails")
    op.drop_table("account_emails")
    op.drop_index("ix_verification_codes_user_id", table_name="verification_codes")
    op.drop_table("verification_codes")
    op.drop_table("users")
