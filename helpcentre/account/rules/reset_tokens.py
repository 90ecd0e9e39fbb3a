"""Password-reset tokens that die after an hour, once used, when the email changes or on sign-in."""
from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timedelta

DEFAULT_MAX_AGE = timedelta(hours=1)
# The app's secret signs other things too (sessions, CSRF); the salt makes a reset signature
# useless anywhere else and theirs useless here. It names the package these rules first lived
# in: changing it would kill every link already sent.
SALT = b"helpcentre.accounts.password-reset"
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
# No datetime needs more than eight base-36 digits; the cap only bounds the parsing of garbage.
_MAX_TIMESTAMP_DIGITS = 12
_MAX_TOKEN_LENGTH = 100


def account_state(password_hash: str, email: str, last_login: datetime | None) -> str:
    """Return a digest of the account details whose change must invalidate outstanding reset tokens."""
    # Databases differ in keeping microseconds and time zones; a round trip through one must not
    # change the state and so kill a token that should still work.
    login = "" if last_login is None else last_login.replace(microsecond=0, tzinfo=None).isoformat()
    # JSON keeps the fields unambiguous whatever characters the email holds; hashing lets callers
    # log or cache the state without exposing the password hash.
    fields = json.dumps([password_hash, email, login], ensure_ascii=False)
    return hashlib.sha256(fields.encode("utf-8", "surrogatepass")).hexdigest()


def make_reset_token(user_id: int, state: str, secret: str, now: datetime) -> str:
    """Return a URL-safe token for `user_id`, stamped with `now` and bound to the account `state`."""
    return _token(user_id, _seconds(now), state, secret)


def check_reset_token(
    token: str,
    user_id: int,
    state: str,
    secret: str,
    now: datetime,
    max_age: timedelta = DEFAULT_MAX_AGE,
) -> bool:
    """Return True if `token` was made for this user and state and is at most `max_age` old at `now`."""
    # Read the clock first so a naive `now` is reported whatever the token looks like.
    now_seconds = _seconds(now)
    if not isinstance(token, str) or len(token) > _MAX_TOKEN_LENGTH:
        return False
    stamp, separator, _ = token.partition("-")
    if not separator or not 0 < len(stamp) <= _MAX_TIMESTAMP_DIGITS:
        return False
    # int(..., 36) would also accept signs, spaces and underscores; only our own digits are valid.
    if any(ch not in _BASE36 for ch in stamp):
        return False
    issued = int(stamp, 36)
    # Rebuilding the whole token and comparing it also rejects non-canonical timestamps ("0abc").
    expected = _token(user_id, issued, state, secret)
    if not hmac.compare_digest(expected.encode("ascii"), token.encode("utf-8", "surrogatepass")):
        return False
    age = now_seconds - issued
    # A token from the future was not made by this clock; refuse rather than extend its life.
    return 0 <= age <= max_age.total_seconds()


def _token(user_id: int, issued: int, state: str, secret: str) -> str:
    """Return the token text for a user, issue time in whole seconds, state and secret."""
    if not secret:
        # An empty key would let anyone mint tokens; fail loudly on misconfiguration.
        raise ValueError("a reset-token secret is required")
    key = hmac.new(secret.encode("utf-8"), SALT, hashlib.sha256).digest()
    # user_id and issued never contain ":", and state comes last, so the message is unambiguous.
    message = f"{int(user_id)}:{issued}:{state}".encode("utf-8", "surrogatepass")
    signature = hmac.new(key, message, hashlib.sha256).hexdigest()
    return f"{_to_base36(issued)}-{signature}"


def _seconds(now: datetime) -> int:
    """Return `now` as whole seconds since the Unix epoch."""
    # A naive datetime would be read as server-local time, shifting tokens across DST changes.
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    seconds = int(now.timestamp())
    if seconds < 0:
        raise ValueError("now must be after 1970")
    return seconds


def _to_base36(number: int) -> str:
    """Return a non-negative integer in lower-case base 36, to keep tokens short."""
    digits = ""
    while True:
        number, remainder = divmod(number, 36)
        digits = _BASE36[remainder] + digits
        if number == 0:
            return digits
