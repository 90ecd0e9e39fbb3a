"""Creating an account: adults only, by the site's calendar; a taken email answers like a new one."""
from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from helpcentre.account.rules.passwords import PasswordHasher
from tests.helpers.accounts import PASSWORD, account, code_in, count_users, make_account, outbox, sign_up, text_of
from tests.helpers.clock import FakeClock
from tests.helpers.forms import csrf_token, referer, without_tokens
from tests.helpers.htmx import HX


def test_signup_page_has_the_labelled_fields(client) -> None:
    html = client.get("/account/signup").get_data(as_text=True)
    for label in ("Email", "Password", "Date of birth", "I accept the terms of use"):
        assert f">{label}</label>" in html
    assert "<html" in html and 'hx-history="false"' in html


def test_signup_fragment_for_htmx(client) -> None:
    response = client.get("/account/signup", headers=HX)
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'class="account-box"' in html and "<h2>Create an account</h2>" in html
    assert response.headers["Cache-Control"] == "no-store" and "HX-Request" in response.headers["Vary"]


def test_adult_signs_up_and_gets_a_code_by_email(app, client) -> None:
    response = sign_up(client, "Ann@Example.COM")
    assert response.status_code == 303 and response.headers["Location"].startswith("/account/verify")
    user = account(app, "ann@example.com")
    assert user is not None and user.email == "Ann@example.com" and not user.verified
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    [message] = outbox(app)
    assert message["To"] == "Ann@example.com" and len(code_in(message)) == 6
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We&#39;ve sent a 6-digit code to Ann@example.com" in page


def test_eighteenth_birthday_today_may_sign_up(app, client) -> None:
    assert sign_up(client, "ann@example.com", dob="2007-06-15").status_code == 303  # today is 2025-06-15


def test_eighteenth_birthday_tomorrow_may_not_and_nothing_is_stored_or_sent(app, client) -> None:
    response = sign_up(client, "ann@example.com", dob="2007-06-16")
    assert response.status_code == 422
    assert "You must be 18 or over to create an account" in response.get_data(as_text=True)
    assert count_users(app) == 0 and outbox(app) == []


def test_today_is_the_date_in_the_sites_timezone(app, client, clock) -> None:
    # 23:30 UTC on the 14th is already 00:30 on the 15th in London (summer time).
    clock.set(datetime(2025, 6, 14, 23, 30, tzinfo=UTC))
    assert sign_up(client, "ann@example.com", dob="2007-06-15").status_code == 303


def test_timezone_comes_from_support_yml(make_app, content_copy) -> None:
    (content_copy / "support.yml").write_text("timezone: America/New_York\n")
    # 02:00 UTC on the 15th is still the 14th in New York: not 18 yet there.
    clock = FakeClock(datetime(2025, 6, 15, 2, 0, tzinfo=UTC))
    app = make_app(CONTENT_DIR=str(content_copy), CLOCK=clock)
    response = sign_up(app.test_client(), "ann@example.com", dob="2007-06-15")
    assert response.status_code == 422


@pytest.mark.parametrize(("today", "status"), [((2026, 2, 28), 422), ((2026, 3, 1), 303)])
def test_born_on_29_february_is_an_adult_from_1_march(client, clock, today, status) -> None:
    clock.set(datetime(*today, 12, 0, tzinfo=UTC))
    assert sign_up(client, "leap@example.com", dob="2008-02-29").status_code == status


@pytest.mark.parametrize(("dob", "message"), [
    ("2025-06-16", "Date of birth can&#39;t be in the future"),
    ("1899-12-31", "Enter a date of birth after 1900"),
    ("2001-02-30", "Enter your date of birth as a real date"),
    ("yesterday", "Enter your date of birth as a real date"),
    ("", "Enter your date of birth"),
])
def test_bad_dates_of_birth_get_a_clear_message_on_the_field(app, client, dob, message) -> None:
    response = sign_up(client, "ann@example.com", dob=dob)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="date_of_birth-error">{message}' in html
    assert count_users(app) == 0


def test_terms_must_be_accepted(app, client) -> None:
    response = sign_up(client, "ann@example.com", terms=False)
    assert response.status_code == 422 and "accept the terms of use" in response.get_data(as_text=True)
    assert count_users(app) == 0


