"""Registered devices: the model catalogue (content/devices.yml), serial numbers, warranty and cover rules.

The rules are plain functions over plain data (no Flask request): `catalogue` reads the models,
`serials` normalises and checks serial numbers, `warranty` does the month-end-aware date
arithmetic, `cover` says what cover a device has and which replacement requests to refuse, and
`listing` puts a reader's devices together for the page. `store` keeps registrations and
requests (the database settles every race), and `views` is "Your devices" at /account/devices.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..content import add_check, display_path
from . import models  # noqa: F401  (registers the device tables with the metadata)
from .catalogue_file import CatalogueFile
from .warranty import format_date

if TYPE_CHECKING:
    from flask import Flask

DEVICES_FILE = "devices.yml"


def init_app(app: Flask) -> None:
    """Watch devices.yml, add it to `flask content check`, and register "Your devices"."""
    from .views import bp

    devices_file = CatalogueFile(Path(app.config["CONTENT_DIR"]) / DEVICES_FILE, display_path,
                                 interval=app.config["CONTENT_CHECK_INTERVAL"])
    app.extensions["devices_file"] = devices_file
    add_check(app, lambda: list(devices_file.reading().problems))
    app.jinja_env.filters["day_month_year"] = format_date
    app.register_blueprint(bp)
