"""Emails to an account within the resend limits, and what became of them."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from ..mail import send_email, send_email_in_background
from . import store
from .models import User


class Mail(enum.Enum):
    """What happened to an email the reader asked for; SENT and HELD look the same to them."""

    SENT = "sent"
    HELD = "held"  # nothing sent: a resend limit, or no account that needs it
    FAILED = "failed"


def send_limited(user: User, kind: str, now: datetime, subject: str, template: str, log_detail: str | None,
                 *, in_background: bool = False, **context: Any) -> Mail:
    """Send an email of `kind` unless the account had one too recently (one a minute, five a day).

    With `in_background` the mail server is talked to on a worker thread (a failure is only
    logged), for answers that must take the same time whether or not an account exists."""
    address = user.email  # read before the store's commit expires it
    if not store.claim_email_slot(user.id, kind, now):
        return Mail.HELD
    if in_background:
        send_email_in_background(address, subject, template, log_detail, **context)
        return Mail.SENT
    return Mail.SENT if send_email(address, subject, template, log_detail, **context) else Mail.FAILED
