"""The device tables: devices registered to accounts, and the replacements asked for them.

Rows are never deleted: removing a device stamps `removed_at`, so its replacement history
stays for the records. The warranty end date is not stored; it follows from the purchase
date and the model's months in devices.yml.
"""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, UTCDateTime
from .catalogue import MAX_ID_LENGTH
from .cover import ACCIDENTAL_DAMAGE, KINDS
from .serials import MAX_SERIAL_LENGTH

DETAILS_LENGTH = 500
KIND_LENGTH = 20


class RegisteredDevice(Base):
    """One device on one account, from registration until (and after) its removal."""

    __tablename__ = "registered_devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    model_id: Mapped[str] = mapped_column(sa.String(MAX_ID_LENGTH))
    serial: Mapped[str] = mapped_column(sa.String(MAX_SERIAL_LENGTH), index=True)  # normalised
    purchase_date: Mapped[date] = mapped_column(sa.Date)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # One registered (not removed) device per serial: two accounts racing to register one serial
    # can't both succeed, whatever the workers and hosts, while removed rows keep their history.
    __table_args__ = (
        sa.Index("uq_registered_devices_serial_registered", "serial", unique=True,
                 sqlite_where=sa.text("removed_at IS NULL"), postgresql_where=sa.text("removed_at IS NULL")),
    )


class ReplacementRequest(Base):
    """A replacement asked for a device: for a fault, or on its one-time accidental damage cover."""

    __tablename__ = "replacement_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(sa.ForeignKey("registered_devices.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(KIND_LENGTH))
    details: Mapped[str | None] = mapped_column(sa.String(DETAILS_LENGTH))  # what happened, in the reader's words
    requested_on: Mapped[date] = mapped_column(sa.Date)  # the day in the site's timezone: what cover goes by
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        sa.CheckConstraint("kind IN (" + ", ".join(f"'{kind}'" for kind in KINDS) + ")", name="kind_known"),
        # The cover pays out once per registration, even for two requests sent at the same instant.
        sa.Index("uq_replacement_requests_accidental_damage", "device_id", unique=True,
                 sqlite_where=sa.text(f"kind = '{ACCIDENTAL_DAMAGE}'"),
                 postgresql_where=sa.text(f"kind = '{ACCIDENTAL_DAMAGE}'")),
    )
