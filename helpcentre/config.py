"""Settings: embedded defaults, then HELPCENTRE_* environment variables, then the caller's dict."""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask

from . import production
from .clock import utc_now

DEFAULTS: dict[str, Any] = {
    "ENV": "development",
    "BRAND": "Help Centre",
    "BASE_URL": "http://127.0.0.1:5000",
    "CONTENT_DIR": "content",  # relative to the working directory, like the instance folder
    "CONTENT_CHECK_INTERVAL": 1.0,
    "DATABASE_URL": None,
    "PROXY_HOPS": 0,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_ALLOW_MEMORY": False,  # production: allow memory:// for a site served by one process
    "TRUSTED_HOSTS": None,  # None: in production, only BASE_URL's host
    "LOG_FORMAT": "text",  # or "json": one JSON object per line
    "LOG_LEVEL": "INFO",
    "RATELIMIT_HEADERS_ENABLED": True,
    # Rate limits degrade (helpcentre/ratelimit.py): with Redis down or slow, count per process,
    # log it, and never turn a counter that cannot be updated into a 500.
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    "RATELIMIT_SWALLOW_ERRORS": True,
    # Seconds to wait for Redis to connect or answer; it answers in well under a millisecond.
    "RATELIMIT_STORAGE_TIMEOUT": 0.5,
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "MAX_FORM_MEMORY_SIZE": 16 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": 6 * 3600,
    "PAGE_MAX_AGE": 60,
    "COOKIE_SECURE": None,  # None: Secure whenever BASE_URL is https
    # Accounts: mail, sessions and per-address limits (helpcentre/account, helpcentre/mail.py).
    "MAIL_BACKEND": "outbox",
    "MAIL_SERVER": "localhost",
    "MAIL_PORT": 25,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_DEFAULT_SENDER": "Help Centre <no-reply@localhost>",
    "MAIL_TIMEOUT": 10,
    "SIGNIN_LIMIT": "10 per minute;50 per hour",
    "VERIFY_LIMIT": "10 per minute;50 per hour",
    "EMAIL_LIMIT": "5 per minute;30 per hour",
    "DEVICES_LIMIT": "30 per minute",  # device registration attempts per client address
    "DATA_DOWNLOAD_LIMIT": "10 per hour",  # "Download your data" files per client address
    # Enough for a fast typist's live search; it keeps one client from flooding the search log.
    "SEARCH_RATE_LIMIT": "120 per minute",
    # Feedback votes and follow-ups share one budget per client address.
    "FEEDBACK_RATE_LIMIT": "20 per minute",
    # Big enough for the longest valid answer: 1,000 characters, each up to 12 bytes
    # once percent-encoded, plus the token and field names; anything larger is refused.
    "FEEDBACK_MAX_BODY": 12 * 1024,
    # What time it is: a zero-argument callable returning an aware datetime (tests pass their own).
    "CLOCK": utc_now,
    # None: argon2id with its production costs (tests pass a cheap one).
    "PASSWORD_HASHER": None,
    # Without "Keep me signed in" a session ends with the browser or after this many idle seconds;
    # with it, the remember cookie lasts REMEMBER_COOKIE_DURATION seconds.
    "PERMANENT_SESSION_LIFETIME": 2 * 3600,
    "REMEMBER_COOKIE_DURATION": 30 * 24 * 3600,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
}


# Settings that arrive as text from the environment, and the type every reader may rely on.
CONVERSIONS: dict[str, Callable[[Any], Any]] = {
    "CONTENT_CHECK_INTERVAL": float,
    "PROXY_HOPS": int,
    "PAGE_MAX_AGE": int,
    "MAX_CONTENT_LENGTH": int,
    "MAX_FORM_MEMORY_SIZE": int,
    "WTF_CSRF_TIME_LIMIT": int,
    "PERMANENT_SESSION_LIFETIME": int,
    "REMEMBER_COOKIE_DURATION": int,
    "FEEDBACK_MAX_BODY": int,
    "RATELIMIT_STORAGE_URI": str,
    "RATELIMIT_STORAGE_TIMEOUT": float,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_TIMEOUT": float,
    "MAIL_USE_TLS": bool,
    "MAIL_USE_SSL": bool,
    "MAIL_BACKEND": lambda value: str(value).lower(),
    "BRAND": str,
    "BASE_URL": lambda value: str(value).rstrip("/"),
    "SEARCH_RATE_LIMIT": str,
    "FEEDBACK_RATE_LIMIT": str,
    "SIGNIN_LIMIT": str,
    "VERIFY_LIMIT": str,
    "EMAIL_LIMIT": str,
    "DEVICES_LIMIT": str,
    "DATA_DOWNLOAD_LIMIT": str,
}


class ConfigError(RuntimeError):
    """The settings cannot run a site; the message says which one to set."""


def load_config(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Fill app.config from defaults, the environment and overrides, then derive the rest."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("HELPCENTRE")
    app.config.from_mapping(overrides or {})
    for name, convert in CONVERSIONS.items():
        app.config[name] = convert(app.config[name])
    if app.config["ENV"] == "production" and (unsafe := production.problems(app.config)):
        raise ConfigError("refusing to start in production:\n" + "\n".join(unsafe))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _development_secret(Path(app.instance_path))
    app.config["SECRET_KEY"] = str(app.config["SECRET_KEY"])
    https = str(app.config["BASE_URL"]).startswith("https:")
    secure = app.config["COOKIE_SECURE"]
    app.config["SESSION_COOKIE_SECURE"] = https if secure is None else bool(secure)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    app.config["PREFERRED_URL_SCHEME"] = "https" if https else "http"
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"] or (
        f"sqlite:///{Path(app.instance_path) / 'helpcentre.sqlite3'}"
    )
    app.config["CONTENT_DIR"] = os.path.abspath(app.config["CONTENT_DIR"])
    if app.config["ENV"] == "production":
        app.config["TRUSTED_HOSTS"] = production.trusted_hosts(app.config)


def _development_secret(instance: Path) -> str:
    """A secret generated once into the instance folder, so `make run` needs no set-up."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
