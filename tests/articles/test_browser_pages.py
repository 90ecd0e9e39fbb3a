"""Chromium reads the pages that scale: the home page's island, category pagination, with and without JavaScript."""
from __future__ import annotations

import gzip

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers.browser import serious_accessibility_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def one_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guides has two published articles: at one a page, two pages."""
    monkeypatch.setattr("helpcentre.articles.views.PER_PAGE", 1)


@pytest.mark.usefixtures("one_per_page")
@pytest.mark.parametrize("path", ["/", "/categories/guides", "/categories/guides/page/2"])
def test_home_and_category_pages_have_no_serious_accessibility_violation(page: Page, live_server: str,
                                                                          path: str) -> None:
    page.goto(live_server + path, wait_until="networkidle")  # islands in place: they are checked too
    assert serious_accessibility_violations(page) == []


def test_home_loads_the_most_helpful_island_without_csp_errors(page: Page, live_server: str) -> None:
    errors: list[str] = []  # CSP refusals and failed requests (the browser's own favicon probe aside)
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text else None)
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
    with page.expect_response(lambda response: response.url.endswith("/most-helpful")) as island:
        page.goto(live_server + "/")
    assert island.value.ok
    helpful = page.get_by_role("region", name="Most helpful answers")
    # The readers' ranking replaced the static list: the no-JS link to it went with it.
    expect(helpful.get_by_role("link", name="See them ranked by readers' answers")).to_have_count(0)
    expect(helpful.get_by_role("listitem")).to_have_count(4)
    assert errors == []


def test_home_search_box_is_the_only_one_and_searches_as_the_reader_types(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    expect(page.get_by_role("search")).to_have_count(1)
    page.get_by_label("Search our answers").press_sequentially("passw", delay=40)
    expect(page.locator("#page-results").get_by_role("link", name="Resetting your password")).to_be_visible()


def test_home_to_category_and_through_its_pages(page: Page, live_server: str, one_per_page: None) -> None:
    page.goto(live_server + "/")
    page.get_by_role("region", name="Browse by topic").get_by_role("link", name="Guides").click()
    expect(page).to_have_url(live_server + "/categories/guides")
    pages = page.get_by_role("navigation", name="Pages of Guides")
    pages.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(live_server + "/categories/guides/page/2")
    current = page.get_by_role("navigation", name="Pages of Guides").locator("[aria-current=page]")
    expect(current).to_have_text("Page 2")
    page.get_by_role("link", name="Resetting your password").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resetting your password")


def test_home_and_pagination_work_without_javascript(browser: Browser, live_server: str, one_per_page: None) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    helpful = page.get_by_role("region", name="Most helpful answers")
    expect(helpful.get_by_role("link", name="Signing in")).to_be_visible()  # the editors' first article
    helpful.get_by_role("link", name="See them ranked by readers' answers").click()
    expect(page).to_have_url(live_server + "/most-helpful")
    expect(page.get_by_role("heading", level=1)).to_have_text("Most helpful answers")

    page.goto(live_server + "/categories/guides")
    page.get_by_role("navigation", name="Pages of Guides").get_by_role("link", name="Page 2").click()
    expect(page).to_have_url(live_server + "/categories/guides/page/2")
    page.get_by_role("navigation", name="Pages of Guides").get_by_role("link", name="Previous page").click()
    expect(page).to_have_url(live_server + "/categories/guides")

    page.goto(live_server + "/")
    page.get_by_label("Search our answers").fill("passw")
    page.get_by_label("Search our answers").press("Enter")
    expect(page).to_have_url(live_server + "/search?q=passw")
    context.close()


def test_home_page_weighs_under_40_kib_gzipped(page: Page, live_server: str) -> None:
    loaded: list[bytes] = []
    page.on("response", lambda response: loaded.append(response.body()) if response.ok else None)
    page.goto(live_server + "/", wait_until="networkidle")
    total = sum(len(gzip.compress(body)) for body in loaded)
    assert total < 40 * 1024, f"{total} bytes gzipped"
