"""Chromium reads the help pages: navigation, accessibility and page weight."""
from __future__ import annotations

import gzip

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import serious_accessibility_violations

pytestmark = pytest.mark.browser


def test_home_to_category_to_article_and_back_by_breadcrumb(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How can we help?")
    page.get_by_role("link", name="Guides", exact=True).first.click()
    expect(page).to_have_url(live_server + "/categories/guides")
    page.get_by_role("link", name="Signing in").click()
    expect(page).to_have_url(live_server + "/articles/sign-in")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Signing in")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Guides").click()
    expect(page).to_have_url(live_server + "/categories/guides")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="All questions").click()
    expect(page).to_have_url(live_server + "/")


def test_pages_load_htmx_without_csp_violations(page: Page, live_server: str) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server + "/articles/sign-in")
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("() => htmx.config.allowEval") is False
    assert page.evaluate("() => htmx.config.includeIndicatorStyles") is False
    assert [e for e in errors if "Content Security Policy" in e] == []


@pytest.mark.parametrize("path", ["/", "/categories/guides", "/articles/sign-in", "/articles/missing-page"])
def test_each_page_type_has_no_serious_accessibility_violation(page: Page, live_server: str, path: str) -> None:
    page.goto(live_server + path)
    assert serious_accessibility_violations(page) == []


def test_article_page_weighs_under_40_kib_gzipped(page: Page, live_server: str) -> None:
    loaded: list[bytes] = []
    page.on("response", lambda response: loaded.append(response.body()) if response.ok else None)
    page.goto(live_server + "/articles/sign-in", wait_until="networkidle")
    total = sum(len(gzip.compress(body)) for body in loaded)
    assert len(loaded) >= 3  # the page, its stylesheet and htmx
    assert total < 40 * 1024, f"{total} bytes gzipped"
