"""Ownership: one account can neither see, remove nor request a replacement on another's device."""
from __future__ import annotations

import pytest

from helpcentre.devices.cover import ACCIDENTAL_DAMAGE, FAULT
from tests.helpers.devices import (
    DEVICES,
    HELD_ELSEWHERE,
    SERIAL,
    ask_replacement,
    devices,
    only_device,
    register,
    remove,
    replacements,
    signed_in,
    text,
)
from tests.helpers.htmx import HX

NOT_YOURS = "That device isn't registered to your account."


@pytest.fixture
def anns_device(app, member) -> int:
    """Ann's speaker, with one fault request."""
    register(member)
    device = only_device(app)
    ask_replacement(member, device, FAULT)
    return device


@pytest.fixture
def bob(app):
    """Bob, signed in, with a device of his own."""
    client = signed_in(app, "bob@example.com")
    register(client, model="watch-w1", serial="W1ABCDEFGHI", purchase="2025-02-01")
    return client


def _snapshot(app) -> list[tuple]:
    return ([(d.id, d.user_id, d.serial, d.removed_at) for d in devices(app)]
            + [(r.id, r.device_id, r.kind) for r in replacements(app)])


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_another_accounts_device_is_a_404_for_every_action_and_nothing_changes(app, anns_device, bob,
                                                                                headers) -> None:
    before = _snapshot(app)
    answers = [
        bob.get(f"{DEVICES}{anns_device}/remove", headers=headers),
        remove(bob, anns_device, headers=headers),
        ask_replacement(bob, anns_device, ACCIDENTAL_DAMAGE, headers=headers),
        ask_replacement(bob, anns_device, FAULT, headers=headers),
    ]
    for response in answers:
        html = text(response)
        assert response.status_code == 404 and NOT_YOURS in html
        assert SERIAL not in html and f'id="device-{anns_device}"' not in html  # nothing of Ann's device shows
        assert ("<html" in html) is (not headers)
        assert "W1ABCDEFGHI" in html  # Bob's own list, unchanged
    assert _snapshot(app) == before


def test_htmx_404_replaces_the_whole_list_not_the_device_it_came_from(anns_device, bob) -> None:
    response = bob.get(f"{DEVICES}{anns_device}/remove", headers=HX)
    assert response.headers["HX-Retarget"] == "#devices" and response.headers["HX-Reswap"] == "outerHTML"


@pytest.mark.parametrize("device_id", ["999999", "0"])
def test_ids_that_dont_exist_are_404_too(app, anns_device, bob, device_id) -> None:
    assert bob.get(f"{DEVICES}{device_id}/remove").status_code == 404
    assert ask_replacement(bob, int(device_id), FAULT).status_code == 404


@pytest.mark.parametrize("path", ["abc/remove", "-1/remove", "1.5/requests", "99999999999999999999999/remove"])
def test_ids_that_arent_numbers_are_404(bob, path) -> None:
    assert bob.get(DEVICES + path).status_code == 404


def test_the_list_shows_only_the_readers_own_devices(member, anns_device, bob) -> None:
    bobs = text(bob.get(DEVICES))
    assert "W1ABCDEFGHI" in bobs and SERIAL not in bobs and f'id="device-{anns_device}"' not in bobs
    anns = text(member.get(DEVICES))
    assert SERIAL in anns and "W1ABCDEFGHI" not in anns


def test_guessing_a_serial_registers_nothing_and_reveals_nothing(app, anns_device, bob) -> None:
    before = _snapshot(app)
    for typed in (SERIAL, "s2-ab12-cd34", " S2AB12CD34 "):
        response = register(bob, serial=typed, purchase="2025-03-01")
        assert response.status_code == 422 and HELD_ELSEWHERE in text(response)
    assert _snapshot(app) == before
