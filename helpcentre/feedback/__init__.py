"""'Was this information helpful?': the widget under every article and the editors' report."""
from __future__ import annotations

from flask import Flask
from flask_login import user_logged_in

from ..clock import now  # noqa: F401  (the feedback modules' clock: app.config["CLOCK"])

DEFAULTS = {
    "FEEDBACK_RATE_LIMIT": "20 per minute",
    # Big enough for the longest valid answer: 1,000 characters, each up to 12 bytes
    # once percent-encoded, plus the token and field names; anything larger is refused.
    "FEEDBACK_MAX_BODY": 12 * 1024,
}


def init_app(app: Flask) -> None:
    """Register the feedback views and the `feedback` CLI group."""
    from . import cli, reader, views

    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.config["FEEDBACK_MAX_BODY"] = int(app.config["FEEDBACK_MAX_BODY"])
    app.register_blueprint(views.bp)
    app.cli.add_command(cli.feedback)
    # Votes given before signing in count as the account's, so one person stays one reader.
    user_logged_in.connect(reader.adopt_on_sign_in, app)
