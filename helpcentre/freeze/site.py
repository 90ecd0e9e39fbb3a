"""Freeze the public site into OUT once, or again whenever what its pages show changes."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, url_for

from .. import articles
from ..assets import Assets
from ..content import current_library, refresh_library
from ..pages import site_version
from .build import FreezeError, Summary, pages_in, write_build
from .release import Busy, Releases

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Frozen:
    """A build that went live, and what it took."""

    build: Path
    summary: Summary


def public_paths(app: Flask) -> list[str]:
    """Every page that is the same for everyone, and every static file under its hashed name."""
    assets: Assets = app.extensions["assets"]
    with app.test_request_context(base_url=app.config["BASE_URL"]):
        return [*articles.public_paths(), *(url_for("static", filename=name) for name in sorted(assets.hashed))]


def freeze_site(app: Flask, out: Path, changed: bool = False) -> Frozen:
    """Write a new build of every public page into OUT/builds/ and make it OUT/current in one step.

    With `changed`, files whose bytes are the same as in the live build are linked from it, not
    written. Either way pages gone from the site are not in the new build. Keeps the previous build.
    """
    refresh_library(app)  # the tree as it is on disk now, not as a reloader last saw it
    releases = Releases(out)
    with releases.locked():
        live = releases.live()
        build = releases.new_build()
        try:
            written, unchanged = write_build(app, public_paths(app), build, live if changed else None)
        except BaseException:
            releases.discard(build)
            raise
        removed = len(pages_in(live) - pages_in(build)) if live is not None else 0
        releases.switch(build)
        releases.prune([build, *([live] if live else [])])
    return Frozen(build, Summary(written, unchanged, removed))


def content_version(app: Flask) -> str:
    """A string that changes whenever any public page may change: the content and every layout input."""
    refresh_library(app)
    with app.app_context():
        return site_version(current_library().version)


def watch(app: Flask, out: Path, wait: Callable[[], bool],
          report: Callable[[Frozen], None] = lambda frozen: None) -> None:
    """Freeze (with `changed`) now and each time the content version moves, until `wait()` says stop.

    `wait` sleeps between looks and returns False to stop. A failed freeze is logged and tried again
    at the next change; the live build stays as it was.
    """
    frozen_version: str | None = None
    while True:
        version = content_version(app)
        if version != frozen_version:
            try:
                report(freeze_site(app, out, changed=True))
                frozen_version = version
            except (FreezeError, Busy, OSError) as error:
                log.error("freeze failed, the live build is unchanged: %s", error)
                frozen_version = version  # try again when the content changes again, not in a loop
        if not wait():
            return
