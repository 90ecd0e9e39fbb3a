"""What the account services hash with: the app's password hasher and the key for verification codes."""
from __future__ import annotations

import hashlib

from flask import current_app

from .rules.passwords import PasswordHasher


def hasher() -> PasswordHasher:
    """The app's password hasher (argon2id; cheap parameters only in the test config)."""
    chosen: PasswordHasher = current_app.extensions["password_hasher"]
    return chosen


def code_key() -> bytes:
    """The key verification codes are hashed with, derived from the app's secret."""
    # Derived rather than the secret itself, so a code hash can never stand in for a session
    # signature. The label names the package the code rules first lived in: changing it would
    # make every code already sent fail.
    return hashlib.sha256(b"helpcentre.accounts.codes:" + current_app.config["SECRET_KEY"].encode()).digest()
