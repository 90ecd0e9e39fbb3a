"""devices.yml on the running site: re-read when it changes, problems logged once, a broken file tolerated."""
from __future__ import annotations

import logging
import os
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from helpcentre.devices.catalogue import DeviceModel
from helpcentre.devices.catalogue_file import CatalogueFile
from helpcentre.devices.cover import ACCIDENTAL_DAMAGE, FAULT, device_cover
from helpcentre.devices.listing import device_rows
from helpcentre.devices.models import RegisteredDevice, ReplacementRequest
from tests.helpers.clock import FakeClock
from tests.helpers.content import FIXTURES, write_tree
from tests.helpers.devices import DEVICES, devices, only_device, register, remove, replacements, signed_in, text
from tests.helpers.forms import post_form

GOOD = (FIXTURES / "site" / "devices.yml").read_text(encoding="utf-8")
BROKEN = GOOD.replace("warranty_months: 24", "warranty_months: lots", 1)
UNAVAILABLE = "Device registration is unavailable right now"


def _watch(tmp_path: Path, text: str | None, interval: float = 10.0) -> tuple[CatalogueFile, Path, FakeClock]:
    path = tmp_path / "devices.yml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    clock = FakeClock()
    return CatalogueFile(path, lambda p: p.name, interval=interval, clock=clock.seconds), path, clock


def _rewrite(path: Path, text: str) -> None:
    """Write the file and move its modification time on, as a later save would."""
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))


# The watcher

def test_changes_are_seen_after_the_interval_not_before(tmp_path) -> None:
    watched, path, clock = _watch(tmp_path, GOOD)
    assert list(watched.reading().value or {}) == ["speaker-s2", "watch-w1", "clip-c1"]
    _rewrite(path, GOOD.replace("Model S2 speaker", "Model S2 speaker (2023)"))
    clock.advance(seconds=5)
    assert watched.reading().value["speaker-s2"].name == "Model S2 speaker"
    clock.advance(seconds=5)
    assert watched.reading().value["speaker-s2"].name == "Model S2 speaker (2023)"


def test_a_file_that_did_not_change_is_not_read_again(tmp_path, monkeypatch) -> None:
    watched, _path, clock = _watch(tmp_path, GOOD, interval=0)
    first = watched.reading()
    monkeypatch.setattr("helpcentre.devices.catalogue_file.load_catalogue",
                        lambda *a, **k: pytest.fail("read again"))
    clock.advance(seconds=100)
    assert watched.reading() is first


def test_a_same_size_change_with_a_new_modification_time_is_read(tmp_path) -> None:
    watched, path, clock = _watch(tmp_path, GOOD, interval=0)
    watched.reading()
    _rewrite(path, GOOD.replace("warranty_months: 24", "warranty_months: 36", 1))
    clock.advance(seconds=1)
    assert watched.reading().value["speaker-s2"].warranty_months == 36


def test_problems_are_logged_once_and_again_only_after_a_fix_and_a_relapse(tmp_path, caplog) -> None:
    watched, path, clock = _watch(tmp_path, BROKEN, interval=0)
    caplog.set_level(logging.ERROR, logger="helpcentre.devices.catalogue_file")
    for _ in range(3):  # read at 0, 1 and 2 seconds
        assert watched.reading().value is None
        clock.advance(seconds=1)
    _rewrite(path, BROKEN + "\n")  # saved again, still broken the same way
    clock.advance(seconds=7)  # 10 seconds
    watched.reading()
    logged = [r.getMessage() for r in caplog.records]
    assert logged == ["device models: devices.yml:4: `warranty_months` must be a whole number of months from 1 to 120"]
    _rewrite(path, GOOD)
    clock.advance(seconds=10)
    assert watched.reading().value is not None
    _rewrite(path, BROKEN)
    clock.advance(seconds=10)
    watched.reading()
    assert len(caplog.records) == 2


def test_a_missing_file_means_no_catalogue_and_no_complaint(tmp_path, caplog) -> None:
    watched, path, clock = _watch(tmp_path, None, interval=0)
    caplog.set_level(logging.ERROR)
    reading = watched.reading()
    assert (reading.value, reading.problems, reading.stamp) == (None, (), "missing")
    path.write_text(GOOD, encoding="utf-8")
    clock.advance(seconds=1)
    assert watched.reading().value is not None
    assert caplog.records == []


# The site while devices.yml is broken, fixed or missing

@pytest.fixture
def site(make_app, content_copy, config_overrides):
    """An app over a writable copy of the content, re-checking devices.yml on every request."""
    return make_app(**config_overrides, CONTENT_DIR=str(content_copy))


