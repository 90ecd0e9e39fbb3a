"""'Was this information helpful?': the widget under every article and the editors' report."""
from __future__ import annotations

from flask import Flask
from flask_login import user_logged_in


def init_app(app: Flask) -> None:
    """Register the feedback views and the `feedback` CLI group."""
    from . import cli, reader, views

    app.register_blueprint(views.bp)
    app.cli.add_command(cli.feedback)
    # Votes given before signing in count as the account's, so one person stays one reader.
    user_logged_in.connect(reader.adopt_on_sign_in, app)
