"""Accounts for adults: sign up, verify the email, sign in and out, reset a password.

Other features use the signed-in reader through Flask-Login's `current_user` and ask this
package's own functions (below) anything more; they import nothing from its modules.
"""
from __future__ import annotations

from flask import Flask
from flask_login import current_user

from ..support import site_today
from . import (
    change_models,  # noqa: F401  (registers the email_changes table with the metadata)
    models,  # noqa: F401  (registers the account tables with the metadata)
    sessions,
)
from .rules.age import is_adult
from .rules.passwords import PasswordHasher


def signed_in_adult() -> bool:
    """Whether a reader is signed in (so verified) and 18 or over today, in the site's timezone."""
    return bool(current_user.is_authenticated) and is_adult(current_user.date_of_birth, site_today())


def init_app(app: Flask) -> None:
    """Register the account pages, Flask-Login and the password hasher."""
    from . import manage  # noqa: F401  (the account pages' routes, on the same blueprint)
    from .views import bp

    app.extensions["password_hasher"] = app.config["PASSWORD_HASHER"] or PasswordHasher()
    sessions.init_app(app)
    app.register_blueprint(bp)
