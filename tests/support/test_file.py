"""Loading and checking support.yml: every rule reports the exact `path:line: message`."""
from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpcentre.support.hours import Schedule, TimeRange
from helpcentre.support.schedule_file import load_schedule, parse_date, parse_range
from tests.helpers.content import REPOSITORY as ROOT

SHIPPED = ROOT / "content" / "support.yml"
TIME_HINT = 'use HH:MM on the 24-hour clock, e.g. "08:00" for 8am, "22:00" for 10pm'
OVERNIGHT_HINT = 'split overnight hours over two days, e.g. "22:00-24:00" then "00:00-02:00"'


def problems_in(tmp_path: Path, text: str) -> list[str]:
    """The problem lines for a support.yml with this text; the schedule must then be None."""
    path = tmp_path / "support.yml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    schedule, problems = load_schedule(str(path))
    assert problems and schedule is None
    return [str(problem).replace(str(path), "support.yml") for problem in problems]


def load_text(tmp_path: Path, text: str) -> Schedule:
    """The schedule from a valid support.yml text."""
    path = tmp_path / "support.yml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    schedule, problems = load_schedule(path)
    assert problems == []
    return schedule


# --- The shipped file ---------------------------------------------------------------------------

def test_shipped_file_loads_without_problems() -> None:
    schedule, problems = load_schedule(SHIPPED)
    assert problems == []
    assert schedule.tz == ZoneInfo("Europe/London") and schedule.label == "UK time"
    assert schedule.weekly == {day: (TimeRange(480, 1320),) for day in range(5)} | {
        5: (TimeRange(600, 1080),), 6: (TimeRange(600, 1080),)}
    assert schedule.closures[date(2026, 12, 25)] == "Christmas Day"
    assert date(2027, 3, 26) in schedule.closures and date(2027, 12, 28) in schedule.closures
    assert schedule.special[date(2026, 12, 24)] == (TimeRange(600, 960),)
    assert schedule.special_reasons[date(2026, 12, 24)] == "Christmas Eve"
    assert schedule.contact == {"chat_url": "/support#chat", "email": "support@example.com", "phone": "0800 000 0000"}


def test_shipped_closures_are_in_late_2026_and_2027_and_never_clash() -> None:
    schedule, _ = load_schedule(SHIPPED)
    assert all(date(2026, 7, 1) <= day <= date(2027, 12, 31) for day in schedule.closures)
    assert not set(schedule.closures) & set(schedule.special)


# --- Valid variations ------------------------------------------------------------------------------

def test_defaults_and_lenient_forms(tmp_path: Path) -> None:
    schedule = load_text(tmp_path, """
        hours:
          Monday: "08:00 - 12:00"
          TUESDAY: ["13:00–17:00", "09:00-12:00"]
          wednesday:
          thursday: []
          friday: closed
          saturday: ["18:00-24:00"]
        closures:
          - date: 2026-12-25
          - {date: "2026-12-26", reason: Boxing Day}
        special_hours:
          - {date: 2026-12-24, hours: []}
        contact:
    """)
    assert schedule.tz.key == "Europe/London" and schedule.label == "Europe/London"
    assert schedule.weekly == {
        0: (TimeRange(480, 720),), 1: (TimeRange(540, 720), TimeRange(780, 1020)), 2: (), 3: (), 4: (),
        5: (TimeRange(1080, 1440),),
    }
    assert schedule.closures == {date(2026, 12, 25): "", date(2026, 12, 26): "Boxing Day"}
    assert schedule.special == {date(2026, 12, 24): ()} and schedule.contact == {}


def test_another_timezone_and_empty_hours(tmp_path: Path) -> None:
    schedule = load_text(tmp_path, """
        timezone: America/New_York
        timezone_label: Eastern time
        hours:
    """)
    assert (schedule.tz.key, schedule.label, schedule.weekly) == ("America/New_York", "Eastern time", {})


