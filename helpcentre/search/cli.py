"""`flask --app helpcentre search report`: what readers search for, and what finds nothing."""
from __future__ import annotations

from datetime import datetime

import click
from flask.cli import AppGroup

from .store import QueryCount, most_searched, most_searched_without_results

search = AppGroup("search", help="Reports on what readers search for.")


@search.command("report")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Count searches from this UTC day on (YYYY-MM-DD); default: all recorded days.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many queries each list shows.")
def report(since: datetime | None, limit: int) -> None:
    """List the most frequent queries, then the most frequent ones that found nothing."""
    day = since.date() if since else None
    period = f"since {day.isoformat()}" if day else "all recorded days"
    _print(f"Most frequent searches ({period}):", most_searched(day, limit), with_results=True)
    click.echo()
    _print(f"Most frequent searches that found nothing ({period}):",
           most_searched_without_results(day, limit), with_results=False)


def _print(title: str, rows: list[QueryCount], *, with_results: bool) -> None:
    click.echo(title)
    if not rows:
        click.echo("  (none)")
        return
    click.echo("  searches  results  query" if with_results else "  searches  query")
    for row in rows:
        found = f"  {row.results:>7}" if with_results else ""
        click.echo(f"  {row.searches:>8}{found}  {row.query}")
