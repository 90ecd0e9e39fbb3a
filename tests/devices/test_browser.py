"""Chromium: register a device, use its accidental damage cover, be refused a second time, remove it — in place;
and the same forms with JavaScript off."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.helpers.accounts import NO_LIMITS, PASSWORD, make_account
from tests.helpers.browser import serious_accessibility_violations
from tests.helpers.clock import FakeClock
from tests.helpers.devices import devices, replacements

pytestmark = pytest.mark.browser


@pytest.fixture
def config_overrides() -> dict:
    # The live server speaks plain http, where a browser would drop Secure cookies; 15 June 2025, 1pm in London.
    return {"COOKIE_SECURE": False, "BASE_URL": "http://127.0.0.1", "CLOCK": FakeClock(), **NO_LIMITS}


def _sign_in_to_devices(page: Page, site: str) -> None:
    """Ask for "Your devices", sign in on the way, and land there."""
    page.goto(site + "/account/devices/")
    expect(page).to_have_url(re.compile(re.escape(site) + r"/account/login\?next=/account/devices/$"))
    main = page.locator("main")
    main.get_by_label("Email").fill("ann@example.com")
    main.get_by_label("Password", exact=True).fill(PASSWORD)
    main.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(site + "/account/devices/")


def _register(page: Page, model: str, serial: str, purchase: str) -> None:
    page.get_by_label("Model").select_option(label=model)
    page.get_by_label("Serial number").fill(serial)
    page.get_by_label("Purchase date").fill(purchase)
    page.get_by_role("button", name="Register this device").click()


def _request(page: Page, reason: str) -> None:
    device = page.locator(".device").first
    details = device.locator("details.device-request")
    if details.get_attribute("open") is None:
        device.locator("summary").click()
    device.get_by_role("radio", name=reason).check()
    device.get_by_role("button", name="Send the request").click()


def test_register_use_the_cover_and_be_refused_again_all_in_place(page: Page, app, live_server: str) -> None:
    make_account(app, "ann@example.com")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    _sign_in_to_devices(page, live_server)
    expect(page.locator("#account-menu").get_by_role("link", name="Your devices")).to_be_visible()
    page.evaluate("() => { window.devicesMarker = 'no reload' }")
    region = page.locator("#devices")

    _register(page, "Model S2 speaker", "S2-AB12-CD3", "2025-01-31")
    expect(region.locator(".field-error")).to_have_text(
        "That doesn't look like a serial number for Model S2 speaker. Check the label on the device.")
    expect(page.get_by_label("Serial number")).to_be_focused()
    page.get_by_label("Serial number").fill("s2-ab12-cd34")
    page.get_by_role("button", name="Register this device").click()
    expect(region).to_contain_text("Model S2 speaker S2AB12CD34 is registered to your account.")
    device = region.locator(".device").first
    expect(device.get_by_role("heading", name="Model S2 speaker")).to_be_visible()
    expect(device).to_contain_text("31 January 2027")
    expect(device.locator("dd", has_text="Available").first).to_be_visible()
    assert serious_accessibility_violations(page) == []

    _request(page, "Accidental damage")
    expect(region).to_contain_text("Your replacement request for Model S2 speaker S2AB12CD34 is recorded")
    expect(device).to_contain_text("Used on 15 June 2025")
    expect(device.locator(".device-requests")).to_contain_text("15 June 2025: Accidental damage")

    _request(page, "Accidental damage")
    expect(device.locator(".field-error")).to_have_text(
        "Accidental damage cover has already been used for this device (on 15 June 2025).")
    assert len(replacements(app)) == 1

    device.get_by_role("link", name="Remove").click()
    expect(device).to_contain_text("Remove Model S2 speaker S2AB12CD34 from your account?")
    device.get_by_role("button", name="Remove this device").click()
    expect(region).to_contain_text("Model S2 speaker S2AB12CD34 is removed from your account.")
    expect(region).to_contain_text("You haven't registered a device yet.")

    assert page.evaluate("() => window.devicesMarker") == "no reload"
    assert page.url == live_server + "/account/devices/"
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    assert [d.removed_at is not None for d in devices(app)] == [True]


def test_register_request_and_remove_without_javascript(browser: Browser, app, live_server: str) -> None:
    make_account(app, "ann@example.com")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _sign_in_to_devices(page, live_server)

    _register(page, "Model W1 watch", "W1ABCDEFGHI", "2026-01-01")
    expect(page.get_by_text("The purchase date can't be in the future.")).to_be_visible()
    page.get_by_label("Purchase date").fill("2025-02-01")
    page.get_by_role("button", name="Register this device").click()
    expect(page).to_have_url(live_server + "/account/devices/")
    expect(page.get_by_text("Model W1 watch W1ABCDEFGHI is registered to your account.")).to_be_visible()
    expect(page.locator(".device")).to_contain_text("1 February 2026")  # 12 months

    _request(page, "It stopped working")
    expect(page).to_have_url(re.compile(re.escape(live_server) + r"/account/devices/#device-\d+$"))
    expect(page.locator(".device-requests")).to_contain_text("15 June 2025: It stopped working")

    page.locator(".device").get_by_role("link", name="Remove").click()
    expect(page).to_have_url(re.compile(r"/account/devices/\d+/remove$"))
    page.get_by_role("button", name="Remove this device").click()
    expect(page).to_have_url(live_server + "/account/devices/")
    expect(page.get_by_text("You haven't registered a device yet.")).to_be_visible()
    assert [d.serial for d in devices(app)] == ["W1ABCDEFGHI"]
    context.close()
