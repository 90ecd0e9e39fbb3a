"""The content as the current app sees it, and the problems `content check` reports."""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

from .model import Library, Problem
from .store import ContentStore

ProblemSource = Callable[[], list[Problem]]


def current_store() -> ContentStore:
    """The current app's content store."""
    store: ContentStore = current_app.extensions["content_store"]
    return store


def current_library() -> Library:
    """The content snapshot for this request (changed files are re-read in the background)."""
    return current_store().library()


def add_check(app: Flask, source: ProblemSource) -> None:
    """Add a source of editors' problems to `flask content check`."""
    app.extensions.setdefault("content_checks", []).append(source)


def all_problems() -> list[Problem]:
    """Every problem `content check` reports: the articles', then each added source's."""
    sources: list[ProblemSource] = current_app.extensions.get("content_checks", [])
    return [*current_library().problems, *(problem for source in sources for problem in source())]
