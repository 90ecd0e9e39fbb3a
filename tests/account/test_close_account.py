""""Close your account": with the password, everything of the account goes at once; feedback stays as counts."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from flask import Flask

from helpcentre.account import store
from tests.helpers.accounts import PASSWORD, account, make_account, outbox, sign_in, text_of
from tests.helpers.devices import ask_replacement, register
from tests.helpers.feedback import explain, rows, vote
from tests.helpers.forms import referer
from tests.helpers.htmx import HX
from tests.helpers.manage import count, device_id, is_signed_in, post_page, said, signed_in_client, with_file_part

PAGE = "/account/close"
# Every table that holds something of an account, and how its rows name the account.
OWNED = {"users": "id = :id", "verification_codes": "user_id = :id", "account_emails": "user_id = :id",
         "email_changes": "user_id = :id", "registered_devices": "user_id = :id",
         "replacement_requests": "device_id IN (SELECT id FROM registered_devices WHERE user_id = :id)",
         "feedback": "reader_key = :reader"}


@pytest.fixture
def config_overrides(clock) -> dict:
    """Few password guesses a minute, so the throttle shows; the other limits out of the way."""
    return {"CLOCK": clock, "SIGNIN_LIMIT": "3 per minute", "VERIFY_LIMIT": "1000 per minute",
            "EMAIL_LIMIT": "1000 per minute", "DEVICES_LIMIT": "1000 per minute"}


@pytest.fixture
def here(app, ann):
    """Ann, signed in on this browser."""
    return signed_in_client(app, "ann@example.com")


def owned(app: Flask, user_id: int) -> dict[str, int]:
    """How many rows of each table belong to the account."""
    return {table: count(app, table, where, id=user_id, reader=f"account:{user_id}") for table, where in OWNED.items()}


def report_totals(runner) -> dict[str, int]:
    """`flask feedback report --csv`, summed over the articles: all-time yes, no and each reason."""
    result = runner.invoke(args=["feedback", "report", "--csv"])
    assert result.exit_code == 0, result.output
    totals: dict[str, int] = {}
    for row in csv.DictReader(io.StringIO(result.output)):
        for column, value in row.items():
            if column.startswith("all_") and value.isdigit():
                totals[column] = totals.get(column, 0) + int(value)
    return totals


def give_everything(app: Flask, client, email: str) -> None:
    """A device with a replacement request, two answers (one with a reason and a comment), a pending
    email change, a code and a failed sign-in: a bit of every kind of data the site keeps."""
    serial = "S2AB12CD34" if email.startswith("ann") else "S2ZZ99YY88"
    assert register(client, serial=serial).status_code == 303
    assert ask_replacement(client, device_id(app, serial), "accidental_damage", "Dropped it").status_code == 303
    vote(client, "sign-in", "yes")
    vote(client, "track-an-order", "no")
    explain(client, "track-an-order", reason="unclear", comment=f"I am {email} and this was unclear")
    assert post_page(client, "/account/email", {"new_email": "new." + email, "current_password": PASSWORD}
                     ).status_code == 303
    with app.test_request_context():
        user = store.find_account(email)
        assert user is not None
        store.issue_code(user.id, "0" * 64, app.config["CLOCK"]() + timedelta(minutes=5))
    assert sign_in(app.test_client(), email, "not my password at all").status_code == 422


def test_the_page_is_a_fragment_for_htmx_and_a_whole_page_otherwise(here) -> None:
    fragment = said(here.get(PAGE, headers=HX))
    assert "<html" not in fragment and "<h2>Close your account</h2>" in fragment and f'hx-post="{PAGE}"' in fragment
    page = said(here.get(PAGE))
    assert "<html" in page and "<h1>Close your account</h1>" in page and "can't be undone" in page


def test_closing_deletes_everything_of_the_account_and_keeps_anonymous_counts(app, ann, runner) -> None:
    here = signed_in_client(app, "ann@example.com")
    elsewhere = signed_in_client(app, "ann@example.com")
    bob_id = make_account(app, "bob@example.com")
    bob = signed_in_client(app, "bob@example.com")
    give_everything(app, here, "ann@example.com")
    give_everything(app, bob, "bob@example.com")
    before = owned(app, ann)
    assert all(before.values()), before  # every kind of data is there to delete
    assert count(app, "sign_in_failures", "email_key = 'ann@example.com'") == 1
    bobs = owned(app, bob_id)
    totals = report_totals(runner)
    assert totals["all_yes"] == 2 and totals["all_no"] == 2

    response = post_page(here, PAGE, {"password": PASSWORD})
    assert response.status_code == 303 and response.location.endswith("/account/closed")
    assert "Your account has been closed" in said(here.get(response.location))

    assert owned(app, ann) == dict.fromkeys(OWNED, 0)
    assert count(app, "sign_in_failures", "email_key = 'ann@example.com'") == 0
    assert owned(app, bob_id) == bobs  # nothing of anyone else
    assert report_totals(runner) == totals  # the answers still count...
    answers = rows(app)
    assert len(answers) == 4
    kept = [r for r in answers if not r.reader_key.startswith("account:")]
    assert len(kept) == 2 and len({r.reader_key for r in kept}) == 1  # ...filed under a key that names no one
    assert all(r.comment is None for r in kept)  # and without the reader's own words
    assert any(r.comment and "bob@example.com" in r.comment for r in answers)
    assert not is_signed_in(here) and not is_signed_in(elsewhere)
    assert account(app, "ann@example.com") is None
    message = outbox(app)[-1]
    assert message["To"] == "ann@example.com" and message["Subject"] == "Your account has been closed"
    assert "anonymous counts" in text_of(message)
    assert sign_in(app.test_client(), "ann@example.com").status_code == 422


def test_with_htmx_closing_loads_a_whole_new_page(app, here) -> None:
    response = post_page(here, PAGE, {"password": PASSWORD}, headers=HX)
    assert response.status_code == 200 and response.headers["HX-Redirect"] == "/account/closed"
    assert account(app, "ann@example.com") is None


def test_a_wrong_password_changes_nothing(app, ann, here) -> None:
    response = post_page(here, PAGE, {"password": "not my password at all"})
    assert response.status_code == 422 and "That password is wrong. Nothing was changed." in said(response)
    assert account(app, "ann@example.com") is not None and is_signed_in(here)


def test_without_the_csrf_token_it_is_refused(app, here) -> None:
    assert here.post(PAGE, data={"password": PASSWORD}, headers=referer(PAGE)).status_code == 400
    assert account(app, "ann@example.com") is not None


def test_a_file_part_is_refused_with_400(app, here) -> None:
    response = post_page(here, PAGE, with_file_part({}, "password"))
    assert response.status_code == 400
    assert '<p class="field-error" id="password-error">Enter your current password</p>' in said(response)
    assert account(app, "ann@example.com") is not None


def test_password_guesses_are_throttled(app, here) -> None:
    wrong = {"password": "not my password at all"}
    assert [post_page(here, PAGE, wrong).status_code for _ in range(3)] == [422] * 3
    assert post_page(here, PAGE, {"password": PASSWORD}).status_code == 429
    assert account(app, "ann@example.com") is not None
