"""How long a chat-status answer may be cached: never past the next opening, closing or midnight."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from helpcentre.support.freshness import max_age, next_change, next_midnight
from helpcentre.support.hours import Schedule, TimeRange, chat_status

LONDON = ZoneInfo("Europe/London")
WEEK = Schedule(LONDON, "UK time", weekly={day: (TimeRange(480, 1320),) for day in range(5)}
                | {5: (TimeRange(600, 1080),), 6: (TimeRange(600, 1080),)})


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_open_far_from_any_change_keeps_the_cap() -> None:
    status = chat_status(WEEK, utc(2026, 8, 26, 12))  # Wednesday 1pm BST
    assert status.is_open and max_age(status, 60) == 60


def test_open_is_cut_to_the_closing_time() -> None:
    status = chat_status(WEEK, utc(2026, 8, 26, 20, 59, 30))  # 21:59:30 BST, closes at 22:00
    assert next_change(status) == utc(2026, 8, 26, 21)
    assert max_age(status, 60) == 30


def test_closed_is_cut_to_the_opening_time_rounding_down() -> None:
    status = chat_status(WEEK, utc(2026, 8, 26, 6, 59, 0, 400_000))  # 07:59:00.4 BST, opens at 08:00
    assert not status.is_open and max_age(status, 60) == 59


def test_at_the_change_itself_nothing_may_be_cached() -> None:
    status = chat_status(WEEK, utc(2026, 8, 26, 20, 59, 59, 999_999))
    assert max_age(status, 60) == 0


def test_closed_overnight_is_cut_at_midnight_when_tomorrow_becomes_today() -> None:
    status = chat_status(WEEK, utc(2026, 8, 28, 22, 59, 50))  # Friday 23:59:50 BST
    assert status.message() == "Live chat is closed · opens tomorrow at 10am (UK time)"
    assert next_midnight(status.now) == datetime(2026, 8, 29, tzinfo=LONDON)
    assert max_age(status, 60) == 10


def test_a_change_across_spring_forward_is_measured_in_real_seconds() -> None:
    # Sunday 28 March 2027: 01:00 GMT becomes 02:00 BST, so "until 2am" is 30 real seconds away at
    # 00:59:30 although the wall clock shows an hour and half a minute.
    night = Schedule(LONDON, "UK time", weekly={6: (TimeRange(0, 120),)})
    status = chat_status(night, utc(2027, 3, 28, 0, 59, 30))
    assert status.is_open and max_age(status, 60) == 30


def test_no_status_means_no_claim_to_expire() -> None:
    assert max_age(None, 60) == 60
    assert max_age(None, -5) == 0


def test_closed_until_further_notice_keeps_the_cap_until_midnight() -> None:
    status = chat_status(Schedule(LONDON, "UK time"), utc(2026, 8, 26, 12))
    assert status.opens_at is None and next_change(status) is None
    assert max_age(status, 60) == 60
