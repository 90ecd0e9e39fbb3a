"""What the sitemap lists, and how it is split into files when it outgrows one.

The sitemaps protocol allows at most 50,000 URLs in one file; past that, /sitemap.xml becomes
an index of numbered files. The list is kept as endpoint and arguments, cheap to count and slice,
so a file's addresses are built only for the part it holds.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..content.model import Library
from .paging import page_count

URLS_PER_FILE = 50_000  # the protocol's limit; tests lower it to see the split


@dataclass(frozen=True)
class Entry:
    """One page for search engines: where url_for finds it, and when it last changed."""

    endpoint: str
    values: dict[str, Any] = field(default_factory=dict)
    lastmod: date | None = None


def entries(library: Library) -> list[Entry]:
    """The home page, every category and every published article, in that order."""
    articles = library.published()
    changed: dict[str, date] = {}
    for article in articles:
        when = article.last_modified
        if when is not None and (article.category not in changed or when > changed[article.category]):
            changed[article.category] = when
    return [
        Entry("articles.list_questions"),
        *(Entry("articles.show_category", {"slug": c.slug}, changed.get(c.slug)) for c in library.categories),
        *(Entry("articles.show_article", {"slug": a.slug}, a.last_modified) for a in articles),
    ]


def file_count(library: Library) -> int:
    """How many sitemap files the library needs (1 means /sitemap.xml lists the URLs itself)."""
    return page_count(1 + len(library.categories) + len(library.published()), URLS_PER_FILE)


def file_entries(all_entries: Sequence[Entry], number: int) -> Sequence[Entry]:
    """The entries sitemap file `number` (from 1) holds."""
    start = (number - 1) * URLS_PER_FILE
    return all_entries[start:start + URLS_PER_FILE]


def latest(part: Sequence[Entry]) -> date | None:
    """The newest lastmod among some entries, for the index's lastmod of their file."""
    return max((e.lastmod for e in part if e.lastmod is not None), default=None)
