"""The `search_counts` table: how often each normalised query was searched, per day."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base


class SearchCount(Base):
    """How often one normalised query was searched on one (UTC) day, and what it found last.

    Deliberately nothing about who searched: no address, no user, no cookie, no time of day.
    """

    __tablename__ = "search_counts"
    __table_args__ = (sa.UniqueConstraint("day", "query", name="uq_search_counts_day_query"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, nullable=False)
    query: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    searches: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    results: Mapped[int] = mapped_column(sa.Integer, nullable=False)  # the latest search's count
