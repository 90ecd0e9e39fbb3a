"""Races: the database, not a check before the insert, decides who registers a serial and who uses the cover."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpcentre.database import db
from helpcentre.devices import store
from helpcentre.devices.cover import ACCIDENTAL_DAMAGE
from helpcentre.devices.models import RegisteredDevice
from tests.helpers.accounts import PASSWORD, make_account, sign_in
from tests.helpers.devices import (
    ALREADY_YOURS,
    DEVICES,
    HELD_ELSEWHERE,
    devices,
    only_device,
    register,
    replacements,
    signed_in,
    text,
)
from tests.helpers.forms import csrf_token, referer
from tests.helpers.htmx import HX
from tests.helpers.threads import all_at_once

NOW = datetime(2025, 6, 15, 12, tzinfo=UTC)
USED = "Accidental damage cover has already been used for this device"


def _tabs(app, email: str, count: int) -> list[FlaskClient]:
    """One account signed in from several browser tabs' worth of clients."""
    make_account(app, email)
    tabs = [app.test_client() for _ in range(count)]
    for tab in tabs:
        sign_in(tab, email, PASSWORD)
    return tabs


def _poster(client: FlaskClient, url: str, data: dict[str, Any]) -> Callable[[], TestResponse]:
    """A POST ready to go: its CSRF token fetched beforehand, so the threads only race the write."""
    token = csrf_token(client, DEVICES)
    return lambda: client.post(url, data={"csrf_token": token, **data}, headers={**referer(DEVICES), **HX})


def _registration(serial: str) -> dict[str, str]:
    return {"model": "speaker-s2", "serial": serial, "purchase_date": "2025-01-31"}


@pytest.mark.parametrize("serial", ["S2RACE0001", "S2RACE0002", "S2RACE0003"])
def test_accounts_racing_for_one_serial_exactly_one_wins_and_the_others_contact_support(app, serial) -> None:
    clients = [signed_in(app, f"racer{n}@example.com") for n in range(6)]
    results = all_at_once([_poster(c, DEVICES, _registration(serial)) for c in clients])
    won = [r for r in results if r.status_code == 200]
    lost = [r for r in results if r.status_code == 422]
    assert len(won) == 1 and len(lost) == 5
    assert "is registered to your account" in text(won[0])
    assert all(HELD_ELSEWHERE in text(r) for r in lost)
    assert [d.serial for d in devices(app)] == [serial]


def test_one_account_sending_one_serial_from_many_tabs_registers_it_once(app) -> None:
    tabs = _tabs(app, "ann@example.com", 5)
    results = all_at_once([_poster(tab, DEVICES, _registration("S2TABS0001")) for tab in tabs])
    assert sorted(r.status_code for r in results) == [200, 422, 422, 422, 422]
    assert all(ALREADY_YOURS in text(r) for r in results if r.status_code == 422)
    assert len(devices(app)) == 1


def test_accidental_damage_sent_many_times_at_once_is_accepted_once(app) -> None:
    tabs = _tabs(app, "ann@example.com", 5)
    register(tabs[0])
    device = only_device(app)
    url = f"{DEVICES}{device}/requests"
    results = all_at_once([_poster(tab, url, {f"device-{device}-kind": ACCIDENTAL_DAMAGE}) for tab in tabs])
    assert sorted(r.status_code for r in results) == [200, 422, 422, 422, 422]
    assert all(USED in text(r) for r in results if r.status_code == 422)
    assert [r.kind for r in replacements(app)] == [ACCIDENTAL_DAMAGE]


# The same races, with the check before the insert made to miss on purpose: only the indexes stand.

def test_the_unique_index_refuses_a_second_registered_device_even_when_the_check_missed(app, monkeypatch) -> None:
    ann, bob = make_account(app, "ann@example.com"), make_account(app, "bob@example.com")
    with app.app_context():
        first = store.register(ann, "speaker-s2", "S2INDEX001", date(2025, 1, 31), NOW)
        assert first is store.Registration.REGISTERED
        checks = iter([None])
        real = store._verdict
        monkeypatch.setattr(store, "_verdict", lambda user, serial: next(checks, None) or real(user, serial))
        second = store.register(bob, "speaker-s2", "S2INDEX001", date(2025, 2, 1), NOW)
        assert second is store.Registration.HELD_ELSEWHERE
    assert [d.user_id for d in devices(app)] == [ann]


def test_the_unique_index_refuses_a_second_accidental_damage_even_when_the_check_missed(app, monkeypatch) -> None:
    ann = make_account(app, "ann@example.com")
    with app.app_context():
        store.register(ann, "speaker-s2", "S2INDEX002", date(2025, 1, 31), NOW)
        device = db.session.scalar(db.select(RegisteredDevice))
        model = app.extensions["devices_file"].reading().value["speaker-s2"]
        today = date(2025, 6, 15)
        assert store.request_replacement(device, model, ACCIDENTAL_DAMAGE, None, today, NOW) is None
        checks = iter([None])
        real = store._problem
        monkeypatch.setattr(store, "_problem", lambda *args: next(checks, None) or real(*args))
        problem = store.request_replacement(device, model, ACCIDENTAL_DAMAGE, None, today, NOW)
    assert problem is not None and problem.startswith(USED)
    assert len(replacements(app)) == 1


def test_a_removed_serial_no_longer_counts_against_the_index(app) -> None:
    ann = make_account(app, "ann@example.com")
    with app.app_context():
        store.register(ann, "speaker-s2", "S2INDEX003", date(2025, 1, 31), NOW)
        first = db.session.scalar(db.select(RegisteredDevice.id))
        assert store.remove(ann, first, NOW)
        again = store.register(ann, "speaker-s2", "S2INDEX003", date(2025, 1, 31), NOW)
        assert again is store.Registration.REGISTERED
    assert [d.removed_at is None for d in devices(app)] == [False, True]
