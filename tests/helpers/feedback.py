"""Feedback: read the CSRF token from the widget, vote and explain like a browser, the stored answers."""
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


def token(client: FlaskClient, slug: str = "sign-in") -> str:
    """Load the widget as the island does and return the CSRF token in it."""
    return csrf_token(client, f"/articles/{slug}/feedback", headers=HX)


def post(client: FlaskClient, path: str, data: dict[str, str], hx: bool = True) -> TestResponse:
    """POST a form like a browser would, as htmx (hx=True) or as a plain form."""
    return client.post(path, data=data, headers={**REFERER, **(HX if hx else {})})


def vote(client: FlaskClient, slug: str, value: str, hx: bool = True) -> TestResponse:
    """Fetch the widget, then vote."""
    return post(client, f"/articles/{slug}/feedback", {"csrf_token": token(client, slug), "vote": value}, hx)


def explain(client: FlaskClient, slug: str, hx: bool = True, **fields: str) -> TestResponse:
    """Send the follow-up after a No."""
    return post(client, f"/articles/{slug}/feedback/reason", {"csrf_token": token(client, slug), **fields}, hx)


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
