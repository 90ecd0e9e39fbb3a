"""Account storage: the queries the services need; the database settles every race.

Uniqueness is a constraint, single use is a conditional UPDATE whose row count says who
won, and counters are incremented in SQL, so several workers on several hosts stay right.

Every public function that writes is one transaction: it commits exactly once at its end,
or rolls back when it refuses. The private steps never commit (their caller does), and the
services above never touch the session, so all of the account's commits are here.
"""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from ..database import UTCDateTime, changed_rows, db
from .change_models import EmailChange
from .models import AccountEmail, SignInFailure, User, VerificationCode
from .rules import codes, emails, throttle


def find_user(key: str) -> User | None:
    """The account whose case-folded email is `key`."""
    return db.session.scalar(sa.select(User).where(User.email_key == key))


def find_account(typed_email: str) -> User | None:
    """The account for what the reader typed as their email, if there is one."""
    return find_user(emails.typed_key(typed_email))


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


def _take_email_slot(user_id: int, kind: str, now: datetime) -> bool:
    """Record that an email of `kind` goes out now, if the resend limits allow it; caller commits."""
    _lock_user(user_id)
    recent = AccountEmail.user_id == user_id, AccountEmail.kind == kind
    db.session.execute(sa.delete(AccountEmail).where(*recent, AccountEmail.sent_at <= now - codes.RESEND_WINDOW))
    sent = db.session.scalars(sa.select(AccountEmail.sent_at).where(*recent)).all()
    if not codes.resend_allowed(sent, now):
        return False
    db.session.add(AccountEmail(user_id=user_id, kind=kind, sent_at=now))
    return True


def claim_email_slot(user_id: int, kind: str, now: datetime) -> bool:
    """Record that an email of `kind` goes out now, if the resend limits (one a minute, five a day) allow it."""
    if not _take_email_slot(user_id, kind, now):
        db.session.rollback()
        return False
    db.session.commit()
    return True


def issue_code(user_id: int, code_hash: str, now: datetime) -> bool:
    """Store a new code in place of the older ones (only the latest works), if a code email may go out now."""
    if not _take_email_slot(user_id, "code", now):
        db.session.rollback()
        return False
    db.session.execute(sa.delete(VerificationCode).where(VerificationCode.user_id == user_id))
    db.session.add(VerificationCode(user_id=user_id, code_hash=code_hash, sent_at=now))
    db.session.commit()
    return True


def latest_code(user_id: int) -> VerificationCode | None:
    """The newest code sent to this account."""
    return db.session.scalar(sa.select(VerificationCode).where(VerificationCode.user_id == user_id)
                             .order_by(VerificationCode.id.desc()).limit(1))


def reserve_try(code_id: int) -> bool:
    """Count one try against the code before comparing, so parallel guesses can't exceed the limit."""
    # Its own transaction, committed before the code is compared: a guess counts even if
    # nothing after it does, and the row is not held locked while the code is checked.
    changed = changed_rows(
        sa.update(VerificationCode)
        .where(VerificationCode.id == code_id, VerificationCode.used_at.is_(None),
               VerificationCode.wrong_tries < codes.MAX_WRONG_TRIES)
        .values(wrong_tries=VerificationCode.wrong_tries + 1)
        .execution_options(synchronize_session=False))
    if changed != 1:
        db.session.rollback()
        return False
    db.session.commit()
    return True


def consume_code(code_id: int, user_id: int, now: datetime) -> bool:
    """Use the code (giving back the reserved try) and verify the account; False if it was used first."""
    changed = changed_rows(
        sa.update(VerificationCode)
        .where(VerificationCode.id == code_id, VerificationCode.used_at.is_(None))
        .values(used_at=now, wrong_tries=VerificationCode.wrong_tries - 1)
        .execution_options(synchronize_session=False))
    if changed != 1:
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
    """Count a failed sign-in for `key` in one upsert, from one again after throttle.FAILURE_MEMORY."""
    # A counter idle that long is deleted first, so the upsert below starts it again at one;
    # deleting (rather than resetting) also keeps failures for made-up emails, which lock
    # too so as to reveal nothing, from piling up.
    forgotten = SignInFailure.last_failure_at <= now - throttle.FAILURE_MEMORY
    db.session.execute(sa.delete(SignInFailure).where(forgotten))
    insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    statement = insert(SignInFailure).values(email_key=key, failures=1, last_failure_at=now)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=[SignInFailure.email_key],
        set_={"failures": SignInFailure.failures + 1, "last_failure_at": now},
    ))
    db.session.commit()


def _clear_failures(key: str) -> None:
    """Forget failed sign-ins for `key`; caller commits."""
    db.session.execute(sa.delete(SignInFailure).where(SignInFailure.email_key == key))


def clear_failures(key: str) -> None:
    """Forget failed sign-ins for `key`: the right password was given."""
    _clear_failures(key)
    db.session.commit()


def record_sign_in(user: User, key: str, now: datetime, new_hash: str | None = None) -> None:
    """A successful sign-in: forget the failures, stamp the time and keep a rehashed password."""
    _clear_failures(key)
    if new_hash is not None:
        user.password_hash = new_hash
    # Changing last_login_at also kills any reset link sent before this sign-in.
    user.last_login_at = now
    db.session.commit()


def end_sessions(user_id: int) -> None:
    """Bump the session version: every cookie issued to this account so far stops working."""
    db.session.execute(sa.update(User).where(User.id == user_id)
                       .values(session_version=User.session_version + 1)
                       .execution_options(synchronize_session=False))
    db.session.commit()


