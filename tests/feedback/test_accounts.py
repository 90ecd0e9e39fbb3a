"""A signed-in reader's vote belongs to the account, across sign-outs and devices."""
from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.helpers.accounts import NO_LIMITS, make_account, sign_in, sign_out
from tests.helpers.clock import FakeClock
from tests.helpers.feedback import rows, vote
from tests.helpers.htmx import HX


@pytest.fixture
def config_overrides(clock: FakeClock) -> dict[str, Any]:
    """Accounts sign in on the fake clock, with per-address limits out of the way (as in the account tests)."""
    return {"CLOCK": clock, **NO_LIMITS}


def test_an_account_votes_once_across_sign_out_and_another_device(app: Flask) -> None:
    account_id = make_account(app, "ann@example.com")
    laptop, phone = app.test_client(), app.test_client()
    assert sign_in(laptop, "ann@example.com").status_code == 303
    vote(laptop, "sign-in", "yes")
    sign_out(laptop)  # changes the account's session version
    assert sign_in(phone, "ann@example.com").status_code == 303
    vote(phone, "sign-in", "no")
    stored = rows(app)
    assert [(r.reader_key, r.vote) for r in stored] == [(f"account:{account_id}", "no")]


def test_signed_in_reader_sees_the_earlier_answer_on_another_device(app: Flask) -> None:
    make_account(app, "ann@example.com")
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, "ann@example.com")
    vote(laptop, "sign-in", "no")
    sign_in(phone, "ann@example.com")
    html = phone.get("/articles/sign-in/feedback", headers=HX).get_data(as_text=True)
    assert "Your answer: <strong>No</strong>" in html


def test_answers_given_before_signing_in_become_the_accounts(app: Flask) -> None:
    account_id = make_account(app, "ann@example.com")
    browser = app.test_client()
    vote(browser, "sign-in", "no")
    vote(browser, "track-an-order", "yes")
    assert sign_in(browser, "ann@example.com").status_code == 303
    assert sorted((r.article_slug, r.reader_key, r.vote) for r in rows(app)) == [
        ("sign-in", f"account:{account_id}", "no"), ("track-an-order", f"account:{account_id}", "yes")]
    vote(browser, "sign-in", "yes")  # changing it now changes the same row
    assert len(rows(app)) == 2


def test_where_the_account_answered_too_its_own_answer_stands(app: Flask) -> None:
    account_id = make_account(app, "ann@example.com")
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, "ann@example.com")
    vote(laptop, "sign-in", "yes")
    vote(phone, "sign-in", "no")  # anonymous on the phone
    vote(phone, "reset-password", "no")
    sign_in(phone, "ann@example.com")
    assert sorted((r.article_slug, r.reader_key, r.vote) for r in rows(app)) == [
        ("reset-password", f"account:{account_id}", "no"), ("sign-in", f"account:{account_id}", "yes")]
