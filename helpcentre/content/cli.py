"""`flask --app helpcentre content check`: lint the content tree for editors."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from .current import all_problems, current_library

content = AppGroup("content", help="Work with the Markdown content tree.")


@content.command("check")
def check() -> None:
    """Report every problem as `path:line: message`; exit 1 when there is any."""
    library = current_library()
    problems = all_problems()
    for problem in problems:
        click.echo(str(problem))
    counts = f"{len(library.articles)} articles in {len(library.categories)} categories"
    if problems:
        click.echo(f"{len(problems)} problem(s) found in {counts}.", err=True)
        raise SystemExit(1)
    click.echo(f"Checked {counts}: no problems.")
