"""The Flask extensions, created unbound here and attached in create_app()."""
from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

csrf = CSRFProtect()
htmx = Htmx()
# Counters live in RATELIMIT_STORAGE_URI: memory:// for one process, Redis for several.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
