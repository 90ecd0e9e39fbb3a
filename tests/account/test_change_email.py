""""Change email": a code proves the new address, a taken address reveals nothing, the old one may undo."""
from __future__ import annotations

import pytest

from tests.helpers.accounts import PASSWORD, account, code_in, make_account, outbox, sign_in, text_of
from tests.helpers.forms import referer, without_tokens
from tests.helpers.htmx import HX
from tests.helpers.manage import is_signed_in, post_page, said, signed_in_client, undo_link_in, with_file_part

PAGE = "/account/email"
CONFIRM = "/account/email/confirm"
UNDO = "/account/email/undo"
NEW = "ann.new@example.com"


@pytest.fixture
def here(app, ann):
    """Ann, signed in on this browser."""
    return signed_in_client(app, "ann@example.com")


def ask(client, new_email: str = NEW, password: str = PASSWORD, headers=None):
    return post_page(client, PAGE, {"new_email": new_email, "current_password": password}, headers=headers)


def enter(client, code: str, headers=None):
    return post_page(client, CONFIRM, {"code": code}, headers=headers)


def changed(app, client) -> None:
    """Ask for NEW and enter the code sent to it."""
    assert ask(client).status_code == 303
    assert enter(client, code_in(outbox(app)[-1])).status_code == 303


def test_the_pages_are_fragments_for_htmx_and_whole_pages_otherwise(here) -> None:
    for url, heading in ((PAGE, "Change email"),):
        fragment = said(here.get(url, headers=HX))
        assert "<html" not in fragment and f"<h2>{heading}</h2>" in fragment and f'hx-post="{url}"' in fragment
        page = said(here.get(url))
        assert "<html" in page and f"<h1>{heading}</h1>" in page
    assert ask(here).status_code == 303
    fragment = said(here.get(CONFIRM, headers=HX))
    assert "<html" not in fragment and "<h2>Confirm your new email</h2>" in fragment and NEW in fragment
    assert "<h1>Confirm your new email</h1>" in said(here.get(CONFIRM))


def test_the_new_address_takes_effect_only_with_its_code_and_the_old_one_is_told(app, here) -> None:
    response = ask(here)
    assert response.status_code == 303 and response.location.endswith(CONFIRM)
    code_mail = outbox(app)[-1]
    assert code_mail["To"] == NEW and code_mail["Subject"] == "Confirm your new email"
    assert f"We've sent a 6-digit code to {NEW}" in said(here.get(CONFIRM))
    assert account(app, "ann@example.com") is not None  # nothing changed yet
    response = enter(here, code_in(code_mail))
    assert response.status_code == 303 and response.location.endswith("/account/")
    assert f"Your email is now {NEW}" in said(here.get("/account/"))
    assert account(app, "ann@example.com") is None and account(app, NEW) is not None
    told = outbox(app)[-1]
    assert told["To"] == "ann@example.com" and told["Subject"] == "Your email address was changed"
    assert NEW in text_of(told) and "within 7 days" in text_of(told)
    assert is_signed_in(here)
    assert sign_in(app.test_client(), NEW, PASSWORD).status_code == 303


def test_a_wrong_code_changes_nothing_and_five_wrong_tries_kill_the_code(app, here) -> None:
    ask(here)
    code = code_in(outbox(app)[-1])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        response = enter(here, wrong)
        assert response.status_code == 422 and "That code is wrong or has expired" in said(response)
    assert enter(here, code).status_code == 422
    assert account(app, NEW) is None and account(app, "ann@example.com") is not None


def test_a_code_works_for_ten_minutes(app, here, clock) -> None:
    ask(here)
    clock.advance(minutes=10, seconds=1)
    assert enter(here, code_in(outbox(app)[-1])).status_code == 422
    assert account(app, NEW) is None


def test_a_wrong_password_sends_nothing(app, here) -> None:
    sent = len(outbox(app))
    response = ask(here, password="not my password at all")
    assert response.status_code == 422 and "That password is wrong" in said(response)
    assert len(outbox(app)) == sent
    assert "There is no email change waiting" in said(here.get(CONFIRM))


