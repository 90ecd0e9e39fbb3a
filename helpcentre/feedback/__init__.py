"""'Was this information helpful?': the widget under every article and the editors' report."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from flask import Flask, current_app

DEFAULTS = {
    "FEEDBACK_RATE_LIMIT": "20 per minute",
    # Big enough for the longest valid answer: 1,000 characters, each up to 12 bytes
    # once percent-encoded, plus the token and field names; anything larger is refused.
    "FEEDBACK_MAX_BODY": 12 * 1024,
}


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def now() -> datetime:
    """The current time in UTC, from the clock tests may replace (app.config["FEEDBACK_CLOCK"])."""
    clock: Callable[[], datetime] = current_app.config["FEEDBACK_CLOCK"]
    return clock()


def init_app(app: Flask) -> None:
    """Register the feedback views and the `feedback` CLI group."""
    from . import cli, views

    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.config["FEEDBACK_MAX_BODY"] = int(app.config["FEEDBACK_MAX_BODY"])
    app.config.setdefault("FEEDBACK_CLOCK", _utc_now)
    app.register_blueprint(views.bp)
    app.cli.add_command(cli.feedback)
