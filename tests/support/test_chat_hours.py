"""The pure chat-hours model: open/closed at injected instants, DST, phrases and weekly text."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from helpcentre.support.hours import (
    HORIZON_DAYS,
    ChatStatus,
    DayHours,
    Schedule,
    TimeRange,
    chat_status,
    day_hours,
    format_clock,
    schedule_for_week,
    upcoming_closures,
    weekly_hours_text,
)
from helpcentre.support.schedule_file import load_schedule
from tests.helpers.content import REPOSITORY as ROOT

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
UTC = UTC
SHIPPED_WEEK = {0: ["08:00-22:00"], 1: ["08:00-22:00"], 2: ["08:00-22:00"], 3: ["08:00-22:00"],
                4: ["08:00-22:00"], 5: ["10:00-18:00"], 6: ["10:00-18:00"]}
OPEN, CLOSED = "Live chat is open", "Live chat is closed"


def rng(text: str) -> TimeRange:
    """A TimeRange from "HH:MM-HH:MM" (the tests' shorthand; the loader validates real files)."""
    start, end = (int(h) * 60 + int(m) for h, m in (part.split(":") for part in text.split("-")))
    return TimeRange(start, end)


def make(week: dict[int, list[str]] | None = None, *, tz: ZoneInfo = LONDON, label: str = "UK time",
         closures: dict[date, str] | None = None, special: dict[date, list[str]] | None = None,
         reasons: dict[date, str] | None = None) -> Schedule:
    """A schedule from shorthand; the shipped week by default."""
    week = SHIPPED_WEEK if week is None else week
    return Schedule(
        tz=tz, tz_label=label,
        weekly={day: tuple(rng(r) for r in ranges) for day, ranges in week.items()},
        closures=closures or {},
        special={day: tuple(rng(r) for r in ranges) for day, ranges in (special or {}).items()},
        special_reasons=reasons or {},
    )


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, tz: ZoneInfo = LONDON, fold: int = 0) -> datetime:
    """An aware local instant."""
    return datetime(y, mo, d, h, mi, tzinfo=tz, fold=fold)


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    """An aware UTC instant."""
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


def in_utc(instant: datetime | None) -> datetime | None:
    """The same instant in UTC: Python compares and subtracts two datetimes of one zone by wall
    clock, and never finds an instant in a repeated hour equal to one in another zone (PEP 495)."""
    return None if instant is None else instant.astimezone(UTC)


def says(schedule: Schedule, instant: datetime) -> str:
    """The banner sentence at an instant."""
    return chat_status(schedule, instant).message()


# --- Ordinary weekday boundaries: one minute before, at, one minute after -------------------
# 2026-06-03 is a Wednesday, in British Summer Time.

@pytest.mark.parametrize(("hour", "minute", "expected"), [
    (7, 59, f"{CLOSED} · opens today at 8am (UK time)"),
    (8, 0, f"{OPEN} · until 10pm (UK time)"),
    (8, 1, f"{OPEN} · until 10pm (UK time)"),
    (21, 59, f"{OPEN} · until 10pm (UK time)"),
    (22, 0, f"{CLOSED} · opens tomorrow at 8am (UK time)"),
    (22, 1, f"{CLOSED} · opens tomorrow at 8am (UK time)"),
    (0, 0, f"{CLOSED} · opens today at 8am (UK time)"),
    (23, 59, f"{CLOSED} · opens tomorrow at 8am (UK time)"),
])
def test_weekday_boundaries(hour: int, minute: int, expected: str) -> None:
    assert says(make(), at(2026, 6, 3, hour, minute)) == expected


