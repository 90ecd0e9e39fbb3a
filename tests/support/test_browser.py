"""Chromium sees the live-chat banner filled in, naming its timezone, and the support page."""
from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers.browser import serious_accessibility_violations
from tests.helpers.clock import FakeClock, utc

pytestmark = pytest.mark.browser


@pytest.fixture
def clock() -> FakeClock:
    """The live server's clock: Wednesday 26 August 2026, 1pm BST, when chat is open until 10pm."""
    return FakeClock(utc(2026, 8, 26, 12))


@pytest.fixture
def config_overrides(clock: FakeClock) -> dict[str, Any]:
    return {"CLOCK": clock}


def test_banner_is_filled_in_on_an_article_page(page: Page, live_server: str) -> None:
    page.goto(live_server + "/articles/sign-in")
    banner = page.locator("#chat-banner")
    expect(banner).to_contain_text("Live chat is open · until 10pm (UK time)")
    expect(banner.get_by_role("link", name="Chat with us now")).to_have_attribute("href", "/support#chat")
    expect(banner).not_to_contain_text("Live chat: Monday to Friday")  # the no-JS text was replaced


def test_banner_and_status_are_filled_in_on_the_support_page(page: Page, live_server: str) -> None:
    page.goto(live_server + "/support")
    expect(page.get_by_role("heading", level=1)).to_have_text("Let's chat")
    expect(page.locator("#chat-banner")).to_contain_text("Live chat is open · until 10pm (UK time)")
    expect(page.locator("#chat .chat-now")).to_contain_text("Live chat is open · until 10pm (UK time)")
    today = page.locator("tr[aria-current=date]")
    expect(today).to_have_count(1)
    expect(today).to_contain_text("Wednesday 26 August (today)")
    assert serious_accessibility_violations(page) == []


def test_banner_refreshes_itself_when_chat_closes(page: Page, live_server: str, clock: FakeClock) -> None:
    # Half a second before closing the fragment may not be cached at all (max-age=0), so the
    # minute-later poll reaches the app, whose clock has moved on; the page's timers are faked.
    clock.set(utc(2026, 8, 26, 20, 59, 59, 500_000))
    page.clock.install()
    page.goto(live_server + "/articles/sign-in")
    banner = page.locator("#chat-banner")
    expect(banner).to_contain_text("Live chat is open · until 10pm (UK time)")
    clock.set(utc(2026, 8, 26, 21, 0, 30))
    page.clock.run_for(61_000)
    expect(banner).to_contain_text("Live chat is closed · opens tomorrow at 8am (UK time)")


def test_without_javascript_the_banner_shows_the_week_as_text(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/articles/sign-in")
        banner = page.locator("#chat-banner")
        expect(banner).to_contain_text(
            "Live chat: Monday to Friday 8am to 10pm, Saturday and Sunday 10am to 6pm (UK time).")
        banner.get_by_role("link", name="Contact options").click()
        expect(page).to_have_url(live_server + "/support")
        # The support page itself is complete without JavaScript: status, today, contacts.
        expect(page.locator("#chat .chat-now")).to_contain_text("Live chat is open · until 10pm (UK time)")
        expect(page.locator("tr[aria-current=date]")).to_contain_text("(today)")
        expect(page.get_by_role("link", name="care@example.test")).to_be_visible()
    finally:
        context.close()

