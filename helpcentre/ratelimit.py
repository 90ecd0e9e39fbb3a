"""Rate limiting that degrades: when the shared counters (Redis) are down or slow, count per process.

Flask-Limiter does the falling back itself (RATELIMIT_IN_MEMORY_FALLBACK_ENABLED): on the first
storage error it logs one warning, counts the same limits in this process's memory, and checks
the storage again at growing intervals (1, 2, 4 … 32 seconds), logging "recovered" when it
answers. What it cannot know is how long to wait for a Redis that is *slow* rather than gone:
redis-py waits forever by default and retries three times with back-off, so a paused Redis
would hold every request for seconds. The options below give each Redis call a short deadline
and no retries, so the first slow call turns into the fallback instead of a hung request.
"""
from __future__ import annotations

from typing import Any

from flask import Flask

from .extensions import limiter


def storage_options(uri: str, timeout: float) -> dict[str, Any]:
    """The client options for the counters' storage: a deadline and no retries for Redis."""
    if not uri.startswith(("redis://", "rediss://", "redis+unix://")):
        return {}
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {"socket_timeout": timeout, "socket_connect_timeout": timeout, "retry": Retry(NoBackoff(), 0)}


def init_app(app: Flask) -> None:
    """Attach Flask-Limiter with the per-process fallback and Redis deadlines."""
    options = storage_options(app.config["RATELIMIT_STORAGE_URI"], app.config["RATELIMIT_STORAGE_TIMEOUT"])
    app.config["RATELIMIT_STORAGE_OPTIONS"] = {**options, **app.config.get("RATELIMIT_STORAGE_OPTIONS", {})}
    limiter.init_app(app)
