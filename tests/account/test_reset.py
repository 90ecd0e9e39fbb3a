"""Forgotten passwords: one answer for everyone, a link that works once for an hour, sessions ended."""
from __future__ import annotations

import threading

import pytest

from tests.helpers.accounts import NEW_PASSWORD, PASSWORD, link_in, make_account, menu, outbox, sign_in, text_of
from tests.helpers.forms import post_form, without_tokens
from tests.helpers.htmx import HX


def forgot(client, email: str, headers: dict | None = None):
    """Fill in "Reset your password"."""
    return post_form(client, "/account/forgot", {"email": email}, headers=headers)


def reset_link(app, client) -> str:
    """Ask for a reset and return the path of the emailed link."""
    forgot(client, "ann@example.com")
    link = link_in(outbox(app)[-1])
    assert link.startswith("https://help.example.test/account/reset/")
    return link.removeprefix("https://help.example.test")


def choose(client, path: str, password: str = NEW_PASSWORD, headers: dict | None = None):
    """Fill in "Choose a new password"."""
    return post_form(client, path, {"password": password}, headers=headers)


def test_forgot_page_and_fragment(client) -> None:
    assert ">Email</label>" in client.get("/account/forgot").get_data(as_text=True)
    html = client.get("/account/forgot", headers=HX).get_data(as_text=True)
    assert "<html" not in html and "<h2>Reset your password</h2>" in html


def test_forgot_answers_the_same_for_known_and_unknown_emails(app, ann) -> None:
    answers = []
    for email in ("ann@example.com", "nobody@example.com"):
        client = app.test_client()
        response = forgot(client, email)
        page = without_tokens(client.get(response.headers["Location"]).get_data(as_text=True))
        answers.append((response.status_code, response.headers["Location"], page))
    assert answers[0] == answers[1]
    assert "If an account exists for that email, we&#39;ve sent instructions" in answers[0][2]
    assert [m["To"] for m in outbox(app)] == ["ann@example.com"]


def test_the_link_comes_from_the_base_url_not_the_host_header(make_app, clock) -> None:
    app = make_app(CLOCK=clock, WTF_CSRF_ENABLED=False)  # the cookie and Referer would not match the Host
    make_account(app, "ann@example.com")
    response = app.test_client().post("/account/forgot", data={"email": "ann@example.com"},
                                      base_url="https://evil.example")
    assert response.status_code == 303
    link = link_in(outbox(app)[-1])
    assert link.startswith("https://help.example.test/account/reset/") and "evil" not in link


def test_the_account_is_unchanged_until_the_link_is_used(app, client, ann) -> None:
    forgot(client, "ann@example.com")
    assert sign_in(app.test_client(), "ann@example.com", PASSWORD).status_code == 303


def test_reset_page_is_private_and_keeps_its_url_to_itself(app, client, ann) -> None:
    response = client.get(reset_link(app, client))
    assert response.status_code == 200 and ">New password</label>" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_a_new_password_works_the_old_one_does_not_and_the_reader_is_not_signed_in(app, client, ann) -> None:
    path = reset_link(app, client)
    response = choose(client, path)
    assert response.status_code == 303 and response.headers["Location"] == "/account/login"
    page = client.get("/account/login").get_data(as_text=True)
    assert "Your password has been changed. Sign in with your new password." in page
    assert "Signed in as" not in menu(client)
    assert sign_in(app.test_client(), "ann@example.com", PASSWORD).status_code == 422
    assert sign_in(app.test_client(), "ann@example.com", NEW_PASSWORD).status_code == 303
    notice = outbox(app)[-1]
    assert notice["Subject"] == "Your password was changed" and "every device" in text_of(notice)


def test_the_link_works_once(app, client, ann) -> None:
    path = reset_link(app, client)
    assert choose(client, path).status_code == 303
    again = client.get(path)
    assert again.status_code == 404 and "expired or has already been used" in again.get_data(as_text=True)
    late = post_form(app.test_client(), path, {"password": "another strong passphrase 7"}, form_url="/account/forgot")
    assert late.status_code == 404
    assert sign_in(app.test_client(), "ann@example.com", NEW_PASSWORD).status_code == 303