@pytest.mark.parametrize(("day", "hour", "minute", "expected"), [
    (5, 21, 59, f"{OPEN} · until 10pm (UK time)"),  # Friday
    (5, 22, 0, f"{CLOSED} · opens tomorrow at 10am (UK time)"),
    (6, 9, 59, f"{CLOSED} · opens today at 10am (UK time)"),  # Saturday
    (6, 10, 0, f"{OPEN} · until 6pm (UK time)"),
    (6, 10, 1, f"{OPEN} · until 6pm (UK time)"),
    (6, 17, 59, f"{OPEN} · until 6pm (UK time)"),
    (6, 18, 0, f"{CLOSED} · opens tomorrow at 10am (UK time)"),
    (6, 18, 1, f"{CLOSED} · opens tomorrow at 10am (UK time)"),
    (7, 18, 0, f"{CLOSED} · opens tomorrow at 8am (UK time)"),  # Sunday
])
def test_weekend_boundaries(day: int, hour: int, minute: int, expected: str) -> None:
    assert says(make(), at(2026, 6, day, hour, minute)) == expected


def test_status_fields_are_aware_instants_in_the_support_timezone() -> None:
    status = chat_status(make(), utc(2026, 6, 3, 12))
    assert status == ChatStatus(True, at(2026, 6, 3, 22), None, "UK time", at(2026, 6, 3, 13))
    assert status.until.tzinfo is LONDON and status.now.tzinfo is LONDON
    closed = chat_status(make(), utc(2026, 6, 3, 21, 30))
    assert (closed.is_open, closed.until, closed.opens_at) == (False, None, at(2026, 6, 4, 8))
    assert closed.opens_at.utcoffset() == timedelta(hours=1)


def test_the_instant_may_be_given_in_any_timezone() -> None:
    same = [at(2026, 6, 3, 7, 59), utc(2026, 6, 3, 6, 59), at(2026, 6, 3, 2, 59, tz=NEW_YORK)]
    assert {says(make(), instant) for instant in same} == {f"{CLOSED} · opens today at 8am (UK time)"}


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        chat_status(make(), datetime(2026, 6, 3, 12))


# --- Midnight and hours running across it ----------------------------------------------------

OVERNIGHT = {4: ["18:00-24:00"], 5: ["00:00-02:00"]}  # Friday evening into Saturday morning


@pytest.mark.parametrize(("instant", "expected"), [
    (at(2026, 6, 5, 17, 59), f"{CLOSED} · opens today at 6pm (UK time)"),
    (at(2026, 6, 5, 18, 0), f"{OPEN} · until tomorrow at 2am (UK time)"),
    (at(2026, 6, 5, 23, 59), f"{OPEN} · until tomorrow at 2am (UK time)"),
    (at(2026, 6, 6, 0, 0), f"{OPEN} · until 2am (UK time)"),
    (at(2026, 6, 6, 1, 59), f"{OPEN} · until 2am (UK time)"),
    (at(2026, 6, 6, 2, 0), f"{CLOSED} · opens Friday at 6pm (UK time)"),  # six days on
])
def test_hours_across_midnight_are_one_open_period(instant: datetime, expected: str) -> None:
    assert says(make(OVERNIGHT), instant) == expected


@pytest.mark.parametrize(("instant", "expected"), [
    (at(2026, 6, 5, 23, 59), f"{OPEN} · until midnight (UK time)"),
    (at(2026, 6, 6, 0, 0), f"{CLOSED} · opens Thursday at 6pm (UK time)"),
    (at(2026, 6, 6, 0, 1), f"{CLOSED} · opens Thursday at 6pm (UK time)"),
])
def test_closing_at_midnight(instant: datetime, expected: str) -> None:
    assert says(make({3: ["18:00-24:00"], 4: ["18:00-24:00"]}), instant) == expected


@pytest.mark.parametrize(("instant", "expected"), [
    (at(2026, 6, 5, 12), f"{CLOSED} · opens at midnight (UK time)"),  # Friday: tonight
    (at(2026, 6, 4, 12), f"{CLOSED} · opens at midnight tomorrow night (UK time)"),
    (at(2026, 6, 2, 12), f"{CLOSED} · opens at midnight on Friday night (UK time)"),
    (at(2026, 6, 5, 23, 59), f"{CLOSED} · opens at midnight (UK time)"),
    (at(2026, 6, 6, 0, 0), f"{OPEN} · until 2am (UK time)"),
])
def test_opening_at_midnight_names_the_night_before(instant: datetime, expected: str) -> None:
    assert says(make({5: ["00:00-02:00"]}), instant) == expected


