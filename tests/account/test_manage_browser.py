"""Chromium: each account page from "Your account", in place with htmx, and Change password without JavaScript."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers.accounts import NEW_PASSWORD, NO_LIMITS, PASSWORD, account, code_in, make_account, outbox
from tests.helpers.browser import serious_accessibility_violations
from tests.helpers.manage import undo_link_in

pytestmark = pytest.mark.browser


@pytest.fixture
def config_overrides() -> dict:
    # The live server speaks plain http, where a browser would drop Secure cookies.
    return {"COOKIE_SECURE": False, "BASE_URL": "http://127.0.0.1", **NO_LIMITS}


@pytest.fixture
def site(app, live_server: str) -> str:
    """The live server, also used as the base of links in emails."""
    app.config["BASE_URL"] = live_server
    return live_server


def signed_in(page: Page, site: str, email: str = "ann@example.com", password: str = PASSWORD) -> None:
    page.goto(site + "/account/login")
    main = page.locator("main")
    main.get_by_label("Email").fill(email)
    main.get_by_label("Password", exact=True).fill(password)
    main.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(site + "/account/")
    page.evaluate("window.readerMarker = 'still here'")  # gone if the page reloads


def open_in_place(page: Page, link: str, heading: str) -> None:
    page.locator("main").get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()


def test_change_password_in_place(page: Page, app, site: str) -> None:
    make_account(app, "ann@example.com")
    signed_in(page, site)
    open_in_place(page, "Change password", "Change password")
    expect(page).to_have_url(site + "/account/password")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Current password").fill("not my password at all")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("That password is wrong. Nothing was changed.")).to_be_visible()
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password has been changed.")).to_be_visible()
    expect(page.get_by_text("Yes, your account is ready to order")).to_be_visible()
    assert page.evaluate("window.readerMarker") == "still here"
    assert outbox(app)[-1]["Subject"] == "Your password was changed"


def test_change_password_without_javascript(browser: Browser, app, site: str) -> None:
    make_account(app, "ann@example.com")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/account/login")
    page.locator("main").get_by_label("Email").fill("ann@example.com")
    page.locator("main").get_by_label("Password", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.locator("main").get_by_role("link", name="Change password").click()
    expect(page).to_have_url(site + "/account/password")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page).to_have_url(site + "/account/")
    expect(page.get_by_text("Your password has been changed.")).to_be_visible()
    context.close()


def test_change_email_with_the_code_then_undo_from_the_old_address(page: Page, browser: Browser, app,
                                                                     site: str) -> None:
    make_account(app, "ann@example.com")
    signed_in(page, site)
    open_in_place(page, "Change email", "Change email")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("New email").fill("ann.new@example.com")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_role("button", name="Send the code").click()
    expect(page.get_by_role("heading", name="Confirm your new email")).to_be_visible()
    page.get_by_label("Verification code").fill(code_in(outbox(app)[-1]))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Your email is now ann.new@example.com.")).to_be_visible()
    assert page.evaluate("window.readerMarker") == "still here"
    # The old address follows its undo link, in a browser of its own.
    owner = browser.new_context()
    other = owner.new_page()
    other.goto(undo_link_in(outbox(app)[-1]))
    expect(other).to_have_url(site + "/account/email/undo")  # the token is out of the address bar
    other.get_by_role("button", name="Restore my old email").click()
    expect(other).to_have_url(site + "/account/login")
    expect(other.get_by_text("Your email is ann@example.com again")).to_be_visible()
    owner.close()
    assert account(app, "ann@example.com") is not None
    page.goto(site + "/account/")
    expect(page).to_have_url(site + "/account/login?next=/account/")  # signed out everywhere


def test_download_your_data(page: Page, app, site: str) -> None:
    make_account(app, "ann@example.com")
    signed_in(page, site)
    open_in_place(page, "Download your data", "Download your data")
    assert serious_accessibility_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("button", name="Download your data").click()
    assert download.value.suggested_filename.startswith("account-data-")
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == "ann@example.com"
    assert page.evaluate("window.readerMarker") == "still here"


def test_close_account(page: Page, app, site: str) -> None:
    make_account(app, "ann@example.com")
    signed_in(page, site)
    open_in_place(page, "Close your account", "Close your account")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Password").fill("not my password at all")
    page.get_by_role("button", name="Close my account").click()
    expect(page.get_by_text("That password is wrong. Nothing was changed.")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Close my account").click()
    expect(page).to_have_url(site + "/account/closed")
    expect(page.get_by_text("Your account has been closed and its data deleted.")).to_be_visible()
    expect(page.locator("#account-menu").get_by_role("link", name="Sign in")).to_be_visible()
    assert account(app, "ann@example.com") is None
    assert outbox(app)[-1]["Subject"] == "Your account has been closed"
