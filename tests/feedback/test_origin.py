"""Votes from readers with no session: checked by where the browser says they came from (same_origin.py)."""
from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from helpcentre.feedback.reader import COOKIE
from tests.helpers.feedback import explain, has_session, reader_cookie, rows, token, vote
from tests.helpers.htmx import HX

VOTE = "/articles/sign-in/feedback"
REFUSED = "We couldn&#39;t tell that this answer came from our page. Please reload the page and try again."
SITE = "https://localhost"  # where the test client sends its requests
BASE = "https://help.example.test"  # the test app's BASE_URL


def send(client: FlaskClient, headers: dict[str, str], hx: bool = True, path: str = VOTE,
         data: dict[str, str] | None = None):
    """POST a vote with exactly these origin headers (and HX-Request when hx)."""
    return client.post(path, data=data or {"vote": "yes"}, headers={**headers, **(HX if hx else {})})


@pytest.mark.parametrize("hx", [True, False])
@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example", "Referer": "https://evil.example/page"},
    {"Origin": "https://evil.example", "Referer": SITE + "/articles/sign-in"},  # Origin is what counts
    {"Origin": "null"},
    {"Origin": "http://localhost"},  # another scheme is another origin
    {"Origin": "https://localhost.evil.example"},
    {"Sec-Fetch-Site": "cross-site", "Origin": SITE},
    {"Sec-Fetch-Site": "same-site", "Origin": SITE},  # a sibling subdomain may be someone else's
    {"Referer": "https://evil.example/page"},
    {"Referer": "not a url"},
    {},  # neither Origin nor Referer
])
def test_a_cross_site_or_unplaced_vote_is_refused_with_the_message_and_nothing_stored(
        app: Flask, client: FlaskClient, headers: dict[str, str], hx: bool) -> None:
    response = send(client, headers, hx)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert REFUSED in html and 'id="feedback-widget"' in html
    assert ("<html" in html) is not hx
    assert response.headers["Cache-Control"] == "no-store"
    assert rows(app) == [] and reader_cookie(client) is None and not has_session(client)
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("headers", [
    {"Origin": SITE, "Sec-Fetch-Site": "same-origin", "Referer": SITE + "/articles/sign-in"},
    {"Origin": SITE},  # a browser without Fetch Metadata
    {"Origin": BASE},  # BASE_URL's origin, as behind a proxy that rewrites the host
    {"Referer": SITE + "/articles/sign-in"},  # no Origin: the Referer's origin is checked instead
])
def test_a_same_origin_vote_without_a_session_is_stored(app: Flask, client: FlaskClient,
                                                        headers: dict[str, str]) -> None:
    response = send(client, headers)
    assert response.status_code == 200 and "Glad to know this article helped" in response.get_data(as_text=True)
    assert [(r.vote, r.reader_key.startswith("anon:")) for r in rows(app)] == [("yes", True)]
    # The reader acted: the reader cookie and its hint, but still no session.
    assert reader_cookie(client) is not None and client.get_cookie("hc_reader") is not None
    assert not has_session(client)


def test_the_no_js_vote_without_a_session_is_303_and_the_follow_up_works_the_same_way(
        app: Flask, client: FlaskClient) -> None:
    response = send(client, {"Origin": SITE}, hx=False, data={"vote": "no"})
    assert response.status_code == 303 and response.headers["Location"] == VOTE + "?step=thanks"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "What were you looking for?" in page and "csrf_token" not in page  # no session, no token
    sent = send(client, {"Origin": SITE}, hx=False, path=VOTE + "/reason", data={"reason": "unclear"})
    assert sent.status_code == 303
    assert [(r.vote, r.reason) for r in rows(app)] == [("no", "unclear")]
    assert not has_session(client)


def test_a_cross_site_follow_up_is_refused_and_changes_nothing(app: Flask, client: FlaskClient) -> None:
    vote(client, "sign-in", "no")
    response = send(client, {"Origin": "https://evil.example"}, path=VOTE + "/reason",
                    data={"reason": "wrong", "comment": "forged"})
    assert response.status_code == 400 and REFUSED in response.get_data(as_text=True)
    assert [(r.reason, r.comment) for r in rows(app)] == [(None, None)]


@pytest.mark.parametrize("hx", [True, False])
def test_with_a_session_and_no_origin_headers_the_token_decides(
        app: Flask, client: FlaskClient, hx: bool) -> None:
    csrf = token(client)  # the client now has a session
    for data in ({"vote": "yes"}, {"vote": "yes", "csrf_token": "not-a-token"}):
        response = send(client, {}, hx, data=data)
        assert response.status_code == 400
        assert "Your session expired, please try again." in response.get_data(as_text=True)
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        assert send(client, headers, hx, data={"vote": "yes"}).status_code == 400
    assert rows(app) == [] and reader_cookie(client) is None
    # Fetch Metadata that fails the origin check, but the session's own token: Flask-WTF decides.
    ok = send(client, {"Sec-Fetch-Site": "none", "Referer": SITE + "/articles/"}, hx,
              data={"vote": "yes", "csrf_token": csrf})
    assert ok.status_code == (200 if hx else 303)
    assert [r.vote for r in rows(app)] == ["yes"]


@pytest.mark.parametrize("hx", [True, False])
def test_with_a_session_a_same_origin_post_needs_no_token(app: Flask, client: FlaskClient, hx: bool) -> None:
    # A reader who signed in on this page still holds the static form, which has no token.
    token(client)
    same_origin = {"Origin": SITE, "Sec-Fetch-Site": "same-origin", "Referer": SITE + "/"}
    assert send(client, same_origin, hx, data={"vote": "no"}).status_code == (200 if hx else 303)
    follow_up = send(client, same_origin, hx, path=VOTE + "/reason", data={"reason": "wrong"})
    assert follow_up.status_code == (200 if hx else 303)
    assert [(r.vote, r.reason) for r in rows(app)] == [("no", "wrong")]


def test_the_widget_carries_a_token_only_for_a_reader_with_a_session(client: FlaskClient) -> None:
    anonymous = client.get(VOTE, headers=HX)
    assert "csrf_token" not in anonymous.get_data(as_text=True)
    assert "Set-Cookie" not in anonymous.headers  # asking gives no session either
    client.get("/account/login")
    assert 'name="csrf_token"' in client.get(VOTE, headers=HX).get_data(as_text=True)


def test_other_forms_keep_the_app_wide_token_check(client: FlaskClient) -> None:
    # Only the two feedback POSTs are exempt: sign-in from this site's own origin still needs its token.
    response = client.post("/account/login", data={"email": "a@example.com", "password": "x"},
                           headers={"Origin": SITE, "Referer": SITE + "/account/login"})
    assert response.status_code == 400


def test_a_voter_with_a_reader_cookie_but_no_session_votes_again_by_origin(app: Flask, client: FlaskClient) -> None:
    vote(client, "sign-in", "no")
    explain(client, "sign-in", reason="wrong")
    assert not has_session(client) and client.get_cookie(COOKIE) is not None
    vote(client, "sign-in", "yes")
    assert [(r.vote, r.reason) for r in rows(app)] == [("yes", None)]