def test_open_every_hour_of_the_year_has_no_end_to_name() -> None:
    status = chat_status(make({day: ["00:00-24:00"] for day in range(7)}), at(2026, 6, 3, 12))
    assert (status.is_open, status.until, status.message()) == (True, None, OPEN)


def test_a_long_continuous_stretch_ends_on_a_named_day() -> None:
    weekend = make({4: ["00:00-24:00"], 5: ["00:00-24:00"], 6: ["00:00-18:00"]})
    assert says(weekend, at(2026, 6, 5, 9)) == f"{OPEN} · until Sunday at 6pm (UK time)"
    assert says(weekend, at(2026, 6, 7, 17, 59)) == f"{OPEN} · until 6pm (UK time)"


def test_several_ranges_in_one_day() -> None:
    split = make({2: ["09:00-12:00", "13:00-17:30"]})
    assert says(split, at(2026, 6, 3, 11, 59)) == f"{OPEN} · until 12pm (UK time)"
    assert says(split, at(2026, 6, 3, 12, 0)) == f"{CLOSED} · opens today at 1pm (UK time)"
    assert says(split, at(2026, 6, 3, 13, 0)) == f"{OPEN} · until 5:30pm (UK time)"
    assert says(split, at(2026, 6, 3, 17, 30)) == f"{CLOSED} · opens on Wednesday 10 June at 9am (UK time)"


def test_touching_ranges_merge_into_one_period() -> None:
    touching = make({2: ["09:00-12:00", "12:00-17:00"]})
    assert says(touching, at(2026, 6, 3, 11)) == f"{OPEN} · until 5pm (UK time)"


# --- Closures and special hours ---------------------------------------------------------------

BANK_HOLIDAY = {date(2026, 8, 31): "Summer bank holiday"}  # a Monday


@pytest.mark.parametrize(("instant", "expected"), [
    (at(2026, 8, 30, 17, 59), f"{OPEN} · until 6pm (UK time)"),
    (at(2026, 8, 30, 18, 0), f"{CLOSED} · opens Tuesday at 8am (UK time)"),
    (at(2026, 8, 31, 7, 59), f"{CLOSED} · opens tomorrow at 8am (UK time)"),
    (at(2026, 8, 31, 12, 0), f"{CLOSED} · opens tomorrow at 8am (UK time)"),
    (at(2026, 9, 1, 7, 59), f"{CLOSED} · opens today at 8am (UK time)"),
    (at(2026, 9, 1, 8, 0), f"{OPEN} · until 10pm (UK time)"),
])
def test_monday_bank_holiday(instant: datetime, expected: str) -> None:
    assert says(make(closures=BANK_HOLIDAY), instant) == expected


def test_closure_on_the_only_open_day_of_the_week() -> None:
    wednesdays = make({2: ["08:00-22:00"]}, closures={date(2026, 6, 3): ""})
    assert says(wednesdays, at(2026, 6, 1, 12)) == f"{CLOSED} · opens on Wednesday 10 June at 8am (UK time)"
    assert says(wednesdays, at(2026, 6, 3, 12)) == f"{CLOSED} · opens on Wednesday 10 June at 8am (UK time)"


CHRISTMAS = make(
    closures={date(2026, 12, 25): "Christmas Day", date(2026, 12, 26): "Boxing Day",
              date(2026, 12, 28): "Boxing Day (substitute)", date(2027, 1, 1): "New Year's Day"},
    special={date(2026, 12, 24): ["10:00-16:00"], date(2026, 12, 31): ["10:00-16:00"]},
    reasons={date(2026, 12, 24): "Christmas Eve", date(2026, 12, 31): "New Year's Eve"},
)


