"""Which articles readers found most helpful: offered when a search finds nothing."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..content.model import Article
from .report import Tally, wilson_lower_bound


def most_helpful(articles: Sequence[Article], tallies: Iterable[Tally], limit: int = 5) -> list[Article]:
    """The `limit` articles most surely helpful to readers, by their current text's answers.

    Articles more readers found helpful than not come first, ranked by the lower bound of the
    Wilson interval of their share of Yes (so 45 Yes of 50 ranks above 1 of 1); then those
    nobody has answered, in the order given (the editors'); articles most readers found
    unhelpful come last.
    """
    current = {a.slug: a.revision for a in articles}
    yes: dict[str, int] = {}
    total: dict[str, int] = {}
    for tally in tallies:
        if current.get(tally.slug) != tally.revision:  # a rewritten article starts again
            continue
        total[tally.slug] = total.get(tally.slug, 0) + tally.count
        if tally.vote == "yes":
            yes[tally.slug] = yes.get(tally.slug, 0) + tally.count

    def rank(article: Article) -> tuple[int, float]:
        count, hits = total.get(article.slug, 0), yes.get(article.slug, 0)
        group = 1 if count == 0 else 0 if 2 * hits > count else 2
        return group, -wilson_lower_bound(hits, count)

    # sorted() is stable: equal ranks (every unanswered article) keep the editors' order.
    return sorted(articles, key=rank)[:limit]
