"""Responses that any cache may keep for everyone carry nothing about the client that asked.

A CDN stores a `Cache-Control: public` response with its headers and hands it to every reader,
so a per-client header on it is wrong for all but one of them: Flask-Limiter's counters for one
address (X-RateLimit-*, and a Retry-After on a 200), or a cookie. The counters are dropped (they
are advice; a 429 itself is no-store and keeps them); a response that would set a cookie stops
being public instead, because dropping the cookie would lose what the reader did.
"""
from __future__ import annotations

from flask import Flask, Response
from flask_limiter.constants import HeaderNames

PER_CLIENT_HEADERS = tuple(name.value for name in HeaderNames)


def anonymous_if_public(response: Response) -> Response:
    """Strip the rate-limit headers from a public response; make it private if it sets a cookie."""
    if not response.cache_control.public:
        return response
    # The session cookie is not seen here (Flask writes it after these hooks), and asking the
    # session would itself add "Vary: Cookie": public views never touch the session (tests say so).
    if "Set-Cookie" in response.headers:
        response.cache_control.public = False
        response.cache_control.max_age = None
        response.cache_control.no_store = True
        return response
    for name in PER_CLIENT_HEADERS:
        response.headers.pop(name, None)
    return response


def init_app(app: Flask) -> None:
    """Run the check after every other after-request hook, Flask-Limiter's headers included."""
    # Flask runs after-request hooks in reverse order of registration, so the first one runs last.
    app.after_request_funcs.setdefault(None, []).insert(0, anonymous_if_public)
