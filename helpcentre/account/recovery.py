"""Forgotten passwords: an emailed link that works once, for an hour, and only while nothing changed."""
from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app

from ..mail import send_email, site_url
from . import store
from .hashing import hasher
from .models import User
from .rules import reset_tokens
from .sending import Mail, send_limited

log = logging.getLogger(__name__)


def request_reset(typed_email: str, now: datetime) -> Mail:
    """Email a reset link if the account exists and had none in the last minute; change nothing else."""
    user = store.find_account(typed_email)
    if user is None:
        log.info("password reset asked for an unknown email")
        return Mail.HELD
    link = site_url("account.reset", token=make_token(user, now))
    outcome = send_limited(user, "reset", now, "Reset your password", "reset_password",
                           f"link {link}", in_background=True, link=link, forgot_url=site_url("account.forgot"))
    log.info("password reset link for user %s: %s", user.id, outcome.value)
    return outcome


def make_token(user: User, now: datetime) -> str:
    """The token in a reset link: the account id, then a signature over its current state."""
    token = reset_tokens.make_reset_token(user.id, _state(user), current_app.config["SECRET_KEY"], now)
    return f"{user.id}-{token}"


def account_for_token(token: str, now: datetime) -> User | None:
    """The account a live token belongs to; None when it is malformed, expired or already used."""
    user_part, _, signed = token.partition("-")
    if not user_part.isdigit() or len(user_part) > 18:
        return None
    user = store.get_user(int(user_part))
    if user is None:
        return None
    valid = reset_tokens.check_reset_token(signed, user.id, _state(user), current_app.config["SECRET_KEY"], now)
    return user if valid else None


def reset_password(user: User, password: str, now: datetime) -> bool:
    """Set the new password, end every session of the account and tell its owner; False if the
    link was used meanwhile (the password it was signed for is gone)."""
    user_id, address, key, old_hash = user.id, user.email, user.email_key, user.password_hash
    if not store.replace_password(user_id, key, old_hash, hasher().hash_password(password), now):
        return False
    log.info("password reset: user %s; every session ended", user_id)
    send_email(address, "Your password was changed", "password_changed",
               forgot_url=site_url("account.forgot"), login_url=site_url("account.login"))
    return True


def _state(user: User) -> str:
    return reset_tokens.account_state(user.password_hash, user.email, user.last_login_at)
