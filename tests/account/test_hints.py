"""The session hint (hints.py): given with a session, kept signed in for as long, taken back when it ends."""
from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from helpcentre.hints import SESSION
from tests.helpers.accounts import make_account, sign_in, sign_out
from tests.helpers.htmx import HX


def hint_headers(response) -> list[str]:
    """The Set-Cookie headers for the session hint."""
    return [h for h in response.headers.getlist("Set-Cookie") if h.startswith(SESSION + "=")]


def test_signing_in_gives_a_readable_hint_for_the_browser_session(app: Flask, client: FlaskClient) -> None:
    make_account(app, "ann@example.com")
    response = sign_in(client, "ann@example.com")
    assert response.status_code == 303
    assert client.get_cookie(SESSION).value == "1"
    assert hint_headers(client.get("/account/login")) == []  # already held: not set again
    assert client.get_cookie(SESSION) is not None


def test_the_hint_is_not_http_only_and_lasts_as_long_as_the_session(app: Flask, client: FlaskClient) -> None:
    response = client.get("/account/login")  # the form's token gives this browser a session
    [header] = hint_headers(response)
    assert "HttpOnly" not in header and "SameSite=Lax" in header and "Secure" in header
    assert "Max-Age" not in header and "Expires" not in header


def test_kept_signed_in_the_hint_lasts_as_long_as_the_remember_cookie(app: Flask, client: FlaskClient) -> None:
    make_account(app, "ann@example.com")
    response = sign_in(client, "ann@example.com", remember=True)
    [header] = hint_headers(response)
    assert f"Max-Age={app.config['REMEMBER_COOKIE_DURATION']}" in header


def test_signing_out_takes_the_hint_back(app: Flask, client: FlaskClient) -> None:
    make_account(app, "ann@example.com")
    sign_in(client, "ann@example.com", remember=True)
    sign_out(client)
    assert client.get_cookie(SESSION) is None


def test_a_hint_without_a_session_is_taken_back_by_the_menu_island(client: FlaskClient) -> None:
    client.set_cookie(SESSION, "1")  # e.g. the session ended in another tab
    response = client.get("/account/menu", headers=HX)
    assert ">Sign in</a>" in response.get_data(as_text=True)
    assert client.get_cookie(SESSION) is None


def test_static_pages_set_no_cookie_even_for_a_signed_in_reader(app: Flask, client: FlaskClient) -> None:
    make_account(app, "ann@example.com")
    sign_in(client, "ann@example.com")
    for path in ("/", "/categories/guides", "/articles/sign-in", "/search?q=password", "/support"):
        response = client.get(path)
        assert response.status_code == 200 and "Set-Cookie" not in response.headers, path
