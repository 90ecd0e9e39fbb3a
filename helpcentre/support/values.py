"""One value of support.yml at a time: a time range, a date, a contact option; the value or what is wrong.

Each parser returns either the parsed value or the message for the editor, so the file reader
can report it on the value's line and carry on reading.
"""
from __future__ import annotations

import re
from datetime import date

from helpcentre.support.hours import TimeRange

_TIME = re.compile(r"(\d{2}):(\d{2})")  # two-digit hours, so "5:00" cannot be meant as 5pm
_DASH = re.compile(r"\s*[-–—]\s*")  # editors paste en and em dashes too
_SAFE_LINK = re.compile(r"(/(?!/)|https?://)\S*$")  # no javascript: or other schemes in an href
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def parse_range(text: str) -> TimeRange | str:
    """An "HH:MM-HH:MM" range ending after it starts, or the message saying what is wrong."""
    parts = _DASH.split(text.strip())
    if len(parts) != 2:
        return f'"{text}" is not a time range; write it as "08:00-22:00"'
    start, end = _minutes(parts[0], False), _minutes(parts[1], True)
    if isinstance(start, str):
        return start
    if isinstance(end, str):
        return end
    if end <= start:
        return (f'"{text}" does not end after it starts; split overnight hours over two days, '
                'e.g. "22:00-24:00" then "00:00-02:00"')
    return TimeRange(start, end)


def parse_date(text: str) -> date | str:
    """A YYYY-MM-DD date, or the message saying what is wrong."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # fromisoformat alone also takes "20261225"
            return date.fromisoformat(text)
    except ValueError:  # 2026-02-30 and the like
        pass
    return f'"{text}" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25'


def _minutes(text: str, is_end: bool) -> int | str:
    """An "HH:MM" time as minutes after midnight ("24:00" only as an end), or a message."""
    match = _TIME.fullmatch(text)
    if match and (int(match[1]) < 24 and int(match[2]) < 60 or is_end and text == "24:00"):
        return int(match[1]) * 60 + int(match[2])
    if text == "24:00":
        return '"24:00" can only end a range; a day starts at "00:00"'
    return f'"{text}" is not a time; use HH:MM on the 24-hour clock, e.g. "08:00" for 8am, "22:00" for 10pm'


def contact_problem(name: str, value: str) -> str | None:
    """What is wrong with a contact option the site prints as a link, or None when it is fine."""
    if name == "chat_url" and not _SAFE_LINK.match(value):
        return f'chat_url "{value}" should be a page on this site (starting with "/") or an https:// address'
    if name == "email" and not _EMAIL.fullmatch(value):
        return f'email "{value}" is not an email address, e.g. support@example.com'
    return None
