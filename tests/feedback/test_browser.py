"""Chromium answers "Was this information helpful?": in place with htmx, and with JavaScript off."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from tests.helpers.browser import serious_accessibility_violations
from tests.helpers.feedback import rows

pytestmark = pytest.mark.browser


@pytest.fixture
def config_overrides() -> dict:
    # Wednesday 2 December 2026, noon in London: live chat is open.
    return {"CLOCK": lambda: datetime(2026, 12, 2, 12, tzinfo=UTC)}


def _widget_ready(page: Page) -> None:
    expect(page.get_by_role("heading", name="Was this information helpful?")).to_be_visible()


def test_yes_and_no_with_a_reason_answer_in_place_without_a_reload(page: Page, live_server: str, app: Flask) -> None:
    errors: list[str] = []
    statuses: list[int] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("response", lambda response: statuses.append(response.status) if "/feedback" in response.url else None)
    page.goto(live_server + "/articles/sign-in")
    _widget_ready(page)
    page.evaluate("() => { window.__marker = 1 }")
    page.get_by_role("button", name="Yes").click()
    expect(page.locator("#feedback")).to_contain_text("Glad to know this article helped")
    expect(page.get_by_role("button", name="Yes")).to_have_count(0)
    assert page.evaluate("() => window.__marker") == 1
    assert page.url == live_server + "/articles/sign-in"

    page.goto(live_server + "/articles/track-an-order")
    _widget_ready(page)
    expect(page.locator(".feedback-island")).to_have_count(0)  # the voter's island has replaced the question
    page.evaluate("() => { window.__marker = 2 }")
    page.get_by_role("button", name="No").click()
    expect(page.locator("#feedback")).to_contain_text("Thank you for letting us know")
    page.get_by_role("radio", name="It didn't answer my question").check()
    page.get_by_label("Anything else you'd like to tell us?").fill("Where can I see the courier?")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#feedback")).to_contain_text("Thank you for telling us more")
    expect(page.locator("#feedback").get_by_role("link", name="Chat with us now")).to_have_attribute(
        "href", "/support#chat")
    assert page.evaluate("() => window.__marker") == 2
    assert page.url == live_server + "/articles/track-an-order"
    # Only the missing favicon may fail to load; nothing is blocked by the CSP or upsets htmx.
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    # The first question is the static page's; after a vote, the reader's island loads the second.
    assert statuses == [200] * 4  # one widget, two votes, one follow-up
    stored = {(r.article_slug, r.vote, r.reason, r.comment) for r in rows(app)}
    assert stored == {("sign-in", "yes", None, None),
                      ("track-an-order", "no", "unanswered", "Where can I see the courier?")}


def test_coming_back_shows_the_earlier_answer(page: Page, live_server: str) -> None:
    page.goto(live_server + "/articles/sign-in")
    _widget_ready(page)
    page.get_by_role("button", name="No").click()
    expect(page.locator("#feedback")).to_contain_text("Thank you for letting us know")
    page.reload()
    expect(page.locator("#feedback")).to_contain_text("Your answer: No")
    assert serious_accessibility_violations(page) == []


def test_without_javascript_the_question_on_the_page_takes_the_vote(
        browser: Browser, live_server: str, app: Flask) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/articles/sign-in")
    page.get_by_role("button", name="No").click()
    expect(page).to_have_url(live_server + "/articles/sign-in/feedback?step=thanks")
    expect(page.locator("main")).to_contain_text("Thank you for letting us know")
    page.get_by_role("radio", name="The answer was unclear").check()
    page.get_by_role("button", name="Send").click()
    expect(page).to_have_url(live_server + "/articles/sign-in/feedback?step=done")
    expect(page.locator("main")).to_contain_text("Thank you for telling us more")
    page.get_by_role("link", name="Back to “Signing in”").click()
    expect(page).to_have_url(live_server + "/articles/sign-in")
    context.close()
    assert [(r.vote, r.reason) for r in rows(app)] == [("no", "unclear")]
