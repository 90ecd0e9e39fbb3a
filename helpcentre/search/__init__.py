"""Searching the articles: the FTS5 index, the results pages and the search report."""
from __future__ import annotations

from flask import Flask

from .cli import search


def init_app(app: Flask) -> None:
    """Register the search results page and add `flask search`."""
    from . import views

    app.register_blueprint(views.bp)
    app.cli.add_command(search)
