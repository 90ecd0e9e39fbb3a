"""The search results: a static page per query, or just its results for live search."""
from __future__ import annotations

import logging
from dataclasses import replace

from flask import Blueprint, Flask, Response, current_app, render_template, request
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from ..content import current_library
from ..extensions import limiter
from ..htmx import wants_fragment
from ..pages import static_page
from .cache import search_library
from .helpful import helpful_articles
from .index import SearchResult
from .query import MIN_QUERY_CHARS, normalise_query
from .store import record_search

bp = Blueprint("search", __name__)
log = logging.getLogger(__name__)
HELPFUL_LIMIT = 5


def _rate_limit() -> str:
    limit: str = current_app.config["SEARCH_RATE_LIMIT"]
    return limit


@bp.get("/search")
@limiter.limit(_rate_limit)
def results() -> Response:
    """Results for ?q=: the whole page, or only the results when live search asks (HX-Request)."""
    library = current_library()
    query = normalise_query(request.args.get("q", ""))
    # None: nothing worth searching was typed, so no search ran (and no "No results" either).
    found = search_library(library, query) if len(query) >= MIN_QUERY_CHARS else None
    fragment = wants_fragment()
    context = {
        "query": query,
        "results": None if found is None else [_marked(result) for result in found],
        "helpful": helpful_articles(library, HELPFUL_LIMIT) if found == () else [],
    }
    template = "search/_live_results.html" if fragment else "search/results.html"
    # The page depends on the normalised query and the variant only, so that is its cache key:
    # `?q=Refund%20` and `?q=Refund&x=1` share one rendering.
    response = static_page(library.version, lambda: render_template(template, **context),
                           key=f"search:{'fragment' if fragment else 'page'}:{query}")
    response.vary.update(["HX-Request", "HX-Boosted", "HX-History-Restore-Request"])
    if found is not None:
        # Counted once the response has been sent: the reader never waits on the log's write
        # (or on a SQLite lock), and the page cannot depend on it.
        app, count = current_app._get_current_object(), len(found)  # type: ignore[attr-defined]
        response.call_on_close(lambda: _count(app, query, count))
    return response


def _marked(result: SearchResult) -> SearchResult:
    # The index builds each snippet by escaping all of the article's text and then adding only
    # <mark> and </mark> (search/index.py, _render), so it is safe HTML. Markup tells Jinja so;
    # every other field stays a plain string and is escaped as usual.
    return replace(result, snippet=Markup(result.snippet))


def _count(app: Flask, query: str, found: int) -> None:
    """Count one search in the log; a failing write is logged and never raised."""
    with app.app_context():
        try:
            record_search(query, found)
        except SQLAlchemyError:
            log.exception("could not count a search")
