"""`flask --app helpcentre freeze OUT/`: the public site as files for nginx or a CDN."""
from __future__ import annotations

import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .build import FreezeError
from .release import Busy
from .site import Frozen, freeze_site, watch


def _print(frozen: Frozen) -> None:
    s = frozen.summary
    click.echo(f"Froze {s.files} files into {frozen.build}: {s.written} written, {s.unchanged} unchanged, "
               f"{s.removed} removed since the last build; it is live now.")


@click.command("freeze")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--changed", is_flag=True,
              help="Write only files whose bytes changed since the live build; link the rest from it.")
@click.option("--watch", "keep_watching", is_flag=True,
              help="Stay running: freeze with --changed whenever the content or support.yml changes.")
@click.option("--interval", type=click.FloatRange(min=0.5), default=2.0, show_default=True,
              help="Seconds between looks at the content, with --watch.")
@with_appcontext
def freeze(out: Path, changed: bool, keep_watching: bool, interval: float) -> None:
    """Write every public page, the 404 page and the hashed static files into OUT/current."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if keep_watching:
        def wait() -> bool:
            time.sleep(interval)
            return True
        click.echo(f"Watching the content every {interval:g} s; Ctrl-C stops.")
        try:
            watch(app, out, wait, report=_print)
        except KeyboardInterrupt:
            click.echo("Stopped watching.")
        return
    try:
        _print(freeze_site(app, out, changed=changed))
    except (FreezeError, Busy) as error:
        raise click.ClickException(str(error)) from None