def test_the_same_address_is_refused(here) -> None:
    response = ask(here, new_email="ANN@example.com")
    assert response.status_code == 422 and "That is already your email address" in said(response)


def test_an_address_with_an_account_gets_the_same_answer_and_its_owner_a_notice(app, here) -> None:
    make_account(app, "bob@example.com")
    free = ask(here, new_email="carol@example.com")
    free_page = without_tokens(said(here.get(CONFIRM))).replace("carol", "X")
    app.config["CLOCK"].advance(minutes=2)  # past the one-code-a-minute limit
    taken = ask(here, new_email="bob@example.com")
    taken_page = without_tokens(said(here.get(CONFIRM))).replace("bob", "X")
    assert (taken.status_code, taken.location) == (free.status_code, free.location)
    assert taken_page == free_page
    notice = outbox(app)[-1]
    assert notice["To"] == "bob@example.com" and "no code was sent" in text_of(notice)
    assert not any(m["To"] == "bob@example.com" and m["Subject"] == "Confirm your new email" for m in outbox(app))
    for code in ("000000", "123456"):
        assert enter(here, code).status_code == 422
    assert account(app, "ann@example.com") is not None and account(app, "bob@example.com").id != account(
        app, "ann@example.com").id


def test_the_undo_link_restores_the_old_email_once_and_signs_out_everywhere(app, here) -> None:
    changed(app, here)
    link = undo_link_in(outbox(app)[-1])
    path = link.split("://", 1)[1].split("/", 1)[1]
    owner = app.test_client()  # the old address's owner, maybe signed out
    response = owner.get("/" + path)
    assert response.status_code == 303 and response.location.endswith(UNDO)  # the token leaves the URL
    page = owner.get(UNDO)
    assert page.status_code == 200 and "Restore my old email" in said(page)
    response = post_page(owner, UNDO, {})
    assert response.status_code == 303 and "/account/login" in response.location
    assert "Your email is ann@example.com again" in said(owner.get(response.location))
    assert account(app, "ann@example.com") is not None and account(app, NEW) is None
    assert not is_signed_in(here)
    again = app.test_client()
    again.get("/" + path)
    assert again.get(UNDO).status_code == 404


def test_the_undo_link_expires_after_seven_days(app, here, clock) -> None:
    changed(app, here)
    path = "/" + undo_link_in(outbox(app)[-1]).split("://", 1)[1].split("/", 1)[1]
    clock.advance(days=7, minutes=1)
    owner = app.test_client()
    owner.get(path)
    page = owner.get(UNDO)
    assert page.status_code == 404 and "expired" in said(page)
    assert account(app, NEW) is not None


def test_a_forged_undo_link_is_refused(app, here) -> None:
    changed(app, here)
    owner = app.test_client()
    owner.get(UNDO + "/1.forged")
    assert owner.get(UNDO).status_code == 404


def test_without_the_csrf_token_nothing_is_sent(app, here) -> None:
    sent = len(outbox(app))
    response = here.post(PAGE, data={"new_email": NEW, "current_password": PASSWORD}, headers=referer(PAGE))
    assert response.status_code == 400 and len(outbox(app)) == sent


def test_file_parts_are_refused_with_400(app, here) -> None:
    response = post_page(here, PAGE, with_file_part({"new_email": NEW, "current_password": PASSWORD}, "new_email"))
    assert response.status_code == 400 and "Enter your new email address" in said(response)
    ask(here)
    response = post_page(here, CONFIRM, with_file_part({}, "code"))
    assert response.status_code == 400 and account(app, NEW) is None


def test_with_htmx_the_code_page_arrives_in_place(here) -> None:
    response = ask(here, headers=HX)
    assert response.status_code == 303
    box = said(here.get(response.location, headers=HX))
    assert "<html" not in box and f'hx-post="{CONFIRM}"' in box
