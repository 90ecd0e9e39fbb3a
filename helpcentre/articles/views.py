"""The help pages: home, a category's pages, an article, the sitemap, robots.txt and health."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from ..content import current_library
from ..content.schema import structured_data
from ..pages import static_page
from . import sitemap as sitemaps
from .paging import page_of

bp = Blueprint("articles", __name__)

TOP_ARTICLES = 3  # per category card on the home page
HELPFUL_FALLBACK = 5  # as many as the most-helpful island brings, so it doesn't change size on load
PER_PAGE = 50  # articles on one page of a category


@bp.get("/")
def list_questions() -> Response:
    """The search box, a card for each category with its top articles, and the most helpful answers."""
    library = current_library()
    # Its size follows the number of categories, not of articles, so it stays small as the library grows.
    return static_page(library.version, lambda: render_template(
        "articles/index.html",
        cards=[(c, library.count_in(c.slug), library.top_in(c.slug, TOP_ARTICLES)) for c in library.categories],
        helpful=library.published()[:HELPFUL_FALLBACK],
    ))


# Page 1 lives at the category's own address; /page/1 redirects there (Werkzeug's redirect_defaults),
# so each page has one URL, and every page is a path that freezes to a plain file.
@bp.get("/categories/<slug>", defaults={"number": 1})
@bp.get("/categories/<slug>/page/<int:number>")
def show_category(slug: str, number: int) -> Response:
    """One page of a category: its description and up to PER_PAGE articles, with links to the others."""
    library = current_library()
    category = library.category(slug)
    found = page_of(library.in_category(slug), number, PER_PAGE) if category is not None else None
    # Only the canonical spelling is a page ("/page/02" is not): every other one would be rendered
    # and stored apart, and a crawler could fill the page cache with copies.
    if found is None or request.path != url_for("articles.show_category", slug=slug, number=number):
        abort(404)
    pages, articles = found
    return static_page(library.version, lambda: render_template(
        "articles/category.html", category=category, articles=articles, pages=pages,
        total=library.count_in(slug),
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
    """Published articles and categories for search engines; an index of sitemap files past the limit."""
    library = current_library()

    def render() -> str:
        entries = sitemaps.entries(library)
        count = sitemaps.file_count(library)
        if count == 1:
            return render_template("articles/sitemap.xml", entries=entries)
        files = [(number, sitemaps.latest(sitemaps.file_entries(entries, number))) for number in range(1, count + 1)]
        return render_template("articles/sitemap_index.xml", files=files)

    return static_page(library.version, render, mimetype="application/xml")


@bp.get("/sitemaps/<int:number>.xml")
def sitemap_file(number: int) -> Response:
    """One file of a split sitemap; there are none while /sitemap.xml holds every URL itself."""
    library = current_library()
    count = sitemaps.file_count(library)
    if count == 1 or not 1 <= number <= count:
        abort(404)
    return static_page(library.version, lambda: render_template(
        "articles/sitemap.xml", entries=sitemaps.file_entries(sitemaps.entries(library), number),
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
