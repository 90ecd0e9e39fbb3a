"""Index sign_in_failures.last_failure_at, so counters idle for a day can be pruned cheaply.

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the index the pruning query uses."""
    op.create_index("ix_sign_in_failures_last_failure_at", "sign_in_failures", ["last_failure_at"])


def downgrade() -> None:
    """Drop it."""
    op.drop_index("ix_sign_in_failures_last_failure_at", table_name="sign_in_failures")
