"""The `feedback` table: one answer per reader per article, whatever the article later becomes."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base

VOTES = ("yes", "no")
# Codes stored for the "No" follow-up; the wording readers see lives in forms.py.
REASONS = ("unclear", "wrong", "unanswered", "other")


class Feedback(Base):
    """A reader's answer to "Was this information helpful?" for one article."""

    __tablename__ = "feedback"
    __table_args__ = (
        # The database, not a check before the insert, keeps it to one answer per reader.
        sa.UniqueConstraint("article_slug", "reader_key"),
        sa.CheckConstraint("vote IN ('yes', 'no')", name="vote"),
        sa.CheckConstraint("reason IS NULL OR reason IN ('unclear', 'wrong', 'unanswered', 'other')",
                           name="reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The slug, not a foreign key: articles are files, and votes outlive renames and deletions.
    article_slug: Mapped[str] = mapped_column(sa.String(200))
    # "anon:<token>" from the reader cookie, or "account:<id>" once accounts exist; never an IP.
    reader_key: Mapped[str] = mapped_column(sa.String(80))
    vote: Mapped[str] = mapped_column(sa.String(3))
    article_revision: Mapped[str] = mapped_column(sa.String(64))
    reason: Mapped[str | None] = mapped_column(sa.String(16))
    comment: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
