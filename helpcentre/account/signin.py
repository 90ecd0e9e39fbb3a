"""Signing in: one answer for a wrong email or a wrong password, and a growing delay per account."""
from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime

from . import store
from .hashing import hasher
from .models import User
from .rules import emails, throttle

log = logging.getLogger(__name__)


class Outcome(enum.Enum):
    """How a sign-in attempt ended."""

    SIGNED_IN = "signed in"
    UNVERIFIED = "unverified"  # right password, email not yet confirmed
    WRONG = "wrong"  # unknown email or wrong password: the reader is told the same
    LOCKED = "locked"  # too many recent failures for this email


@dataclass(frozen=True)
class Attempt:
    """The outcome, the account when the password was right, and how long a lockout lasts."""

    outcome: Outcome
    user: User | None = None
    retry_after: int = 0


def authenticate(typed_email: str, password: str, now: datetime) -> Attempt:
    """Check the email and password, counting failures per typed email (known or not)."""
    key = emails.typed_key(typed_email)
    failure = store.failures_for(key)
    if failure is not None and throttle.is_locked(failure.failures, failure.last_failure_at, now):
        wait = throttle.seconds_remaining(failure.failures, failure.last_failure_at, now)
        log.warning("sign-in refused: locked for %s s after %s failures", wait, failure.failures)
        return Attempt(Outcome.LOCKED, retry_after=wait)
    user = store.find_user(key)
    if user is None:
        # Hash anyway, so an unknown email takes as long to refuse as a wrong password.
        hasher().verify_dummy(password)
        return _failed(key, None, now)
    if not hasher().verify_password(user.password_hash, password):
        return _failed(key, user.id, now)
    if not user.verified:
        store.clear_failures(key)
        log.info("sign-in by unverified user %s: sent to verify", user.id)
        return Attempt(Outcome.UNVERIFIED, user)
    rehashed = hasher().hash_password(password) if hasher().needs_rehash(user.password_hash) else None
    store.record_sign_in(user, key, now, rehashed)
    return Attempt(Outcome.SIGNED_IN, user)


def _failed(key: str, user_id: int | None, now: datetime) -> Attempt:
    store.record_failure(key, now)
    who = f"user {user_id}" if user_id is not None else "an unknown email"
    failure = store.failures_for(key)
    if failure is not None and throttle.delay_after(failure.failures):
        log.warning("sign-in failed for %s: locked out after %s failures", who, failure.failures)
    else:
        log.info("sign-in failed for %s", who)
    return Attempt(Outcome.WRONG)
