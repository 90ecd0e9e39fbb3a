"""`flask --app helpcentre feedback report [--since DATE] [--csv]`: what readers said, worst first."""
from __future__ import annotations

import sys
from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from ..content import current_library
from . import report, report_format, store

feedback = AppGroup("feedback", help="Read what readers said about the articles.")


@feedback.command("report")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only answers given or changed on or after this date (YYYY-MM-DD, UTC).")
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV with a header row, for spreadsheets.")
def report_command(since: datetime | None, as_csv: bool) -> None:
    """For each article: yes, no, helpful %, reasons and latest comments, worst first."""
    since = since.replace(tzinfo=UTC) if since else None
    figures = report.build(current_library().articles, store.tallies(since),
                           store.comments(since, report.COMMENTS_SHOWN))
    if as_csv:
        report_format.write_csv(figures, sys.stdout)
    else:
        click.echo(report_format.text(figures, since), nl=False)
