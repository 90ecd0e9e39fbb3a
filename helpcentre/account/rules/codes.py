"""Email verification codes: generation, keyed hashing, tolerant comparison, expiry, resend limits."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Sequence
from datetime import datetime, timedelta

CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=10)
# Five guesses at one in a million each keeps the odds of guessing a live code negligible;
# after them the code must be replaced (the store counts tries in SQL against this).
MAX_WRONG_TRIES = 5
RESEND_INTERVAL = timedelta(minutes=1)
RESENDS_PER_DAY = 5
RESEND_WINDOW = timedelta(hours=24)

# People copy codes from emails with the grouping space, or type them with dashes.
_SEPARATORS = frozenset(" -\u00a0\u2009\u2010\u2011\u2012\u2013\u2014\u2212")


def new_code() -> str:
    """Return a fresh code of six random digits, zero-padded so every code is the same length."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def hash_code(code: str, secret: bytes) -> str:
    """Return the keyed HMAC-SHA256 hex digest of `code` to store instead of the code itself."""
    # Only a million codes exist, so a plain hash would fall to brute force; the key stops that
    # for anyone who has the table but not the application's secret.
    return hmac.new(secret, code.encode("ascii"), hashlib.sha256).hexdigest()


def clean_code(typed: str) -> str | None:
    """Return `typed` as six ASCII digits with spaces and dashes removed, or None if it isn't a code."""
    # NFKC turns full-width digits from East Asian keyboards into ASCII ones.
    text = unicodedata.normalize("NFKC", typed)
    digits = "".join(ch for ch in text if ch not in _SEPARATORS and not ch.isspace())
    # isdigit alone would accept digits from other scripts, which hash_code can't encode.
    if len(digits) != CODE_DIGITS or not (digits.isascii() and digits.isdigit()):
        return None
    return digits


def codes_match(stored_hash: str, code: str, secret: bytes) -> bool:
    """Return True if the typed `code` is the one whose hash was stored, compared in constant time."""
    digits = clean_code(code)
    if digits is None:
        return False
    # Compare bytes: compare_digest refuses non-ASCII str, and a corrupt stored value must not raise.
    return hmac.compare_digest(
        hash_code(digits, secret).encode("ascii"),
        stored_hash.encode("utf-8", "surrogatepass"),
    )


def code_expired(sent_at: datetime, now: datetime) -> bool:
    """Return True once a code sent at `sent_at` is more than CODE_TTL old at `now`."""
    return now - sent_at > CODE_TTL


def resend_allowed(sent_times: Sequence[datetime], now: datetime) -> bool:
    """Return True if another code may be sent: one a minute, and at most five in the last 24 hours."""
    if not sent_times:
        return True
    # Sends stamped after `now` (clock skew between servers) count as just sent, not as free.
    if now - max(sent_times) < RESEND_INTERVAL:
        return False
    recent = [sent for sent in sent_times if now - sent < RESEND_WINDOW]
    return len(recent) < RESENDS_PER_DAY
