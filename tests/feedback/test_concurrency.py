"""Many readers voting at once: one row per reader, no lost vote, no error, no "database is locked"."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient

from helpcentre.feedback import reader, store
from tests.helpers.feedback import REFERER, rows, token
from tests.helpers.htmx import HX
from tests.helpers.threads import all_at_once

DISTINCT_READERS = 16
SAME_READER_THREADS = 8


@pytest.fixture
def config_overrides() -> dict:
    return {"FEEDBACK_RATE_LIMIT": "1000 per minute"}


def test_concurrent_votes_over_http_store_one_row_per_reader(app: Flask) -> None:
    with app.test_request_context():
        shared = reader.sign("one-reader-on-many-tabs")  # a reader who has not voted yet
    clients: list[tuple[FlaskClient, str]] = []
    for number in range(DISTINCT_READERS + SAME_READER_THREADS):
        client = app.test_client()
        if number >= DISTINCT_READERS:
            client.set_cookie(reader.COOKIE, shared)
        clients.append((client, token(client)))

    def post(client: FlaskClient, csrf: str, number: int) -> Callable[[], tuple[int, str]]:
        data = {"csrf_token": csrf, "vote": "yes" if number % 3 else "no"}

        def send() -> tuple[int, str]:
            response = client.post("/articles/sign-in/feedback", data=data, headers={**REFERER, **HX})
            return response.status_code, response.get_data(as_text=True)
        return send

    results = all_at_once([post(client, csrf, n) for n, (client, csrf) in enumerate(clients)])
    assert [status for status, _body in results] == [200] * len(clients)
    assert not [body for _status, body in results if "locked" in body or "went wrong" in body]
    stored = rows(app)
    assert len(stored) == DISTINCT_READERS + 1
    assert len({r.reader_key for r in stored}) == len(stored)
    assert "anon:one-reader-on-many-tabs" in {r.reader_key for r in stored}


def test_concurrent_upserts_of_one_new_reader_make_one_row(app: Flask) -> None:
    at = datetime(2026, 11, 2, tzinfo=UTC)

    def cast(key: str, value: str) -> Callable[[], None]:
        def run() -> None:
            with app.app_context():
                store.record_vote(slug="track-an-order", reader=key, vote=value, revision="r1", at=at)
        return run

    jobs = [cast("anon:same", "no" if n % 2 else "yes") for n in range(12)]
    jobs += [cast(f"anon:reader-{n}", "yes") for n in range(12)]
    all_at_once(jobs)
    stored = rows(app)
    assert len(stored) == 13
    assert [r.vote in ("yes", "no") for r in stored if r.reader_key == "anon:same"] == [True]