@pytest.mark.parametrize(("instant", "expected"), [
    (at(2026, 12, 24, 9, 59), f"{CLOSED} · opens today at 10am (UK time)"),  # not the usual 8am
    (at(2026, 12, 24, 10, 0), f"{OPEN} · until 4pm (UK time)"),
    (at(2026, 12, 24, 15, 59), f"{OPEN} · until 4pm (UK time)"),
    (at(2026, 12, 24, 16, 0), f"{CLOSED} · opens Sunday at 10am (UK time)"),
    (at(2026, 12, 25, 12, 0), f"{CLOSED} · opens Sunday at 10am (UK time)"),
    (at(2026, 12, 27, 18, 0), f"{CLOSED} · opens Tuesday at 8am (UK time)"),
    (at(2026, 12, 31, 16, 0), f"{CLOSED} · opens Saturday at 10am (UK time)"),  # over New Year
    (at(2027, 1, 1, 23, 59), f"{CLOSED} · opens tomorrow at 10am (UK time)"),
    (at(2027, 1, 2, 10, 0), f"{OPEN} · until 6pm (UK time)"),
])
def test_christmas_and_new_year(instant: datetime, expected: str) -> None:
    assert says(CHRISTMAS, instant) == expected


def test_special_hours_can_open_a_usually_closed_day_and_a_closure_beats_them() -> None:
    sunday = date(2026, 6, 7)
    opened = make({2: ["08:00-22:00"]}, special={sunday: ["12:00-14:00"]})
    assert says(opened, at(2026, 6, 7, 12, 30)) == f"{OPEN} · until 2pm (UK time)"
    both = make({2: ["08:00-22:00"]}, special={sunday: ["12:00-14:00"]}, closures={sunday: "Strike"})
    assert says(both, at(2026, 6, 7, 12, 30)) == f"{CLOSED} · opens Wednesday at 8am (UK time)"
    assert day_hours(both, sunday) == DayHours(sunday, (), "Strike", True)


def test_leap_day_2028() -> None:
    leap = date(2028, 2, 29)  # a Tuesday
    closed = make(closures={leap: "Leap day"})
    assert says(closed, at(2028, 2, 28, 22)) == f"{CLOSED} · opens Wednesday at 8am (UK time)"
    assert says(closed, at(2028, 2, 29, 12)) == f"{CLOSED} · opens tomorrow at 8am (UK time)"
    only_then = make({}, special={leap: ["09:00-17:00"]})
    assert says(only_then, at(2028, 2, 1, 12)) == f"{CLOSED} · opens on Tuesday 29 February at 9am (UK time)"
    assert says(only_then, at(2028, 2, 29, 9)) == f"{OPEN} · until 5pm (UK time)"
    assert says(only_then, at(2028, 2, 29, 17)) == f"{CLOSED} until further notice"


# --- Nothing opens: the bounded search ----------------------------------------------------------

def test_an_all_closed_week_is_closed_until_further_notice() -> None:
    status = chat_status(make({}), at(2026, 6, 3, 12))
    assert (status.is_open, status.until, status.opens_at) == (False, None, None)
    assert status.message() == f"{CLOSED} until further notice"
    assert status.detail() == "until further notice"


def test_empty_days_and_closures_alone_are_closed_until_further_notice() -> None:
    schedule = make({day: [] for day in range(7)}, closures={date(2026, 6, 3): "Closed"})
    assert says(schedule, at(2026, 6, 3, 12)) == f"{CLOSED} until further notice"


def test_the_search_stops_at_the_horizon() -> None:
    start = at(2026, 6, 3, 12)
    inside = start.date() + timedelta(days=HORIZON_DAYS - 1)
    beyond = start.date() + timedelta(days=HORIZON_DAYS + 2)
    assert chat_status(make({}, special={inside: ["09:00-10:00"]}), start).opens_at == at(
        inside.year, inside.month, inside.day, 9)
    assert chat_status(make({}, special={beyond: ["09:00-10:00"]}), start).opens_at is None


# --- Europe/London daylight saving: spring forward 2026-03-29, fall back 2026-10-25 ---------------
# Rule under test: a boundary is the first instant the clock reads that wall time or later.

SPRING, AUTUMN = date(2026, 3, 29), date(2026, 10, 25)


