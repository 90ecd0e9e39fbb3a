"""Device rules as plain functions: month arithmetic, warranty end, serials, purchase dates, cover."""
from __future__ import annotations

import calendar
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpcentre.devices.catalogue import DeviceModel
from helpcentre.devices.cover import ACCIDENTAL_DAMAGE, FAULT, device_cover, request_problem
from helpcentre.devices.serials import normalise_serial, serial_problem
from helpcentre.devices.warranty import (
    add_months,
    format_date,
    in_warranty,
    purchase_date_problem,
    warranty_end,
)

SPEAKER = DeviceModel("speaker-s2", "Model S2 speaker", 24, re.compile(r"^S2[A-Z0-9]{8}$"), date(2023, 3, 1))
BOUGHT = date(2024, 3, 15)  # SPEAKER's warranty then ends on 15 March 2026


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2022, 11, 30), 3, date(2023, 2, 28)),
    (date(2023, 11, 30), 3, date(2024, 2, 29)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2024, 3, 31), 1, date(2024, 4, 30)),
    (date(2024, 8, 31), 6, date(2025, 2, 28)),
    (date(2024, 12, 15), 1, date(2025, 1, 15)),
    (date(2024, 3, 31), -1, date(2024, 2, 29)),
    (date(2024, 5, 17), 0, date(2024, 5, 17)),
])
def test_add_months_is_month_end_aware(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_add_months_past_year_9999_raises_overflow_error() -> None:
    with pytest.raises(OverflowError):
        add_months(date(9999, 12, 31), 1)


# Dates up to 9989 so that 120 months later is still a date Python can hold.
@given(st.dates(max_value=date(9989, 12, 31)), st.integers(min_value=0, max_value=120))
def test_add_months_keeps_the_day_or_lands_on_the_months_last_day(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == (day.day if day.day <= last else last)


def test_warranty_end_is_purchase_plus_the_models_months() -> None:
    assert warranty_end(BOUGHT, SPEAKER) == date(2026, 3, 15)
    short = DeviceModel("watch-w1", "Model W1 watch", 12, re.compile("W1"), date(2024, 1, 1))
    assert warranty_end(date(2024, 1, 31), short) == date(2025, 1, 31)


def test_warranty_end_date_itself_is_in_warranty_and_the_next_day_is_not() -> None:
    assert in_warranty(BOUGHT, SPEAKER, date(2026, 3, 15))
    assert not in_warranty(BOUGHT, SPEAKER, date(2026, 3, 16))
    assert device_cover(BOUGHT, SPEAKER, date(2026, 3, 15), []).in_warranty
    assert not device_cover(BOUGHT, SPEAKER, date(2026, 3, 16), []).in_warranty


def test_format_date_writes_day_month_name_and_year() -> None:
    assert format_date(date(2026, 3, 5)) == "5 March 2026"


def test_purchase_date_today_and_on_release_day_are_accepted() -> None:
    assert purchase_date_problem(date(2026, 1, 10), SPEAKER, today=date(2026, 1, 10)) is None
    assert purchase_date_problem(date(2023, 3, 1), SPEAKER, today=date(2026, 1, 10)) is None


def test_purchase_date_in_the_future_is_refused() -> None:
    assert purchase_date_problem(date(2026, 1, 11), SPEAKER, today=date(2026, 1, 10)) == (
        "The purchase date can't be in the future. Check the date on your receipt.")


def test_purchase_date_before_the_models_release_is_refused() -> None:
    assert purchase_date_problem(date(2023, 2, 28), SPEAKER, today=date(2026, 1, 10)) == (
        "Model S2 speaker went on sale on 1 March 2023, so the purchase date can't be earlier than that. "
        "Check the date on your receipt and the model you chose.")


@pytest.mark.parametrize(("raw", "expected"), [
    ("s2ab12cd34", "S2AB12CD34"),
    (" S2-AB12 CD34 ", "S2AB12CD34"),
    ("s2\tab12\ncd\u00a034", "S2AB12CD34"),
    ("S2\u2013AB12\u2014CD34", "S2AB12CD34"),
    ("", ""),
])
def test_normalise_serial_upper_cases_and_removes_spaces_and_dashes(raw: str, expected: str) -> None:
    assert normalise_serial(raw) == expected


@given(st.text())
def test_normalise_serial_is_idempotent(raw: str) -> None:
    once = normalise_serial(raw)
    assert normalise_serial(once) == once
    assert not any(c.isspace() or c == "-" for c in once)


@pytest.mark.parametrize(("serial", "message"), [
    ("", "Enter the serial number from the label on the device."),
    ("S2" + "A" * 63, "A serial number has at most 64 letters and digits. Check the label on the device."),
    ("S2AB_2CD34", "A serial number has only letters A to Z and digits 0 to 9. Check the label on the device."),
    ("S2ÄB12CD34", "A serial number has only letters A to Z and digits 0 to 9. Check the label on the device."),
    ("S3AB12CD34", "That doesn't look like a serial number for Model S2 speaker. Check the label on the device."),
    ("S2AB12CD3", "That doesn't look like a serial number for Model S2 speaker. Check the label on the device."),
])
def test_serial_problem_explains_what_is_wrong(serial: str, message: str) -> None:
    assert serial_problem(serial, SPEAKER) == message


def test_serial_matching_the_models_pattern_is_accepted() -> None:
    assert serial_problem(normalise_serial("s2-ab12-cd34"), SPEAKER) is None


def test_serial_must_match_the_whole_pattern_even_without_anchors() -> None:
    loose = DeviceModel("x", "Model X", 12, re.compile("S2[0-9]{2}"), date(2020, 1, 1))
    assert serial_problem("S212", loose) is None
    assert serial_problem("S2123", loose) is not None


def test_new_device_has_every_cover() -> None:
    cover = device_cover(BOUGHT, SPEAKER, date(2024, 6, 1), [])
    assert (cover.in_warranty, cover.warranty_end, cover.accidental_damage, cover.accidental_damage_used_on,
            cover.can_request_rapid_replacement) == (True, date(2026, 3, 15), "available", None, True)


def test_accidental_damage_request_uses_the_cover_on_its_date() -> None:
    requests = [(FAULT, date(2024, 5, 1)), (ACCIDENTAL_DAMAGE, date(2024, 9, 2))]
    cover = device_cover(BOUGHT, SPEAKER, date(2024, 10, 1), requests)
    assert (cover.accidental_damage, cover.accidental_damage_used_on) == ("used", date(2024, 9, 2))
    assert cover.can_request_rapid_replacement


def test_fault_requests_leave_accidental_damage_cover_available() -> None:
    cover = device_cover(BOUGHT, SPEAKER, date(2024, 10, 1), [(FAULT, date(2024, 5, 1)), (FAULT, date(2024, 7, 1))])
    assert cover.accidental_damage == "available"


def test_cover_ends_with_the_warranty_unless_already_used() -> None:
    after = date(2026, 3, 16)
    unused = device_cover(BOUGHT, SPEAKER, after, [])
    assert (unused.accidental_damage, unused.can_request_rapid_replacement) == ("ended", False)
    used = device_cover(BOUGHT, SPEAKER, after, [(ACCIDENTAL_DAMAGE, date(2025, 1, 4))])
    assert (used.accidental_damage, used.accidental_damage_used_on) == ("used", date(2025, 1, 4))


def test_requests_in_warranty_are_accepted() -> None:
    cover = device_cover(BOUGHT, SPEAKER, date(2024, 10, 1), [])
    assert request_problem(FAULT, cover) is None
    assert request_problem(ACCIDENTAL_DAMAGE, cover) is None


def test_second_accidental_damage_request_is_refused_with_the_date_of_the_first() -> None:
    cover = device_cover(BOUGHT, SPEAKER, date(2024, 10, 1), [(ACCIDENTAL_DAMAGE, date(2024, 9, 2))])
    assert request_problem(ACCIDENTAL_DAMAGE, cover) == (
        "Accidental damage cover has already been used for this device (on 2 September 2024).")
    assert request_problem(FAULT, cover) is None


def test_requests_out_of_warranty_are_refused_and_point_to_support() -> None:
    cover = device_cover(BOUGHT, SPEAKER, date(2026, 3, 16), [])
    for kind in (FAULT, ACCIDENTAL_DAMAGE):
        message = request_problem(kind, cover)
        assert message is not None
        assert message.startswith("This device's warranty ended on 15 March 2026")
        assert "Contact support" in message


def test_unknown_request_kind_is_refused() -> None:
    cover = device_cover(BOUGHT, SPEAKER, date(2024, 10, 1), [])
    assert request_problem("lost", cover) == (
        "Choose why you need a replacement: It stopped working, or Accidental damage.")


@given(st.text())
def test_any_typed_serial_gets_an_answer_not_an_error(raw: str) -> None:
    problem = serial_problem(normalise_serial(raw), SPEAKER)
    assert problem is None or problem.endswith(".")
