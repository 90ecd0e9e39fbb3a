"""Who is answering: the signed-in account when there is one, else an anonymous reader cookie.

The anonymous id lives in its own signed, HttpOnly, SameSite=Lax cookie that is set only
when a reader first votes, so a reader who never votes is never given an id. A hint cookie
beside it (hints.py) tells the page's script to ask for the reader's earlier answers.
"""
from __future__ import annotations

import secrets
from datetime import timedelta

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from .. import hints
from . import store

COOKIE = "feedback_reader"
# Browsers cap cookie lifetimes at 400 days; asking for more only gets clipped.
COOKIE_LIFETIME = timedelta(days=400)
_SALT = "helpcentre.feedback.reader"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def sign(token: str) -> str:
    """The cookie value for an anonymous reader token."""
    return _serializer().dumps(token)


def signed_in_account() -> str | None:
    """The reader key of the signed-in account, or None (also while accounts are not set up)."""
    # Flask-Login attaches itself as app.login_manager; before the accounts feature lands
    # there is none, and touching current_user would raise.
    if getattr(current_app, "login_manager", None) is None:
        return None
    from flask_login import current_user

    if current_user and current_user.is_authenticated:
        # The account id alone: get_id() also carries the session version, which sign-out changes.
        return f"account:{current_user.id}"
    return None


def cookie_reader() -> str | None:
    """The anonymous reader key from a validly signed cookie, or None."""
    value = request.cookies.get(COOKIE)
    if not value:
        return None
    try:
        token = _serializer().loads(value)
    except BadSignature:  # forged or signed with an old secret: treat as a new reader
        return None
    return f"anon:{token}" if isinstance(token, str) and token else None


def adopt_on_sign_in(_app: object, user: object) -> None:
    """Flask-Login's user_logged_in: this browser's anonymous answers become the account's."""
    anonymous = cookie_reader()
    if anonymous is not None:
        store.adopt(anonymous=anonymous, account=f"account:{user.id}")  # type: ignore[attr-defined]


def current_reader() -> str | None:
    """The reader key for this request: the account first, else the cookie, else None."""
    return signed_in_account() or cookie_reader()


def reader_for_vote() -> tuple[str, str | None]:
    """The reader key to vote as, and a new token to put in a cookie when the reader had none."""
    reader = current_reader()
    if reader is not None:
        return reader, None
    token = secrets.token_urlsafe(18)
    return f"anon:{token}", token


def remember(response: Response, token: str) -> None:
    """Give the response the cookie that carries a new anonymous reader id."""
    response.set_cookie(
        COOKIE, sign(token), max_age=int(COOKIE_LIFETIME.total_seconds()), path="/",
        httponly=True, samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    hints.give(response, hints.READER, max_age=int(COOKIE_LIFETIME.total_seconds()))
