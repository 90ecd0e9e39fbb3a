"""The editors' figures: per article yes, no, helpful %, reasons and comments, ranked worst first.

Plain data in, plain data out: the store supplies tallies and comments, the content
library supplies the articles, and nothing here knows about Flask or the database.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from ..content.model import Article
from .models import REASONS

COMMENTS_SHOWN = 5


@dataclass(frozen=True)
class Tally:
    """How many answers one article revision got with one vote and reason."""

    slug: str
    revision: str
    vote: str
    reason: str | None
    count: int


@dataclass(frozen=True)
class Comment:
    """A reader's comment on one article revision."""

    slug: str
    revision: str
    text: str
    at: datetime


@dataclass
class Figures:
    """Yes, no, reasons and the latest comments over some set of answers."""

    yes: int = 0
    no: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    comments: list[Comment] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many answers."""
        return self.yes + self.no

    @property
    def helpful_percent(self) -> int | None:
        """Yes as a whole percentage of all answers; None with no answers."""
        return round(100 * self.yes / self.total) if self.total else None

    @property
    def failing(self) -> float:
        """How surely the article fails readers: the Wilson lower bound of the share of No."""
        return wilson_lower_bound(self.no, self.total)

    def add(self, tally: Tally) -> None:
        """Count one tally in."""
        if tally.vote == "yes":
            self.yes += tally.count
        else:
            self.no += tally.count
            if tally.reason:
                self.reasons[tally.reason] += tally.count


@dataclass
class ArticleFigures:
    """One line of the report: an article (or a slug whose file has gone) and its figures."""

    slug: str
    title: str
    status: str  # published | draft | removed
    revision: str  # the current file's revision; "" once the file is gone
    current: Figures = field(default_factory=Figures)
    all_time: Figures = field(default_factory=Figures)

    @property
    def rank(self) -> float:
        """The figure articles are ranked by: the current text's, or all time's once it is gone."""
        return (self.all_time if self.status == "removed" else self.current).failing


def wilson_lower_bound(hits: int, total: int, z: float = 1.96) -> float:
    """The lower bound of the 95% Wilson score interval for hits/total (0 with nothing counted).

    Unlike the plain share, it grows with the evidence: 1 of 1 scores below 40 of 100.
    """
    if total <= 0:
        return 0.0
    share = hits / total
    centre = share + z * z / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return max(0.0, (centre - spread) / (1 + z * z / total))


def build(articles: Mapping[str, Article], tallies: Iterable[Tally], comments: Iterable[Comment],
          comments_shown: int = COMMENTS_SHOWN) -> list[ArticleFigures]:
    """Figures for every published article and every slug that has answers, worst first."""
    tallies, comments = list(tallies), list(comments)
    slugs = {a.slug for a in articles.values() if not a.draft} | {t.slug for t in tallies}
    report = {slug: _entry(slug, articles.get(slug)) for slug in slugs}
    for tally in tallies:
        entry = report[tally.slug]
        entry.all_time.add(tally)
        if tally.revision == entry.revision:
            entry.current.add(tally)
    for comment in sorted(comments, key=lambda c: c.at, reverse=True):
        commented = report.get(comment.slug)
        if commented is None:  # a comment outside the tallies' window
            continue
        entry = commented
        if len(entry.all_time.comments) < comments_shown:
            entry.all_time.comments.append(comment)
        if comment.revision == entry.revision and len(entry.current.comments) < comments_shown:
            entry.current.comments.append(comment)
    return sorted(report.values(), key=lambda e: (-e.rank, -e.all_time.failing, -e.all_time.total, e.slug))


def _entry(slug: str, article: Article | None) -> ArticleFigures:
    if article is None:
        return ArticleFigures(slug, slug, "removed", "")
    return ArticleFigures(slug, article.title, "draft" if article.draft else "published", article.revision)


def reason_counts(figures: Figures) -> list[tuple[str, int]]:
    """Each known reason with its count, in the order readers see them (zeros included)."""
    return [(reason, figures.reasons.get(reason, 0)) for reason in REASONS]
