"""Growing delays after failed sign-ins to one account, as pure functions of the failure count."""
from __future__ import annotations

from datetime import datetime, timedelta

# A few typos are normal; only sustained guessing should cost the person anything.
FREE_FAILURES = 4
FIRST_DELAY = timedelta(seconds=30)
# Long enough to make online guessing hopeless, short enough that an attacker can't lock a
# real person out of their own account for long by failing on purpose.
MAX_DELAY = timedelta(minutes=15)
# Failures this far apart are forgetfulness, not an attack, so the count starts again (the
# store counts in SQL against this): else four typos last month would lock someone out on
# today's first slip.
FAILURE_MEMORY = timedelta(hours=24)


def delay_after(failures: int) -> timedelta:
    """Return how long sign-in stays closed after `failures` consecutive failures."""
    if failures <= FREE_FAILURES:
        return timedelta(0)
    # The cap on doublings only stops a huge count from overflowing timedelta; MAX_DELAY binds first.
    doublings = min(failures - FREE_FAILURES - 1, 32)
    return min(FIRST_DELAY * (1 << doublings), MAX_DELAY)


def lockout_until(failures: int, last_failure: datetime) -> datetime | None:
    """Return when sign-in reopens after `failures` failures, the last at `last_failure`, or None."""
    delay = delay_after(failures)
    if not delay:
        return None
    return last_failure + delay


def is_locked(failures: int, last_failure: datetime | None, now: datetime) -> bool:
    """Return True if sign-in to the account is still closed at `now`."""
    if last_failure is None:
        return False
    until = lockout_until(failures, last_failure)
    return until is not None and now < until


def seconds_remaining(failures: int, last_failure: datetime | None, now: datetime) -> int:
    """Return the whole seconds, rounded up, until sign-in reopens; 0 when it is open."""
    if last_failure is None:
        return 0
    until = lockout_until(failures, last_failure)
    if until is None or now >= until:
        return 0
    # Round up (floor of the negative) so "try again in 0 seconds" is never shown while closed.
    return -((now - until) // timedelta(seconds=1))