def test_a_broken_file_makes_registration_unavailable_while_the_list_still_shows(site, content_copy) -> None:
    member = signed_in(site, "ann@example.com")
    register(member)
    device = only_device(site)
    write_tree(content_copy, {"devices.yml": BROKEN})
    html = text(member.get(DEVICES))
    assert f"{UNAVAILABLE}. Please try again later." in html and 'id="serial"' not in html
    assert "<h3>speaker-s2</h3>" in html and "<dd>S2AB12CD34</dd>" in html  # the stored model id stands in
    assert "<dt>Warranty and cover</dt><dd>Can't be shown right now." in html
    confirm = f"{DEVICES}{device}/remove"  # the one form left on the page, for a CSRF token
    response = post_form(member, DEVICES, {"model": "speaker-s2", "serial": "S2ZZZZZZZZ",
                                           "purchase_date": "2025-01-31"}, form_url=confirm)
    assert response.status_code == 422 and UNAVAILABLE in text(response)
    response = post_form(member, f"{DEVICES}{device}/requests", {f"device-{device}-kind": FAULT}, form_url=confirm)
    assert response.status_code == 422
    assert "Replacement requests for this device are unavailable right now." in text(response)
    assert replacements(site) == [] and len(devices(site)) == 1
    # Removing needs no catalogue.
    assert remove(member, device).status_code == 303 and devices(site)[0].removed_at is not None


def test_fixing_the_file_brings_registration_back_without_a_restart(site, content_copy) -> None:
    member = signed_in(site, "ann@example.com")
    write_tree(content_copy, {"devices.yml": BROKEN})
    assert UNAVAILABLE in text(member.get(DEVICES))
    _rewrite(content_copy / "devices.yml", GOOD)
    html = text(member.get(DEVICES))
    assert UNAVAILABLE not in html and 'id="serial"' in html
    assert register(member).status_code == 303


def test_a_model_taken_out_of_the_file_is_listed_by_its_id(site, content_copy) -> None:
    member = signed_in(site, "ann@example.com")
    register(member)
    register(member, model="watch-w1", serial="W1ABCDEFGHI", purchase="2025-02-01")
    _rewrite(content_copy / "devices.yml", GOOD.split("- id: watch-w1")[0])
    html = text(member.get(DEVICES))
    assert "<h3>watch-w1</h3>" in html and "<h3>Model S2 speaker</h3>" in html
    assert html.count("Can't be shown right now") == 1
    assert '<option value="watch-w1">' not in html


def test_a_site_without_devices_yml_offers_no_registration(site, content_copy, caplog) -> None:
    (content_copy / "devices.yml").unlink()
    caplog.set_level(logging.ERROR)
    member = signed_in(site, "ann@example.com")
    assert UNAVAILABLE in text(member.get(DEVICES))
    assert caplog.records == []


# The list's rows, as a plain function

SPEAKER = DeviceModel("speaker-s2", "Model S2 speaker", 24, re.compile("^S2[A-Z0-9]{8}$"), date(2023, 3, 1))


def _device(device_id: int, serial: str, model_id: str = "speaker-s2") -> RegisteredDevice:
    return RegisteredDevice(id=device_id, user_id=1, model_id=model_id, serial=serial,
                            purchase_date=date(2024, 1, 31), registered_at=datetime(2024, 2, 1, tzinfo=UTC))


def test_rows_carry_each_serials_requests_with_readers_labels_and_cover() -> None:
    history = {"S2AAAAAAAA": [
        ReplacementRequest(kind=ACCIDENTAL_DAMAGE, requested_on=date(2025, 3, 2), details="x"),
        ReplacementRequest(kind=FAULT, requested_on=date(2024, 9, 1), details=None)]}
    first, second = device_rows([_device(1, "S2AAAAAAAA"), _device(2, "S2BBBBBBBB")], history,
                                {"speaker-s2": SPEAKER}, date(2025, 6, 15))
    assert [(r.label, r.requested_on) for r in first.requests] == [
        ("Accidental damage", date(2025, 3, 2)), ("It stopped working", date(2024, 9, 1))]
    assert first.cover == device_cover(date(2024, 1, 31), SPEAKER, date(2025, 6, 15),
                                       [(ACCIDENTAL_DAMAGE, date(2025, 3, 2)), (FAULT, date(2024, 9, 1))])
    assert first.cover.accidental_damage == "used" and second.cover.accidental_damage == "available"
    assert second.requests == () and first.request_refusal is None


def test_rows_without_a_catalogue_fall_back_to_the_model_id_and_no_cover() -> None:
    [row] = device_rows([_device(1, "S2AAAAAAAA")], {}, None, date(2025, 6, 15))
    assert (row.model_name, row.cover, row.request_refusal) == ("speaker-s2", None, None)


def test_rows_out_of_warranty_say_why_nothing_can_be_requested() -> None:
    [row] = device_rows([_device(1, "S2AAAAAAAA")], {}, {"speaker-s2": SPEAKER}, date(2026, 2, 1))
    assert row.request_refusal is not None and row.request_refusal.startswith(
        "This device's warranty ended on 31 January 2026")
