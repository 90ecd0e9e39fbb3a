"""Devices: devices registered to accounts and the replacements requested for them.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

REGISTERED = sa.text("removed_at IS NULL")
ACCIDENTAL_DAMAGE = sa.text("kind = 'accidental_damage'")


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create the device tables with their partial unique indexes."""
    op.create_table(
        "registered_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.String(100), nullable=False),
        sa.Column("serial", sa.String(64), nullable=False),
        sa.Column("purchase_date", sa.Date(), nullable=False),
        _when("registered_at"),
        _when("removed_at", nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_registered_devices_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_registered_devices"),
    )
    op.create_index("ix_registered_devices_user_id", "registered_devices", ["user_id"])
    op.create_index("ix_registered_devices_serial", "registered_devices", ["serial"])
    # One registered (not removed) device per serial, decided by the database.
    op.create_index("uq_registered_devices_serial_registered", "registered_devices", ["serial"], unique=True,
                    sqlite_where=REGISTERED, postgresql_where=REGISTERED)
    op.create_table(
        "replacement_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("details", sa.String(500), nullable=True),
        sa.Column("requested_on", sa.Date(), nullable=False),
        _when("created_at"),
        sa.CheckConstraint("kind IN ('fault', 'accidental_damage')", name="ck_replacement_requests_kind_known"),
        sa.ForeignKeyConstraint(["device_id"], ["registered_devices.id"], ondelete="CASCADE",
                                name="fk_replacement_requests_device_id_registered_devices"),
        sa.PrimaryKeyConstraint("id", name="pk_replacement_requests"),
    )
    op.create_index("ix_replacement_requests_device_id", "replacement_requests", ["device_id"])
    # One accidental damage replacement per registered device.
    op.create_index("uq_replacement_requests_accidental_damage", "replacement_requests", ["device_id"],
                    unique=True, sqlite_where=ACCIDENTAL_DAMAGE, postgresql_where=ACCIDENTAL_DAMAGE)


def downgrade() -> None:
    """Drop the device tables, requests first."""
    op.drop_index("uq_replacement_requests_accidental_damage", table_name="replacement_requests")
    op.drop_index("ix_replacement_requests_device_id", table_name="replacement_requests")
    op.drop_table("replacement_requests")
    op.drop_index("uq_registered_devices_serial_registered", table_name="registered_devices")
    op.drop_index("ix_registered_devices_serial", table_name="registered_devices")
    op.drop_index("ix_registered_devices_user_id", table_name="registered_devices")
    op.drop_table("registered_devices")
