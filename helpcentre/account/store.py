"""Account storage: the queries the services need; the database settles every race.

Uniqueness is a constraint, single use is a conditional UPDATE whose row count says who
won, and counters are incremented in SQL, so several workers on several hosts stay right.
"""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from .rules import codes, throttle
from ..database import UTCDateTime, db
from .models import AccountEmail, SignInFailure, User, VerificationCode


def find_user(key: str) -> User | None:
    """The account whose case-folded email is `key`."""
    return db.session.scalar(sa.select(User).where(User.email_key == key))


def get_user(user_id: int) -> User | None:
    """The account with this id."""
    return db.session.get(User, user_id)


def insert_user(email: str, key: str, password_hash: str, dob: date, now: datetime) -> User | None:
    """A new unverified account, or None when the email already has one (the constraint decides)."""
    user = User(email=email, email_key=key, password_hash=password_hash, date_of_birth=dob, created_at=now)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return None
    return user


def _lock_user(user_id: int) -> None:
    # A no-op write takes the row lock (PostgreSQL) or the write lock (SQLite) until commit, so
    # two requests counting one account's emails take turns instead of both seeing room.
    db.session.execute(sa.update(User).where(User.id == user_id)
                       .values(session_version=User.session_version)
                       .execution_options(synchronize_session=False))


def claim_email_slot(user_id: int, kind: str, now: datetime) -> bool:
    """Record that an email of `kind` goes out now, if the resend limits allow it (caller commits)."""
    _lock_user(user_id)
    recent = AccountEmail.user_id == user_id, AccountEmail.kind == kind
    db.session.execute(sa.delete(AccountEmail).where(*recent, AccountEmail.sent_at <= now - codes.RESEND_WINDOW))
    sent = db.session.scalars(sa.select(AccountEmail.sent_at).where(*recent)).all()
    if not codes.resend_allowed(sent, now):
        return False
    db.session.add(AccountEmail(user_id=user_id, kind=kind, sent_at=now))
    return True


def replace_code(user_id: int, code_hash: str, now: datetime) -> None:
    """Store a new code and drop the older ones: only the latest code of an account works."""
    db.session.execute(sa.delete(VerificationCode).where(VerificationCode.user_id == user_id))
    db.session.add(VerificationCode(user_id=user_id, code_hash=code_hash, sent_at=now))


def latest_code(user_id: int) -> VerificationCode | None:
    """The newest code sent to this account."""
    return db.session.scalar(sa.select(VerificationCode).where(VerificationCode.user_id == user_id)
                             .order_by(VerificationCode.id.desc()).limit(1))


def reserve_try(code_id: int) -> bool:
    """Count one try against the code before comparing, so parallel guesses can't exceed the limit."""
    result = db.session.execute(
        sa.update(VerificationCode)
        .where(VerificationCode.id == code_id, VerificationCode.used_at.is_(None),
               VerificationCode.wrong_tries < codes.MAX_WRONG_TRIES)
        .values(wrong_tries=VerificationCode.wrong_tries + 1)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1


def consume_code(code_id: int, user_id: int, now: datetime) -> bool:
    """Use the code (giving back the reserved try) and verify the account; False if it was used first."""
    result = db.session.execute(
        sa.update(VerificationCode)
        .where(VerificationCode.id == code_id, VerificationCode.used_at.is_(None))
        .values(used_at=now, wrong_tries=VerificationCode.wrong_tries - 1)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        return False
    db.session.execute(sa.update(User).where(User.id == user_id, User.verified_at.is_(None))
                       .values(verified_at=now).execution_options(synchronize_session=False))
    db.session.commit()
    return True


def failures_for(key: str) -> SignInFailure | None:
    """The failed sign-in counter for a typed email."""
    return db.session.get(SignInFailure, key)


def record_failure(key: str, now: datetime) -> None:
    """Count a failed sign-in for `key` in one upsert (throttle.next_failure_count, done atomically)."""
    insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    statement = insert(SignInFailure).values(email_key=key, failures=1, last_failure_at=now)
    forgotten = SignInFailure.last_failure_at <= now - throttle.FAILURE_MEMORY
    # Counters idle for a day count from one again anyway: drop them, so that failures for
    # made-up emails (which also lock, to reveal nothing) never pile up.
    db.session.execute(sa.delete(SignInFailure).where(forgotten))
    db.session.execute(statement.on_conflict_do_update(
        index_elements=[SignInFailure.email_key],
        set_={"failures": sa.case((forgotten, 1), else_=SignInFailure.failures + 1), "last_failure_at": now},
    ))
    db.session.commit()


def clear_failures(key: str) -> None:
    """Forget failed sign-ins for `key` (after a success or a reset); caller commits."""
    db.session.execute(sa.delete(SignInFailure).where(SignInFailure.email_key == key))


def end_sessions(user_id: int) -> None:
    """Bump the session version: every cookie issued to this account so far stops working."""
    db.session.execute(sa.update(User).where(User.id == user_id)
                       .values(session_version=User.session_version + 1)
                       .execution_options(synchronize_session=False))
    db.session.commit()


def replace_password(user_id: int, old_hash: str, new_hash: str, now: datetime) -> bool:
    """Set a new password if the old one is still in place (so a reset link works once) and end
    every session; the emailed link also proves the address, so the account counts as verified."""
    result = db.session.execute(
        sa.update(User).where(User.id == user_id, User.password_hash == old_hash)
        .values(password_hash=new_hash, session_version=User.session_version + 1,
                verified_at=sa.func.coalesce(User.verified_at, sa.literal(now, UTCDateTime)))
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        return False
    db.session.commit()
    return True
