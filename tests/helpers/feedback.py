"""Feedback: read the CSRF token from the widget, vote and explain like a browser, the stored answers.

Like a browser, a client with a session sends the token the island gave it; a client without
one sends the static page's form, which has none (its origin is checked instead).
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpcentre.content import current_library
from helpcentre.database import db
from helpcentre.feedback import store
from helpcentre.feedback.models import Feedback
from helpcentre.feedback.reader import COOKIE

from .forms import csrf_token, referer
from .htmx import HX

# The test client speaks https (BASE_URL is https), where Flask-WTF also wants a same-origin Referer.
REFERER = referer("/articles/")
# What a browser sends with every POST from this site's pages.
ORIGIN = {"Origin": "https://localhost"}
SESSION_COOKIE = "session"


def has_session(client: FlaskClient) -> bool:
    """Whether the client holds a session cookie."""
    return client.get_cookie(SESSION_COOKIE) is not None


def token(client: FlaskClient, slug: str = "sign-in") -> str:
    """A CSRF token of the client's session, from the widget as the island loads it.

    A client with no session first opens the sign-in form, which gives it one, as in a browser.
    """
    if not has_session(client):
        client.get("/account/login")
    return csrf_token(client, f"/articles/{slug}/feedback", headers=HX)


def form_token(client: FlaskClient, slug: str) -> dict[str, str]:
    """The token field the reader's form carries: the island's with a session, none without."""
    return {"csrf_token": token(client, slug)} if has_session(client) else {}


def post(client: FlaskClient, path: str, data: dict[str, str], hx: bool = True) -> TestResponse:
    """POST a form like a browser would, as htmx (hx=True) or as a plain form."""
    return client.post(path, data=data, headers={**REFERER, **ORIGIN, **(HX if hx else {})})


def vote(client: FlaskClient, slug: str, value: str, hx: bool = True) -> TestResponse:
    """Vote from the form the reader has: the island's with a session, else the static page's."""
    return post(client, f"/articles/{slug}/feedback", {**form_token(client, slug), "vote": value}, hx)


def explain(client: FlaskClient, slug: str, hx: bool = True, **fields: str) -> TestResponse:
    """Send the follow-up after a No."""
    return post(client, f"/articles/{slug}/feedback/reason", {**form_token(client, slug), **fields}, hx)


def rows(app: Flask) -> list[Feedback]:
    """Every stored answer, oldest first."""
    with app.app_context():
        found = db.session.scalars(sa.select(Feedback).order_by(Feedback.id)).all()
        db.session.expunge_all()
        return list(found)


def record_votes(app: Flask, slug: str, yes: int, no: int, at: datetime) -> None:
    """Store `yes` helpful and `no` unhelpful answers to an article's current revision, from distinct readers."""
    with app.test_request_context():
        revision = current_library().article(slug).revision
        for number in range(yes + no):
            store.record_vote(slug=slug, reader=f"anon:{slug}{number}",
                              vote="yes" if number < yes else "no", revision=revision, at=at)


def reader_cookie(client: FlaskClient) -> str | None:
    """The reader cookie's value as the client holds it."""
    cookie = client.get_cookie(COOKIE)
    return cookie.value if cookie else None
