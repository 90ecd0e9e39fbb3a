"""support.yml in the running site: re-read on change at most once per interval, problems logged once."""
from __future__ import annotations

import logging
import os
import textwrap
from pathlib import Path

import pytest

from helpcentre.support import service
from helpcentre.support.service import SupportFile
from helpcentre.support.values import contact_problem
from tests.helpers.clock import FakeClock

GOOD = textwrap.dedent("""
    timezone: Europe/London
    timezone_label: UK time
    hours:
      monday: ["08:00-22:00"]
      tuesday: ["08:00-22:00"]
      saturday: ["10:00-18:00"]
    contact:
      email: care@example.test
""").lstrip("\n")


def write(path: Path, text: str, stamp: int) -> None:
    """Write the file with a distinct modification time, as a later save would have."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def support_yml(tmp_path: Path) -> Path:
    path = tmp_path / "support.yml"
    write(path, GOOD, 10**18)
    return path


def watcher(path: Path, clock: FakeClock) -> SupportFile:
    return SupportFile(path, lambda p: f"content/{p.name}", interval=1.0, clock=clock.seconds)


def test_a_clean_file_gives_a_schedule_the_week_as_text_and_contacts(support_yml: Path) -> None:
    reading = watcher(support_yml, FakeClock()).reading()
    info = reading.value
    assert info.schedule is not None and reading.problems == ()
    assert info.week == (("Monday and Tuesday", "8am to 10pm"), ("Wednesday to Friday", "Closed"),
                         ("Saturday", "10am to 6pm"), ("Sunday", "Closed"))
    assert info.tz_label == "UK time" and info.contact == {"email": "care@example.test"}


def test_a_change_is_seen_after_the_interval_not_before(support_yml: Path) -> None:
    clock = FakeClock()
    support = watcher(support_yml, clock)
    first = support.reading()
    write(support_yml, GOOD.replace("08:00-22:00", "09:00-17:00"), 2 * 10**18)
    clock.advance(seconds=0.5)
    assert support.reading() is first  # looked at no more than once per interval
    clock.advance(seconds=0.6)
    changed = support.reading()
    assert changed.stamp != first.stamp and changed.value.week[0] == ("Monday and Tuesday", "9am to 5pm")


def test_an_unchanged_file_is_not_read_again(support_yml: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    support = watcher(support_yml, clock)
    first = support.reading()
    reads: list[Path] = []
    original = service.read_schedule
    monkeypatch.setattr(service, "read_schedule", lambda path, shown: reads.append(path) or original(path, shown))
    clock.advance(seconds=5)
    assert support.reading() is first and reads == []


def test_a_deleted_file_claims_nothing_and_is_no_problem(support_yml: Path) -> None:
    clock = FakeClock()
    support = watcher(support_yml, clock)
    support.reading()
    support_yml.unlink()
    clock.advance(seconds=2)
    reading = support.reading()
    info = reading.value
    assert (info.schedule, info.week, info.contact, reading.problems) == (None, (), {}, ())


def test_a_mistake_in_closures_keeps_the_week_as_text_but_no_schedule(support_yml: Path) -> None:
    write(support_yml, GOOD + "closures:\n  - {date: 31/12/2026}\n", 2 * 10**18)
    reading = watcher(support_yml, FakeClock()).reading()
    info = reading.value
    assert info.schedule is None
    assert info.week[0] == ("Monday and Tuesday", "8am to 10pm") and info.tz_label == "UK time"
    assert info.contact == {"email": "care@example.test"}
    assert [str(p) for p in reading.problems] == [
        'content/support.yml:10: "31/12/2026" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-25']


@pytest.mark.parametrize("broken", [
    pytest.param(GOOD.replace('["08:00-22:00"]', '["8am-10pm"]'), id="bad-time"),
    pytest.param(GOOD.replace("Europe/London", "Europe/Lundon"), id="bad-timezone"),
    pytest.param(GOOD + "colour: blue\n", id="unknown-top-key"),
])
def test_a_mistake_in_the_week_or_timezone_drops_the_week_too(support_yml: Path, broken: str) -> None:
    write(support_yml, broken, 2 * 10**18)
    reading = watcher(support_yml, FakeClock()).reading()
    assert reading.value.schedule is None and reading.value.week == () and reading.problems


def test_each_problem_is_logged_once(support_yml: Path, caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    support = watcher(support_yml, clock)
    caplog.set_level(logging.ERROR, logger="helpcentre.support.service")
    write(support_yml, GOOD.replace("Europe/London", "Mars/Base"), 2 * 10**18)
    for _ in range(3):
        clock.advance(seconds=2)
        support.reading()
    # Saved again with the same mistake: still not logged a second time.
    write(support_yml, GOOD.replace("Europe/London", "Mars/Base") + "\n", 3 * 10**18)
    clock.advance(seconds=2)
    support.reading()
    assert [r.getMessage() for r in caplog.records] == [
        'support hours: content/support.yml:1: unknown timezone "Mars/Base"; use an IANA name such as Europe/London']


@pytest.mark.parametrize(("name", "value", "fine"), [
    ("chat_url", "/support#chat", True),
    ("chat_url", "https://chat.example.com/start?team=care", True),
    ("chat_url", "//chat.example.com", False),  # another site, without saying so
    ("chat_url", "javascript:alert(1)", False),
    ("chat_url", "data:text/html,hi", False),
    ("email", "care@example.test", True),
    ("email", "care at example", False),
    ("phone", "anything goes", True),
])
def test_contact_options_printed_as_links_must_be_safe(name: str, value: str, fine: bool) -> None:
    assert (contact_problem(name, value) is None) == fine
