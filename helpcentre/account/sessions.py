"""Who is signed in: Flask-Login with a session version, strong protection and an idle limit.

The id Flask-Login stores (in the session and in the remember cookie) is "<user id>:<session
version>". Signing out, or a password reset, bumps the version in the database, so every copy
of every cookie issued before stops working, copied ones included.
"""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, current_app, g, request, session, url_for
from flask_login import (
    LoginManager,
    current_user,
    login_user,
    logout_user,
    user_loaded_from_cookie,
)

from .. import clock, hints
from ..htmx import see_other
from ..safe_url import safe_next
from . import store
from .models import User

log = logging.getLogger(__name__)
login_manager = LoginManager()
SEEN = "_seen"  # when this session last did anything, in whole seconds since the epoch
# Refresh the idle stamp at most this often, so not every request rewrites the cookie.
SEEN_RESOLUTION = 60


def load_user(token: str) -> User | None:
    """The account for a stored id, if its session version is current and the session isn't idle."""
    user_id, _, version = token.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = store.get_user(int(user_id))
    if user is None or user.session_version != int(version) or not user.verified:
        return None
    return None if _idle_too_long() else user


def _idle_too_long() -> bool:
    now = int(clock.now().timestamp())
    seen = session.get(SEEN)
    if isinstance(seen, int) and now - seen > current_app.permanent_session_lifetime.total_seconds():
        # End this session for good; a remember cookie, if the reader chose one, may start another.
        for key in (SEEN, "_user_id", "_fresh", "_id"):
            session.pop(key, None)
        return True
    if not isinstance(seen, int) or now - seen >= SEEN_RESOLUTION:
        session[SEEN] = now
    return False


def _new_session() -> None:
    session.clear()
    # Flask-WTF caches this request's CSRF token in g; it belongs to the cleared session, so
    # a form rendered in this response must get a token of the new one.
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


def start_session(user: User, remember: bool) -> None:
    """Sign in with a brand-new session: nothing from the signed-out session carries over."""
    _new_session()
    login_user(user, remember=remember)
    session[SEEN] = int(clock.now().timestamp())
    log.info("signed in: user %s%s", user.id, " (kept signed in)" if remember else "")


def end_session() -> None:
    """Sign out here and everywhere: bump the session version, then drop this session."""
    if current_user.is_authenticated:
        store.end_sessions(current_user.id)
        log.info("signed out: user %s; every session ended", current_user.id)
    logout_user()
    forget_cookie = session.get("_remember")
    _new_session()
    if forget_cookie:
        session["_remember"] = forget_cookie  # lets Flask-Login delete the remember cookie


def update_remember_cookie(response: Response) -> Response:
    """Set or delete the remember cookie as sign-in or sign-out asked (after account requests)."""
    if session.get("_remember") == "set":
        # Kept signed in: the islands' hint outlives the browser session as the remember cookie does
        # (otherwise it follows the session cookie: hints.py).
        hints.give(response, hints.SESSION, max_age=int(current_app.config["REMEMBER_COOKIE_DURATION"]))
    return login_manager._update_remember_cookie(response)


def _ask_to_sign_in() -> Response:
    """Signed-out visitors to an account page go to sign in, coming back here afterwards."""
    here = safe_next(request.full_path.rstrip("?"))
    return see_other(url_for("account.login", next=here))


def _identify_restored_session(sender: Any, user: User, **extra: Any) -> None:
    # Flask-Login's strong protection expects the session to carry its identifier ("_id") but
    # does not set it when the remember cookie restores a session, and would then sign the
    # reader out on their next request. Record it, as login_user does.
    session["_id"] = login_manager._session_identifier_generator()


def init_app(app: Flask) -> None:
    """Attach Flask-Login to the app."""
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(_ask_to_sign_in)
    # Flask-Login's own context processor loads the user for every template, static pages
    # included, which reads the session; the lazy proxy is only resolved where a template uses it.
    login_manager.init_app(app, add_context_processor=False)
    app.context_processor(lambda: {"current_user": current_user})
    # Flask-Login's after-request hook also reads the session on every response, which would
    # add "Vary: Cookie" to static pages; sign-in and sign-out happen only on account pages,
    # so the hook runs there (views.py) instead of app-wide.
    app.after_request_funcs[None].remove(login_manager._update_remember_cookie)
    user_loaded_from_cookie.connect(_identify_restored_session)
