"""Signing in and out: one message for wrong details, throttles, fresh sessions, versions, idle ends."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from helpcentre.account.models import SignInFailure
from helpcentre.account.rules.passwords import PasswordHasher
from helpcentre.database import db
from tests.helpers.accounts import PASSWORD, make_account, menu, sign_in, sign_out
from tests.helpers.forms import referer, without_tokens
from tests.helpers.htmx import HX


def test_login_page_has_the_labelled_fields(client) -> None:
    html = client.get("/account/login").get_data(as_text=True)
    for label in ("Email", "Password", "Keep me signed in"):
        assert f">{label}</label>" in html
    assert "<html" in html and "Forgot your password?" in html


def test_login_fragment_for_htmx_posts_with_htmx_and_carries_the_csrf_token(client) -> None:
    response = client.get("/account/login?next=/articles/sign-in", headers=HX)
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<h2>Sign in</h2>" in html and 'hx-history="false"' in html
    assert 'hx-post="/account/login?next=/articles/sign-in"' in html and 'name="csrf_token"' in html
    assert response.headers["Cache-Control"] == "no-store" and "HX-Request" in response.headers["Vary"]


def test_sign_in_lands_back_on_the_page_the_reader_came_from(client, ann) -> None:
    response = sign_in(client, "ann@example.com", next_path="/articles/sign-in")
    assert response.status_code == 303 and response.headers["Location"] == "/articles/sign-in"
    assert "Signed in as <strong>ann@example.com</strong>" in menu(client)


def test_sign_in_without_next_goes_to_your_account(client, ann) -> None:
    response = sign_in(client, "ann@example.com")
    assert response.headers["Location"] == "/account/"
    page = client.get("/account/").get_data(as_text=True)
    for text in ("ann@example.com", "Email verified</dt><dd>Yes", "Adult (18 or over)</dt><dd>Yes",
                 "Yes, your account is ready to order", "Created</dt><dd>15 June 2025"):
        assert text in page


def test_sign_in_over_htmx_swaps_the_header_menu(client, ann) -> None:
    response = sign_in(client, "ann@example.com", headers={**HX, "HX-Current-URL": "http://localhost/articles/sign-in"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert response.headers["HX-Retarget"] == "#account-menu" and response.headers["HX-Reswap"] == "innerHTML"
    assert "Signed in as <strong>ann@example.com</strong>" in html and ">Sign out</button>" in html
    assert 'action="/account/logout?next=/articles/sign-in"' in html


@pytest.mark.parametrize("headers", [{}, HX])
def test_wrong_password_and_unknown_email_get_one_identical_answer(app, ann, headers) -> None:
    answers = []
    for email, password in (("ann@example.com", "wrong password here"), ("nobody@example.com", PASSWORD)):
        response = sign_in(app.test_client(), email, password, headers=headers)
        html = without_tokens(response.get_data(as_text=True)).replace(email, "EMAIL")
        answers.append((response.status_code, html))
    assert answers[0] == answers[1]
    assert answers[0][0] == 422 and "Email or password is incorrect" in answers[0][1]
    assert ("<html" in answers[0][1]) == (not headers)


def test_unknown_email_costs_one_password_check_like_a_wrong_password(app, ann, monkeypatch) -> None:
    checks: list[str] = []
    original = PasswordHasher.verify_password
    monkeypatch.setattr(PasswordHasher, "verify_password",
                        lambda self, stored, raw: checks.append(stored[:9]) or original(self, stored, raw))
    sign_in(app.test_client(), "ann@example.com", "wrong password here")
    sign_in(app.test_client(), "nobody@example.com", "wrong password here")
    assert checks == ["$argon2id", "$argon2id"]


def test_email_is_matched_case_insensitively_and_password_after_nfkc(client, app) -> None:
    make_account(app, "ann@example.com", password="\ufb01sh and chips forever")  # "ﬁ" ligature
    assert sign_in(client, "ANN@EXAMPLE.COM", "fish and chips forever").status_code == 303


def test_five_failures_lock_the_account_with_a_429_and_a_reset_link(app, client, ann, clock) -> None:
    for _ in range(5):
        assert sign_in(client, "ann@example.com", "wrong password here").status_code == 422
    response = sign_in(client, "ann@example.com", PASSWORD)  # even the right password waits
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Too many failed sign-ins for this account. Try again in 30 seconds" in html
    assert 'href="/account/forgot"' in html
    clock.advance(seconds=30)
    assert sign_in(client, "ann@example.com", PASSWORD).status_code == 303


def test_the_delay_grows_and_a_success_resets_it(app, ann, clock) -> None:
    client = app.test_client()
    for seconds in (0, 0, 0, 0, 30, 60):
        clock.advance(seconds=seconds)
        assert sign_in(client, "ann@example.com", "wrong password here").status_code == 422
    # The fifth failure closed sign-in for 30 s, the sixth for 60 s.
    assert "Try again in 60 seconds" in sign_in(client, "ann@example.com").get_data(as_text=True)
    clock.advance(seconds=60)
    assert sign_in(client, "ann@example.com").status_code == 303
    sign_out(client)
    assert sign_in(client, "ann@example.com", "wrong password here").status_code == 422  # counting from 1 again
    assert sign_in(client, "ann@example.com").status_code == 303


def test_unknown_emails_lock_exactly_like_real_ones(app, ann) -> None:
    statuses = {}
    for email in ("ann@example.com", "nobody@example.com"):
        client = app.test_client()
        statuses[email] = [sign_in(client, email, "wrong password here").status_code for _ in range(6)]
    assert statuses["ann@example.com"] == statuses["nobody@example.com"] == [422] * 5 + [429]


def test_failed_sign_ins_per_address_are_limited(make_app, clock) -> None:
    app = make_app(CLOCK=clock, SIGNIN_LIMIT="3 per minute")
    make_account(app, "ann@example.com")
    client = app.test_client()
    for email in ("a@example.com", "b@example.com", "c@example.com"):
        assert sign_in(client, email, "wrong password here").status_code == 422
    response = sign_in(client, "d@example.com", "wrong password here")
    html = response.get_data(as_text=True)
    assert response.status_code == 429 and "tried that too many times" in html and 'href="/account/forgot"' in html
    assert response.headers["Cache-Control"] == "no-store"
    response = sign_in(client, "d@example.com", "wrong password here", headers=HX)
    assert response.status_code == 429 and "<html" not in response.get_data(as_text=True)


def test_successful_sign_ins_do_not_count_against_the_address(make_app, clock) -> None:
    app = make_app(CLOCK=clock, SIGNIN_LIMIT="2 per minute")
    make_account(app, "ann@example.com")
    for _ in range(4):
        client = app.test_client()
        assert sign_in(client, "ann@example.com").status_code == 303


def test_forwarded_for_is_ignored_without_proxy_hops(make_app, clock) -> None:
    app = make_app(CLOCK=clock, SIGNIN_LIMIT="2 per minute")
    client = app.test_client()
    for n in range(2):
        sign_in(client, "x@example.com", "wrong password here", headers={"X-Forwarded-For": f"10.0.0.{n}"})
    response = sign_in(client, "x@example.com", "wrong password here", headers={"X-Forwarded-For": "10.0.0.9"})
    assert response.status_code == 429


def test_proxy_hops_take_the_client_address_from_the_proxy(make_app, clock) -> None:
    app = make_app(CLOCK=clock, SIGNIN_LIMIT="2 per minute", PROXY_HOPS=1)
    client = app.test_client()
    for _ in range(2):
        sign_in(client, "x@example.com", "wrong password here", headers={"X-Forwarded-For": "10.0.0.1"})
    response = sign_in(client, "x@example.com", "wrong password here", headers={"X-Forwarded-For": "10.0.0.2"})
    assert response.status_code == 422  # another client behind the proxy has its own allowance


def test_a_cookie_from_before_sign_in_never_becomes_signed_in(app, client, ann) -> None:
    client.get("/account/login")
    before = client.get_cookie("session").value
    sign_in(client, "ann@example.com")
    assert client.get_cookie("session").value != before
    copy = app.test_client()
    copy.set_cookie("session", before)
    assert "Signed in as" not in menu(copy)


def test_keep_me_signed_in_sets_a_30_day_remember_cookie(client, ann) -> None:
    response = sign_in(client, "ann@example.com", remember=True)
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(c for c in cookies if c.startswith("remember_token="))
    assert "HttpOnly" in remember and "SameSite=Lax" in remember and "Secure" in remember
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", remember).group(1))
    # Flask-Login stamps the cookie from the real clock, not the app's.
    assert abs(expires - datetime.now(UTC) - timedelta(days=30)) < timedelta(minutes=5)
    session = next(c for c in cookies if c.startswith("session="))
    assert "Expires" not in session and "Max-Age" not in session  # ends with the browser
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Secure" in session


def test_without_keep_me_signed_in_there_is_no_remember_cookie(client, ann) -> None:
    response = sign_in(client, "ann@example.com")
    assert not any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))


def test_two_idle_hours_end_the_session(client, ann, clock) -> None:
    sign_in(client, "ann@example.com")
    clock.advance(hours=1, minutes=59)
    assert "Signed in as" in menu(client)
    clock.advance(hours=1, minutes=59)  # active a moment ago: still fine
    assert "Signed in as" in menu(client)
    clock.advance(hours=2, seconds=1)
    assert "Signed in as" not in menu(client)
    assert "Signed in as" not in menu(client)  # and it stays ended


def test_the_remember_cookie_outlasts_idleness_and_a_closed_browser(app, client, ann, clock) -> None:
    sign_in(client, "ann@example.com", remember=True)
    clock.advance(hours=5)
    assert "Signed in as" in menu(client)
    restarted = app.test_client()  # the browser was closed: only the remember cookie is left
    restarted.set_cookie("remember_token", client.get_cookie("remember_token").value)
    assert "Signed in as" in menu(restarted)
    assert "Signed in as" in menu(restarted)  # and still on the next request (strong protection)


def test_sign_out_ends_the_session_and_every_copy_of_its_cookies(app, client, ann) -> None:
    sign_in(client, "ann@example.com", remember=True)
    session_copy = client.get_cookie("session").value
    remember_copy = client.get_cookie("remember_token").value
    other_device = app.test_client()
    sign_in(other_device, "ann@example.com")
    response = sign_out(client)
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert "Signed in as" not in menu(client)
    for name, value in (("session", session_copy), ("remember_token", remember_copy)):
        thief = app.test_client()
        thief.set_cookie(name, value)
        assert "Signed in as" not in menu(thief)
    assert "Signed in as" not in menu(other_device)


def test_sign_out_over_htmx_swaps_the_menu(client, ann) -> None:
    sign_in(client, "ann@example.com")
    response = sign_out(client, headers={**HX, "HX-Current-URL": "http://localhost/articles/sign-in"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html and ">Sign in</a>" in html
    assert response.headers["HX-Trigger"] == "account-changed"


def test_sign_out_needs_a_post_with_csrf(client, ann) -> None:
    sign_in(client, "ann@example.com")
    assert client.get("/account/logout").status_code == 405
    response = client.post("/account/logout", headers=referer("/account/menu"))
    assert response.status_code == 400 and "Your session expired" in response.get_data(as_text=True)
    assert "Signed in as" in menu(client)


def test_sign_in_without_csrf_is_refused(client, ann) -> None:
    response = client.post("/account/login", data={"email": "ann@example.com", "password": PASSWORD},
                           headers=referer())
    assert response.status_code == 400 and "Signed in as" not in menu(client)


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example", "/\\evil.example",
                                    "/%09/evil.example", "javascript:alert(1)", "http:/evil.example"])
def test_next_is_honoured_only_for_a_path_on_this_site(client, ann, target) -> None:
    response = sign_in(client, "ann@example.com", next_path=target.replace("%09", "\t"))
    assert response.headers["Location"] == "/account/"


def test_signed_out_visitors_to_your_account_are_sent_to_sign_in_and_back(client, ann) -> None:
    response = client.get("/account/")
    assert response.status_code == 303 and response.headers["Location"] == "/account/login?next=/account/"
    assert sign_in(client, "ann@example.com", next_path="/account/").headers["Location"] == "/account/"


def test_every_account_answer_is_private_and_varies_on_htmx(client) -> None:
    for path in ("/account/signup", "/account/verify", "/account/login", "/account/forgot", "/account/menu",
                 "/account/reset/1-bad", "/account/"):
        for headers in ({}, HX):
            response = client.get(path, headers=headers)
            assert response.headers["Cache-Control"] == "no-store", path
            assert "HX-Request" in response.headers.get("Vary", ""), path


def test_sign_out_over_htmx_from_an_account_page_leaves_it(client, ann) -> None:
    sign_in(client, "ann@example.com")
    response = sign_out(client, headers={**HX, "HX-Current-URL": "http://localhost/account/"})
    assert response.status_code == 200 and response.headers["HX-Redirect"] == "/"


def test_the_menu_swapped_in_at_sign_in_carries_a_working_csrf_token(client, ann) -> None:
    html = sign_in(client, "ann@example.com", headers=HX).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    response = client.post("/account/logout", data={"csrf_token": token}, headers={**HX, **referer("/")})
    assert response.status_code == 200 and "Signed in as" not in menu(client)


def test_failure_counters_idle_for_a_day_are_pruned(app, clock) -> None:
    client = app.test_client()
    for email in ("made-up-1@example.com", "made-up-2@example.com"):
        sign_in(client, email, "wrong password here")
    clock.advance(hours=23)
    sign_in(client, "made-up-3@example.com", "wrong password here")
    with app.app_context():
        assert {row.email_key for row in db.session.query(SignInFailure)} == {
            "made-up-1@example.com", "made-up-2@example.com", "made-up-3@example.com"}
    clock.advance(hours=1)  # the first two have now been idle for 24 hours
    sign_in(client, "made-up-4@example.com", "wrong password here")
    with app.app_context():
        assert {row.email_key for row in db.session.query(SignInFailure)} == {
            "made-up-3@example.com", "made-up-4@example.com"}
