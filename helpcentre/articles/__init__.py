"""Reading articles: the home page, categories, articles, sitemap, robots.txt and health."""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask

ARTICLE_ENDPOINT = "articles.show_article"


def article_url(app: Flask) -> Callable[[str], str]:
    """The path of an article by slug, usable outside a request (the content store renders links)."""
    urls = app.url_map.bind("localhost", script_name=app.config.get("APPLICATION_ROOT") or "/")
    return lambda slug: urls.build(ARTICLE_ENDPOINT, {"slug": slug})


def public_paths() -> list[str]:
    """The paths of every page this feature answers the same to everyone (request context): for `flask freeze`."""
    from ..content import current_library
    from .public import public_paths as paths

    return paths(current_library())


def init_app(app: Flask) -> None:
    """Register the article pages."""
    from . import views

    app.register_blueprint(views.bp)
