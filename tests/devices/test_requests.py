"""Replacement requests and removal: the one-time cover, refusals with what to do, history kept."""
from __future__ import annotations

from datetime import date

import pytest

from helpcentre.devices.cover import ACCIDENTAL_DAMAGE, FAULT
from tests.helpers.devices import (
    DEVICES,
    HELD_ELSEWHERE,
    ask_replacement,
    devices,
    only_device,
    register,
    remove,
    replacements,
    signed_in,
    text,
)
from tests.helpers.forms import csrf_token, referer
from tests.helpers.htmx import HX

USED = "Accidental damage cover has already been used for this device (on 15 June 2025)."


@pytest.fixture
def speaker(app, member) -> int:
    """Ann's speaker, bought 31 January 2025: in warranty until 31 January 2027."""
    register(member)
    return only_device(app)


# Requests

def test_accidental_damage_request_is_recorded_and_uses_the_cover(app, member, speaker) -> None:
    response = ask_replacement(member, speaker, ACCIDENTAL_DAMAGE, "Dropped it on the stairs")
    assert response.status_code == 303 and response.headers["Location"] == f"{DEVICES}#device-{speaker}"
    html = text(member.get(DEVICES))
    assert ("Your replacement request for Model S2 speaker S2AB12CD34 is recorded: Accidental damage, "
            "15 June 2025.") in html
    assert "<dt>Accidental damage cover</dt>\n  <dd>Used on 15 June 2025</dd>" in html
    assert "<li>15 June 2025: Accidental damage<br><span class=\"hint\">Dropped it on the stairs</span></li>" in html
    [stored] = replacements(app)
    assert (stored.device_id, stored.kind, stored.details, stored.requested_on) == (
        speaker, ACCIDENTAL_DAMAGE, "Dropped it on the stairs", date(2025, 6, 15))


def test_request_with_htmx_answers_the_updated_region(app, member, speaker) -> None:
    response = ask_replacement(member, speaker, ACCIDENTAL_DAMAGE, headers=HX)
    html = text(response)
    assert response.status_code == 200 and "<html" not in html and html.lstrip().startswith('<div id="devices"')
    assert "Used on 15 June 2025" in html
    assert response.headers["HX-Retarget"] == "#devices"


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_second_accidental_damage_request_is_refused_with_a_clear_message(app, member, speaker, headers) -> None:
    ask_replacement(member, speaker, ACCIDENTAL_DAMAGE)
    response = ask_replacement(member, speaker, ACCIDENTAL_DAMAGE, "Dropped it again", headers=headers)
    html = text(response)
    assert response.status_code == 422 and ("<html" in html) is (not headers)
    assert f'<p class="field-error" id="device-{speaker}-kind-error" tabindex="-1" autofocus>{USED}</p>' in html
    assert "Dropped it again" in html  # what the reader typed is kept for them
    assert len(replacements(app)) == 1


def test_fault_requests_stay_available_after_the_cover_is_used(app, member, speaker) -> None:
    ask_replacement(member, speaker, ACCIDENTAL_DAMAGE)
    assert ask_replacement(member, speaker, FAULT, "It won't turn on").status_code == 303
    assert ask_replacement(member, speaker, FAULT).status_code == 303
    assert [r.kind for r in replacements(app)] == [ACCIDENTAL_DAMAGE, FAULT, FAULT]
    html = text(member.get(DEVICES))
    assert html.count("15 June 2025: It stopped working") == 2 and "<dt>Rapid replacement</dt>\n  <dd>Available" in html


@pytest.mark.parametrize("kind", [FAULT, ACCIDENTAL_DAMAGE])
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_requests_out_of_warranty_are_refused_with_a_way_to_support(app, member, kind, headers) -> None:
    register(member, model="clip-c1", serial="C1123456", purchase="2025-01-31")  # ended 28 February 2025
    device = only_device(app)
    response = ask_replacement(member, device, kind, headers=headers)
    html = text(response)
    assert response.status_code == 422
    assert ("This device's warranty ended on 28 February 2025, so a replacement can't be requested here. "
            "Contact support and we'll tell you what we can do, such as a repair.") in html
    assert 'role="alert"' in html and '<a href="/support">Contact service and support</a>' in html
    assert replacements(app) == []


@pytest.mark.parametrize(("kind", "details", "message"), [
    ("", "", "Choose why you need a replacement: It stopped working, or Accidental damage."),
    ("theft", "", "Choose why you need a replacement: It stopped working, or Accidental damage."),
    (FAULT, "x" * 501, "Please keep this to 500 characters or fewer."),
])
def test_bad_request_input_gets_its_message_and_stores_nothing(app, member, speaker, kind, details, message) -> None:
    response = ask_replacement(member, speaker, kind, details)
    assert response.status_code == 422 and message in text(response)
    assert replacements(app) == []


def test_details_are_trimmed_and_control_characters_dropped(app, member, speaker) -> None:
    ask_replacement(member, speaker, FAULT, "  Screen\r\nflickers\x00\x07  ")
    assert replacements(app)[0].details == "Screen\nflickers"


