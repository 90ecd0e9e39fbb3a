"""Changing the password and closing the account: both need the current password first."""
from __future__ import annotations

import logging

from .. import feedback
from ..mail import send_email_in_background, site_url
from . import signouts, store
from .hashing import hasher
from .models import User

log = logging.getLogger(__name__)


def password_is(user: User, password: str) -> bool:
    """Whether `password` is the account's current password."""
    return hasher().verify_password(user.password_hash, password)


def change_password(user: User, current: str, new: str) -> bool:
    """Set `new` if `current` is right; every other device is signed out and the owner told.
    False (nothing changed) for a wrong current password or a change that lost a race."""
    user_id, address, old_hash = user.id, user.email, user.password_hash
    if not hasher().verify_password(old_hash, current):
        log.info("password change refused: wrong current password, user %s", user_id)
        return False
    if not store.change_password(user_id, old_hash, hasher().hash_password(new)):
        return False
    signouts.end_other_sessions(user_id)
    log.info("password changed: user %s; other devices signed out", user_id)
    send_email_in_background(address, "Your password was changed", "password_changed_here",
                             forgot_url=site_url("account.forgot"))
    return True


def close_account(user: User, password: str) -> bool:
    """Delete the account and everything of it at once, keeping its feedback only as anonymous
    counts, and confirm by email; False (nothing changed) for a wrong password."""
    user_id, address = user.id, user.email
    if not password_is(user, password):
        log.info("account closing refused: wrong password, user %s", user_id)
        return False
    # Feedback first: on SQLite a deleted account's id can be given to the next new account,
    # which must not inherit answers still filed under it.
    anonymised = feedback.anonymise_account(user_id)
    signouts.end_all_sessions(user_id)
    if not store.delete_account(user_id):
        return False
    log.info("account closed: user %s (%s answers kept anonymously)", user_id, anonymised)
    send_email_in_background(address, "Your account has been closed", "account_closed",
                             signup_url=site_url("account.signup"))
    return True