@pytest.mark.parametrize(("instant", "expected"), [
    (utc(2026, 3, 29, 0, 29), f"{CLOSED} · opens today at 12:30am (UK time)"),
    (utc(2026, 3, 29, 0, 30), f"{OPEN} · until 3am (UK time)"),  # the two ranges touch at the jump
    (utc(2026, 3, 29, 0, 59), f"{OPEN} · until 3am (UK time)"),
    (utc(2026, 3, 29, 1, 0), f"{OPEN} · until 3am (UK time)"),  # 02:00 BST
    (utc(2026, 3, 29, 1, 59), f"{OPEN} · until 3am (UK time)"),
    (utc(2026, 3, 29, 2, 0), f"{CLOSED} · opens tomorrow at 8am (UK time)"),  # 03:00 BST
])
def test_spring_forward_ranges_touching_inside_the_skipped_hour(instant: datetime, expected: str) -> None:
    schedule = make(special={SPRING: ["00:30-01:30", "01:30-03:00"]})
    assert says(schedule, instant) == expected


def test_spring_forward_a_start_in_the_skipped_hour_is_the_jump() -> None:
    schedule = make(special={SPRING: ["01:30-03:00"]})
    before = chat_status(schedule, utc(2026, 3, 29, 0, 59))
    assert before.opens_at == utc(2026, 3, 29, 1, 0) == at(2026, 3, 29, 2, 0)
    assert before.message() == f"{CLOSED} · opens today at 2am (UK time)"
    assert says(schedule, utc(2026, 3, 29, 1, 0)) == f"{OPEN} · until 3am (UK time)"
    assert says(schedule, at(2026, 3, 29, 2, 59)) == f"{OPEN} · until 3am (UK time)"


def test_spring_forward_an_end_in_the_skipped_hour_is_the_jump() -> None:
    schedule = make(special={SPRING: ["00:30-01:30"]})
    status = chat_status(schedule, utc(2026, 3, 29, 0, 59))
    assert status.until == utc(2026, 3, 29, 1, 0)
    assert status.message() == f"{OPEN} · until 2am (UK time)"
    assert says(schedule, utc(2026, 3, 29, 1, 0)).startswith(CLOSED)


def test_spring_forward_a_range_wholly_inside_the_skipped_hour_never_opens() -> None:
    schedule = make({}, special={SPRING: ["01:15-01:45"]})
    for minute in range(0, 120, 5):
        assert says(schedule, utc(2026, 3, 29, 0, 0) + timedelta(minutes=minute)) == f"{CLOSED} until further notice"


def test_spring_forward_hours_spanning_the_change_are_an_hour_shorter() -> None:
    schedule = make({5: ["22:00-24:00"], 6: ["00:00-04:00"]})  # Saturday night into Sunday
    status = chat_status(schedule, at(2026, 3, 28, 22))
    assert status.message() == f"{OPEN} · until tomorrow at 4am (UK time)"
    assert in_utc(status.until) - in_utc(at(2026, 3, 28, 22)) == timedelta(hours=5)
    assert says(schedule, at(2026, 3, 29, 3, 59)) == f"{OPEN} · until 4am (UK time)"
    assert says(schedule, at(2026, 3, 29, 4, 0)) == f"{CLOSED} · opens Saturday at 10pm (UK time)"


def test_spring_forward_ordinary_hours_follow_the_new_offset() -> None:
    sunday = make()  # Sunday 10:00-18:00, in BST from 01:00 UTC
    assert says(sunday, utc(2026, 3, 29, 8, 59)) == f"{CLOSED} · opens today at 10am (UK time)"
    assert says(sunday, utc(2026, 3, 29, 9, 0)) == f"{OPEN} · until 6pm (UK time)"
    assert says(sunday, utc(2026, 3, 29, 17, 0)) == f"{CLOSED} · opens tomorrow at 8am (UK time)"


@pytest.mark.parametrize(("instant", "expected"), [
    (at(2026, 10, 25, 0, 29), f"{CLOSED} · opens today at 12:30am (UK time)"),
    (at(2026, 10, 25, 0, 30), f"{OPEN} · until 3am (UK time)"),
    (at(2026, 10, 25, 1, 30, fold=0), f"{OPEN} · until 3am (UK time)"),
    (at(2026, 10, 25, 1, 30, fold=1), f"{OPEN} · until 3am (UK time)"),
    (at(2026, 10, 25, 2, 59), f"{OPEN} · until 3am (UK time)"),
    (at(2026, 10, 25, 3, 0), f"{CLOSED} · opens tomorrow at 8am (UK time)"),
])
def test_fall_back_ranges_touching_inside_the_repeated_hour(instant: datetime, expected: str) -> None:
    schedule = make(special={AUTUMN: ["00:30-01:30", "01:30-03:00"]})
    assert says(schedule, instant) == expected


