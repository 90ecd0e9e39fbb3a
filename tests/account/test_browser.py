"""Chromium: sign up, verify, sign out; sign in from an article's header panel; reset a password; no-JS too."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers.accounts import NEW_PASSWORD, NO_LIMITS, PASSWORD, code_in, link_in, make_account, outbox
from tests.helpers.browser import serious_accessibility_violations

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


def fill_sign_in(scope, email: str, password: str) -> None:
    scope.get_by_label("Email").fill(email)
    scope.get_by_label("Password", exact=True).fill(password)
    scope.get_by_role("button", name="Sign in").click()


def test_sign_up_read_the_code_verify_and_sign_out(page: Page, app, site: str) -> None:
    page.goto(site + "/account/signup")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Email").fill("ann@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Date of birth").fill("1990-01-02")
    page.get_by_label("I accept the terms of use").check()
    page.get_by_role("button", name="Create an account").click()
    expect(page).to_have_url(site + "/account/verify")
    expect(page.get_by_label("Email")).to_have_value("ann@example.com")
    page.get_by_label("Verification code").fill(code_in(outbox(app)[-1]))
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(page).to_have_url(site + "/account/")
    expect(page.get_by_text("Yes, your account is ready to order")).to_be_visible()
    menu = page.locator("#account-menu")
    expect(menu).to_contain_text("Signed in as ann@example.com")
    menu.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(site + "/")
    expect(menu.get_by_role("link", name="Sign in")).to_be_visible()


def test_sign_in_from_the_header_panel_without_leaving_the_article(page: Page, app, site: str) -> None:
    make_account(app, "ann@example.com")
    page.goto(site + "/articles/sign-in")
    menu = page.locator("#account-menu")
    page.evaluate("window.readerMarker = 'still here'")
    scrolled = page.evaluate("window.scrollY")
    menu.get_by_role("link", name="Sign in").click()
    panel = page.locator("#account-panel")
    expect(panel.get_by_role("heading", name="Sign in")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    fill_sign_in(panel, "ann@example.com", "not my password at all")
    expect(panel).to_contain_text("Email or password is incorrect")
    fill_sign_in(panel, "ann@example.com", PASSWORD)
    expect(menu).to_contain_text("Signed in as ann@example.com")
    expect(page.locator("#account-panel")).to_be_empty()
    expect(page).to_have_url(site + "/articles/sign-in")
    assert page.evaluate("window.readerMarker") == "still here"  # no reload
    assert page.evaluate("window.scrollY") == scrolled
    menu.get_by_role("button", name="Sign out").click()
    expect(menu.get_by_role("link", name="Sign in")).to_be_visible()
    assert page.evaluate("window.readerMarker") == "still here"


def test_forgot_password_follow_the_link_choose_a_new_one_and_sign_in(page: Page, app, site: str) -> None:
    make_account(app, "ann@example.com")
    page.goto(site + "/articles/sign-in")
    page.locator("#account-menu").get_by_role("link", name="Sign in").click()
    panel = page.locator("#account-panel")
    panel.get_by_role("link", name="Forgot your password?").click()
    # Until the swap lands, "Email" is still the sign-in form's field: wait for the new form.
    expect(panel.get_by_role("button", name="Send the link")).to_be_visible()
    panel.get_by_label("Email").fill("ann@example.com")
    panel.get_by_role("button", name="Send the link").click()
    expect(panel).to_contain_text("If an account exists for that email, we've sent instructions")
    expect(page).to_have_url(site + "/articles/sign-in")
    link = link_in(outbox(app)[-1])
    assert link.startswith(site + "/account/reset/")
    page.goto(link)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page).to_have_url(site + "/account/login")
    expect(page.get_by_text("Your password has been changed. Sign in with your new password.")).to_be_visible()
    fill_sign_in(page.locator("main"), "ann@example.com", NEW_PASSWORD)
    expect(page).to_have_url(site + "/account/")
    expect(page.locator("#account-menu")).to_contain_text("Signed in as ann@example.com")


def test_sign_in_without_javascript_lands_back_on_the_article(browser: Browser, app, site: str) -> None:
    make_account(app, "ann@example.com")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/articles/sign-in")
    page.locator("#account-menu").get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(site) + r"/account/login\?next=/articles/sign-in$"))
    fill_sign_in(page.locator("main"), "ann@example.com", "not my password at all")
    expect(page.get_by_text("Email or password is incorrect")).to_be_visible()
    fill_sign_in(page.locator("main"), "ann@example.com", PASSWORD)
    expect(page).to_have_url(site + "/articles/sign-in")
    page.goto(site + "/account/")
    expect(page.get_by_text("ann@example.com").first).to_be_visible()
    page.locator("main").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(site + "/")
    page.goto(site + "/account/")
    expect(page).to_have_url(re.compile(r"/account/login\?next=/account/$"))
    context.close()


def test_sign_up_and_verify_without_javascript(browser: Browser, app, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/account/signup")
    page.get_by_label("Email").fill("bob@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Date of birth").fill("2015-01-02")
    page.get_by_label("I accept the terms of use").check()
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_text("You must be 18 or over to create an account")).to_be_visible()
    page.get_by_label("Date of birth").fill("1990-01-02")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    page.get_by_label("Verification code").fill(code_in(outbox(app)[-1]))
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(page).to_have_url(site + "/account/")
    expect(page.get_by_text("Yes, your account is ready to order")).to_be_visible()
    context.close()


def test_sign_in_clicked_before_the_menu_island_arrives_still_opens_the_panel(page: Page, app, site: str) -> None:
    make_account(app, "ann@example.com")
    held: list = []
    page.route("**/account/menu*", lambda route: held.append(route))  # the island waits for us
    page.goto(site + "/account/login")  # the island loads for readers with a session; this form gives one
    page.goto(site + "/articles/sign-in")
    page.locator("#account-menu").get_by_role("link", name="Sign in").click()
    panel = page.locator("#account-panel")
    expect(panel.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page).to_have_url(site + "/articles/sign-in")
    assert held, "the island should have been asked for"
    for route in held:
        route.continue_()
    expect(page.locator("#account-menu").get_by_role("link", name="Create an account")).to_be_visible()
    expect(panel.get_by_role("heading", name="Sign in")).to_be_visible()  # the island left the panel alone
    fill_sign_in(panel, "ann@example.com", PASSWORD)
    expect(page.locator("#account-menu")).to_contain_text("Signed in as ann@example.com")
    expect(panel).to_be_empty()
