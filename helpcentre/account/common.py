"""What the account services share: the password hasher, the code key and finding an account."""
from __future__ import annotations

import enum
import hashlib
from datetime import datetime
from typing import Any

from flask import current_app, url_for

from .rules import emails
from .rules.passwords import PasswordHasher
from ..database import db
from ..mail import send_email, send_email_in_background
from . import store
from .models import User


class Mail(enum.Enum):
    """What happened to an email the reader asked for; SENT and HELD look the same to them."""

    SENT = "sent"
    HELD = "held"  # nothing sent: a resend limit, or no account that needs it
    FAILED = "failed"


def hasher() -> PasswordHasher:
    """The app's password hasher (argon2id; cheap parameters only in the test config)."""
    return current_app.extensions["password_hasher"]


def code_key() -> bytes:
    """The key verification codes are hashed with, derived from the app's secret."""
    # Derived rather than the secret itself, so a code hash can never stand in for a session signature.
    return hashlib.sha256(b"helpcentre.accounts.codes:" + current_app.config["SECRET_KEY"].encode()).digest()


def typed_key(typed_email: str) -> str:
    """The uniqueness key for what the reader typed (as typed when it isn't a valid address)."""
    try:
        return emails.email_key(emails.normalise_email(typed_email))
    except emails.InvalidEmail:
        return emails.email_key(typed_email)[: emails.MAX_LENGTH]


def find_account(typed_email: str) -> User | None:
    """The account for a typed email, if there is one."""
    return store.find_user(typed_key(typed_email))


def send_limited(user: User, kind: str, now: datetime, subject: str, template: str, log_detail: str | None,
                 *, in_background: bool = False, **context: Any) -> Mail:
    """Send an email of `kind` unless the account had one too recently (one a minute, five a day).

    With `in_background` the mail server is talked to on a worker thread (a failure is only
    logged), for answers that must take the same time whether or not an account exists."""
    if not store.claim_email_slot(user.id, kind, now):
        db.session.rollback()
        return Mail.HELD
    address = user.email
    db.session.commit()
    if in_background:
        send_email_in_background(address, subject, template, log_detail, **context)
        return Mail.SENT
    return Mail.SENT if send_email(address, subject, template, log_detail, **context) else Mail.FAILED


def site_url(endpoint: str, **values: Any) -> str:
    """An absolute link for an email, from HELPCENTRE_BASE_URL, never from the request's Host."""
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)