def test_fall_back_an_end_in_the_repeated_hour_is_its_first_showing() -> None:
    schedule = make(special={AUTUMN: ["00:30-01:30"]})
    status = chat_status(schedule, at(2026, 10, 25, 1, 29, fold=0))
    assert in_utc(status.until) == utc(2026, 10, 25, 0, 30)
    assert status.message() == f"{OPEN} · until 1:30am (UK time)"
    assert says(schedule, at(2026, 10, 25, 1, 30, fold=0)).startswith(CLOSED)
    assert says(schedule, at(2026, 10, 25, 1, 15, fold=1)).startswith(CLOSED)  # the clock reads 01:15 again


def test_fall_back_a_start_in_the_repeated_hour_is_its_first_showing() -> None:
    schedule = make(special={AUTUMN: ["01:30-03:00"]})
    assert in_utc(chat_status(schedule, at(2026, 10, 25, 1, 29, fold=0)).opens_at) == utc(2026, 10, 25, 0, 30)
    assert says(schedule, at(2026, 10, 25, 1, 29, fold=0)) == f"{CLOSED} · opens today at 1:30am (UK time)"
    assert says(schedule, at(2026, 10, 25, 1, 30, fold=0)) == f"{OPEN} · until 3am (UK time)"
    assert says(schedule, at(2026, 10, 25, 1, 15, fold=1)) == f"{OPEN} · until 3am (UK time)"
    whole = make(special={AUTUMN: ["01:00-02:00"]})
    assert in_utc(chat_status(whole, at(2026, 10, 25, 1, 59, fold=1)).until) == utc(2026, 10, 25, 2, 0)


def test_fall_back_hours_spanning_the_change_are_an_hour_longer() -> None:
    schedule = make({5: ["22:00-24:00"], 6: ["00:00-04:00"]})
    status = chat_status(schedule, at(2026, 10, 24, 22))
    assert in_utc(status.until) - in_utc(at(2026, 10, 24, 22)) == timedelta(hours=7)
    assert says(schedule, at(2026, 10, 25, 3, 59)) == f"{OPEN} · until 4am (UK time)"
    assert says(schedule, at(2026, 10, 25, 4, 0)).startswith(CLOSED)


def test_fall_back_ordinary_hours_follow_the_new_offset() -> None:
    assert says(make(), utc(2026, 10, 25, 9, 59)) == f"{CLOSED} · opens today at 10am (UK time)"
    assert says(make(), utc(2026, 10, 25, 10, 0)) == f"{OPEN} · until 6pm (UK time)"


# --- America/New_York: spring forward 2026-03-08 02:00, fall back 2026-11-01 02:00 ---------------

def eastern(week: dict[int, list[str]] | None = None, **kwargs) -> Schedule:
    """A New York schedule, weekdays 9 to 5 unless given."""
    week = {day: ["09:00-17:00"] for day in range(5)} if week is None else week
    return make(week, tz=NEW_YORK, label="Eastern time", **kwargs)


def test_new_york_ordinary_hours_either_side_of_spring_forward() -> None:
    assert says(eastern(), utc(2026, 3, 6, 13, 59)) == f"{CLOSED} · opens today at 9am (Eastern time)"  # EST
    assert says(eastern(), utc(2026, 3, 6, 14, 0)) == f"{OPEN} · until 5pm (Eastern time)"
    assert says(eastern(), utc(2026, 3, 9, 12, 59)) == f"{CLOSED} · opens today at 9am (Eastern time)"  # EDT
    assert says(eastern(), utc(2026, 3, 9, 13, 0)) == f"{OPEN} · until 5pm (Eastern time)"
    assert says(eastern(), at(2026, 3, 6, 17, tz=NEW_YORK)) == f"{CLOSED} · opens Monday at 9am (Eastern time)"


