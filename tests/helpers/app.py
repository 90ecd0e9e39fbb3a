"""The settings every test app starts from."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from helpcentre.account.rules.passwords import PasswordHasher
from tests.helpers.content import FIXTURES

# Cheapest argon2id costs: the real ones would spend seconds of every test run hashing.
FAST_HASHER = PasswordHasher.fast_for_tests()


def app_config(database_url: str, instance: Path, **overrides: Any) -> dict[str, Any]:
    """The settings every test app starts from."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": database_url,
        "CONTENT_DIR": str(FIXTURES / "site"),
        "CONTENT_CHECK_INTERVAL": 0,
        "BASE_URL": "https://help.example.test",
        "RATELIMIT_STORAGE_URI": "memory://",
        "PASSWORD_HASHER": FAST_HASHER,
        **overrides,
    }
