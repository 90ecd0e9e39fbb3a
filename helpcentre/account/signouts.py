"""Signing an account out elsewhere, for the account pages.

These two names are what sessions.py provides once sign-ins are records (issue 14, item 4);
until then they work by bumping the session version (store.end_sessions), which ends every
cookie the account was given, and give this browser a session of the new version again.
"""
from __future__ import annotations

from flask import current_app, request
from flask_login import current_user, login_user

from . import store


def end_other_sessions(user_id: int) -> None:
    """Sign the account out on every other device; this browser, if it is the account's, stays in."""
    store.end_sessions(user_id)
    if not (current_user.is_authenticated and current_user.id == user_id):
        return
    user = store.get_user(user_id)
    if user is None:
        return
    # A "Keep me signed in" cookie carries the old version: give this browser a new one too.
    kept = request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")) is not None
    login_user(user, remember=kept)


def end_all_sessions(user_id: int) -> None:
    """Sign the account out everywhere, this browser included (its cookie stops working)."""
    store.end_sessions(user_id)
