"""Articles from Markdown: loading, rendering, sanitising and checking the content tree.

Shared ground for every feature: `current_library()` is the content snapshot for this request,
`add_check()` lets a feature that reads another file of the tree (support.yml, devices.yml) report
its problems through `flask content check`, and `display_path()` prints paths as editors see them.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask

from .cache import ParseCache
from .current import add_check, all_problems, current_library, current_store
from .model import Library, Problem
from .paths import display_path
from .store import ContentStore

__all__ = ["Library", "Problem", "add_check", "all_problems", "current_library", "current_store",
           "display_path", "init_app", "refresh_library"]

CACHE_FILE = "content-cache.sqlite3"  # in the instance folder, shared by every process of the site


def refresh_library(app: Flask) -> None:
    """Read the content tree now, where no request waits for it (gunicorn's master, a new worker)."""
    store: ContentStore | None = getattr(app, "extensions", {}).get("content_store")
    if store is not None:
        store.refresh()


def init_app(app: Flask, article_url: Callable[[str], str]) -> None:
    """Create the content store (articles link to each other by `article_url(slug)`) and the CLI."""
    from .cli import content

    app.extensions["content_store"] = ContentStore(
        Path(app.config["CONTENT_DIR"]), article_url,
        include_drafts=app.debug, interval=app.config["CONTENT_CHECK_INTERVAL"],
        cache=ParseCache(Path(app.instance_path) / CACHE_FILE),
    )
    app.cli.add_command(content)
