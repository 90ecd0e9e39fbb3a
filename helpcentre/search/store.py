"""The search log: how often each query was searched per day and how many results it had.

Only the normalised query text, the UTC day, a counter and the latest result count are kept:
nothing about who searched (no address, no user, no cookie, no time of day). Each search is one
upsert on (day, query), so any number of workers and hosts can count at once.
Plain functions over `db.session`: recording a search is a whole service call and commits once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from ..clock import now
from ..database import db
from .models import SearchCount
from .query import MAX_QUERY_CHARS, normalise_query

Query = TypeVar("Query", bound="sa.Select[*tuple[Any, ...]]")


def log_text(query: str) -> str:
    """The form a query is counted under: normalised, lower-cased, at most 200 characters."""
    # Lower-casing can lengthen a string ("İ" becomes two characters), so cut again after it.
    return normalise_query(query).lower()[:MAX_QUERY_CHARS]


@dataclass(frozen=True)
class QueryCount:
    """One line of the report: a query, how often it was searched, what it found last time."""

    query: str
    searches: int
    results: int


def record_search(query: str, results: int) -> None:
    """Count one search of `query` that found `results` articles, on today's UTC date (app clock)."""
    text = log_text(query)
    if not text:
        return
    day = now().date()  # clock.now() is in UTC
    table = SearchCount.__table__
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(table).values(day=day, query=text, searches=1, results=results)
    try:
        db.session.execute(insert.on_conflict_do_update(
            index_elements=[table.c.day, table.c.query],
            set_={"searches": table.c.searches + 1, "results": insert.excluded.results},
        ))
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()  # leave the session usable; the caller decides what a lost count means
        raise


def most_searched(since: date | None, limit: int) -> list[QueryCount]:
    """The most searched queries since `since` (all time if None), with their latest result count."""
    searches = sa.func.sum(SearchCount.searches).label("searches")
    rows = db.session.execute(
        _since(sa.select(SearchCount.query, searches), since)
        .group_by(SearchCount.query).order_by(searches.desc(), SearchCount.query).limit(limit)
    ).all()
    latest = _latest_results([query for query, _ in rows], since)
    return [QueryCount(query, int(count), latest[query]) for query, count in rows]


def most_searched_without_results(since: date | None, limit: int) -> list[QueryCount]:
    """The most searched queries that found nothing, counting only the days they found nothing."""
    searches = sa.func.sum(SearchCount.searches).label("searches")
    rows = db.session.execute(
        _since(sa.select(SearchCount.query, searches), since).where(SearchCount.results == 0)
        .group_by(SearchCount.query).order_by(searches.desc(), SearchCount.query).limit(limit)
    ).all()
    return [QueryCount(query, int(count), 0) for query, count in rows]


def _since(select: Query, since: date | None) -> Query:
    return select if since is None else select.where(SearchCount.day >= since)


def _latest_results(queries: list[str], since: date | None) -> dict[str, int]:
    # Rows in day order, so each query ends up with the count from the last day it was searched.
    rows = db.session.execute(
        _since(sa.select(SearchCount.query, SearchCount.results), since)
        .where(SearchCount.query.in_(queries)).order_by(SearchCount.day)
    ).all()
    return {query: results for query, results in rows}
