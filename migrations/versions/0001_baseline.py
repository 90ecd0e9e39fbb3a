"""Baseline: the start of the migration chain that every later table is added to.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to create yet: the help pages themselves read only files."""


def downgrade() -> None:
    """Nothing to drop."""
