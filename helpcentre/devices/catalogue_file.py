"""devices.yml for the running site: re-read when it changes, its problems logged once."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from ..content.model import Problem
from ..content.recheck import MISSING, Rechecked, ReportedOnce, file_stamp
from .catalogue import Catalogue, load_catalogue

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogueReading:
    """One reading of devices.yml: the models, or None while registration must be unavailable."""

    stamp: str  # the file's modification time and size, or "missing"
    catalogue: Catalogue | None  # None: the file is missing or has a problem that breaks it
    problems: tuple[Problem, ...] = ()


class CatalogueFile:
    """devices.yml, re-read when its modification time or size changes, looked at once per interval."""

    def __init__(self, path: Path, display: Callable[[Path], str], *, interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.path, self.display = Path(path), display
        self._current = Rechecked(self._refresh, interval, clock)
        self._report = ReportedOnce(log, "device models")

    def reading(self) -> CatalogueReading:
        """The current reading; the file is looked at again only when the interval has passed."""
        return self._current.get()

    def _refresh(self, previous: CatalogueReading | None) -> CatalogueReading:
        stamp = file_stamp(self.path)
        if previous is not None and previous.stamp == stamp:
            return previous
        if stamp == MISSING:
            # A site without devices.yml offers no registration, which is no editor's mistake.
            self._report(())
            return CatalogueReading(stamp, None)
        catalogue, problems = load_catalogue(self.path, shown=self.display(self.path))
        self._report(problems)
        return CatalogueReading(stamp, catalogue, tuple(problems))


def current_catalogue() -> Catalogue | None:
    """The device models as the current app sees them now; None while registration is unavailable."""
    catalogue_file: CatalogueFile = current_app.extensions["devices_file"]
    return catalogue_file.reading().catalogue
