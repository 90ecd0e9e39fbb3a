"""Item 5 of issue 12 in chromium: a reader with no cookies costs the origin nothing uncacheable.

Every request each public page makes is recorded (page.on("response")): a reader with no cookies
gets no answer marked no-store and no Set-Cookie; a signed-in reader's and a voter's islands load.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, Response, expect

from tests.helpers.accounts import NO_LIMITS, PASSWORD, make_account

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ("/", "/categories/guides", "/articles/sign-in", "/search?q=password", "/support")


@dataclass
class Recorded:
    """Every answer a page received while it loaded."""

    urls: list[str] = field(default_factory=list)
    no_store: list[str] = field(default_factory=list)
    set_cookie: list[str] = field(default_factory=list)

    def add(self, response: Response) -> None:
        """Note one answer: its URL, whether it may not be stored, and any cookie it sets."""
        self.urls.append(response.url)
        if "no-store" in (response.header_value("cache-control") or ""):
            self.no_store.append(response.url)
        self.set_cookie += [f"{response.url}: {value}" for value in response.header_values("set-cookie")]


def load(page: Page, url: str) -> Recorded:
    """Load url and wait until the page and every island it asks for have answered."""
    recorded = Recorded()
    page.on("response", recorded.add)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", recorded.add)
    return recorded


@pytest.fixture
def config_overrides() -> dict:
    # The live server speaks plain http, where a browser would drop Secure cookies.
    return {"COOKIE_SECURE": False, **NO_LIMITS}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_reader_with_no_cookies_gets_no_no_store_answer_and_no_cookie(
        browser: Browser, live_server: str, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    recorded = load(page, live_server + path)
    assert recorded.urls[0] == live_server + path
    assert recorded.no_store == [] and recorded.set_cookie == []
    assert not any("/account/menu" in url or url.endswith("/feedback") for url in recorded.urls)
    # The page already shows what the islands would: the signed-out menu and, on an article, the question.
    expect(page.locator("#account-menu").get_by_role("link", name="Sign in")).to_be_visible()
    if path.startswith("/articles/"):
        expect(page.get_by_role("heading", name="Was this information helpful?")).to_be_visible()
    assert context.cookies() == []
    context.close()


def test_a_signed_in_reader_gets_their_islands_on_every_public_page(
        browser: Browser, live_server: str, app: Flask) -> None:
    make_account(app, "ann@example.com")
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server + "/account/login")
    page.get_by_label("Email").fill("ann@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    for path in PUBLIC_PAGES:
        recorded = load(page, live_server + path)
        assert any(url.startswith(live_server + "/account/menu") for url in recorded.urls), path
        expect(page.locator("#account-menu")).to_contain_text("Signed in as ann@example.com")
    # On an article the feedback island came too, with this session's token in the form.
    article = load(page, live_server + "/articles/sign-in")
    assert live_server + "/articles/sign-in/feedback" in article.urls
    expect(page.locator("#feedback-widget input[name=csrf_token]")).to_have_count(1)
    page.get_by_role("button", name="Yes").click()
    expect(page.locator("#feedback")).to_contain_text("Glad to know this article helped")
    context.close()


def test_after_a_vote_the_readers_answer_arrives_but_the_menu_stays_static(
        browser: Browser, live_server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server + "/articles/sign-in")
    page.get_by_role("button", name="No").click()
    expect(page.locator("#feedback")).to_contain_text("Thank you for letting us know")
    recorded = load(page, live_server + "/articles/sign-in")
    assert live_server + "/articles/sign-in/feedback" in recorded.urls
    assert not any("/account/menu" in url for url in recorded.urls)  # a voter has no session
    expect(page.locator("#feedback")).to_contain_text("Your answer: No")
    assert {cookie["name"] for cookie in context.cookies()} == {"feedback_reader", "hc_reader"}
    context.close()
