"""Signing up and verifying the email: an unverified account first, then a code proves the address."""
from __future__ import annotations

import logging
from datetime import date, datetime

from ..mail import send_email, site_url
from . import store
from .hashing import code_key, hasher
from .models import User
from .rules import codes, emails
from .sending import Mail, send_limited

log = logging.getLogger(__name__)


def sign_up(email: str, password: str, dob: date, now: datetime) -> Mail:
    """Create the account and email it a code; when the email is taken, email its owner instead."""
    key = emails.email_key(email)
    # Hashed for a taken email too, so both answers cost the same time.
    password_hash = hasher().hash_password(password)
    # The account is stored on its own first: the unique email decides between racing sign-ups.
    user = store.insert_user(email, key, password_hash, dob, now)
    if user is not None:
        log.info("account created: user %s", user.id)
        return send_code(user, now)
    existing = store.find_user(key)
    if existing is None:  # deleted between the insert and this look-up: nothing to tell anyone
        return Mail.HELD
    log.info("sign-up tried with the email of user %s", existing.id)
    return send_limited(existing, "notice", now, "Someone tried to create an account with your email",
                        "account_exists", None, login_url=site_url("account.login"),
                        forgot_url=site_url("account.forgot"))


def send_code(user: User, now: datetime) -> Mail:
    """Email the account a new code (the old ones stop working), within the resend limits."""
    code = codes.new_code()
    address = user.email  # read before the store's commit expires it
    if not store.issue_code(user.id, codes.hash_code(code, code_key()), now):
        return Mail.HELD
    sent = send_email(address, "Your verification code", "verify_code", log_detail=f"code {code}",
                      code=code, minutes=int(codes.CODE_TTL.total_seconds() // 60),
                      verify_url=site_url("account.verify"))
    return Mail.SENT if sent else Mail.FAILED


def resend(typed_email: str, now: datetime) -> Mail:
    """"Send a new code": the same answer whether or not the account exists or needs one."""
    user = store.find_account(typed_email)
    if user is None or user.verified:
        return Mail.HELD
    return send_code(user, now)


def verify(typed_email: str, typed_code: str, now: datetime) -> User | None:
    """The account whose latest code this is, now verified; None for any wrong, dead or used code."""
    user = store.find_account(typed_email)
    if user is None or user.verified:
        return None
    code = store.latest_code(user.id)
    if code is None or code.used_at is not None or codes.code_expired(code.sent_at, now):
        return None
    code_id, code_hash, user_id = code.id, code.code_hash, user.id
    if not store.reserve_try(code_id):
        log.info("verification refused: code locked after wrong tries, user %s", user_id)
        return None
    if not codes.codes_match(code_hash, typed_code, code_key()):
        log.info("wrong verification code for user %s", user_id)
        return None
    if not store.consume_code(code_id, user_id, now):
        return None
    log.info("email verified: user %s", user_id)
    return store.get_user(user_id)
