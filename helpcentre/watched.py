"""Files editors save while the site runs, looked at cheaply: at most once per interval, re-read only when changed.

The content tree, support.yml and devices.yml are all read this way: statting them is cheap, but
not cheap enough for every request, and editors expect a saved file to show within a second.
`Rechecked` and `ReportedOnce` are the parts; `WatchedFile` puts them together for one file.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from .problems import Problem

T = TypeVar("T")
Clock = Callable[[], float]  # monotonic seconds; tests pass one they move by hand

MISSING = "missing"


class Rechecked(Generic[T]):
    """The latest `refresh(previous)`, called again only when `interval` seconds have passed."""

    def __init__(self, refresh: Callable[[T | None], T], interval: float, clock: Clock = time.monotonic) -> None:
        self.refresh, self.interval, self.clock = refresh, interval, clock
        self._lock = threading.Lock()
        self._value: T | None = None
        self._checked = float("-inf")

    def get(self) -> T:
        """The current value; the first caller after the interval refreshes it, the others wait."""
        now = self.clock()
        value = self._value
        if value is not None and now - self._checked < self.interval:
            return value
        with self._lock:
            if self._value is None or now - self._checked >= self.interval:
                self._value = self.refresh(self._value)
                self._checked = now
            return self._value


def file_stamp(path: Path) -> str:
    """What changes whenever the file does: its modification time and size, or "missing"."""
    try:
        stat = path.stat()
    except OSError:
        return MISSING
    return f"{stat.st_mtime_ns}-{stat.st_size}"


class ReportedOnce:
    """Logs each editor's problem when it first appears, not on every re-read, so a broken file can't flood the log."""

    def __init__(self, log: logging.Logger, label: str) -> None:
        self.log, self.label = log, label
        self._reported: set[str] = set()

    def __call__(self, problems: Iterable[Problem]) -> None:
        """Log the problems not logged last time; forget those that were fixed, so a relapse is logged again."""
        current = {str(p) for p in problems}
        for line in sorted(current - self._reported):
            self.log.error("%s: %s", self.label, line)
        self._reported = current


@dataclass(frozen=True)
class Reading(Generic[T]):
    """One reading of a watched file: what it says and what is wrong with it."""

    stamp: str  # the file's modification time and size, or "missing"; changes whenever the file does
    value: T
    problems: tuple[Problem, ...] = ()


Load = Callable[[Path], tuple[T, Iterable[Problem]]]


class WatchedFile(Generic[T]):
    """One file, re-read by `load` when its modification time or size changes, looked at once per interval.

    A missing file reads as `absent` and is no problem: a site may simply not offer what the file
    configures. Problems are logged once, under `label`, when they first appear.
    """

    def __init__(self, path: Path, load: Load[T], absent: T, *, log: logging.Logger, label: str,
                 interval: float = 1.0, clock: Clock = time.monotonic) -> None:
        self.path, self.load, self.absent = Path(path), load, absent
        self._current: Rechecked[Reading[T]] = Rechecked(self._refresh, interval, clock)
        self._report = ReportedOnce(log, label)

    def reading(self) -> Reading[T]:
        """The current reading; the file is looked at again only when the interval has passed."""
        return self._current.get()

    def _refresh(self, previous: Reading[T] | None) -> Reading[T]:
        stamp = file_stamp(self.path)
        if previous is not None and previous.stamp == stamp:
            return previous
        if stamp == MISSING:
            self._report(())
            return Reading(stamp, self.absent)
        value, problems = self.load(self.path)
        reading = Reading(stamp, value, tuple(problems))
        self._report(reading.problems)
        return reading
