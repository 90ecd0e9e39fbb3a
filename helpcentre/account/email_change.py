"""Changing the email: a code proves the new address, then the old one is told and may undo it for 7 days."""
from __future__ import annotations

import enum
import logging
from datetime import datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from ..mail import send_email_in_background, site_url
from . import signouts, store
from .hashing import code_key, hasher
from .models import User
from .rules import codes, emails
from .sending import send_limited

log = logging.getLogger(__name__)
UNDO_WINDOW = timedelta(days=7)
_UNDO_SALT = "helpcentre.account.email-undo"


class Start(enum.Enum):
    """How asking for a change ended; SENT and TAKEN look the same to the reader."""

    SENT = "sent"
    TAKEN = "taken"  # the address has an account: its owner is told, no code is sent
    HELD = "held"  # a code went out less than a minute ago, or five today
    WRONG_PASSWORD = "wrong password"


def start(user: User, password: str, new_email: str, now: datetime) -> Start:
    """Check the password, then send a code to the new address (or, when it has an account, a notice
    to that account: the reader sees the same answer, as at sign-up)."""
    user_id, old_email = user.id, user.email
    if not hasher().verify_password(user.password_hash, password):
        log.info("email change refused: wrong password, user %s", user_id)
        return Start.WRONG_PASSWORD
    key = emails.email_key(new_email)
    owner = store.find_user(key)
    code = codes.new_code()
    # A taken address still gets a pending change, with a code nobody is sent, so what follows
    # (the code page, a wrong code) is the same as for a free address.
    if not store.begin_email_change(user_id, old_email, new_email, key, codes.hash_code(code, code_key()), now):
        return Start.HELD
    if owner is not None:
        log.info("email change by user %s asked for the email of user %s", user_id, owner.id)
        send_limited(owner, "notice", now, "Someone tried to use your email for another account",
                     "email_in_use", None, in_background=True, forgot_url=site_url("account.forgot"))
        return Start.TAKEN
    send_email_in_background(new_email, "Confirm your new email", "email_change_code", log_detail=f"code {code}",
                             code=code, minutes=int(codes.CODE_TTL.total_seconds() // 60),
                             confirm_url=site_url("account.confirm_email"))
    log.info("email change started: user %s", user_id)
    return Start.SENT


def pending_address(user_id: int) -> str | None:
    """The new address waiting for its code, if any."""
    change = store.pending_email_change(user_id)
    return change.new_email if change is not None else None


def confirm(user: User, typed_code: str, now: datetime) -> bool:
    """Move the account to the pending address if the code is right (hashed, 10 minutes, 5 tries),
    then tell the old address, with its undo link; False for any wrong, dead or used code."""
    user_id = user.id
    change = store.pending_email_change(user_id)
    if change is None or codes.code_expired(change.sent_at, now):
        return False
    change_id, code_hash, old_email, new_email = change.id, change.code_hash, change.old_email, change.new_email
    if not store.reserve_change_try(change_id):
        log.info("email change refused: code locked after wrong tries, user %s", user_id)
        return False
    if not codes.codes_match(code_hash, typed_code, code_key()):
        log.info("wrong email change code for user %s", user_id)
        return False
    if not store.apply_email_change(change_id, user_id, now):
        return False
    log.info("email changed: user %s", user_id)
    link = site_url("account.undo_email_link", token=undo_token(change_id))
    send_email_in_background(old_email, "Your email address was changed", "email_changed", log_detail=f"link {link}",
                             new_email=new_email, link=link, days=UNDO_WINDOW.days,
                             forgot_url=site_url("account.forgot"))
    return True


def undo_token(change_id: int) -> str:
    """The signed token in an undo link: which change it undoes (use and age are checked in the database)."""
    return _serializer().dumps(change_id)


def change_for_token(token: str, now: datetime) -> int | None:
    """The id of the change a genuine, unused, unexpired undo token names; None otherwise."""
    try:
        change_id = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(change_id, int):
        return None
    change = store.confirmed_email_change(change_id)
    if change is None or change.undone_at is not None or change.confirmed_at is None:
        return None
    return change_id if now - change.confirmed_at <= UNDO_WINDOW else None


def undo(change_id: int, now: datetime) -> str | None:
    """Restore the old address and sign out everywhere, once; the restored address, or None."""
    change = store.confirmed_email_change(change_id)
    if change is None:
        return None
    user_id, old_email = change.user_id, change.old_email
    if not store.undo_email_change(change_id, now - UNDO_WINDOW, now):
        return None
    # The store bumped the session version with the restore; this names the step for the lead's merge.
    signouts.end_all_sessions(user_id)
    log.info("email change undone: user %s; every session ended", user_id)
    return old_email


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_UNDO_SALT)
