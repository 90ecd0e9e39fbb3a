""""Change password": current password first, the sign-up rules, other devices signed out, an email."""
from __future__ import annotations

import pytest

from tests.helpers.accounts import NEW_PASSWORD, PASSWORD, outbox, sign_in, text_of
from tests.helpers.forms import referer
from tests.helpers.htmx import HX
from tests.helpers.manage import is_signed_in, post_page, said, signed_in_client, with_file_part

PAGE = "/account/password"
CHANGE = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}


@pytest.fixture
def config_overrides(clock) -> dict:
    """Few guesses at the current password a minute, so the throttle shows."""
    return {"CLOCK": clock, "SIGNIN_LIMIT": "2 per minute", "VERIFY_LIMIT": "1000 per minute",
            "EMAIL_LIMIT": "1000 per minute"}


@pytest.fixture
def here(app, ann):
    """Ann, signed in on this browser."""
    return signed_in_client(app, "ann@example.com")


def test_the_page_is_a_fragment_for_htmx_and_a_whole_page_otherwise(here) -> None:
    fragment = said(here.get(PAGE, headers=HX))
    assert "<html" not in fragment and "<h2>Change password</h2>" in fragment
    assert f'hx-post="{PAGE}"' in fragment and "Current password" in fragment
    page = here.get(PAGE)
    html = said(page)
    assert page.status_code == 200 and "<html" in html and "<h1>Change password</h1>" in html
    assert "hx-post" not in html.split("<main", 1)[1].split("</main>")[0]  # a plain form without JavaScript
    assert page.headers["Cache-Control"] == "no-store"


def test_signed_out_readers_are_sent_to_sign_in(client) -> None:
    response = client.get(PAGE)
    assert response.status_code == 303 and "/account/login?next=/account/password" in response.location


def test_the_account_page_links_to_it_in_place(here) -> None:
    html = said(here.get("/account/"))
    assert f'href="{PAGE}" hx-get="{PAGE}"' in html


def test_changing_signs_out_other_devices_keeps_this_one_and_tells_the_owner(app, here) -> None:
    elsewhere = signed_in_client(app, "ann@example.com")
    response = post_page(here, PAGE, CHANGE)
    assert response.status_code == 303 and response.location.endswith("/account/")
    assert "Your password has been changed" in said(here.get("/account/"))
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)
    message = outbox(app)[-1]
    assert message["To"] == "ann@example.com" and message["Subject"] == "Your password was changed"
    assert "Every other device that was signed in has been signed out" in text_of(message)
    assert sign_in(app.test_client(), "ann@example.com", PASSWORD).status_code == 422
    assert sign_in(app.test_client(), "ann@example.com", NEW_PASSWORD).status_code == 303


def test_a_kept_signed_in_browser_stays_signed_in_on_its_cookie_alone(app, ann) -> None:
    here = signed_in_client(app, "ann@example.com", remember=True)
    assert post_page(here, PAGE, CHANGE).status_code == 303
    # A new browser session: only the remember cookie, which must carry the new version.
    here.delete_cookie("session")
    assert is_signed_in(here)


def test_with_htmx_the_answer_is_the_account_box_with_the_message(here) -> None:
    response = post_page(here, PAGE, CHANGE, headers=HX)
    assert response.status_code == 303
    box = said(here.get(response.location, headers=HX))
    assert "<html" not in box and "Your password has been changed" in box


def test_a_wrong_current_password_changes_nothing(app, here) -> None:
    elsewhere = signed_in_client(app, "ann@example.com")
    sent = len(outbox(app))
    response = post_page(here, PAGE, {**CHANGE, "current_password": "not my password at all"})
    assert response.status_code == 422
    assert "That password is wrong. Nothing was changed." in said(response)
    assert is_signed_in(elsewhere) and len(outbox(app)) == sent
    assert sign_in(app.test_client(), "ann@example.com", PASSWORD).status_code == 303


def test_the_new_password_follows_the_sign_up_rules(app, here) -> None:
    response = post_page(here, PAGE, {**CHANGE, "new_password": "short"})
    assert response.status_code == 422 and "8 characters" in said(response)
    assert sign_in(app.test_client(), "ann@example.com", PASSWORD).status_code == 303


def test_without_the_csrf_token_it_is_refused(app, here) -> None:
    response = here.post(PAGE, data=CHANGE, headers=referer(PAGE))
    assert response.status_code == 400
    assert sign_in(app.test_client(), "ann@example.com", PASSWORD).status_code == 303


def test_a_file_part_is_refused_with_400_and_changes_nothing(app, here) -> None:
    response = post_page(here, PAGE, with_file_part(CHANGE, "current_password"))
    assert response.status_code == 400
    assert '<p class="field-error" id="current_password-error">Enter your current password</p>' in said(response)
    assert sign_in(app.test_client(), "ann@example.com", PASSWORD).status_code == 303


def test_wrong_current_passwords_are_throttled(here) -> None:
    # Two wrong guesses a minute per address (SIGNIN_LIMIT in this module), then the limit answers.
    wrong = {**CHANGE, "current_password": "not my password at all"}
    assert [post_page(here, PAGE, wrong).status_code for _ in range(2)] == [422, 422]
    response = post_page(here, PAGE, CHANGE)
    assert response.status_code == 429 and "tried that too many times" in said(response)
