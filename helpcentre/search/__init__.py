"""Searching the articles: the FTS5 index, the results pages and the search report."""
from __future__ import annotations

from flask import Flask

from .cli import search


def init_app(app: Flask) -> None:
    """Set the search rate limit and add `flask search`."""
    # Enough for a fast typist's live search; it keeps one client from flooding the log.
    app.config.setdefault("SEARCH_RATE_LIMIT", "120 per minute")
    app.cli.add_command(search)
