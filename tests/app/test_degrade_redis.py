"""Rate limiting when its Redis is down or frozen: counted per process, no 5xx, Redis again when it's back.

Each test has a redis-server of its own (tests/faults.py), stopped or paused for real.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpcentre.extensions import limiter
from tests.helpers.faults import RedisServer
from tests.helpers.feedback import vote
from tests.helpers.forms import post_form
from tests.helpers.htmx import HX

LIMITS = {"FEEDBACK_RATE_LIMIT": "3 per minute", "SEARCH_RATE_LIMIT": "3 per minute",
          "SIGNIN_LIMIT": "2 per minute"}
RECOVERY_DEADLINE = 70.0  # Flask-Limiter looks at a dead storage again after 1, 2, 4 … 32 seconds


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A redis-server of this test's own, stopped by its PID afterwards."""
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.stop()
        # The limiter is one object per process, shared by every app the tests build: don't let the
        # next test's app inherit "storage dead" from this one's outage.
        limiter._storage_dead = False


@pytest.fixture
def app(make_app: Callable[..., Flask], redis_server: RedisServer) -> Flask:
    """The site counting in this test's Redis, with small limits."""
    return make_app(RATELIMIT_STORAGE_URI=redis_server.url, **LIMITS)


def _search(client: FlaskClient, query: str) -> TestResponse:
    response = client.get(f"/search?q={query}", headers=HX)
    response.close()
    return response


def _wrong_sign_in(client: FlaskClient) -> TestResponse:
    return post_form(client, "/account/login", {"email": "nobody@example.com", "password": "not the password"})


def test_with_redis_down_nothing_fails_and_limits_still_apply_per_process(
        app: Flask, client: FlaskClient, redis_server: RedisServer, caplog: pytest.LogCaptureFixture) -> None:
    assert vote(client, "sign-in", "yes").status_code == 200  # counted in Redis
    redis_server.stop()
    assert [vote(client, slug, "no").status_code for slug in ("sign-in", "track-an-order", "reset-password")] \
        == [200, 200, 200]
    assert vote(client, "unsafe-markup", "yes").status_code == 429
    assert [_search(client, query).status_code for query in ("password", "order", "sign")] == [200, 200, 200]
    assert _search(client, "refund").status_code == 429
    assert [_wrong_sign_in(client).status_code for _ in range(3)] == [422, 422, 429]
    fallbacks = [r for r in caplog.records if "falling back to in-memory" in r.getMessage()]
    assert len(fallbacks) == 1, [r.getMessage() for r in caplog.records]


def test_counting_returns_to_redis_when_it_is_back(make_app: Callable[..., Flask], redis_server: RedisServer,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="flask-limiter")
    client = make_app(RATELIMIT_STORAGE_URI=redis_server.url, SEARCH_RATE_LIMIT="1000 per minute").test_client()
    redis_server.stop()
    assert _search(client, "password").status_code == 200  # counted in this process only
    redis_server.start()  # the same port, empty
    store = redis.Redis.from_url(redis_server.url)
    deadline = time.monotonic() + RECOVERY_DEADLINE
    while not store.keys("LIMITS*") and time.monotonic() < deadline:
        assert _search(client, "password").status_code == 200
        time.sleep(0.2)
    assert store.keys("LIMITS*"), "the limiter never went back to Redis"
    assert any(r.getMessage() == "Rate limit storage recovered" for r in caplog.records)
    store.close()


def test_a_frozen_redis_does_not_hold_requests(app: Flask, client: FlaskClient, redis_server: RedisServer) -> None:
    assert _search(client, "password").status_code == 200  # the pool now holds a live connection
    redis_server.pause()  # accepts nothing, answers nothing: like a Redis stuck on a slow disk
    answers: list[int] = []
    worker = threading.Thread(target=lambda: answers.append(_search(client, "order").status_code))
    worker.start()
    # Without a socket timeout redis-py would wait forever (and retry): the request would never end.
    worker.join(timeout=15)
    redis_server.resume()
    assert not worker.is_alive(), "the request hung on the frozen Redis"
    assert answers == [200]
