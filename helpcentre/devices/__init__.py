"""Registered devices: the model catalogue (content/devices.yml), serial numbers, warranty and cover rules.

The rules are plain functions over plain data (no Flask request): `catalogue` reads the models,
`serials` normalises and checks serial numbers, `warranty` does the month-end-aware date
arithmetic, and `cover` says what cover a device has and which replacement requests to refuse.
"""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from .content_check import check_devices_file

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """Add the devices.yml check to `flask content check`."""
    # setdefault: the list belongs to the help package, but this must not depend on the init order.
    app.extensions.setdefault("content_checks", []).append(partial(check_devices_file, app))
