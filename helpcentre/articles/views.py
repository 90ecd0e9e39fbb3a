"""The help pages: all questions, a category, an article, sitemap, robots.txt and health."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, url_for

from ..content import current_library
from ..content.schema import structured_data
from ..pages import static_page

bp = Blueprint("articles", __name__)


@bp.get("/")
def list_questions() -> Response:
    """Every category with its articles and their questions."""
    library = current_library()
    return static_page(library.version, lambda: render_template(
        "articles/index.html",
        sections=[(c, library.in_category(c.slug)) for c in library.categories],
    ))


@bp.get("/categories/<slug>")
def show_category(slug: str) -> Response:
    """One category with its description and articles."""
    library = current_library()
    category = library.category(slug)
    if category is None:
        abort(404)
    return static_page(library.version, lambda: render_template(
        "articles/category.html", category=category, articles=library.in_category(slug),
    ))


@bp.get("/articles/<slug>")
def show_article(slug: str) -> Response:
    """One article, with breadcrumb, related articles and the places islands fill."""
    library = current_library()
    article = library.article(slug)
    if article is None:
        abort(404)
    canonical = current_app.config["BASE_URL"] + url_for("articles.show_article", slug=slug)
    return static_page(library.version, lambda: render_template(
        "articles/article.html",
        article=article,
        category=library.category(article.category),
        related=library.related(article),
        structured_data=structured_data(article, canonical, current_app.config["BRAND"]),
    ))


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    """Published articles and categories for search engines."""
    library = current_library()
    return static_page(library.version, lambda: render_template(
        "articles/sitemap.xml", categories=library.categories, articles=library.published(),
    ), mimetype="application/xml")


@bp.get("/robots.txt")
def robots() -> Response:
    """Crawl everything public; point at the sitemap; keep crawlers off account pages."""
    library = current_library()
    return static_page(library.version, lambda: render_template("articles/robots.txt"), mimetype="text/plain")


@bp.get("/healthz")
def healthz() -> Response:
    """Liveness for load balancers: answers at once, touches nothing."""
    return Response("ok", mimetype="text/plain", headers={"Cache-Control": "no-store"})
