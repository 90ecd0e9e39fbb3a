"""A value derived from files on disk, derived again at most once per interval, safe across threads.

The content tree and support.yml are both looked at this way: reading them is cheap, but not
cheap enough to stat on every request, and editors expect a saved file to show within a second.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from .model import Problem

T = TypeVar("T")


class Rechecked(Generic[T]):
    """The latest `refresh(previous)`, called again only when `interval` seconds have passed."""

    def __init__(self, refresh: Callable[[T | None], T], interval: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
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


MISSING = "missing"


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
