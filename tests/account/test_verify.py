"""Verifying the email: a 6-digit code, 10 minutes, single use, 5 tries, only the latest, resend limits."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from helpcentre.account import registration, store
from helpcentre.account.models import VerificationCode
from helpcentre.database import db
from tests.helpers.accounts import PASSWORD, account, code_in, menu, outbox, sign_in, sign_up
from tests.helpers.forms import post_form
from tests.helpers.htmx import HX


def verify(client, email: str, code: str, headers: dict | None = None):
    """Fill in "Verify your email"."""
    return post_form(client, "/account/verify", {"email": email, "code": code}, headers=headers)


def resend(client, email: str):
    """Press "Send a new code"."""
    return post_form(client, "/account/verify/resend", {"email": email, "code": ""}, form_url="/account/verify")


def signed_up(app, client, email: str = "ann@example.com") -> str:
    """Sign up and return the emailed code."""
    assert sign_up(client, email).status_code == 303
    return code_in(outbox(app)[-1])


def test_verify_page_has_the_labelled_fields_and_prefills_the_email(app, client) -> None:
    signed_up(app, client)
    html = client.get("/account/verify").get_data(as_text=True)
    assert ">Verification code</label>" in html and ">Send a new code</button>" in html
    assert 'value="ann@example.com"' in html and "<html" in html


def test_verify_fragment_for_htmx(client) -> None:
    html = client.get("/account/verify", headers=HX).get_data(as_text=True)
    assert "<html" not in html and "<h2>Verify your email</h2>" in html and 'hx-post="/account/verify"' in html


def test_the_right_code_verifies_and_signs_in_the_browser_that_signed_up(app, client) -> None:
    code = signed_up(app, client)
    response = verify(client, "ann@example.com", code)
    assert response.status_code == 303 and response.headers["Location"] == "/account/"
    assert account(app, "ann@example.com").verified
    assert "Signed in as <strong>ann@example.com</strong>" in menu(client)
    page = client.get("/account/").get_data(as_text=True)
    assert "Your email is verified and your account is ready." in page
    assert "Yes, your account is ready to order" in page


def test_verifying_over_htmx_updates_the_header(app, client) -> None:
    code = signed_up(app, client)
    response = verify(client, "ann@example.com", f"{code[:3]} {code[3:]}", headers=HX)
    assert response.status_code == 200 and response.headers["HX-Retarget"] == "#account-menu"
    assert "Signed in as" in response.get_data(as_text=True)


def test_a_code_alone_verifies_but_does_not_sign_in_another_browser(app, client) -> None:
    code = signed_up(app, client)
    other = app.test_client()
    response = verify(other, "ann@example.com", code)
    assert response.status_code == 303 and response.headers["Location"].startswith("/account/login")
    assert account(app, "ann@example.com").verified
    assert "Signed in as" not in menu(other)


@pytest.mark.parametrize(("age", "status"), [({"minutes": 10}, 303), ({"minutes": 10, "seconds": 1}, 422)])
def test_code_works_for_ten_minutes(app, client, clock, age, status) -> None:
    code = signed_up(app, client)
    clock.advance(**age)
    response = verify(client, "ann@example.com", code)
    assert response.status_code == status
    assert account(app, "ann@example.com").verified == (status == 303)
    if status == 422:
        assert "That code is wrong or has expired" in response.get_data(as_text=True)


def test_four_wrong_tries_then_the_right_code_works(app, client) -> None:
    code = signed_up(app, client)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(4):
        assert verify(client, "ann@example.com", wrong).status_code == 422
    assert verify(client, "ann@example.com", code).status_code == 303


def test_after_five_wrong_tries_even_the_right_code_is_dead(app, client) -> None:
    code = signed_up(app, client)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        assert verify(client, "ann@example.com", wrong).status_code == 422
    response = verify(client, "ann@example.com", code)
    assert response.status_code == 422 and not account(app, "ann@example.com").verified


def test_a_used_code_cannot_be_used_again(app, client, clock) -> None:
    code = signed_up(app, client)
    with app.app_context():
        assert registration.verify("ann@example.com", code, clock()) is not None
        assert registration.verify("ann@example.com", code, clock()) is None
        # Even on an account made unverified again, the used code stays used.
        db.session.execute(sa.text("UPDATE users SET verified_at = NULL"))
        db.session.commit()
        assert registration.verify("ann@example.com", code, clock()) is None


def test_two_parallel_uses_of_one_code_exactly_one_succeeds(app, client, clock, monkeypatch) -> None:
    code = signed_up(app, client)
    barrier = threading.Barrier(2, timeout=10)
    original = store.reserve_try

    def reserve_together(code_id: int) -> bool:
        reserved = original(code_id)
        barrier.wait()  # both have counted their try and matched the code before either consumes it
        return reserved

    monkeypatch.setattr(store, "reserve_try", reserve_together)
    results: list[object] = []

    def use() -> None:
        with app.app_context():
            results.append(registration.verify("ann@example.com", code, clock()))

    threads = [threading.Thread(target=use) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(result is not None for result in results) == [False, True]
    with app.app_context():
        stored = db.session.scalar(sa.select(VerificationCode))
        assert stored.used_at is not None and stored.wrong_tries == 1


def test_only_the_latest_code_works(app, client, clock, monkeypatch) -> None:
    issued = iter(["111111", "222222"])
    monkeypatch.setattr(registration.codes, "new_code", lambda: next(issued))
    assert signed_up(app, client) == "111111"
    clock.advance(seconds=61)
    resend(client, "ann@example.com")
    assert code_in(outbox(app)[-1]) == "222222"
    assert verify(client, "ann@example.com", "111111").status_code == 422
    assert verify(client, "ann@example.com", "222222").status_code == 303


def test_code_is_stored_hashed(app, client) -> None:
    code = signed_up(app, client)
    with app.app_context():
        stored = db.session.scalar(sa.select(VerificationCode))
        assert code not in stored.code_hash and len(stored.code_hash) == 64


def test_a_code_is_not_a_password(app, client) -> None:
    code = signed_up(app, client)
    verify(client, "ann@example.com", code)
    assert sign_in(app.test_client(), "ann@example.com", code).status_code == 422


def test_resend_is_limited_to_once_a_minute_with_the_same_answer(app, client, clock) -> None:
    signed_up(app, client)
    answers = []
    for _ in range(2):
        response = resend(client, "ann@example.com")
        assert response.status_code == 303
        answers.append(client.get(response.headers["Location"]).get_data(as_text=True))
    assert len(outbox(app)) == 1  # the sign-up's code only: too soon for another
    clock.advance(seconds=60)
    resend(client, "ann@example.com")
    assert len(outbox(app)) == 2
    assert "If ann@example.com still needs verifying, we&#39;ve sent a new code." in answers[0]
    assert answers[0].count("still needs verifying") == answers[1].count("still needs verifying") == 1


def test_resend_is_limited_to_five_a_day(app, client, clock) -> None:
    signed_up(app, client)
    for _ in range(6):
        clock.advance(minutes=2)
        resend(client, "ann@example.com")
    assert len(outbox(app)) == 5
    clock.advance(hours=24)
    resend(client, "ann@example.com")
    assert len(outbox(app)) == 6


def test_resend_answers_the_same_for_unknown_and_verified_emails(app, client) -> None:
    signed_up(app, client)
    texts = []
    for email in ("nobody@example.com", "ann@example.com"):
        other = app.test_client()
        response = resend(other, email)
        texts.append(other.get(response.headers["Location"]).get_data(as_text=True).replace(email, "EMAIL"))
    assert texts[0].count("still needs verifying") == texts[1].count("still needs verifying") == 1


def test_unverified_account_cannot_sign_in_and_is_sent_to_verify_with_a_new_code(app, client, clock) -> None:
    signed_up(app, client)
    clock.advance(minutes=2)
    other = app.test_client()
    response = sign_in(other, "ann@example.com", PASSWORD)
    assert response.status_code == 303 and response.headers["Location"].startswith("/account/verify")
    assert "Signed in as" not in menu(other)
    assert len(outbox(app)) == 2
    page = other.get(response.headers["Location"]).get_data(as_text=True)
    assert "isn&#39;t verified yet" in page
    assert verify(other, "ann@example.com", code_in(outbox(app)[-1])).status_code == 303
    assert "Signed in as" in menu(other)


def test_malformed_code_is_refused_without_using_a_try(app, client) -> None:
    signed_up(app, client)
    response = verify(client, "ann@example.com", "12345")
    assert response.status_code == 422 and "Enter the 6-digit code from the email" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(VerificationCode.wrong_tries)) == 0


def test_verify_without_csrf_token_changes_nothing(app, client) -> None:
    code = signed_up(app, client)
    response = client.post("/account/verify", data={"email": "ann@example.com", "code": code},
                           headers={"Referer": "https://localhost/account/verify"})
    assert response.status_code == 400 and not account(app, "ann@example.com").verified
