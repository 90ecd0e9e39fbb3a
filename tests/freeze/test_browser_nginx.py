"""Chromium through nginx: a frozen article's islands, a vote, a search, sign-up with the emailed code, sign-in."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.accounts import PASSWORD, code_in
from tests.helpers.stack import Stack

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

ARTICLE = "/articles/track-an-order"


def open_frozen(page: Page, stack: Stack, path: str) -> None:
    """Go to a page and check nginx answered it from the frozen tree (the app never sends Last-Modified)."""
    response = page.goto(stack.web + path)
    assert response is not None and response.status == 200
    assert "last-modified" in response.headers


def test_the_islands_a_vote_and_a_search_work_on_a_frozen_article(page: Page, stack: Stack) -> None:
    errors: list[str] = []  # script errors and failed requests (the browser's own favicon probe aside)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
    open_frozen(page, stack, ARTICLE)
    expect(page.locator("#chat-banner")).to_contain_text(re.compile(r"Live chat is (open|closed)"))
    expect(page.locator("#account-menu").get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("heading", name="Was this information helpful?")).to_be_visible()
    page.get_by_role("button", name="Yes").click()
    expect(page.locator("#feedback")).to_contain_text("Glad to know this article helped")
    assert page.url == stack.web + ARTICLE

    page.get_by_label("Search help articles").press_sequentially("passw", delay=40)
    expect(page).to_have_url(re.compile(r"/search\?q=passw$"))
    page.locator("#header-results .search-results").get_by_role("link", name="Resetting your password").click()
    expect(page).to_have_url(stack.web + "/articles/reset-password")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resetting your password")
    assert errors == []


def test_sign_up_verify_and_sign_in_from_a_frozen_article(page: Page, stack: Stack) -> None:
    sent = len(stack.emails(0, deadline=0))
    page.goto(stack.web + "/account/signup")
    page.get_by_label("Email").fill("frozen@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Date of birth").fill("1990-01-02")
    page.get_by_label("I accept the terms of use").check()
    page.get_by_role("button", name="Create an account").click()
    expect(page).to_have_url(stack.web + "/account/verify")
    page.get_by_label("Verification code").fill(code_in(stack.emails(sent + 1)[-1]))
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(page).to_have_url(stack.web + "/account/")
    menu = page.locator("#account-menu")
    expect(menu).to_contain_text("Signed in as frozen@example.com")
    menu.get_by_role("button", name="Sign out").click()
    expect(menu.get_by_role("link", name="Sign in")).to_be_visible()

    open_frozen(page, stack, ARTICLE)
    page.locator("#account-menu").get_by_role("link", name="Sign in").click()
    panel = page.locator("#account-panel")
    expect(panel.get_by_role("heading", name="Sign in")).to_be_visible()
    panel.get_by_label("Email").fill("frozen@example.com")
    panel.get_by_label("Password", exact=True).fill(PASSWORD)
    panel.get_by_role("button", name="Sign in").click()
    expect(menu).to_contain_text("Signed in as frozen@example.com")
    expect(page).to_have_url(stack.web + ARTICLE)
    # The frozen page is the same for a signed-in reader; the menu island says who they are.
    open_frozen(page, stack, ARTICLE)
    expect(page.locator("#account-menu")).to_contain_text("Signed in as frozen@example.com")
