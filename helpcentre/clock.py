"""The app's clock: one place that says what time it is, so tests can move time instead of sleeping."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app


def utc_now() -> datetime:
    """The real time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def now() -> datetime:
    """The current app's time: `app.config["CLOCK"]()`, which tests replace."""
    value: datetime = current_app.config["CLOCK"]()
    # A naive value from a careless test clock would break every comparison with stored times.
    if value.tzinfo is None:
        raise ValueError("CLOCK must return a timezone-aware datetime")
    return value.astimezone(UTC)

