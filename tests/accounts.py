"""Helpers for the account tests: a clock to move, CSRF tokens, the outbox, ready-made accounts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpcentre.account.rules.emails import email_key
from helpcentre.account import store
from helpcentre.account.models import User
from helpcentre.database import db

PASSWORD = "plum tractor violin 42"
NEW_PASSWORD = "saffron lantern quarry 19"
ADULT_DOB = "1990-01-02"
HX = {"HX-Request": "true"}
_TOKEN = re.compile(r'(name="csrf_token"[^>]*?value=")([^"]+)"')
# Relaxed per-address limits, so tests of other rules never meet them by accident.
NO_LIMITS = {"SIGNIN_LIMIT": "1000 per minute", "VERIFY_LIMIT": "1000 per minute", "EMAIL_LIMIT": "1000 per minute"}


@dataclass
class FakeClock:
    """A clock the test moves by hand; starts on a summer Sunday at noon UTC (13:00 in London)."""

    current: datetime = field(default_factory=lambda: datetime(2025, 6, 15, 12, 0, tzinfo=timezone.utc))

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.current += timedelta(**delta)


# Fixtures for the account test modules, which import them by name.

@pytest.fixture
def clock() -> FakeClock:
    """The app's clock, for tests that move time."""
    return FakeClock()


@pytest.fixture
def config_overrides(clock: FakeClock) -> dict[str, Any]:
    """Account tests run on the fake clock, with per-address limits out of the way."""
    return {"CLOCK": clock, **NO_LIMITS}


@pytest.fixture
def ann(app: Flask) -> int:
    """A verified adult's account: ann@example.com with PASSWORD."""
    return make_account(app, "ann@example.com")


def csrf_token(client: FlaskClient, url: str = "/account/login") -> str:
    """The CSRF token from a form page (tokens are tied to the client's session)."""
    match = _TOKEN.search(client.get(url).get_data(as_text=True))
    assert match, f"no csrf_token on {url}"
    return match.group(2)


def post_form(client: FlaskClient, url: str, data: dict[str, Any], form_url: str | None = None,
              headers: dict[str, str] | None = None) -> TestResponse:
    """POST a form the way a browser would after loading it (with its CSRF token)."""
    form_url = form_url or url.partition("?")[0]
    token = csrf_token(client, form_url)
    return client.post(url, data={"csrf_token": token, **data}, headers={**referer(form_url), **(headers or {})})


def referer(path: str = "/account/login") -> dict[str, str]:
    """The Referer a browser sends: the test app runs on https, where CSRF checks it is this site."""
    return {"Referer": "https://localhost" + path}


def outbox(app: Flask) -> list[EmailMessage]:
    """Every message the outbox backend wrote, oldest first (once mail queued in the background is out)."""
    app.extensions["background_mail"].wait(timeout=10)
    folder = Path(app.instance_path) / "outbox"
    files = sorted(folder.glob("*.eml"), key=lambda p: int(p.name.partition("-")[0])) if folder.exists() else []
    return [BytesParser(policy=policy.default).parsebytes(p.read_bytes()) for p in files]  # type: ignore[misc]


def text_of(message: EmailMessage) -> str:
    """The plain-text part of a message."""
    part = message.get_body(("plain",))
    assert part is not None
    return part.get_content()


def code_in(message: EmailMessage) -> str:
    """The 6-digit code in a verification email."""
    match = re.search(r"\b(\d{6})\b", text_of(message))
    assert match, text_of(message)
    return match.group(1)


def link_in(message: EmailMessage) -> str:
    """The reset link in a reset email."""
    match = re.search(r"(https?://\S+/account/reset/\S+)", text_of(message))
    assert match, text_of(message)
    return match.group(1)


def sign_up(client: FlaskClient, email: str, password: str = PASSWORD, dob: str = ADULT_DOB,
            terms: bool = True, headers: dict[str, str] | None = None) -> TestResponse:
    """Fill in "Create an account"."""
    data = {"email": email, "password": password, "date_of_birth": dob}
    if terms:
        data["accept_terms"] = "y"
    return post_form(client, "/account/signup", data, headers=headers)


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD, remember: bool = False,
            next_path: str | None = None, headers: dict[str, str] | None = None) -> TestResponse:
    """Fill in "Sign in"."""
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    url = "/account/login" + (f"?next={next_path}" if next_path else "")
    return post_form(client, url, data, form_url="/account/login", headers=headers)


def sign_out(client: FlaskClient, headers: dict[str, str] | None = None) -> TestResponse:
    """Press "Sign out" in the menu."""
    return post_form(client, "/account/logout", {}, form_url="/account/menu", headers=headers)


def make_account(app: Flask, email: str, password: str = PASSWORD, verified: bool = True,
                 dob: date = date(1990, 1, 2)) -> int:
    """An account straight in the database; returns its id."""
    with app.app_context():
        now = app.config["CLOCK"]() if "CLOCK" in app.config else datetime.now(timezone.utc)
        hashed = app.extensions["password_hasher"].hash_password(password)
        user = store.insert_user(email, email_key(email), hashed, dob, now)
        assert user is not None
        if verified:
            user.verified_at = now
        db.session.commit()
        return user.id


def account(app: Flask, email: str) -> User | None:
    """The stored account for an email, detached for reading."""
    with app.app_context():
        user = store.find_user(email_key(email))
        if user is not None:
            db.session.expunge(user)
        return user


def count_users(app: Flask) -> int:
    """How many accounts exist."""
    with app.app_context():
        return db.session.query(User).count()


def menu(client: FlaskClient) -> str:
    """The header's account island as htmx loads it."""
    return client.get("/account/menu", headers={**HX, "HX-Current-URL": "http://localhost/articles/sign-in"}
                      ).get_data(as_text=True)


def without_tokens(html: str) -> str:
    """Page text with per-session CSRF tokens blanked, to compare two answers."""
    return _TOKEN.sub(r'\1"', html)
