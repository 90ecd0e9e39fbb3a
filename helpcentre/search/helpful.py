"""The articles offered when a search finds nothing."""
from __future__ import annotations

from helpcentre.content.model import Article, Library


def helpful_articles(library: Library, limit: int = 5) -> list[Article]:
    """The `limit` articles most likely to help a reader whose search found nothing.

    For now that is the editors' own order (category order, then article order): it is the
    single place to switch to feedback figures once readers' votes are recorded. Whatever it
    reads must stay the same for every reader, since it is printed into a static page.
    """
    return library.published()[:limit]