def replace_password(user_id: int, key: str, old_hash: str, new_hash: str, now: datetime) -> bool:
    """Set a new password if the old one is still in place (so a reset link works once), end every
    session and forget failed sign-ins; the emailed link also proves the address, so the account
    counts as verified."""
    changed = changed_rows(
        sa.update(User).where(User.id == user_id, User.password_hash == old_hash)
        .values(password_hash=new_hash, session_version=User.session_version + 1,
                verified_at=sa.func.coalesce(User.verified_at, sa.literal(now, UTCDateTime)))
        .execution_options(synchronize_session=False))
    if changed != 1:
        db.session.rollback()
        return False
    _clear_failures(key)
    db.session.commit()
    return True


# The account pages (manage.py): change the password or the email, undo an email change, close.

def change_password(user_id: int, old_hash: str, new_hash: str) -> bool:
    """Set a new password if the one just checked is still in place (two changes racing: one wins)."""
    # The hash changing also kills every reset link sent before (they are signed over it).
    changed = changed_rows(
        sa.update(User).where(User.id == user_id, User.password_hash == old_hash)
        .values(password_hash=new_hash).execution_options(synchronize_session=False))
    if changed != 1:
        db.session.rollback()
        return False
    db.session.commit()
    return True


def begin_email_change(user_id: int, old_email: str, new_email: str, new_key: str, code_hash: str,
                       now: datetime) -> bool:
    """Store a pending change in place of any earlier one, if a code email may go out now."""
    if not _take_email_slot(user_id, "email_change", now):
        db.session.rollback()
        return False
    db.session.execute(sa.delete(EmailChange).where(EmailChange.user_id == user_id,
                                                    EmailChange.confirmed_at.is_(None)))
    db.session.add(EmailChange(user_id=user_id, old_email=old_email, new_email=new_email,
                               new_email_key=new_key, code_hash=code_hash, sent_at=now))
    db.session.commit()
    return True


def pending_email_change(user_id: int) -> EmailChange | None:
    """The account's change waiting for its code, if any (only the newest exists)."""
    return db.session.scalar(sa.select(EmailChange).where(EmailChange.user_id == user_id,
                                                          EmailChange.confirmed_at.is_(None))
                             .order_by(EmailChange.id.desc()).limit(1))


def reserve_change_try(change_id: int) -> bool:
    """Count one try against a pending change's code before comparing (as reserve_try does)."""
    changed = changed_rows(
        sa.update(EmailChange)
        .where(EmailChange.id == change_id, EmailChange.confirmed_at.is_(None),
               EmailChange.wrong_tries < codes.MAX_WRONG_TRIES)
        .values(wrong_tries=EmailChange.wrong_tries + 1)
        .execution_options(synchronize_session=False))
    if changed != 1:
        db.session.rollback()
        return False
    db.session.commit()
    return True


def apply_email_change(change_id: int, user_id: int, now: datetime) -> bool:
    """Use the code and move the account to the new address; False when the code was used first or
    the address got an account meanwhile (the unique email decides)."""
    change = db.session.get(EmailChange, change_id)
    if change is None:
        return False
    new_email, new_key = change.new_email, change.new_email_key
    changed = changed_rows(
        sa.update(EmailChange).where(EmailChange.id == change_id, EmailChange.confirmed_at.is_(None))
        .values(confirmed_at=now, wrong_tries=EmailChange.wrong_tries - 1)
        .execution_options(synchronize_session=False))
    if changed != 1:
        db.session.rollback()
        return False
    try:
        db.session.execute(sa.update(User).where(User.id == user_id)
                           .values(email=new_email, email_key=new_key)
                           .execution_options(synchronize_session=False))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def confirmed_email_change(change_id: int) -> EmailChange | None:
    """A confirmed change (what an undo link names)."""
    change = db.session.get(EmailChange, change_id)
    return change if change is not None and change.confirmed_at is not None else None


def undo_email_change(change_id: int, since: datetime, now: datetime) -> bool:
    """Put the old address back and end every session, once, for a change confirmed after `since`,
    while the account still has the address it was changed to; False otherwise."""
    change = confirmed_email_change(change_id)
    if change is None:
        return False
    user_id, old_email, new_key = change.user_id, change.old_email, change.new_email_key
    changed = changed_rows(
        sa.update(EmailChange)
        .where(EmailChange.id == change_id, EmailChange.undone_at.is_(None), EmailChange.confirmed_at > since)
        .values(undone_at=now).execution_options(synchronize_session=False))
    if changed != 1:
        db.session.rollback()
        return False
    try:
        restored = changed_rows(
            sa.update(User).where(User.id == user_id, User.email_key == new_key)
            .values(email=old_email, email_key=emails.email_key(old_email),
                    session_version=User.session_version + 1)
            .execution_options(synchronize_session=False))
    except IntegrityError:  # someone signed up with the old address since
        db.session.rollback()
        return False
    if restored != 1:
        db.session.rollback()
        return False
    db.session.commit()
    return True


def delete_account(user_id: int) -> bool:
    """Delete the account at once; its codes, email log, email changes and devices (with their
    replacement requests) go with it by ON DELETE CASCADE, its failed sign-ins by key here."""
    user = db.session.get(User, user_id)
    if user is None:
        return False
    key = user.email_key
    _clear_failures(key)
    db.session.execute(sa.delete(User).where(User.id == user_id).execution_options(synchronize_session=False))
    db.session.commit()
    return True
