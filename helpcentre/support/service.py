"""Live-chat hours for the running site: support.yml re-read when it changes, and the app's clock.

Other features ask `chat_status_now()` whether chat is open (e.g. to offer "Chat with us now"
after a "No" vote); it answers None whenever support.yml cannot be trusted.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app

from ..clock import now
from ..problems import Problem
from ..watched import Clock, WatchedFile
from .hours import ChatStatus, Schedule, chat_status, weekly_hours_text
from .schedule_file import ScheduleReading, read_schedule

log = logging.getLogger(__name__)
DEFAULT_ZONE = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class SupportInfo:
    """What the pages may say from one reading of support.yml."""

    schedule: Schedule | None  # complete and checked: the only source of open/closed claims
    week: tuple[tuple[str, str], ...] = ()  # the usual week as text rows; () when it cannot be trusted
    tz_label: str = ""  # the timezone the week is in, e.g. "UK time"
    contact: dict[str, str] = field(default_factory=dict)  # chat_url, email, phone: each optional
    zone: ZoneInfo = DEFAULT_ZONE  # the site's calendar: opening hours, the age rule, dates shown


def summarise(reading: ScheduleReading) -> SupportInfo:
    """What the pages may say from one reading: claims only from a clean file, the week if it is sound."""
    source = reading.schedule or reading.partial
    if source is None:
        return SupportInfo(None)
    week = tuple(weekly_hours_text(source)) if reading.week_is_sound else ()
    return SupportInfo(reading.schedule, week, source.label if week else "",
                       {name: value for name, value in source.contact.items() if value}, source.tz)


class SupportFile(WatchedFile[SupportInfo]):
    """support.yml, watched; like devices.yml, a site without it offers no chat hours, which is no mistake."""

    def __init__(self, path: Path, display: Callable[[Path], str], *, interval: float = 1.0,
                 clock: Clock = time.monotonic) -> None:
        super().__init__(path, lambda path: _load(path, display(path)), SupportInfo(None),
                         log=log, label="support hours", interval=interval, clock=clock)


def _load(path: Path, shown: str) -> tuple[SupportInfo, tuple[Problem, ...]]:
    reading = read_schedule(path, shown)
    return summarise(reading), reading.problems


def current_support() -> SupportInfo:
    """support.yml as the current app sees it now."""
    support_file: SupportFile = current_app.extensions["support_file"]
    return support_file.reading().value


def status_at(info: SupportInfo, instant: datetime) -> ChatStatus | None:
    """Whether live chat is open at `instant`; None when the file gives no schedule to claim from."""
    return chat_status(info.schedule, instant) if info.schedule is not None else None


def site_zone() -> ZoneInfo:
    """The site's timezone: support.yml's `timezone`, else Europe/London."""
    return current_support().zone


def site_today() -> date:
    """Today's date in the site's timezone (the age rule's "today")."""
    return now().astimezone(site_zone()).date()


def chat_status_now() -> ChatStatus | None:
    """Whether live chat is open now, and until or from when; None when support.yml can't be trusted."""
    return status_at(current_support(), now())
