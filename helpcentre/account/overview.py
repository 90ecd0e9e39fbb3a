"""What "Your account" shows: facts about the account, worked out for today in the site's timezone."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..support import site_zone
from .models import User
from .rules.age import is_adult


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
    zone = site_zone()
    adult = is_adult(user.date_of_birth, now.astimezone(zone).date())
    return AccountFacts(email=user.email, verified=user.verified, adult=adult,
                        ready_to_order=user.verified and adult, created=user.created_at.astimezone(zone))
