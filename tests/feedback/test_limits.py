"""Throttling per client address, counters in Redis, and who counts as the reader."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_login import LoginManager, UserMixin, login_user

from helpcentre.feedback import reader
from tests.helpers.faults import RedisServer
from tests.helpers.feedback import REFERER, explain, rows, token, vote
from tests.helpers.htmx import HX


@pytest.fixture
def config_overrides() -> dict:
    return {"FEEDBACK_RATE_LIMIT": "3 per minute"}


def test_over_the_limit_is_429_with_a_friendly_message_in_the_widget(app: Flask, client: FlaskClient) -> None:
    for slug in ("sign-in", "reset-password", "track-an-order"):
        assert vote(client, slug, "yes").status_code == 200
    response = vote(client, "unsafe-markup", "no")
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "<html" not in html and 'id="feedback-widget"' in html
    assert "Please wait a minute and try again." in html
    assert response.headers["Cache-Control"] == "no-store"
    assert "unsafe-markup" not in {r.article_slug for r in rows(app)}
    page = client.post("/articles/sign-in/feedback", data={"csrf_token": token(client), "vote": "no"},
                       headers=REFERER)
    assert page.status_code == 429 and "<html" in page.get_data(as_text=True)


def test_votes_and_follow_ups_share_one_budget_and_reading_is_not_limited(app: Flask, client: FlaskClient) -> None:
    vote(client, "sign-in", "no")
    explain(client, "sign-in", reason="unclear")
    vote(client, "track-an-order", "yes")
    assert explain(client, "sign-in", reason="wrong").status_code == 429
    assert [r.reason for r in rows(app) if r.article_slug == "sign-in"] == ["unclear"]
    for _ in range(5):
        assert client.get("/articles/sign-in/feedback", headers=HX).status_code == 200


def test_each_client_address_has_its_own_budget(client: FlaskClient) -> None:
    for slug in ("sign-in", "reset-password", "track-an-order"):
        vote(client, slug, "yes")
    other = {"REMOTE_ADDR": "192.0.2.7"}
    csrf = token(client)
    response = client.post("/articles/sign-in/feedback", data={"csrf_token": csrf, "vote": "no"},
                           headers={**REFERER, **HX}, environ_base=other)
    assert response.status_code == 200


def test_counters_in_redis_outlive_the_process_that_counted_them(make_app: Callable[..., Flask]) -> None:
    server = RedisServer().start()  # a redis-server of this test's own, never skipped
    try:
        settings = {"FEEDBACK_RATE_LIMIT": "2 per minute", "RATELIMIT_STORAGE_URI": server.url}
        first = make_app(**settings).test_client()
        assert [vote(first, slug, "yes").status_code for slug in ("sign-in", "track-an-order")] == [200, 200]
        # A second app, as another gunicorn worker would be: it starts with no counters of its own.
        second = make_app(**settings).test_client()
        assert vote(second, "reset-password", "yes").status_code == 429
    finally:
        server.stop()


class Account(UserMixin):
    def __init__(self, account_id: str) -> None:
        self.id = account_id


def test_a_signed_in_account_is_the_reader_before_the_cookie(app: Flask) -> None:
    with app.test_request_context(headers={"Cookie": f"{reader.COOKIE}=x"}):
        assert reader.signed_in_account() is None  # accounts not set up yet: no error either
    manager = LoginManager(app)
    manager.user_loader(lambda account_id: Account(account_id))
    with app.test_request_context():
        cookie = reader.sign("tok")
    with app.test_request_context(headers={"Cookie": f"{reader.COOKIE}={cookie}"}):
        assert reader.current_reader() == "anon:tok"
        login_user(Account("42"))
        assert reader.current_reader() == "account:42"
        assert reader.reader_for_vote() == ("account:42", None)
