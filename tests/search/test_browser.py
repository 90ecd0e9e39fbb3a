"""Chromium searches: live results as the reader types, Back to them, and the same without JavaScript."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers.browser import serious_accessibility_violations

pytestmark = pytest.mark.browser


def test_live_results_appear_as_the_reader_types_and_come_back_with_back(page: Page, live_server: str) -> None:
    errors: list[str] = []  # script errors and failed requests (the browser's own favicon probe aside)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
    page.goto(live_server + "/articles/track-an-order")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.searchMarker = 'same page' }")  # gone if the page reloads

    page.get_by_label("Search help articles").press_sequentially("passw", delay=40)
    live = page.locator("#header-results .search-results")
    expect(live.get_by_role("link", name="Resetting your password")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search\?q=passw$"))
    assert page.evaluate("() => window.searchMarker") == "same page"
    expect(page.get_by_role("status")).to_have_text('2 results for "passw"')
    expect(live.locator("mark").first).to_have_text(re.compile("password", re.I))

    live.get_by_role("link", name="Resetting your password").click()
    expect(page).to_have_url(live_server + "/articles/reset-password")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resetting your password")

    page.go_back()
    expect(page).to_have_url(re.compile(r"/search\?q=passw$"))
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name="Resetting your password")).to_be_visible()
    assert errors == []


def test_clearing_the_box_clears_the_results(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    box = page.get_by_label("Search our answers")
    box.press_sequentially("sign", delay=40)
    expect(page.locator("#page-results .search-results")).to_be_visible()
    box.fill("")
    box.dispatch_event("input")
    expect(page.locator("#page-results")).to_be_empty()


def test_no_results_offer_articles_and_contact(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.get_by_label("Search our answers").press_sequentially("zzqx", delay=40)
    expect(page.locator("#page-results")).to_contain_text('No results for "zzqx"')
    expect(page.locator("#page-results").get_by_role("link", name="Contact service and support")).to_be_visible()


def test_search_works_without_javascript(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/articles/sign-in")
    page.get_by_label("Search help articles").fill("passw")
    page.get_by_label("Search help articles").press("Enter")
    expect(page).to_have_url(live_server + "/search?q=passw")
    expect(page.locator("#page-results").get_by_role("link", name="Resetting your password")).to_be_visible()
    page.get_by_label("Search our answers").fill("zzqx")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.locator("#page-results")).to_contain_text('No results for "zzqx"')
    context.close()


@pytest.mark.parametrize("query", ["password", "zzqx"])
def test_results_pages_have_no_serious_accessibility_violation(page: Page, live_server: str, query: str) -> None:
    page.goto(f"{live_server}/search?q={query}")
    assert serious_accessibility_violations(page) == []
