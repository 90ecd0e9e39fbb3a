"""Hint cookies: tell our script (static/js/islands.js) which personal islands are worth loading.

A static page is the same bytes for everyone and already shows what a reader with no session
sees (the signed-out menu, the feedback question), so asking the origin for those islands on
every view would only cost a request nobody can cache. A hint is a plain, non-secret "1" the
script can read: `hc_session` while this browser holds a session with us (signed in, or in the
middle of signing in or up), `hc_reader` once it has voted. It authorises nothing: a forged
hint only makes the browser ask for an island, which still answers from the real cookies.

The session hint follows Flask's session cookie, in one place: whenever a request looks at the
session, the hint is given when the session holds something and taken back when it is empty.
Sign-in with "Keep me signed in" gives it the remember cookie's lifetime instead
(account/sessions.py). Static pages never look at the session, so they never set a cookie.
"""
from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

SESSION = "hc_session"
READER = "hc_reader"


def give(response: Response, name: str, max_age: int | None = None) -> None:
    """Set the hint `name` (readable by our script; None: until the browser closes)."""
    response.set_cookie(name, "1", max_age=max_age, path="/", httponly=False, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])


def take_back(response: Response, name: str) -> None:
    """Delete the hint `name`."""
    response.delete_cookie(name, path="/", httponly=False, samesite="Lax",
                           secure=current_app.config["SESSION_COOKIE_SECURE"])


def _sets(response: Response, name: str) -> bool:
    return any(header.startswith(name + "=") for header in response.headers.getlist("Set-Cookie"))


class HintedSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the session hint kept in step with the session."""

    def save_session(self, app: Flask, session: SecureCookieSession, response: Response) -> None:  # type: ignore[override]
        """Save the session as Flask does, then give or take back the hint to match it."""
        super().save_session(app, session, response)
        # Only where the request looked at the session: a static page never does, so it stays
        # cookie-free, and a hint set explicitly in this response (remember me) stands.
        if not session.accessed or _sets(response, SESSION):
            return
        had = SESSION in request.cookies
        if session and not had:
            give(response, SESSION)
        elif not session and had:
            take_back(response, SESSION)


def init_app(app: Flask) -> None:
    """Use the hinted sessions, and let templates name the hints."""
    app.session_interface = HintedSessions()
    app.jinja_env.globals.update(SESSION_HINT=SESSION, READER_HINT=READER)
