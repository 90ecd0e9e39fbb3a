"""The content library's plain data: categories, articles and the problems found in them."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from ..problems import Problem

__all__ = ["Article", "Category", "Library", "Problem", "Section"]


@dataclass(frozen=True)
class Section:
    """The text under one H2 question of an article (anchor '' is the text before the first H2)."""

    anchor: str
    heading: str
    text: str


@dataclass(frozen=True)
class Category:
    """A folder of articles, described by its `_category.yml`."""

    slug: str
    title: str
    description: str = ""
    order: int = 0


@dataclass(frozen=True)
class Article:
    """One published (or draft) article, already rendered and sanitised."""

    slug: str
    category: str
    title: str
    html: str
    summary: str = ""
    order: int = 0
    related: tuple[str, ...] = ()
    draft: bool = False
    updated: date | None = None
    modified: datetime | None = None  # file mtime, UTC
    sections: tuple[Section, ...] = ()
    revision: str = ""  # sha256 of the source file, so feedback can tell rewrites apart
    path: str = ""

    @property
    def questions(self) -> tuple[Section, ...]:
        """The article's H2 headings, in order, with their anchors."""
        return tuple(s for s in self.sections if s.anchor)

    @property
    def text(self) -> str:
        """The whole body as plain text."""
        return "\n".join(s.text for s in self.sections)

    @property
    def last_modified(self) -> date | None:
        """The editor's `updated` date, else the file's modification date."""
        return self.updated or (self.modified.date() if self.modified else None)


@dataclass(frozen=True)
class Library:
    """An immutable snapshot of the content tree; a new one replaces it when files change."""

    categories: tuple[Category, ...] = ()
    articles: dict[str, Article] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    version: str = ""
    include_drafts: bool = False

    def visible(self, article: Article) -> bool:
        """Whether readers may see this article (drafts only in debug)."""
        return self.include_drafts or not article.draft

    def article(self, slug: str) -> Article | None:
        """The article with this slug if readers may see it."""
        found = self.articles.get(slug)
        return found if found is not None and self.visible(found) else None

    def category(self, slug: str) -> Category | None:
        """The category with this slug."""
        return next((c for c in self.categories if c.slug == slug), None)

    def published(self) -> list[Article]:
        """Every article that is not a draft, in category then editor order."""
        return list(self._published)

    def in_category(self, slug: str) -> list[Article]:
        """The visible articles of one category, in editor order."""
        return list(self._by_category.get(slug, ()))

    def count_in(self, slug: str) -> int:
        """How many visible articles one category has."""
        return len(self._by_category.get(slug, ()))

    def top_in(self, slug: str, limit: int) -> list[Article]:
        """The first `limit` visible articles of one category, in editor order."""
        return list(self._by_category.get(slug, ())[:limit])

    # The snapshot never changes, so its orderings are worked out once, on first use: a view
    # that checks a page number or counts a category must not sort thousands of articles.
    # (Two threads may both compute one on first use; both get the same answer.)
    @cached_property
    def _published(self) -> tuple[Article, ...]:
        rank = {c.slug: i for i, c in enumerate(self.categories)}
        found = [a for a in self.articles.values() if not a.draft]
        return tuple(sorted(found, key=lambda a: (rank.get(a.category, len(rank)), a.order, a.title.lower())))

    @cached_property
    def _by_category(self) -> dict[str, tuple[Article, ...]]:
        grouped: dict[str, list[Article]] = {}
        for article in sorted(self.articles.values(), key=lambda a: (a.order, a.title.lower())):
            if self.visible(article):
                grouped.setdefault(article.category, []).append(article)
        return {slug: tuple(articles) for slug, articles in grouped.items()}

    def related(self, article: Article, limit: int = 5) -> list[Article]:
        """The editor's `related` articles, else up to `limit` siblings from the same category."""
        chosen = [self.article(s) for s in article.related]
        found = [a for a in chosen if a is not None and a.slug != article.slug]
        if found:
            return found
        return [a for a in self.in_category(article.category) if a.slug != article.slug][:limit]

    def suggestions(self, wanted: str, limit: int = 5) -> list[Article]:
        """Visible articles whose slug or title is closest to a slug nobody found."""
        visible = [a for a in self.articles.values() if self.visible(a)]
        words = wanted.replace("-", " ").lower()
        scored = [
            (max(difflib.SequenceMatcher(None, words, a.title.lower()).ratio(),
                 difflib.SequenceMatcher(None, wanted.lower(), a.slug).ratio()), a)
            for a in visible
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1].title))
        return [a for score, a in scored[:limit] if score >= 0.3]
