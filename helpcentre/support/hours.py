"""Live-chat opening hours: the schedule model and the pure "is chat open now?" function.

Semantics (pinned by tests/test_chat_hours.py):
* A range is a wall-clock interval on its own date in the schedule's timezone; "24:00" ends it
  at midnight. Closures close a whole date; special hours replace that date's weekly hours.
* A boundary becomes the FIRST instant at which the local clock reads that time or later: for a
  time shown twice (autumn fall-back) the first showing; for a skipped time (spring forward) the
  moment of the jump, so London's "01:30" on that Sunday is 02:00 BST and a range wholly inside
  the skipped hour never opens. This never reorders boundaries, so touching ranges still touch.
* Instants are compared in UTC and touching periods merged, so "until" is the real end of a
  continuous stretch (22:00-24:00 then 00:00-02:00 reads "until tomorrow at 2am").
* The next opening is sought only HORIZON_DAYS ahead: past that, "closed until further notice".
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from helpcentre.support.wording import (
    MINUTES_PER_DAY,
    WEEKDAYS,
    days_text,
    format_clock,
    range_text,
    ranges_text,
    when_text,
)

__all__ = ["DEFAULT_TIMEZONE", "HORIZON_DAYS", "WEEKDAYS", "ChatStatus", "DayHours", "Schedule", "TimeRange",
           "chat_status", "day_hours", "format_clock", "schedule_for_week", "upcoming_closures", "weekly_hours_text"]

DEFAULT_TIMEZONE = "Europe/London"
HORIZON_DAYS = 366


@dataclass(frozen=True, order=True)
class TimeRange:
    """A wall-clock interval on one date, in minutes after midnight (an end of 1440 is "24:00")."""

    start_minutes: int
    end_minutes: int

    def __post_init__(self) -> None:
        if not 0 <= self.start_minutes < self.end_minutes <= MINUTES_PER_DAY:
            raise ValueError(f"not a time range within one day: {self!r}")

    def text(self) -> str:
        """The range for people, e.g. "8am to 10pm"."""
        return range_text(self.start_minutes, self.end_minutes)


@dataclass(frozen=True)
class Schedule:
    """Weekly hours (0 is Monday) plus closures and special hours by date, in one timezone."""

    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    tz_label: str = ""  # shown in brackets; empty means the timezone's name
    weekly: dict[int, tuple[TimeRange, ...]] = field(default_factory=dict)
    closures: dict[date, str] = field(default_factory=dict)  # date -> reason ("" if none)
    special: dict[date, tuple[TimeRange, ...]] = field(default_factory=dict)
    special_reasons: dict[date, str] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)  # chat_url, email, phone

    @property
    def label(self) -> str:
        """The timezone as the banner names it, e.g. "UK time"."""
        return self.tz_label or self.tz.key


@dataclass(frozen=True)
class DayHours:
    """One date's effective hours, and why they differ from the usual week if they do."""

    day: date
    ranges: tuple[TimeRange, ...]
    reason: str = ""
    exceptional: bool = False  # a closure or special hours rather than the weekly hours
    is_today: bool = False

    @property
    def text(self) -> str:
        """The hours for people, e.g. "8am to 10pm" or "Closed"."""
        return ranges_text((r.start_minutes, r.end_minutes) for r in self.ranges)


@dataclass(frozen=True)
class ChatStatus:
    """Whether chat is open at `now`, and until or from when: aware, support timezone (compare in UTC)."""

    is_open: bool
    until: datetime | None
    opens_at: datetime | None
    tz_label: str
    now: datetime  # the instant asked about, which anchors "today" and "tomorrow"

    def detail(self) -> str:
        """The part after the dot, e.g. "until 10pm (UK time)"; "" when there is nothing to add."""
        if self.is_open:
            return f"until {when_text(self.until, self.now, False)} ({self.tz_label})" if self.until else ""
        if self.opens_at:
            return f"opens {when_text(self.opens_at, self.now, True)} ({self.tz_label})"
        return "until further notice"

    def message(self) -> str:
        """The whole banner sentence, e.g. "Live chat is closed · opens Monday at 8am (UK time)"."""
        head = "Live chat is open" if self.is_open else "Live chat is closed"
        detail = self.detail()
        if not detail:
            return head
        return f"{head} {detail}" if detail == "until further notice" else f"{head} · {detail}"


