"""Any text in any field of the device forms: a page with a message (200, 303 or 422), never a 500."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.devices import DEVICES, devices, only_device, register, replacements, signed_in, text
from tests.helpers.forms import csrf_token, referer
from tests.helpers.htmx import HX

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Anything a browser could send: any characters (NUL and controls included), or something close to valid.
ANY_TEXT = st.one_of(st.text(max_size=80), st.text(alphabet="S2AB0123456789 -", max_size=14),
                     st.sampled_from(["", "speaker-s2", "clip-c1", "S2AB12CD34", "2025-01-31", "2025-02-30",
                                      "9999-12-31", "0001-01-01", "fault", "accidental_damage", "\x00"]))
MESSAGE = re.compile(r'class="(field-error|form-message[^"]*)"')


@pytest.fixture
def member_with_token(app):
    """A signed-in member, a CSRF token for their session, and one device of theirs."""
    client = signed_in(app, "ann@example.com")
    register(client, serial="S2FUZZ0001")
    return client, csrf_token(client, DEVICES), only_device(app)


@FUZZ
@given(model=ANY_TEXT, serial=ANY_TEXT, purchase=ANY_TEXT, htmx=st.booleans())
def test_register_form_answers_any_input_with_a_page_and_a_message(app, member_with_token, model, serial, purchase,
                                                                     htmx) -> None:
    client, token, _device = member_with_token
    response = client.post(DEVICES, data={"csrf_token": token, "model": model, "serial": serial,
                                          "purchase_date": purchase},
                           headers={**referer(DEVICES), **(HX if htmx else {})})
    assert response.status_code in (200, 303, 422)
    if response.status_code == 422:
        assert MESSAGE.search(text(response))
    for stored in devices(app):  # whatever got in is a well-formed registration
        assert re.fullmatch(r"S2[A-Z0-9]{8}|C1[0-9]{6}|W1[A-Z0-9]{9}", stored.serial)


@FUZZ
@given(kind=ANY_TEXT, details=st.one_of(ANY_TEXT, st.text(min_size=490, max_size=520)), htmx=st.booleans())
def test_request_form_answers_any_input_with_a_page_and_a_message(app, member_with_token, kind, details,
                                                                    htmx) -> None:
    client, token, device = member_with_token
    prefix = f"device-{device}-"
    response = client.post(f"{DEVICES}{device}/requests",
                           data={"csrf_token": token, prefix + "kind": kind, prefix + "details": details},
                           headers={**referer(DEVICES), **(HX if htmx else {})})
    assert response.status_code in (200, 303, 422)
    if response.status_code == 422:
        assert MESSAGE.search(text(response))
    for stored in replacements(app):
        assert stored.kind in ("fault", "accidental_damage")
        assert stored.details is None or (len(stored.details) <= 500 and "\x00" not in stored.details)


@FUZZ
@given(path=st.text(alphabet=st.characters(codec="ascii", exclude_characters="?#"), max_size=30))
def test_any_path_under_devices_is_never_a_500(member_with_token, path) -> None:
    client, _token, _device = member_with_token
    assert client.get(DEVICES + path).status_code in (200, 303, 308, 404, 405)