def test_new_york_spring_forward_skipped_hour() -> None:
    schedule = eastern(special={date(2026, 3, 8): ["01:30-02:30"]})
    status = chat_status(schedule, at(2026, 3, 8, 1, 59, tz=NEW_YORK))
    assert status.until == utc(2026, 3, 8, 7, 0) == at(2026, 3, 8, 3, 0, tz=NEW_YORK)
    assert status.message() == f"{OPEN} · until 3am (Eastern time)"
    assert says(schedule, utc(2026, 3, 8, 7, 0)) == f"{CLOSED} · opens tomorrow at 9am (Eastern time)"


def test_new_york_fall_back_repeated_hour() -> None:
    schedule = eastern(special={date(2026, 11, 1): ["01:30-02:30"]})
    assert in_utc(chat_status(schedule, at(2026, 11, 1, 1, 29, tz=NEW_YORK)).opens_at) == utc(2026, 11, 1, 5, 30)
    status = chat_status(schedule, at(2026, 11, 1, 1, 45, tz=NEW_YORK, fold=1))
    assert in_utc(status.until) == utc(2026, 11, 1, 7, 30)
    assert status.message() == f"{OPEN} · until 2:30am (Eastern time)"
    assert says(eastern(), utc(2026, 11, 2, 13, 59)) == f"{CLOSED} · opens today at 9am (Eastern time)"  # EST
    assert says(eastern(), utc(2026, 11, 2, 14, 0)) == f"{OPEN} · until 5pm (Eastern time)"


def test_the_label_defaults_to_the_timezone_name() -> None:
    schedule = make(tz=NEW_YORK, label="")
    assert schedule.label == "America/New_York"
    assert says(schedule, at(2026, 6, 3, 12, tz=NEW_YORK)) == f"{OPEN} · until 10pm (America/New_York)"
    assert Schedule().label == "Europe/London"


# --- Phrases ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("minutes", "expected"), [
    (0, "midnight"), (30, "12:30am"), (8 * 60, "8am"), (8 * 60 + 30, "8:30am"), (12 * 60, "12pm"),
    (12 * 60 + 30, "12:30pm"), (13 * 60 + 5, "1:05pm"), (22 * 60, "10pm"), (23 * 60 + 59, "11:59pm"),
    (24 * 60, "midnight"),
])
def test_format_clock(minutes: int, expected: str) -> None:
    assert format_clock(minutes) == expected


TUESDAYS = make({1: ["08:00-22:00"]})  # 2027-01-05 is a Tuesday


@pytest.mark.parametrize(("instant", "expected"), [
    (at(2027, 1, 5, 7, 0), "opens today at 8am (UK time)"),
    (at(2027, 1, 4, 23, 0), "opens tomorrow at 8am (UK time)"),
    (at(2027, 1, 3, 12, 0), "opens Tuesday at 8am (UK time)"),  # 2 days
    (at(2026, 12, 30, 12, 0), "opens Tuesday at 8am (UK time)"),  # 6 days
    (at(2026, 12, 29, 22, 0), "opens on Tuesday 5 January at 8am (UK time)"),  # 7 days
])
def test_opening_phrases_by_distance(instant: datetime, expected: str) -> None:
    assert chat_status(TUESDAYS, instant).detail() == expected


def test_until_phrases() -> None:
    now = at(2026, 6, 3, 12)
    status = ChatStatus(True, at(2026, 6, 12, 8, 30), None, "UK time", now)
    assert status.message() == f"{OPEN} · until Friday 12 June at 8:30am (UK time)"
    assert ChatStatus(True, at(2026, 6, 5, 0), None, "UK time", now).detail() == "until midnight tomorrow night (UK time)"
    assert ChatStatus(True, at(2026, 6, 7, 0), None, "UK time", now).detail() == "until midnight on Saturday night (UK time)"


# --- Weekly text and the support page's views ---------------------------------------------------

def test_weekly_text_of_the_shipped_week() -> None:
    assert weekly_hours_text(make()) == [("Monday to Friday", "8am to 10pm"), ("Saturday and Sunday", "10am to 6pm")]


