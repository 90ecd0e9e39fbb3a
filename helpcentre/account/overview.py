"""What "Your account" shows: facts about the account, worked out for today in the site's timezone."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app

from ..accounts.age import is_adult
from .models import User
from .timezone import local_today, site_timezone


@dataclass(frozen=True)
class AccountFacts:
    """The account page's content."""

    email: str
    verified: bool
    adult: bool
    ready_to_order: bool
    created: datetime


def account_facts(user: User, now: datetime) -> AccountFacts:
    """A verified adult's account is ready to order; times shown in the site's timezone."""
    zone = site_timezone(Path(current_app.config["CONTENT_DIR"]))
    adult = is_adult(user.date_of_birth, local_today(now, zone))
    return AccountFacts(email=user.email, verified=user.verified, adult=adult,
                        ready_to_order=user.verified and adult, created=user.created_at.astimezone(zone))