def test_blank_details_are_stored_as_none(app, member, speaker) -> None:
    ask_replacement(member, speaker, FAULT, "  \r\n ")
    assert replacements(app)[0].details is None


# Removing

def test_remove_confirmation_page_without_javascript_is_a_plain_form(member, speaker) -> None:
    html = text(member.get(f"{DEVICES}{speaker}/remove"))
    assert "<html" in html and "<h1>Remove a device</h1>" in html
    assert "Remove Model S2 speaker S2AB12CD34 from your account?" in html
    assert f'action="{DEVICES}{speaker}/remove" method="post"' in html and "hx-post" not in html
    assert f'<a class="button-link secondary" href="{DEVICES}">Keep it</a>' in html


def test_remove_confirmation_fragment_posts_with_htmx(member, speaker) -> None:
    response = member.get(f"{DEVICES}{speaker}/remove", headers=HX)
    html = text(response)
    assert response.status_code == 200 and "<html" not in html
    assert f'hx-post="{DEVICES}{speaker}/remove" hx-target="#devices"' in html
    assert "HX-Retarget" not in response.headers  # it goes in place of the device, where the link said


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_remove_takes_the_device_off_the_list_and_keeps_its_history(app, member, speaker, headers) -> None:
    ask_replacement(member, speaker, ACCIDENTAL_DAMAGE)
    response = remove(member, speaker, headers=headers)
    if headers:
        assert response.status_code == 200 and "<html" not in text(response)
    else:
        assert response.status_code == 303 and response.headers["Location"] == DEVICES
    html = text(response if headers else member.get(DEVICES))
    assert "Model S2 speaker S2AB12CD34 is removed from your account. Its replacement history is kept." in html
    assert f'id="device-{speaker}"' not in html and "You haven't registered a device yet." in html
    [stored] = devices(app)
    assert stored.removed_at is not None
    assert [(r.device_id, r.kind) for r in replacements(app)] == [(speaker, ACCIDENTAL_DAMAGE)]


def test_a_removed_device_takes_no_requests_and_cant_be_removed_twice(app, member, speaker) -> None:
    remove(member, speaker)
    assert ask_replacement(member, speaker, FAULT).status_code == 404
    assert member.get(f"{DEVICES}{speaker}/remove").status_code == 404
    assert remove(member, speaker).status_code == 404
    assert replacements(app) == []


def test_the_same_account_may_register_a_removed_serial_again_and_its_cover_stays_used(app, member, speaker) -> None:
    ask_replacement(member, speaker, ACCIDENTAL_DAMAGE)
    remove(member, speaker)
    assert register(member, serial="s2ab12cd34").status_code == 303
    html = text(member.get(DEVICES))
    assert "Used on 15 June 2025" in html and "15 June 2025: Accidental damage" in html
    again = devices(app)[-1].id
    response = ask_replacement(member, again, ACCIDENTAL_DAMAGE)
    assert response.status_code == 422 and USED in text(response)


def test_another_account_cant_register_a_serial_once_registered_elsewhere(app, member, speaker) -> None:
    remove(member, speaker)
    bob = signed_in(app, "bob@example.com")
    response = register(bob)
    assert response.status_code == 422 and HELD_ELSEWHERE in text(response)
    assert len(devices(app)) == 1


# CSRF and limits

@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_posts_without_a_valid_csrf_token_change_nothing(app, member, speaker, headers) -> None:
    posts = [(DEVICES, {"model": "speaker-s2", "serial": "S2ZZZZZZZZ", "purchase_date": "2025-01-31"}),
             (f"{DEVICES}{speaker}/requests", {f"device-{speaker}-kind": FAULT}),
             (f"{DEVICES}{speaker}/remove", {})]
    for url, data in posts:
        for token in ({}, {"csrf_token": "not-a-token"}):
            response = member.post(url, data={**data, **token}, headers={**referer(DEVICES), **headers})
            html = text(response)
            assert response.status_code == 400 and "Your session expired, please try again." in html
            assert ("<html" in html) is (not headers) and 'name="csrf_token"' in html  # a fresh token to retry
    assert len(devices(app)) == 1 and devices(app)[0].removed_at is None and replacements(app) == []


def test_registration_attempts_are_limited_per_address(app, member, speaker) -> None:
    app.config["DEVICES_LIMIT"] = "3 per minute"
    token = csrf_token(member, DEVICES)
    data = {"csrf_token": token, "model": "speaker-s2", "serial": "S2WRONG", "purchase_date": "2025-01-31"}
    statuses = [member.post(DEVICES, data=data, headers=referer(DEVICES)).status_code for _ in range(3)]
    assert statuses == [422, 422, 422]
    response = member.post(DEVICES, data=data, headers={**referer(DEVICES), **HX})
    assert response.status_code == 429 and "<html" not in text(response)
    assert "You've tried to register devices too many times. Please wait a minute and try again." in text(response)
    assert member.post(DEVICES, data=data, headers=referer(DEVICES)).status_code == 429
    # The list and the other forms still work meanwhile.
    assert member.get(DEVICES).status_code == 200
    assert ask_replacement(member, speaker, FAULT).status_code == 303
