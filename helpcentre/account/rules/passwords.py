"""Password rules: NFKC normalisation, length and zxcvbn strength checks, and argon2id hashing."""
from __future__ import annotations

import secrets
import threading
import unicodedata
from collections.abc import Sequence

import argon2
from argon2.exceptions import Argon2Error
from zxcvbn import zxcvbn

MIN_LENGTH = 8
MAX_LENGTH = 128
MIN_SCORE = 3
# zxcvbn's matching grows faster than linearly with length. Extra characters can only make a
# password stronger, so judging a prefix errs towards refusing while keeping long input cheap.
STRENGTH_PREFIX = 100

EMPTY_MESSAGE = "Enter a password"
SHORT_MESSAGE = f"Password must be at least {MIN_LENGTH} characters"
LONG_MESSAGE = f"Password must be {MAX_LENGTH} characters or fewer"
WEAK_MESSAGE = "This password is too easy to guess"

# zxcvbn keeps the user inputs in a module-level dictionary during each call, so without this
# two threads could judge one person's password against another person's email address.
_zxcvbn_lock = threading.Lock()


def normalise_password(raw: str) -> str:
    """Return `raw` in Unicode NFKC form, so the same password typed on different keyboards matches."""
    return unicodedata.normalize("NFKC", raw)


def password_inputs(email: str, brand: str) -> list[str]:
    """Return the account-specific words zxcvbn should treat as easy to guess."""
    local_part = email.rpartition("@")[0]
    # zxcvbn only matches whole dictionary entries, so "Help Centre" alone misses "helpcentre".
    squashed_brand = "".join(ch for ch in brand if ch.isalnum())
    return [word for word in (email, local_part, brand, squashed_brand) if word]


def password_problem(raw: str, user_inputs: Sequence[str]) -> str | None:
    """Return a reader-facing reason the password is unacceptable, or None when it is fine."""
    password = normalise_password(raw)
    if not password:
        return EMPTY_MESSAGE
    if len(password) < MIN_LENGTH:
        return SHORT_MESSAGE
    if len(password) > MAX_LENGTH:
        return LONG_MESSAGE
    sample = password[:STRENGTH_PREFIX]
    with _zxcvbn_lock:
        # max_length must be raised explicitly: zxcvbn refuses anything over 72 characters by default.
        result = zxcvbn(sample, user_inputs=list(user_inputs), max_length=STRENGTH_PREFIX)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    hints = [feedback["warning"], *feedback["suggestions"]]
    hint = " ".join(text for text in hints if text)
    return f"{WEAK_MESSAGE}: {hint}" if hint else WEAK_MESSAGE


class PasswordHasher:
    """argon2id hashing of NFKC-normalised passwords, with a dummy hash for unknown-email sign-ins."""

    def __init__(self, time_cost: int = 3, memory_cost: int = 65536, parallelism: int = 4) -> None:
        # RFC 9106's low-memory recommendation (64 MiB): strong, yet affordable on every sign-in.
        self._argon2 = argon2.PasswordHasher(
            time_cost=time_cost,
            memory_cost=memory_cost,
            parallelism=parallelism,
            type=argon2.Type.ID,
        )
        self._dummy_hash: str | None = None

    @classmethod
    def fast_for_tests(cls) -> PasswordHasher:
        """Return a hasher with the cheapest argon2id costs; never use it for real accounts."""
        return cls(time_cost=1, memory_cost=8, parallelism=1)

    def hash_password(self, raw: str) -> str:
        """Return an argon2id hash of the NFKC-normalised password."""
        return self._argon2.hash(normalise_password(raw))

    def verify_password(self, password_hash: str | None, raw: str) -> bool:
        """Return True if `raw` matches `password_hash`; False for a mismatch or a malformed hash."""
        if not isinstance(password_hash, str):
            return False
        try:
            return self._argon2.verify(password_hash, normalise_password(raw))
        except (Argon2Error, ValueError):
            # Mismatches, corrupt or non-ASCII hashes and other schemes all mean "not this password".
            return False

    def needs_rehash(self, password_hash: str | None) -> bool:
        """Return True if `password_hash` was made with different costs and should be replaced."""
        # An unparseable hash can never be kept, so it always needs replacing.
        if not isinstance(password_hash, str):
            return True
        try:
            return self._argon2.check_needs_rehash(password_hash)
        except ValueError:
            return True

    @property
    def dummy_hash(self) -> str:
        """Return a dummy hash made on first use with this hasher's costs, so checks cost the same."""
        if self._dummy_hash is None:
            # A random secret nobody knows, so no typed password can ever match the dummy.
            self._dummy_hash = self.hash_password(secrets.token_urlsafe(32))
        return self._dummy_hash

    def verify_dummy(self, raw: str) -> bool:
        """Do the work of one verification against the dummy hash and return False."""
        self.verify_password(self.dummy_hash, raw)
        return False
