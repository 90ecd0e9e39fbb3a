"""The English phrases of live-chat hours: "8am", "8am to 10pm", "opens Monday at 8am".

Kept apart from hours.py so the time arithmetic there stays short and the wording can be
changed (or translated) without touching it. Everything here is a pure function of its input.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

MINUTES_PER_DAY = 24 * 60
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Spelled out rather than strftime("%B"), whose result follows the server's locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


def format_clock(minutes: int) -> str:
    """Minutes after midnight as people say them: "8am", "8:30pm", "12pm", "midnight" (0 or 1440)."""
    hour, minute = divmod(minutes % MINUTES_PER_DAY, 60)
    if (hour, minute) == (0, 0):
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    return f"{hour % 12 or 12}{f':{minute:02d}' if minute else ''}{suffix}"


def range_text(start_minutes: int, end_minutes: int) -> str:
    """One range as "8am to 10pm", or "all day" for 00:00-24:00."""
    if (start_minutes, end_minutes) == (0, MINUTES_PER_DAY):
        return "all day"
    return f"{format_clock(start_minutes)} to {format_clock(end_minutes)}"


def ranges_text(ranges: Iterable[tuple[int, int]]) -> str:
    """A day's ranges as one phrase, "9am to 12pm and 1pm to 5pm", or "Closed" when there are none."""
    texts = [range_text(start, end) for start, end in sorted(ranges)]
    if not texts:
        return "Closed"
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"


def days_text(first: int, last: int) -> str:
    """A run of weekdays (0 is Monday): "Monday", "Saturday and Sunday", "Monday to Friday"."""
    a, b = WEEKDAYS[first].capitalize(), WEEKDAYS[last].capitalize()
    if first == last:
        return a
    return f"{a} and {b}" if last == first + 1 else f"{a} to {b}"


def when_text(moment: datetime, now: datetime, opening: bool) -> str:
    """When `moment` is, from `now`: "today at 8am", "Monday at 8am", "on Tuesday 5 January at 8am"."""
    # Ends (opening=False) drop "today at" and "on": "until 10pm", "until Tuesday 5 January at 8am".
    local = moment.astimezone(now.tzinfo)
    if local.time() == time(0):
        # Midnight belongs to the night before, which is how people say it ("midnight on
        # Friday night"); "Saturday at midnight" would be read as the end of Saturday.
        eve = local.date() - timedelta(days=1)
        rel = (eve - now.date()).days
        night = "" if rel == 0 else " tomorrow night" if rel == 1 else f" on {day_name(eve, rel)} night"
        return ("at midnight" if opening else "midnight") + night
    rel = (local.date() - now.date()).days
    clock = format_clock(local.hour * 60 + local.minute)
    if rel == 0:
        return f"today at {clock}" if opening else clock
    if rel == 1:
        return f"tomorrow at {clock}"
    return f"{'on ' if opening and rel > 6 else ''}{day_name(local.date(), rel)} at {clock}"


def day_name(day: date, days_ahead: int) -> str:
    """The weekday alone within the coming week, else with day and month: "Tuesday 5 January"."""
    return WEEKDAYS[day.weekday()].capitalize() if days_ahead <= 6 else date_text(day)


def date_text(day: date) -> str:
    """A date as people write it: "Tuesday 5 January"."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1]}"
