"""Chromium: a search that finds nothing offers the answers readers found most helpful."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from tests.helpers.feedback import record_votes

pytestmark = pytest.mark.browser
AT = datetime(2026, 11, 2, tzinfo=UTC)


def test_no_results_island_replaces_the_editors_order_with_readers_favourites(
        page: Page, live_server: str, app: Flask) -> None:
    record_votes(app, "track-an-order", yes=5, no=0, at=AT)
    page.goto(live_server + "/search?q=zzqxv")
    expect(page.get_by_text('No results for "zzqxv"')).to_be_visible()
    first = page.locator(".helpful-island li a").first
    expect(first).to_have_text("Tracking an order")  # the editors' first would be "Signing in"
    expect(page.get_by_role("link", name="Contact service and support").first).to_be_visible()
