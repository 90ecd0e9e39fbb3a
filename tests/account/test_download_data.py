""""Download your data": one JSON file of the account, its devices, requests and feedback, and no one else's."""
from __future__ import annotations

import json

import pytest

from tests.helpers.accounts import make_account
from tests.helpers.devices import ask_replacement, register
from tests.helpers.feedback import explain, vote
from tests.helpers.forms import referer
from tests.helpers.htmx import HX
from tests.helpers.manage import device_id, post_page, said, signed_in_client, with_file_part

PAGE = "/account/data"


@pytest.fixture
def config_overrides(clock) -> dict:
    """Two files a minute, so the throttle shows; the other limits out of the way."""
    return {"CLOCK": clock, "DATA_DOWNLOAD_LIMIT": "2 per minute", "SIGNIN_LIMIT": "1000 per minute",
            "VERIFY_LIMIT": "1000 per minute", "EMAIL_LIMIT": "1000 per minute", "DEVICES_LIMIT": "1000 per minute"}


@pytest.fixture
def here(app, ann):
    """Ann, signed in on this browser."""
    return signed_in_client(app, "ann@example.com")


def test_the_page_is_a_fragment_for_htmx_and_a_whole_page_otherwise(here) -> None:
    fragment = said(here.get(PAGE, headers=HX))
    assert "<html" not in fragment and "<h2>Download your data</h2>" in fragment
    assert "hx-post" not in fragment  # the file is a download, not a swap
    page = said(here.get(PAGE))
    assert "<html" in page and "<h1>Download your data</h1>" in page


def test_the_file_holds_the_account_devices_requests_and_feedback_and_nobody_elses(app, here) -> None:
    make_account(app, "bob@example.com")
    bob = signed_in_client(app, "bob@example.com")
    assert register(bob, serial="S2ZZ99YY88").status_code == 303
    vote(bob, "sign-in", "no")
    assert register(here, purchase="2025-01-31").status_code == 303
    assert ask_replacement(here, device_id(app, "S2AB12CD34"), "accidental_damage", "Dropped it").status_code == 303
    vote(here, "track-an-order", "no")
    explain(here, "track-an-order", reason="unclear", comment="Which page?")

    response = post_page(here, PAGE, {})
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="account-data-2025-06-15.json"'
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["account"] == {"email": "ann@example.com", "date_of_birth": "1990-01-02",
                               "created": "2025-06-15T12:00:00+00:00", "verified": "2025-06-15T12:00:00+00:00"}
    assert [(d["model"], d["serial"], d["purchase_date"], d["removed"]) for d in data["devices"]] == [
        ("speaker-s2", "S2AB12CD34", "2025-01-31", None)]
    assert [(r["serial"], r["kind"], r["details"]) for r in data["replacement_requests"]] == [
        ("S2AB12CD34", "accidental_damage", "Dropped it")]
    assert [(f["article"], f["vote"], f["reason"], f["comment"]) for f in data["feedback"]] == [
        ("track-an-order", "no", "unclear", "Which page?")]
    text = response.get_data(as_text=True)
    assert "bob" not in text and "S2ZZ99YY88" not in text and "sign-in" not in text


def test_signed_out_readers_are_sent_to_sign_in(client) -> None:
    assert client.get(PAGE).status_code == 303
    assert client.post(PAGE, headers=referer(PAGE)).status_code == 400  # no session, so no token


def test_without_the_csrf_token_no_file(here) -> None:
    response = here.post(PAGE, headers=referer(PAGE))
    assert response.status_code == 400 and response.mimetype == "text/html"


def test_a_file_part_is_refused_with_400(here) -> None:
    response = post_page(here, PAGE, with_file_part({}, "anything"))
    assert response.status_code == 400 and response.mimetype == "text/html"


def test_downloads_are_throttled(here) -> None:
    assert [post_page(here, PAGE, {}).status_code for _ in range(2)] == [200, 200]
    response = post_page(here, PAGE, {})
    assert response.status_code == 429 and response.mimetype == "text/html"