def day_hours(schedule: Schedule, day: date, today: date | None = None) -> DayHours:
    """The effective hours of one date: a closure wins over special hours, which replace the week."""
    if day in schedule.closures:
        return DayHours(day, (), schedule.closures[day], True, day == today)
    if day in schedule.special:
        reason = schedule.special_reasons.get(day, "")
        return DayHours(day, schedule.special[day], reason, True, day == today)
    return DayHours(day, schedule.weekly.get(day.weekday(), ()), "", False, day == today)


def chat_status(schedule: Schedule, instant: datetime) -> ChatStatus:
    """Whether live chat is open at an aware instant, and when it closes or next opens."""
    if instant.utcoffset() is None:
        raise ValueError("chat_status needs a timezone-aware instant")
    tz, utc_now = schedule.tz, instant.astimezone(UTC)
    now = instant.astimezone(tz)
    first = now.date() - timedelta(days=1)  # yesterday's hours may run up to today's midnight
    days = HORIZON_DAYS + 2
    horizon_end = _instant(first + timedelta(days=days), 0, tz)
    for start, end in _open_periods(schedule, first, days):
        if end <= utc_now:
            continue
        if start <= utc_now:
            # A period reaching the horizon has no end we can honestly name.
            until = None if end >= horizon_end else end.astimezone(tz)
            return ChatStatus(True, until, None, schedule.label, now)
        return ChatStatus(False, None, start.astimezone(tz), schedule.label, now)
    return ChatStatus(False, None, None, schedule.label, now)


def weekly_hours_text(schedule: Schedule) -> list[tuple[str, str]]:
    """The usual week, consecutive days with equal hours grouped: [("Monday to Friday", "8am to 10pm")]."""
    def text(weekday: int) -> str:
        return ranges_text((r.start_minutes, r.end_minutes) for r in schedule.weekly.get(weekday, ()))

    rows = []
    for hours, run in groupby(range(7), key=text):
        days = list(run)
        rows.append((days_text(days[0], days[-1]), hours))
    return rows


def schedule_for_week(schedule: Schedule, today: date) -> list[DayHours]:
    """The seven days from the Monday of today's week, with closures and special hours applied."""
    monday = today - timedelta(days=today.weekday())
    return [day_hours(schedule, monday + timedelta(days=n), today) for n in range(7)]


def upcoming_closures(schedule: Schedule, today: date, days: int = 60) -> list[DayHours]:
    """Closures and special hours from today for `days` days, in date order."""
    dates = sorted(d for d in {*schedule.closures, *schedule.special} if 0 <= (d - today).days < days)
    return [day_hours(schedule, d, today) for d in dates]


def _open_periods(schedule: Schedule, first: date, days: int) -> Iterator[tuple[datetime, datetime]]:
    """Yield merged (start, end) UTC open periods for `days` dates from `first`, in order."""
    current: tuple[datetime, datetime] | None = None
    for offset in range(days):
        day = first + timedelta(days=offset)
        for r in sorted(day_hours(schedule, day).ranges):
            start = _instant(day, r.start_minutes, schedule.tz)
            end = _instant(day, r.end_minutes, schedule.tz)
            if end <= start:
                continue  # wholly inside a skipped hour
            if current and start <= current[1]:
                current = (current[0], max(current[1], end))
            else:
                if current:
                    yield current
                current = (start, end)
    if current:
        yield current


def _instant(day: date, minutes: int, tz: ZoneInfo) -> datetime:
    """The first UTC instant at which the clock in `tz` reads `minutes` past midnight of `day` or later."""
    wall = datetime.combine(day, time()) + timedelta(minutes=minutes)
    utc = wall.replace(tzinfo=tz).astimezone(UTC)  # fold=0 is the first showing
    if utc.astimezone(tz).replace(tzinfo=None) == wall:
        return utc
    # The clock skips `wall`; its two readings straddle the jump, which we find by bisection.
    lo, hi = sorted(int(wall.replace(tzinfo=tz, fold=f).timestamp()) for f in (0, 1))
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, tz).replace(tzinfo=None) >= wall:
            hi = mid
        else:
            lo = mid
    return datetime.fromtimestamp(hi, UTC)
