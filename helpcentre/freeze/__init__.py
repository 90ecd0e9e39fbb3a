"""Freezing: the public site written out as files (pages, the 404 page, hashed assets, .gz beside them)
for nginx or a CDN to serve, while islands, forms and everything personal stay with the app.
"""
from __future__ import annotations

from flask import Flask

from .build import FreezeError, Summary
from .site import freeze_site, watch

__all__ = ["FreezeError", "Summary", "freeze_site", "init_app", "watch"]


def init_app(app: Flask) -> None:
    """Add `flask freeze`."""
    from .cli import freeze

    app.cli.add_command(freeze)
