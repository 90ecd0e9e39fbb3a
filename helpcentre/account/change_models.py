"""The email changes table: a new address waiting for its code, then the record that lets the old one undo it."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, UTCDateTime
from .models import EMAIL_LENGTH


class EmailChange(Base):
    """One request to move an account to a new address.

    Pending while `confirmed_at` is empty (the code's hash and tries are those of rules/codes.py);
    once confirmed, the row is what the old address's undo link points at, used once (`undone_at`).
    Deleted with the account.
    """

    __tablename__ = "email_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    old_email: Mapped[str] = mapped_column(sa.String(EMAIL_LENGTH))
    new_email: Mapped[str] = mapped_column(sa.String(EMAIL_LENGTH))
    new_email_key: Mapped[str] = mapped_column(sa.String(EMAIL_LENGTH))
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    wrong_tries: Mapped[int] = mapped_column(default=0, server_default="0")
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (sa.CheckConstraint("wrong_tries >= 0", name="wrong_tries_not_negative"),)
