"""The articles offered when a search finds nothing."""
from __future__ import annotations

from helpcentre.content.model import Article, Library


def helpful_articles(library: Library, limit: int = 5) -> list[Article]:
    """The `limit` articles most likely to help a reader whose search found nothing.

    The editors' own order (category order, then article order): it is printed into a static
    page, which reads no database. Readers' votes re-rank it in an island that replaces it on
    load (feedback.most_helpful).
    """
    return library.published()[:limit]
