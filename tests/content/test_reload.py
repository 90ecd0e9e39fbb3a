"""Editors publish by adding files: changes show once the tree is next read, broken files never take the site down.

The tree is read by `refresh()`, which the background reloader calls (see test_background.py);
here the tests call it themselves, so each step is deterministic.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from flask import Flask

from helpcentre.content.store import ContentStore
from tests.helpers.content import current_store


def store_over(root: Path) -> ContentStore:
    # Interval 0: no reloader thread; the test says when the tree is read.
    return ContentStore(root, lambda slug: f"/articles/{slug}", interval=0)


def test_a_new_file_is_seen_after_the_next_refresh_not_before(content_copy: Path) -> None:
    store = store_over(content_copy)
    assert store.library().article("brand-new") is None
    (content_copy / "guides" / "brand-new.md").write_text("---\ntitle: Brand new\n---\n## New?\nYes.\n")
    assert store.library().article("brand-new") is None  # a reader never reads the tree
    store.refresh()
    assert store.library().article("brand-new").title == "Brand new"


def test_only_changed_files_are_read_again(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = store_over(content_copy)
    store.library()
    read: list[str] = []
    original = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: read.append(self.name) or original(self, *a, **k))
    target = content_copy / "guides" / "reset-password.md"
    target.write_text(target.read_text().replace("Resetting your password", "Resetting a password"))
    os.utime(target, ns=(1, 10**18))
    library = store.refresh()
    assert library.article("reset-password").title == "Resetting a password"
    assert [name for name in read if name.endswith(".md")].count("reset-password.md") >= 1
    assert "track-an-order.md" not in read and "unsafe-markup.md" not in read


def test_unchanged_tree_keeps_the_same_snapshot(content_copy: Path) -> None:
    store = store_over(content_copy)
    first = store.library()
    assert store.refresh() is first
    assert store.library() is first


def test_broken_yaml_keeps_the_rest_up_and_is_logged_once(content_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = store_over(content_copy)
    broken = content_copy / "guides" / "broken.md"
    broken.write_text("---\ntitle: [oops\n---\nBody\n")
    with caplog.at_level(logging.ERROR, logger="helpcentre.content.store"):
        library = store.library()
        (content_copy / "orders" / "another.md").write_text("---\ntitle: Another\n---\nBody\n")
        store.refresh()
    assert library.article("sign-in") is not None and library.article("broken") is None
    messages = [r.getMessage() for r in caplog.records if "broken.md" in r.getMessage()]
    assert len(messages) == 1 and ":2: invalid YAML" in messages[0]


def test_site_serves_other_pages_while_a_file_is_broken(content_copy: Path, make_app) -> None:
    (content_copy / "guides" / "broken.md").write_text("---\ntitle: [oops\n---\nBody\n")
    app: Flask = make_app(CONTENT_DIR=str(content_copy))
    client = app.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/articles/sign-in").status_code == 200
    assert client.get("/articles/broken").status_code == 404


def test_new_file_shows_on_reload_through_the_app(content_copy: Path, make_app) -> None:
    app = make_app(CONTENT_DIR=str(content_copy))
    client = app.test_client()
    etag = client.get("/").headers["ETag"]
    (content_copy / "orders" / "returns.md").write_text("---\ntitle: Sending something back\n---\n## How?\nPost it.\n")
    current_store(app).refresh()
    response = client.get("/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Sending something back" in response.get_data(as_text=True)
    assert client.get("/articles/returns").status_code == 200
