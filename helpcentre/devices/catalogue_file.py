"""devices.yml for the running site: re-read when it changes, its problems logged once."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from flask import current_app

from ..watched import Clock, WatchedFile
from .catalogue import Catalogue, load_catalogue

log = logging.getLogger(__name__)


class CatalogueFile(WatchedFile[Catalogue | None]):
    """devices.yml, watched; None while registration must be unavailable: the file is missing or broken.

    A site without devices.yml offers no registration, which is no editor's mistake.
    """

    def __init__(self, path: Path, display: Callable[[Path], str], *, interval: float = 1.0,
                 clock: Clock = time.monotonic) -> None:
        super().__init__(path, lambda path: load_catalogue(path, shown=display(path)), None,
                         log=log, label="device models", interval=interval, clock=clock)


def current_catalogue() -> Catalogue | None:
    """The device models as the current app sees them now; None while registration is unavailable."""
    catalogue_file: CatalogueFile = current_app.extensions["devices_file"]
    return catalogue_file.reading().value
