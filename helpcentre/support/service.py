"""Live-chat hours for the running site: support.yml re-read when it changes, and the app's clock.

Other features ask `chat_status_now()` whether chat is open (e.g. to offer "Chat with us now"
after a "No" vote); it answers None whenever support.yml cannot be trusted.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, current_app

from helpcentre.clock import now
from helpcentre.content import add_check, display_path
from helpcentre.content.model import Problem
from helpcentre.pages import add_version
from helpcentre.content.recheck import MISSING, Rechecked, ReportedOnce, file_stamp
from helpcentre.support.hours import (
    ChatStatus,
    Schedule,
    chat_status,
    weekly_hours_text,
)
from helpcentre.support.schedule_file import ScheduleReading, read_schedule
from helpcentre.support.wording import date_text

log = logging.getLogger(__name__)
FILE_NAME = "support.yml"
DEFAULT_ZONE = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class SupportInfo:
    """One reading of support.yml as the pages use it."""

    stamp: str  # changes whenever the file does; part of every static page's version
    schedule: Schedule | None  # complete and checked: the only source of open/closed claims
    week: tuple[tuple[str, str], ...] = ()  # the usual week as text rows; () when it cannot be trusted
    tz_label: str = ""  # the timezone the week is in, e.g. "UK time"
    contact: dict[str, str] = field(default_factory=dict)  # chat_url, email, phone: each optional
    problems: tuple[Problem, ...] = ()
    zone: ZoneInfo = DEFAULT_ZONE  # the site's calendar: opening hours, the age rule, dates shown


def summarise(reading: ScheduleReading, stamp: str) -> SupportInfo:
    """What the pages may say from one reading: claims only from a clean file, the week if it is sound."""
    source = reading.schedule or reading.partial
    if source is None:
        return SupportInfo(stamp, None, problems=reading.problems)
    week = tuple(weekly_hours_text(source)) if reading.week_is_sound else ()
    return SupportInfo(stamp, reading.schedule, week, source.label if week else "",
                       {name: value for name, value in source.contact.items() if value}, reading.problems,
                       source.tz)


class SupportFile:
    """support.yml, re-read when its modification time or size changes, looked at once per interval."""

    def __init__(self, path: Path, display: Callable[[Path], str], *, interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.path, self.display = Path(path), display
        self._current = Rechecked(self._refresh, interval, clock)
        self._report = ReportedOnce(log, "support hours")

    def info(self) -> SupportInfo:
        """The current reading; the file is looked at again only when the interval has passed."""
        return self._current.get()

    def _refresh(self, previous: SupportInfo | None) -> SupportInfo:
        stamp = file_stamp(self.path)
        if previous is not None and previous.stamp == stamp:
            return previous
        if stamp == MISSING:
            # Like devices.yml: a site without the file offers no chat hours, which is no mistake.
            self._report(())
            return SupportInfo(stamp, None)
        reading = read_schedule(self.path)
        shown = self.display(self.path)
        reading = replace(reading, problems=tuple(replace(p, path=shown) for p in reading.problems))
        self._report(reading.problems)
        return summarise(reading, stamp)


def current_support() -> SupportInfo:
    """support.yml as the current app sees it now."""
    support_file: SupportFile = current_app.extensions["support_file"]
    return support_file.info()


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


def init_app(app: Flask) -> None:
    """Watch support.yml, add it to `content check` and to every static page's version, and register /support."""
    from . import views

    support_file = SupportFile(Path(app.config["CONTENT_DIR"]) / FILE_NAME, display_path,
                               interval=app.config["CONTENT_CHECK_INTERVAL"])
    app.extensions["support_file"] = support_file
    add_check(app, lambda: list(support_file.info().problems))
    # The layout prints the usual week on every page, so every static page depends on this file.
    add_version(app, lambda: support_file.info().stamp)
    app.jinja_env.globals["support_info"] = current_support
    # For dynamic fragments only (never static pages, which must not depend on the clock).
    app.jinja_env.globals["chat_status_now"] = chat_status_now
    app.jinja_env.filters["long_date"] = date_text
    app.register_blueprint(views.bp)
