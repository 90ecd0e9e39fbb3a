"""Accounts for any test: sign up, in and out as a browser does, the outbox, ready-made accounts."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpcentre.account import store
from helpcentre.account.models import User
from helpcentre.account.rules.emails import email_key
from helpcentre.database import db

from .forms import post_form
from .htmx import HX

PASSWORD = "plum tractor violin 42"
NEW_PASSWORD = "saffron lantern quarry 19"
ADULT_DOB = "1990-01-02"
# Relaxed per-address limits, so tests of other rules never meet them by accident.
NO_LIMITS = {"SIGNIN_LIMIT": "1000 per minute", "VERIFY_LIMIT": "1000 per minute", "EMAIL_LIMIT": "1000 per minute"}


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
        now = app.config["CLOCK"]() if "CLOCK" in app.config else datetime.now(UTC)
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