def test_a_path_object_is_reported_as_given(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yml"
    assert [str(p) for p in load_schedule(missing)[1]] == [
        f"{missing}:1: file not found, so no live chat hours are configured"]
    assert [str(p) for p in load_schedule("content/nope.yml")[1]] == [
        "content/nope.yml:1: file not found, so no live chat hours are configured"]


# --- One rule each, with its exact line -------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("""
        timezone: Europe/London
        hours:
          monday: ["08:00-22:00"
          tuesday: ["08:00-22:00"]
    """, ["support.yml:4: invalid YAML: expected ',' or ']', but got '<scalar>'"], id="invalid-yaml"),
    pytest.param("""
        hours: {}
        contact: "a
    """, ["support.yml:3: invalid YAML: found unexpected end of stream"], id="unclosed-quote"),
    pytest.param("""
        # no hours yet
        timezone: Europe/Londn
        hours: {}
    """, ['support.yml:2: unknown timezone "Europe/Londn"; use an IANA name such as Europe/London'],
        id="unknown-timezone"),
    pytest.param("""
        hours:
          monday: ["08:00-22:00"]
          tuseday: ["08:00-22:00"]
          holiday: []
    """, ['support.yml:3: unknown weekday "tuseday" in hours (did you mean "tuesday"?)',
          'support.yml:4: unknown weekday "holiday" in hours; expected one of: monday, tuesday, wednesday, '
          'thursday, friday, saturday, sunday'], id="unknown-weekday"),
    pytest.param("""
        hours:
          monday: ["08:00-22:00"]
          Monday: ["09:00-17:00"]
    """, ['support.yml:3: "Monday" is given twice in hours (first on line 2)'], id="weekday-twice"),
    pytest.param("""
        hours:
          monday:
            - "8am-10pm"
            - "8:00-9:00"
            - "12:00-25:00"
            - "12:60-13:00"
    """, [f'support.yml:3: "8am" is not a time; {TIME_HINT}',
          f'support.yml:4: "8:00" is not a time; {TIME_HINT}',
          f'support.yml:5: "25:00" is not a time; {TIME_HINT}',
          f'support.yml:6: "12:60" is not a time; {TIME_HINT}'], id="unparsable-time"),
    pytest.param("""
        hours:
          sunday: ["24:00-24:00"]
          monday: ["08:00 to 22:00", "08:00"]
    """, ['support.yml:2: "24:00" can only end a range; a day starts at "00:00"',
          'support.yml:3: "08:00 to 22:00" is not a time range; write it as "08:00-22:00"',
          'support.yml:3: "08:00" is not a time range; write it as "08:00-22:00"'], id="not-a-range"),
    pytest.param("""
        hours:
          friday: ["22:00-02:00"]
          saturday:
            - "10:00-10:00"
    """, [f'support.yml:2: "22:00-02:00" does not end after it starts; {OVERNIGHT_HINT}',
          f'support.yml:4: "10:00-10:00" does not end after it starts; {OVERNIGHT_HINT}'], id="ends-before-start"),
    pytest.param("""
        hours:
          monday:
            - "08:00-12:00"
            - "13:00-17:00"
            - "11:30-13:30"
          tuesday: ["08:00-12:00", "12:00-13:00"]
    """, ['support.yml:5: "11:30-13:30" overlaps "08:00-12:00" (line 3)'], id="overlap"),
    pytest.param("""
        hours: {}
        closures:
          - {date: 2026-12-25, reason: Christmas Day}
          - {date: 25/12/2026, reason: Christmas Day}
          - date: 2026-02-30
          - reason: No date
          - 2026-12-26
    """, ['support.yml:4: "25/12/2026" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25',
          'support.yml:5: "2026-02-30" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25',
          'support.yml:6: each entry in closures needs "date:"',
          'support.yml:7: each entry in closures needs "date:"'], id="closure-not-a-date"),
    pytest.param("""
        hours: {}
        special_hours:
          - {date: 24 December, hours: ["10:00-16:00"]}
          - {date: 2026-12-31}
          - {date: 2026-12-30, hours: ["16:00-10:00"], note: x}
    """, ['support.yml:3: "24 December" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25',
          'support.yml:4: each entry in special_hours needs "date:" and "hours:" (a day without chat is a closure)',
          'support.yml:5: unknown key "note" in special_hours; expected one of: date, hours, reason',
          f'support.yml:5: "16:00-10:00" does not end after it starts; {OVERNIGHT_HINT}'], id="special-hours"),
    pytest.param("""
        hours: {}
        closures:
          - {date: 2026-12-25}
          - {date: 2026-12-25, reason: again}
        special_hours:
          - {date: 2026-12-25, hours: ["10:00-12:00"]}
    """, ["support.yml:4: 2026-12-25 is already listed on line 3; give each date once",
          "support.yml:6: 2026-12-25 is already listed on line 3; give each date once"], id="date-twice"),
    pytest.param("""
        timezone: Europe/London
        hour:
          monday: ["08:00-22:00"]
        holidays: []
    """, ['support.yml:1: no "hours:" section, so live chat would never show as open',
          'support.yml:2: unknown key "hour" in support.yml (did you mean "hours"?)',
          'support.yml:4: unknown key "holidays" in support.yml; expected one of: timezone, timezone_label, '
          'hours, closures, special_hours, contact'], id="unknown-top-key"),
    pytest.param("""
        hours: {}
        hours: {}
    """, ['support.yml:2: "hours" is given twice in support.yml (first on line 1)'], id="top-key-twice"),
    pytest.param("""
        hours: {}
        contact:
          email: support@example.com
          fax: "01234"
          phone: [1, 2]
    """, ['support.yml:4: unknown key "fax" in contact; expected one of: chat_url, email, phone',
          "support.yml:5: expected a single value here, not a list or mapping"], id="contact"),
    pytest.param("""
        hours: ["08:00-22:00"]
        closures: {date: 2026-12-25}
        timezone: [Europe/London]
    """, ["support.yml:1: hours should be `name: value` lines",
          "support.yml:2: closures should be a list of entries, each starting with `- date:`",
          "support.yml:3: expected a single value here, not a list or mapping"], id="wrong-shapes"),
    pytest.param("""
        hours:
          monday: [["08:00-22:00"]]
    """, ["support.yml:2: expected a single value here, not a list or mapping"], id="nested-list"),
    pytest.param("""
        # only comments
    """, ["support.yml:1: support.yml should be `name: value` lines, starting with timezone: and hours:"],
        id="empty"),
    pytest.param("""
        - monday
    """, ["support.yml:1: support.yml should be `name: value` lines, starting with timezone: and hours:"],
        id="not-a-mapping"),
])
def test_validation_rules(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert problems_in(tmp_path, text) == expected


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "support.yml")
    assert load_schedule(path) == (None, [load_schedule(path)[1][0]])
    assert str(load_schedule(path)[1][0]) == f"{path}:1: file not found, so no live chat hours are configured"


def test_unreadable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "support.yml"
    path.write_bytes(b"hours:\n  monday: ['\xff']\n")
    schedule, problems = load_schedule(path)
    assert schedule is None and [p.line for p in problems] == [1]
    assert problems[0].message.startswith("cannot read the file:")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    lines = problems_in(tmp_path, """
        timezone: Mars/Olympus
        hours:
          monday: ["8am-10pm"]
          funday: []
        closures:
          - {date: soon}
    """)
    assert [line.split(":")[1] for line in lines] == ["1", "3", "4", "6"]


@pytest.mark.parametrize(("text", "expected"), [
    ("08:00-22:00", TimeRange(480, 1320)), ("00:00-24:00", TimeRange(0, 1440)), (" 09:30 – 17:45 ", TimeRange(570, 1065)),
    ("22:00", '"22:00" is not a time range; write it as "08:00-22:00"'),
    ("9-5", f'"9" is not a time; {TIME_HINT}'),
])
def test_parse_range(text: str, expected: TimeRange | str) -> None:
    assert parse_range(text) == expected


def test_parse_date() -> None:
    assert parse_date("2028-02-29") == date(2028, 2, 29)
    assert parse_date("2027-02-29") == '"2027-02-29" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25'
    assert parse_date("20261225").startswith('"20261225" is not a date')
