"""Responses a shared cache keeps for everyone carry no per-client header: no rate-limit counters, no cookie."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, Response
from flask.testing import FlaskClient

from helpcentre.shared_cache import PER_CLIENT_HEADERS
from tests.helpers.accounts import NO_LIMITS, make_account, sign_in
from tests.helpers.feedback import vote
from tests.helpers.htmx import HX

PUBLIC = ["/", "/categories/guides", "/articles/sign-in", "/sitemap.xml", "/robots.txt", "/search?q=password",
          "/support", "/support/chat-status", "/most-helpful"]


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    return NO_LIMITS


def _per_client(response: Response) -> list[str]:
    return [name for name in (*PER_CLIENT_HEADERS, "Set-Cookie") if name in response.headers]


def test_public_pages_carry_no_rate_limit_headers_or_cookies(app: Flask, client: FlaskClient) -> None:
    make_account(app, "ann@example.com")
    assert sign_in(client, "ann@example.com").status_code == 303
    assert vote(client, "sign-in", "yes").status_code == 200  # the reader now has every cookie there is
    for url in PUBLIC:
        for headers in ({}, HX):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, url
            assert response.cache_control.public, url
            assert _per_client(response) == [], (url, headers)
            revalidated = client.get(url, headers={**headers, "If-None-Match": response.headers["ETag"]}) \
                if "ETag" in response.headers else None
            assert revalidated is None or (revalidated.status_code == 304 and _per_client(revalidated) == [])


def test_a_429_is_not_stored_and_says_when_to_come_back(make_app: Callable[..., Flask]) -> None:
    client = make_app(SEARCH_RATE_LIMIT="3 per minute").test_client()
    for query in ("password", "order", "sign"):
        assert client.get(f"/search?q={query}").status_code == 200
    refused = client.get("/search?q=refund")
    assert refused.status_code == 429
    assert refused.headers["Cache-Control"] == "no-store"
    assert int(refused.headers["Retry-After"]) > 0


def test_a_public_response_that_sets_a_cookie_is_no_longer_public(app: Flask, client: FlaskClient) -> None:
    @app.get("/sets-a-cookie")
    def sets_a_cookie() -> Response:
        response = Response("hello")
        response.cache_control.public = True
        response.cache_control.max_age = 60
        response.set_cookie("seen", "1")
        return response

    response = client.get("/sets-a-cookie")
    assert "Set-Cookie" in response.headers  # what the reader did is kept…
    assert not response.cache_control.public and response.cache_control.no_store  # …for them alone