def test_weekly_text_groups_only_consecutive_equal_days() -> None:
    week = {1: ["09:00-17:00"], 2: ["09:00-17:00"], 3: ["09:00-17:00"], 4: ["13:00-16:30", "09:00-12:00"],
            5: ["10:00-24:00"], 6: []}
    assert weekly_hours_text(make(week)) == [
        ("Monday", "Closed"), ("Tuesday to Thursday", "9am to 5pm"), ("Friday", "9am to 12pm and 1pm to 4:30pm"),
        ("Saturday", "10am to midnight"), ("Sunday", "Closed"),
    ]


def test_weekly_text_edge_cases() -> None:
    assert weekly_hours_text(make({})) == [("Monday to Sunday", "Closed")]
    assert weekly_hours_text(make({day: ["00:00-24:00"] for day in range(7)})) == [("Monday to Sunday", "all day")]
    three = make({0: ["08:00-09:00", "10:00-11:00", "12:30-13:00"], 2: ["08:00-09:00"]})
    assert weekly_hours_text(three) == [
        ("Monday", "8am to 9am, 10am to 11am and 12:30pm to 1pm"), ("Tuesday", "Closed"),
        ("Wednesday", "8am to 9am"), ("Thursday to Sunday", "Closed"),
    ]


def test_schedule_for_week_applies_closures_and_special_hours() -> None:
    week = schedule_for_week(CHRISTMAS, date(2026, 12, 23))
    assert [d.day for d in week] == [date(2026, 12, 21) + timedelta(days=n) for n in range(7)]
    assert [(d.text, d.reason, d.exceptional, d.is_today) for d in week] == [
        ("8am to 10pm", "", False, False), ("8am to 10pm", "", False, False), ("8am to 10pm", "", False, True),
        ("10am to 4pm", "Christmas Eve", True, False), ("Closed", "Christmas Day", True, False),
        ("Closed", "Boxing Day", True, False), ("10am to 6pm", "", False, False),
    ]
    sunday = schedule_for_week(CHRISTMAS, date(2026, 12, 27))  # the week still starts on Monday the 21st
    assert [(d.day.day, d.is_today) for d in sunday] == [(21 + n, n == 6) for n in range(7)]


def test_upcoming_closures_window() -> None:
    found = upcoming_closures(CHRISTMAS, date(2026, 12, 24), days=8)
    assert [(d.day.isoformat(), d.text, d.reason) for d in found] == [
        ("2026-12-24", "10am to 4pm", "Christmas Eve"), ("2026-12-25", "Closed", "Christmas Day"),
        ("2026-12-26", "Closed", "Boxing Day"), ("2026-12-28", "Closed", "Boxing Day (substitute)"),
        ("2026-12-31", "10am to 4pm", "New Year's Eve"),
    ]
    assert found[0].is_today and not found[1].is_today
    assert upcoming_closures(CHRISTMAS, date(2026, 12, 25), days=8)[0].day == date(2026, 12, 25)
    assert len(upcoming_closures(CHRISTMAS, date(2026, 12, 1))) == 6
    assert upcoming_closures(CHRISTMAS, date(2027, 1, 2)) == []


def test_time_range_rejects_impossible_ranges() -> None:
    for start, end in [(600, 600), (600, 540), (-1, 60), (0, 24 * 60 + 1)]:
        with pytest.raises(ValueError):
            TimeRange(start, end)


# --- The shipped content file -----------------------------------------------------------------------

def test_shipped_support_file_drives_the_banner() -> None:
    schedule, problems = load_schedule(ROOT / "content" / "support.yml")
    assert problems == []
    assert weekly_hours_text(schedule) == [("Monday to Friday", "8am to 10pm"), ("Saturday and Sunday", "10am to 6pm")]
    assert says(schedule, at(2026, 12, 24, 16)) == f"{CLOSED} · opens Sunday at 10am (UK time)"
    assert says(schedule, at(2027, 3, 25, 22)) == f"{CLOSED} · opens Saturday at 10am (UK time)"  # Easter
    assert says(schedule, at(2027, 3, 28, 18)) == f"{CLOSED} · opens Tuesday at 8am (UK time)"
