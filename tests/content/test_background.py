"""Edits never stall readers: the tree is read by a thread of its own, and a reader always gets a whole snapshot."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpcentre.content import render, store
from helpcentre.content.store import ContentStore
from tests.helpers.content import current_store

QUICK = 0.01  # seconds between the reloader's rounds; the tests wait for rounds, never for time


@pytest.fixture
def watched(content_copy: Path) -> Iterator[ContentStore]:
    """A store whose reloader thread runs (started by the first reader), stopped after the test."""
    started = ContentStore(content_copy, "/articles/{}".format, interval=QUICK)
    started.library()
    yield started
    started.reloader.stop()


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ContentStore]]:
    """Every walk of a content tree from now on: its thread's name and the store that walked.

    Reloader threads of other tests' apps may still be running, so tests look at their own store's.
    """
    found: list[tuple[str, ContentStore]] = []
    original = ContentStore._files

    def recording(self: ContentStore) -> list[tuple[Path, object]]:
        found.append((threading.current_thread().name, self))
        return original(self)  # type: ignore[return-value]

    monkeypatch.setattr(ContentStore, "_files", recording)
    return found


def test_the_reloader_picks_up_an_edit_a_new_file_and_a_deleted_one(watched: ContentStore,
                                                                    content_copy: Path) -> None:
    edited = content_copy / "guides" / "sign-in.md"
    edited.write_text(edited.read_text().replace("title: Signing in", "title: Signing in, edited"))
    (content_copy / "orders" / "returns.md").write_text("---\ntitle: Sending something back\n---\nPost it.\n")
    (content_copy / "guides" / "reset-password.md").unlink()
    assert watched.reloader.wait()
    library = watched.library()
    assert library.article("sign-in").title == "Signing in, edited"
    assert library.article("returns").title == "Sending something back"
    assert library.article("reset-password") is None


def test_readers_keep_the_old_snapshot_while_a_change_is_read(watched: ContentStore, content_copy: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    rendering, release = threading.Event(), threading.Event()
    original = store.render_markdown

    def slow(body: str, source_path: str, article_url: render.ArticleUrl) -> render.Rendered:
        rendering.set()
        assert release.wait(30)
        return original(body, source_path, article_url)

    before = watched.library()
    monkeypatch.setattr(store, "render_markdown", slow)
    (content_copy / "orders" / "returns.md").write_text("---\ntitle: Sending something back\n---\nPost it.\n")
    assert rendering.wait(30)  # the reloader is half-way through reading the change
    during = watched.library()  # and a reader is not held up by it
    assert during is before and during.article("returns") is None
    release.set()
    assert watched.reloader.wait()
    assert watched.library().article("returns").title == "Sending something back"
    assert before.article("returns") is None  # a snapshot a request holds never changes under it


def test_no_request_walks_the_tree(make_app, content_copy: Path, walks: list[tuple[str, ContentStore]]) -> None:
    app = make_app(CONTENT_DIR=str(content_copy), CONTENT_CHECK_INTERVAL=QUICK)
    content = current_store(app)
    try:
        client = app.test_client()
        for _ in range(3):
            for url in ("/", "/categories/guides", "/articles/sign-in", "/search?q=password", "/sitemap.xml",
                        "/articles/no-such-thing"):
                assert client.get(url).status_code in (200, 404)
            assert content.reloader.wait()
        mine = [name for name, store in walks if store is content]
        assert mine and mine[0] == threading.current_thread().name  # the first reading, at start
        assert set(mine[1:]) == {"content-reloader"}
    finally:
        content.reloader.stop()


def test_with_interval_zero_no_thread_runs_and_requests_still_never_walk(
        make_app, walks: list[tuple[str, ContentStore]]) -> None:
    app = make_app()  # the tests' settings: CONTENT_CHECK_INTERVAL=0
    content = current_store(app)
    client = app.test_client()
    for _ in range(3):
        assert client.get("/articles/sign-in").status_code == 200
    mine = [name for name, store in walks if store is content]
    assert mine == [threading.current_thread().name]  # the first reading; after it, only refresh() reads
    content.refresh()
    assert len([store for _, store in walks if store is content]) == 2