def test_the_link_lasts_an_hour(app, client, ann, clock) -> None:
    path = reset_link(app, client)
    clock.advance(hours=1)
    assert client.get(path).status_code == 200
    clock.advance(seconds=1)
    assert client.get(path).status_code == 404


def test_the_link_dies_when_the_password_changes(app, client, ann, clock) -> None:
    first = reset_link(app, client)
    clock.advance(minutes=2)
    second = reset_link(app, client)
    assert choose(client, second).status_code == 303
    assert client.get(first).status_code == 404


def test_the_link_dies_when_the_account_signs_in(app, client, ann, clock) -> None:
    path = reset_link(app, client)
    clock.advance(seconds=5)
    sign_in(app.test_client(), "ann@example.com")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("token", ["garbage", "1-garbage", "99-abc-def", "1-", "-", "1" * 40 + "-x"])
def test_malformed_tokens_are_dead_links(client, ann, token) -> None:
    assert client.get(f"/account/reset/{token}").status_code == 404


def test_a_weak_new_password_is_refused_with_the_reason(app, client, ann) -> None:
    path = reset_link(app, client)
    response = choose(client, path, "ann@example.com")
    assert response.status_code == 422 and "too easy to guess" in response.get_data(as_text=True)
    response = choose(client, path, "short", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in html and "Password must be at least 8 characters" in html
    assert sign_in(app.test_client(), "ann@example.com", PASSWORD).status_code == 303


def test_a_reset_ends_every_session_and_remember_cookie(app, client, ann) -> None:
    signed_in = app.test_client()
    sign_in(signed_in, "ann@example.com", remember=True)
    remember = signed_in.get_cookie("remember_token").value
    choose(client, reset_link(app, client))
    assert "Signed in as" not in menu(signed_in)
    thief = app.test_client()
    thief.set_cookie("remember_token", remember)
    assert "Signed in as" not in menu(thief)


def test_a_reset_also_verifies_the_email_it_was_sent_to(app, client) -> None:
    make_account(app, "ann@example.com", verified=False)
    choose(client, reset_link(app, client))
    assert sign_in(app.test_client(), "ann@example.com", NEW_PASSWORD).status_code == 303


def test_reset_emails_are_limited_per_account(app, client, ann, clock) -> None:
    for _ in range(3):
        forgot(client, "ann@example.com")
    assert len(outbox(app)) == 1
    clock.advance(minutes=1)
    forgot(client, "ann@example.com")
    assert len(outbox(app)) == 2


def test_forgot_is_limited_per_address(make_app, clock) -> None:
    app = make_app(CLOCK=clock, EMAIL_LIMIT="2 per minute")
    client = app.test_client()
    for n in range(2):
        assert forgot(client, f"user{n}@example.com").status_code == 303
    response = forgot(client, "user9@example.com")
    assert response.status_code == 429 and 'href="/account/forgot"' in response.get_data(as_text=True)


def test_forgot_and_reset_need_the_csrf_token(app, client, ann) -> None:
    response = client.post("/account/forgot", data={"email": "ann@example.com"},
                           headers={"Referer": "https://localhost/account/forgot"})
    assert response.status_code == 400 and outbox(app) == []
    path = reset_link(app, client)
    response = client.post(path, data={"password": NEW_PASSWORD}, headers={"Referer": "https://localhost" + path})
    assert response.status_code == 400
    assert sign_in(app.test_client(), "ann@example.com", PASSWORD).status_code == 303


class _HeldMailer:
    """A mail server that answers only when the test lets it."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.sent: list[str] = []

    def send(self, message, log_detail) -> None:
        assert self.release.wait(timeout=10)
        self.sent.append(message["To"])


def test_the_answer_does_not_wait_on_the_mail_server(make_app, clock) -> None:
    # So a known email's answer takes no longer than an unknown one's.
    app = make_app(CLOCK=clock, WTF_CSRF_ENABLED=False)
    make_account(app, "ann@example.com")
    mailer = app.extensions["mailer"] = _HeldMailer()
    response = app.test_client().post("/account/forgot", data={"email": "ann@example.com"})
    assert response.status_code == 303 and mailer.sent == []  # answered while the server still holds
    mailer.release.set()
    app.extensions["background_mail"].wait(timeout=10)
    assert mailer.sent == ["ann@example.com"]
