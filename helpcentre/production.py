"""Start-up checks for ENV=production: refuse settings that would run an unsafe site.

load_config() calls these and refuses to start on any problem. Each problem is one line
that names the setting and says how to fix it; all are reported at once, so an operator
fixes the whole list in one go instead of one per restart.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

MIN_SECRET_BYTES = 32
_NEW_SECRET = "python -c 'import secrets; print(secrets.token_hex(32))'"


def problems(config: Mapping[str, Any]) -> list[str]:
    """One line per unsafe production setting, each saying how to fix it; empty when all is well."""
    found = []
    secret = config.get("SECRET_KEY")
    if not secret:
        found.append(f"HELPCENTRE_SECRET_KEY is not set: set it to a long random secret, e.g. $({_NEW_SECRET})")
    elif len(str(secret).encode()) < MIN_SECRET_BYTES:
        found.append(f"HELPCENTRE_SECRET_KEY is shorter than {MIN_SECRET_BYTES} bytes: "
                     f"set a long random secret, e.g. $({_NEW_SECRET})")
    if str(config.get("MAIL_BACKEND", "")).lower() == "outbox":
        found.append("HELPCENTRE_MAIL_BACKEND is 'outbox', which writes codes and reset links to local files: "
                     "set HELPCENTRE_MAIL_BACKEND=smtp and the HELPCENTRE_MAIL_* settings")
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith("memory://") and not config.get(
            "RATELIMIT_ALLOW_MEMORY"):
        found.append("HELPCENTRE_RATELIMIT_STORAGE_URI is memory://, so each process counts on its own: "
                     "set it to redis://host:6379/0, or HELPCENTRE_RATELIMIT_ALLOW_MEMORY=1 if one process serves")
    if urlsplit(str(config.get("BASE_URL", ""))).scheme != "https":
        found.append("HELPCENTRE_BASE_URL is not https (cookies would travel unencrypted): "
                     "set it to the site's public https:// address")
    cookie_secure = config.get("COOKIE_SECURE")
    if cookie_secure is not None and not cookie_secure:
        found.append("HELPCENTRE_COOKIE_SECURE is off: remove it, so cookies follow the https BASE_URL")
    if config.get("DEBUG"):
        found.append("debug mode is on (HELPCENTRE_DEBUG or FLASK_DEBUG): "
                     "unset it, the debugger must never face the public")
    return found


def trusted_hosts(config: Mapping[str, Any]) -> list[str]:
    """Flask's TRUSTED_HOSTS: the ones set explicitly, else BASE_URL's host alone.

    Without it, a request's Host header is believed and werkzeug's redirects (such as the
    one that merges `//` in a path) would send readers to whatever host a request names.
    """
    explicit = config.get("TRUSTED_HOSTS")
    if explicit:
        return [explicit] if isinstance(explicit, str) else list(explicit)
    host = urlsplit(str(config.get("BASE_URL", ""))).hostname
    return [host] if host else []
