"""`flask --app helpcentre content check`: lint the content tree for editors."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

content = AppGroup("content", help="Work with the Markdown content tree.")


@content.command("check")
def check() -> None:
    """Report every problem as `path:line: message`; exit 1 when there is any."""
    from . import current_library

    library = current_library()
    checks = current_app.extensions.get("content_checks", [])
    problems = [*library.problems, *(p for extra in checks for p in extra())]
    for problem in problems:
        click.echo(str(problem))
    counts = f"{len(library.articles)} articles in {len(library.categories)} categories"
    if problems:
        click.echo(f"{len(problems)} problem(s) found in {counts}.", err=True)
        raise SystemExit(1)
    click.echo(f"Checked {counts}: no problems.")
