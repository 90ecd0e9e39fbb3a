"""Accounts for adults: sign up, verify the email, sign in and out, reset a password."""
from __future__ import annotations

from flask import Flask

from ..accounts.passwords import PasswordHasher
from . import (
    models,  # noqa: F401  (registers the account tables with the metadata)
    sessions,
)


def init_app(app: Flask) -> None:
    """Register the account pages, Flask-Login and the password hasher."""
    from .views import bp

    app.extensions["password_hasher"] = app.config["PASSWORD_HASHER"] or PasswordHasher()
    sessions.init_app(app)
    app.register_blueprint(bp)
