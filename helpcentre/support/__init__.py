"""Live chat hours and the support page.

Other features ask `chat_status_now()` whether chat is open, and `site_today()` / `site_zone()`
for the site's calendar (support.yml's timezone).
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from ..content import add_check, display_path
from ..pages import add_version
from . import views
from .service import SupportFile, chat_status_now, current_support, site_today, site_zone
from .wording import date_text

__all__ = ["chat_status_now", "init_app", "site_today", "site_zone"]

FILE_NAME = "support.yml"


def init_app(app: Flask) -> None:
    """Watch support.yml, add it to `content check` and to every static page's version, and register /support."""
    support_file = SupportFile(Path(app.config["CONTENT_DIR"]) / FILE_NAME, display_path,
                               interval=app.config["CONTENT_CHECK_INTERVAL"])
    app.extensions["support_file"] = support_file
    add_check(app, lambda: list(support_file.reading().problems))
    # The layout prints the usual week on every page, so every static page depends on this file.
    add_version(app, lambda: support_file.reading().stamp)
    app.jinja_env.globals["support_info"] = current_support
    # For dynamic fragments only (never static pages, which must not depend on the clock).
    app.jinja_env.globals["chat_status_now"] = chat_status_now
    app.jinja_env.filters["long_date"] = date_text
    app.register_blueprint(views.bp)
