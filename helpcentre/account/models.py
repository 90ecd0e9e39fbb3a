"""The account tables: users, their verification codes, sent emails and sign-in failures."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, UTCDateTime

# RFC 5321's path limit; also the length rules/emails.py allows.
EMAIL_LENGTH = 254


class User(Base):
    """An adult's account. Flask-Login's id is "<id>:<session_version>", so bumping the
    version signs out every copy of every cookie this account was ever given."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(EMAIL_LENGTH))
    # The case-folded address: unique here, so two sign-ups racing with one email can't both win.
    email_key: Mapped[str] = mapped_column(sa.String(EMAIL_LENGTH), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    date_of_birth: Mapped[date] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    # Flask-Login's interface, written out rather than mixed in so get_id carries the version.
    is_active = True
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        """Every loaded user is signed in (the loader refuses unverified accounts)."""
        return True

    def get_id(self) -> str:
        """Flask-Login's alternative token: the id and the current session version."""
        return f"{self.id}:{self.session_version}"

    @property
    def verified(self) -> bool:
        """Whether the email address was confirmed with a code (or a reset link)."""
        return self.verified_at is not None


class VerificationCode(Base):
    """A hashed 6-digit code sent to verify an account's email; only the newest one counts."""

    __tablename__ = "verification_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    wrong_tries: Mapped[int] = mapped_column(default=0, server_default="0")
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (sa.CheckConstraint("wrong_tries >= 0", name="wrong_tries_not_negative"),)


class AccountEmail(Base):
    """One email sent to an account (a code, a reset link, a notice): the log resend limits count."""

    __tablename__ = "account_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (sa.Index("ix_account_emails_user_kind_sent", "user_id", "kind", "sent_at"),)


class SignInFailure(Base):
    """Consecutive failed sign-ins per typed email, known or not, so lockouts reveal no accounts."""

    __tablename__ = "sign_in_failures"

    email_key: Mapped[str] = mapped_column(sa.String(EMAIL_LENGTH), primary_key=True)
    failures: Mapped[int]
    # Indexed: rows idle for a day are pruned, so made-up emails cannot pile up.
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
