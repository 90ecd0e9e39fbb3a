"""The fixture content tree, and small trees written by a test."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from helpcentre.content.store import ContentStore

# The repository, for tests of what it ships (content/support.yml, devices.yml).
REPOSITORY = Path(__file__).resolve().parents[2]
SHIPPED_CONTENT = REPOSITORY / "content"
# Fixture trees; FIXTURES / "site" is the site every test app serves (articles, support.yml, devices.yml).
FIXTURES = Path(__file__).parent.parent / "fixtures"


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write a small content tree from {relative path: text}."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def current_store(app: Flask) -> ContentStore:
    """The app's content store: call its refresh() after changing files, where the reloader thread would."""
    store: ContentStore = app.extensions["content_store"]
    return store
