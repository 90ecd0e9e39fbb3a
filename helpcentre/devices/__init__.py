"""Registered devices: the model catalogue (content/devices.yml), serial numbers, warranty and cover rules.

The rules are plain functions over plain data (no Flask request): `catalogue` reads the models,
`serials` normalises and checks serial numbers, `warranty` does the month-end-aware date
arithmetic, `cover` says what cover a device has and which replacement requests to refuse, and
`listing` puts a reader's devices together for the page. `store` keeps registrations and
requests (the database settles every race), and `views` is "Your devices" at /account/devices.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content import add_check, display_path
from . import models  # noqa: F401  (registers the device tables with the metadata)
from .catalogue_file import CatalogueFile
from .warranty import format_date

if TYPE_CHECKING:
    from flask import Flask

DEVICES_FILE = "devices.yml"


def account_data(user_id: int) -> dict[str, list[dict[str, Any]]]:
    """An account's devices (removed ones too) and replacement requests as plain JSON-ready data,
    for the account's "Download your data". Deleting the account deletes them (ON DELETE CASCADE)."""
    from . import store

    devices: list[dict[str, Any]] = []
    requests: list[dict[str, Any]] = []
    for device, replacements in store.account_records(user_id):
        devices.append({"model": device.model_id, "serial": device.serial,
                        "purchase_date": device.purchase_date.isoformat(),
                        "registered": device.registered_at.isoformat(),
                        "removed": device.removed_at.isoformat() if device.removed_at else None})
        requests.extend({"serial": device.serial, "kind": replacement.kind, "details": replacement.details,
                         "requested_on": replacement.requested_on.isoformat(),
                         "created": replacement.created_at.isoformat()} for replacement in replacements)
    return {"devices": devices, "replacement_requests": requests}


def init_app(app: Flask) -> None:
    """Watch devices.yml, add it to `flask content check`, and register "Your devices"."""
    from .views import bp

    devices_file = CatalogueFile(Path(app.config["CONTENT_DIR"]) / DEVICES_FILE, display_path,
                                 interval=app.config["CONTENT_CHECK_INTERVAL"])
    app.extensions["devices_file"] = devices_file
    add_check(app, lambda: list(devices_file.reading().problems))
    app.jinja_env.filters["day_month_year"] = format_date
    app.register_blueprint(bp)
