"""Reading articles: the content store, the help pages and `flask content check`."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from ..content.model import Library
from ..content.store import ContentStore


def current_library() -> Library:
    """The content snapshot for this request (re-read when files changed)."""
    store: ContentStore = current_app.extensions["content_store"]
    return store.library()


def init_app(app: Flask) -> None:
    """Create the content store and register the help pages and content CLI."""
    from ..search import views as search_views
    from ..support import views as support_views
    from . import cli, views

    for blueprint in (views.bp, support_views.bp, search_views.bp):
        app.register_blueprint(blueprint)
    urls = app.url_map.bind("localhost", script_name=app.config.get("APPLICATION_ROOT") or "/")
    app.extensions["content_store"] = ContentStore(
        Path(app.config["CONTENT_DIR"]),
        lambda slug: urls.build("help.show_article", {"slug": slug}),
        include_drafts=app.debug,
        interval=float(app.config["CONTENT_CHECK_INTERVAL"]),
    )
    app.cli.add_command(cli.content)
