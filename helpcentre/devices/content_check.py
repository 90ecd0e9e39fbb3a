"""`flask content check` for devices.yml: the same `path:line: message` lines as for articles."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..content.model import Problem
from .catalogue import load_catalogue

if TYPE_CHECKING:
    from flask import Flask

DEVICES_FILE = "devices.yml"


def devices_path(app: Flask) -> Path:
    """Where this site's device models are listed: devices.yml at the top of the content tree."""
    return Path(app.config["CONTENT_DIR"]) / DEVICES_FILE


def check_devices_file(app: Flask) -> list[Problem]:
    """Every problem in the site's devices.yml; none when the site has no such file.

    A content tree without devices.yml simply offers no device registration, so its absence is
    not an editor's mistake to report.
    """
    path = devices_path(app)
    if not path.exists():
        return []
    # Print the path the way the article checks do, so editors see one style of message.
    _, problems = load_catalogue(path, shown=app.extensions["content_store"].display(path))
    return problems
