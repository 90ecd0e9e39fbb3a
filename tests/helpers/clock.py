"""One fake clock for every test that moves time instead of sleeping."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

# A summer Sunday at noon UTC (13:00 in London): the account and device tests' "today".
SUMMER_NOON = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    """An aware UTC datetime from (year, month, day, hour, ...)."""
    return datetime(*parts, tzinfo=UTC)


class FakeClock:
    """The app's CLOCK, moved by hand: calling it (or now()) gives the current instant.

    Parts that take a monotonic clock (the content store, watched files) get `clock.seconds`:
    seconds since the clock was made, moved by the same advance().
    """

    def __init__(self, start: datetime = SUMMER_NOON) -> None:
        self.start = self.current = start

    def now(self) -> datetime:
        """The clock's current instant."""
        return self.current

    __call__ = now

    def seconds(self) -> float:
        """Seconds since the clock was made, as a monotonic clock reads."""
        return (self.current - self.start).total_seconds()

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a timedelta's keywords (seconds=..., days=...)."""
        self.current += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        """Put the clock at an instant (for wall-clock tests that jump to a date)."""
        self.current = moment
