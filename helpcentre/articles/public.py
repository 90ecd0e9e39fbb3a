"""Every page of this feature that is the same for everyone, by path: what `flask freeze` writes."""
from __future__ import annotations

from flask import url_for

from ..content.model import Library
from . import sitemap, views
from .paging import page_count


def public_paths(library: Library) -> list[str]:
    """Home, each page of each category, each visible article, robots.txt and the sitemap files.

    Needs a request context (url_for). Visible means what a reader may open: drafts only in debug.
    """
    paths = [url_for("articles.list_questions"), url_for("articles.robots"), url_for("articles.sitemap")]
    for category in library.categories:
        paths.append(url_for("articles.show_category", slug=category.slug))
        for number in range(2, page_count(library.count_in(category.slug), views.PER_PAGE) + 1):
            paths.append(url_for("articles.show_category", slug=category.slug, number=number))
    paths += [url_for("articles.show_article", slug=a.slug) for a in library.articles.values() if library.visible(a)]
    files = sitemap.file_count(library)
    if files > 1:
        paths += [url_for("articles.sitemap_file", number=n) for n in range(1, files + 1)]
    return paths
