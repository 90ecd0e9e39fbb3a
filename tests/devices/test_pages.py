""""Your devices": who may see it, the page and its fragment, registering, and the warranty dates it shows."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.helpers.accounts import make_account, menu, sign_in
from tests.helpers.devices import ALREADY_YOURS, DEVICES, HELD_ELSEWHERE, SERIAL, devices, register, signed_in, text
from tests.helpers.forms import csrf_token, referer
from tests.helpers.htmx import HX

# Who may see it

def test_signed_out_reader_goes_to_sign_in_and_comes_back(client) -> None:
    response = client.get(DEVICES)
    assert response.status_code == 303
    assert response.headers["Location"] == "/account/login?next=/account/devices/"


def test_signed_out_reader_asking_for_a_devices_page_comes_back_to_that_page(client) -> None:
    response = client.get(DEVICES + "3/remove")
    assert response.headers["Location"] == "/account/login?next=/account/devices/3/remove"


def test_signed_out_htmx_request_loads_sign_in_as_a_whole_page(client) -> None:
    response = client.get(DEVICES, headers=HX)
    assert response.status_code == 200 and response.get_data() == b""
    assert response.headers["HX-Redirect"] == "/account/login?next=/account/devices/"


def test_after_signing_in_the_reader_lands_on_their_devices(app, client) -> None:
    make_account(app, "ann@example.com")
    response = sign_in(client, "ann@example.com", next_path="/account/devices/")
    assert response.headers["Location"] == "/account/devices/"
    assert client.get(DEVICES).status_code == 200


def test_unverified_account_is_sent_to_verify_and_never_sees_devices(app, client) -> None:
    make_account(app, "ann@example.com", verified=False)
    assert sign_in(client, "ann@example.com").headers["Location"].startswith("/account/verify")
    response = client.get(DEVICES)
    assert response.status_code == 303 and response.headers["Location"].startswith("/account/login?next=")


def test_reader_under_18_today_is_turned_away(app) -> None:
    young = signed_in(app, "kid@example.com", dob=date(2008, 1, 2))  # 17 on 15 June 2025
    response = young.get(DEVICES)
    assert response.status_code == 403
    assert "for adults (18 or over)" in text(response) and "Register a device" not in text(response)


def test_a_signed_out_post_is_refused_before_anything_is_stored(app, client) -> None:
    make_account(app, "ann@example.com")
    token = csrf_token(client, "/account/login")
    response = client.post(DEVICES, data={"csrf_token": token, "model": "speaker-s2", "serial": SERIAL,
                                          "purchase_date": "2025-01-31"}, headers=referer(DEVICES))
    assert response.status_code == 303 and response.headers["Location"] == "/account/login?next=/account/devices/"
    assert devices(app) == []


# The page and its fragment

def test_list_page_is_a_whole_private_page(member) -> None:
    response = member.get(DEVICES)
    html = text(response)
    assert response.status_code == 200 and "<html" in html and "<h1>Your devices</h1>" in html
    assert 'id="devices"' in html and 'hx-history="false"' in html
    assert "You haven't registered a device yet." in html
    assert response.headers["Cache-Control"] == "no-store" and "HX-Request" in response.headers["Vary"]


def test_list_fragment_for_htmx_is_the_region_only(member) -> None:
    response = member.get(DEVICES, headers=HX)
    html = text(response)
    assert response.status_code == 200 and "<html" not in html and html.lstrip().startswith('<div id="devices"')
    assert response.headers["HX-Retarget"] == "#devices" and response.headers["HX-Reswap"] == "outerHTML"
    assert response.headers["Cache-Control"] == "no-store" and "HX-Request" in response.headers["Vary"]


def test_register_form_offers_the_catalogues_models_in_its_order(member) -> None:
    html = text(member.get(DEVICES))
    assert ('<option value="">Choose a model</option><option value="speaker-s2">Model S2 speaker</option>'
            '<option value="watch-w1">Model W1 watch</option><option value="clip-c1">Model C1 clip</option>') in html
    for label in ("Model", "Serial number", "Purchase date"):
        assert f">{label}</label>" in html
    assert 'hx-post="/account/devices/"' in html and 'action="/account/devices/" method="post"' in html


def test_account_page_and_menu_link_to_your_devices(app, member) -> None:
    assert '<a href="/account/devices/">Your devices</a>' in text(member.get("/account/"))
    assert '<a href="/account/devices/">Your devices</a>' in menu(member)


# Registering

def test_register_without_javascript_redirects_to_the_list_showing_the_device(app, member) -> None:
    response = register(member, serial="s2-ab12 cd34", purchase="2025-01-31")
    assert response.status_code == 303 and response.headers["Location"] == DEVICES
    html = text(member.get(DEVICES))
    assert "Model S2 speaker S2AB12CD34 is registered to your account." in html
    for fact in ("<dt>Serial number</dt><dd>S2AB12CD34</dd>", "<dt>Purchase date</dt><dd>31 January 2025</dd>",
                 "<dt>Warranty end date</dt><dd>31 January 2027</dd>", "<dt>Warranty</dt><dd>In warranty</dd>",
                 "<dd>Available</dd>", "<h4>Replacement requests</h4>", "None so far."):
        assert fact in html
    [stored] = devices(app)
    assert (stored.serial, stored.model_id, stored.purchase_date) == ("S2AB12CD34", "speaker-s2", date(2025, 1, 31))
    assert stored.registered_at == datetime(2025, 6, 15, 12, 0, tzinfo=UTC) and stored.removed_at is None


def test_register_with_htmx_answers_the_updated_region(app, member) -> None:
    response = register(member, headers=HX)
    html = text(response)
    assert response.status_code == 200 and "<html" not in html
    assert "Model S2 speaker S2AB12CD34 is registered to your account." in html and 'id="device-' in html
    assert 'id="serial"' in html and 'value="S2AB12CD34"' not in html  # a fresh, empty form
    assert len(devices(app)) == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"model": ""}, "Choose your device's model from the list."),
    ({"model": "speaker-s9"}, "Choose your device's model from the list."),
    ({"serial": ""}, "Enter the serial number from the label on the device."),
    ({"serial": "S3AB12CD34"}, "That doesn't look like a serial number for Model S2 speaker."),
    ({"serial": "S2AB12CD3É"}, "A serial number has only letters A to Z and digits 0 to 9."),
    ({"purchase_date": ""}, "Enter the date you bought the device"),
    ({"purchase_date": "31/01/2025"}, "Enter the purchase date as a real date, like 2025-03-31"),
    ({"purchase_date": "2025-02-30"}, "Enter the purchase date as a real date, like 2025-03-31"),
    ({"purchase_date": "2025-06-16"}, "The purchase date can't be in the future."),
    ({"purchase_date": "2023-02-28"}, "Model S2 speaker went on sale on 1 March 2023"),
    ({"model": "", "purchase_date": "2025-06-16"}, "The purchase date can't be in the future."),
])
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_bad_input_gets_its_message_on_its_field_and_stores_nothing(app, member, fields, message, headers) -> None:
    data = {"model": "speaker-s2", "serial": SERIAL, "purchase_date": "2025-01-31", **fields}
    response = register(member, data["model"], data["serial"], data["purchase_date"], headers=headers)
    html = text(response)
    assert response.status_code == 422
    assert ("<html" in html) is (not headers)
    assert 'class="field-error"' in html and message in html and 'aria-invalid="true"' in html
    assert "autofocus" in html  # the first field in error takes the cursor
    assert devices(app) == []


def test_purchase_on_the_release_day_and_today_are_accepted(app, member) -> None:
    assert register(member, serial="S2AAAAAAAA", purchase="2023-03-01").status_code == 303
    assert register(member, serial="S2BBBBBBBB", purchase="2025-06-15").status_code == 303
    assert len(devices(app)) == 2


def test_today_is_the_sites_date_not_utcs(app, member, clock) -> None:
    clock.set(datetime(2025, 6, 15, 23, 30, tzinfo=UTC))  # 16 June, 00:30 in London
    sign_in(member, "ann@example.com")  # the earlier session went idle meanwhile
    assert register(member, purchase="2025-06-16").status_code == 303


def test_same_serial_twice_on_one_account_is_already_registered(app, member) -> None:
    register(member)
    response = register(member, serial="s2ab-12cd-34")
    assert response.status_code == 422 and ALREADY_YOURS in text(response)
    assert len(devices(app)) == 1


def test_serial_held_by_another_account_gets_contact_support_and_no_hint(app, member) -> None:
    register(member)
    bob = signed_in(app, "bob@example.com")
    response = register(bob, serial="S2 AB12 CD34", purchase="2025-03-01")
    html = text(response)
    assert response.status_code == 422 and HELD_ELSEWHERE in html
    assert "ann@example.com" not in html and "31 January 2025" not in html and ALREADY_YOURS not in html
    assert [d.user_id for d in devices(app)] == [devices(app)[0].user_id]
    assert "You haven't registered a device yet." in text(bob.get(DEVICES))


# Warranty dates through the pages

@pytest.mark.parametrize(("purchase", "end"), [
    ("2025-01-31", "28 February 2025"),  # 2025 has no 29 February
    ("2024-01-31", "29 February 2024"),  # 2024 has
    ("2024-12-31", "31 January 2025"),
    ("2025-03-31", "30 April 2025"),
])
def test_one_month_warranty_ends_on_the_months_last_day_when_shorter(member, purchase, end) -> None:
    register(member, model="clip-c1", serial="C1123456", purchase=purchase)
    html = text(member.get(DEVICES))
    assert f"<dt>Warranty end date</dt><dd>{end}</dd>" in html
    assert "<dt>Warranty</dt><dd>Warranty ended</dd>" in html


def test_leap_day_purchase_ends_on_28_february_two_years_later(member) -> None:
    register(member, purchase="2024-02-29")
    html = text(member.get(DEVICES))
    assert "<dt>Warranty end date</dt><dd>28 February 2026</dd>" in html and "<dd>In warranty</dd>" in html


def test_the_end_date_itself_is_in_warranty_and_the_next_sites_day_is_not(member, clock) -> None:
    register(member, model="clip-c1", serial="C1123456", purchase="2025-05-15")
    html = text(member.get(DEVICES))
    assert "<dd>15 June 2025</dd>" in html and "<dd>In warranty</dd>" in html
    assert "<dt>Rapid replacement</dt>\n  <dd>Available</dd>" in html
    clock.set(datetime(2025, 6, 15, 23, 30, tzinfo=UTC))  # already 16 June in London
    sign_in(member, "ann@example.com")
    html = text(member.get(DEVICES))
    assert "<dd>Warranty ended</dd>" in html
    assert "<dt>Accidental damage cover</dt>\n  <dd>Ended</dd>" in html
    assert "Not available: the warranty has ended" in html
    assert "This device's warranty ended on 15 June 2025" in html and 'href="/support"' in html
    assert "<summary>Request a replacement</summary>" not in html