def test_weak_password_is_refused_with_the_reason(app, client) -> None:
    response = sign_up(client, "ann@example.com", password="password123")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "This password is too easy to guess: This is a very common password" in html


def test_invalid_email_is_refused_on_the_field(client) -> None:
    response = sign_up(client, "not-an-email")
    assert response.status_code == 422 and 'id="email-error"' in response.get_data(as_text=True)


def test_form_errors_come_back_as_a_fragment_for_htmx(client) -> None:
    response = sign_up(client, "ann@example.com", dob="2010-01-01", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in html
    assert "You must be 18 or over to create an account" in html and 'hx-post="/account/signup"' in html


def test_a_taken_email_gets_the_same_answer_and_its_owner_a_notice(app, make_app, clock) -> None:
    make_account(app, "ann@example.com")
    taken, new = app.test_client(), app.test_client()
    first = sign_up(taken, "ANN@example.com")
    second = sign_up(new, "bob@example.com")
    assert (first.status_code, first.headers["Location"]) == (second.status_code, second.headers["Location"])
    pages = [without_tokens(c.get(r.headers["Location"]).get_data(as_text=True)).replace(address, "EMAIL")
             for c, r, address in ((taken, first, "ANN@example.com"), (new, second, "bob@example.com"))]
    assert pages[0] == pages[1]
    notice, code = outbox(app)
    assert notice["To"] == "ann@example.com" and "Someone tried to create an account with your email" in notice["Subject"]
    assert "https://help.example.test/account/login" in text_of(notice)
    assert "https://help.example.test/account/forgot" in text_of(notice)
    assert code["To"] == "bob@example.com" and code_in(code)
    assert count_users(app) == 2


def test_signup_does_the_same_hashing_work_for_a_taken_email(app, client, monkeypatch) -> None:
    make_account(app, "ann@example.com")
    calls: list[str] = []
    original = PasswordHasher.hash_password
    monkeypatch.setattr(PasswordHasher, "hash_password", lambda self, raw: calls.append(raw) or original(self, raw))
    sign_up(client, "ann@example.com")
    sign_up(app.test_client(), "bob@example.com")
    assert len(calls) == 2


def test_two_simultaneous_signups_with_one_email_make_one_account(app, monkeypatch) -> None:
    # Both requests pass hashing before either inserts, so they really race for the row.
    barrier = threading.Barrier(2, timeout=10)
    original = PasswordHasher.hash_password

    def slow_hash(self, raw: str) -> str:
        hashed = original(self, raw)
        barrier.wait()
        return hashed

    clients = [app.test_client(), app.test_client()]
    forms = [{"csrf_token": csrf_token(c, "/account/signup"), "email": email, "password": PASSWORD,
              "date_of_birth": "1990-01-02", "accept_terms": "y"}
             for c, email in zip(clients, ("ann@example.com", "ANN@Example.com"), strict=True)]
    monkeypatch.setattr(PasswordHasher, "hash_password", slow_hash)
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda c=c, f=f: statuses.append(
        c.post("/account/signup", data=f, headers=referer("/account/signup")).status_code))
        for c, f in zip(clients, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [303, 303]
    assert count_users(app) == 1
    subjects = sorted(m["Subject"] for m in outbox(app))
    assert subjects == ["Someone tried to create an account with your email", "Your verification code"]


def test_signup_without_csrf_token_is_refused_and_stores_nothing(app, client) -> None:
    response = client.post("/account/signup", data={"email": "ann@example.com", "password": PASSWORD,
                                                    "date_of_birth": "1990-01-02", "accept_terms": "y"},
                           headers=referer("/account/signup"))
    assert response.status_code == 400 and "Your session expired, please try again." in response.get_data(as_text=True)
    assert count_users(app) == 0 and outbox(app) == []


def test_signup_without_csrf_token_over_htmx_shows_the_message_in_place(client) -> None:
    response = client.post("/account/signup", data={"email": "ann@example.com"},
                           headers={**HX, **referer("/account/signup")})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "<html" not in html and "Your session expired" in html
