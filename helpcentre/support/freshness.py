"""How long an answer about live chat stays true: the cap on Cache-Control for time-dependent responses.

A cached "Live chat is open" must not outlive the moment chat closes, "opens tomorrow at 8am"
must not be served after midnight (it has become "today at 8am"), and a support page marking
Wednesday as today must not be served on Thursday. Pure functions of their input.
"""
from __future__ import annotations

import math
from datetime import UTC, datetime, time, timedelta

from helpcentre.support.hours import ChatStatus


def next_change(status: ChatStatus) -> datetime | None:
    """When the status stops being true: the closing time when open, the opening time when closed."""
    return status.until if status.is_open else status.opens_at


def next_midnight(local: datetime) -> datetime:
    """The start of the next calendar day in `local`'s own timezone, when "today" changes."""
    tomorrow = local.date() + timedelta(days=1)
    # On a midnight the clocks skip, fold=0 gives the instant of the jump: still a safe bound.
    return datetime.combine(tomorrow, time(0), tzinfo=local.tzinfo)


def max_age(status: ChatStatus | None, cap: int) -> int:
    """Whole seconds an answer built from `status` stays true, at most `cap` and never below 0."""
    if status is None:  # no claim and no date in the answer: nothing in it expires
        return max(0, cap)
    seconds, now = float(cap), status.now.astimezone(UTC)
    for moment in (next_change(status), next_midnight(status.now)):
        if moment is not None:
            # In UTC: Python subtracts two datetimes of one zone by wall clock, ignoring a DST jump.
            seconds = min(seconds, (moment.astimezone(UTC) - now).total_seconds())
    # Rounded down, so a cached answer always expires at or before the change, never after it.
    return max(0, math.floor(seconds))
