"""The parse cache on disk: a restart renders only what changed, and a damaged cache is only ever slower."""
from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helpcentre.content import cache, render, store
from helpcentre.content.cache import ParseCache
from helpcentre.content.store import ContentStore
from tests.helpers.content import REPOSITORY

ARTICLE_URL = "/articles/{}".format


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source path of every article body rendered from now on."""
    found: list[str] = []
    original = store.render_markdown

    def counting(body: str, source_path: str, article_url: render.ArticleUrl) -> render.Rendered:
        found.append(source_path)
        return original(body, source_path, article_url)

    monkeypatch.setattr(store, "render_markdown", counting)
    return found


def start(content: Path, cache_file: Path, **options: object) -> ContentStore:
    """A store as a fresh process has it after reading the tree."""
    started = ContentStore(content, ARTICLE_URL, interval=0, cache=ParseCache(cache_file, **options))  # type: ignore[arg-type]
    started.library()
    return started


def html_by_slug(started: ContentStore) -> dict[str, str]:
    return {slug: article.html for slug, article in started.library().articles.items()}


def test_a_second_start_renders_nothing_and_serves_the_same_pages(content_copy: Path, tmp_path: Path,
                                                                  renders: list[str]) -> None:
    first = start(content_copy, tmp_path / "cache.sqlite3")
    articles = len(first.library().articles)
    assert articles == 5 and len(renders) == articles
    renders.clear()
    second = start(content_copy, tmp_path / "cache.sqlite3")
    assert renders == []
    assert html_by_slug(second) == html_by_slug(first)
    assert second.library().problems == first.library().problems
    assert second.library().articles["sign-in"] == first.library().articles["sign-in"]


def test_a_start_after_an_edit_renders_only_the_edited_file(content_copy: Path, tmp_path: Path,
                                                            renders: list[str]) -> None:
    start(content_copy, tmp_path / "cache.sqlite3")
    edited = content_copy / "guides" / "sign-in.md"
    edited.write_text(edited.read_text().replace("Signing in", "Signing in again"))
    renders.clear()
    second = start(content_copy, tmp_path / "cache.sqlite3")
    assert renders == ["guides/sign-in.md"]
    assert second.library().articles["sign-in"].title == "Signing in again"


@pytest.mark.parametrize("change", ["version", "extension config", "allow-list"])
def test_a_renderer_change_renders_everything_again(content_copy: Path, tmp_path: Path, renders: list[str],
                                                    monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    start(content_copy, tmp_path / "cache.sqlite3")
    if change == "version":
        monkeypatch.setattr(render, "RENDERER_VERSION", render.RENDERER_VERSION + 1)
    elif change == "extension config":
        monkeypatch.setitem(render.EXTENSION_CONFIGS, "toc", {"permalink": True})
    else:
        monkeypatch.setattr(cache.sanitise, "ALLOWED_TAGS", cache.sanitise.ALLOWED_TAGS - {"kbd"})
    renders.clear()
    second = start(content_copy, tmp_path / "cache.sqlite3")
    assert len(renders) == len(second.library().articles)


def test_a_damaged_entry_is_rendered_again_and_replaced(content_copy: Path, tmp_path: Path,
                                                        renders: list[str]) -> None:
    first = start(content_copy, tmp_path / "cache.sqlite3")
    with sqlite3.connect(tmp_path / "cache.sqlite3") as connection:
        connection.execute("UPDATE entries SET value = ? WHERE rowid = (SELECT min(rowid) FROM entries)",
                           (b"\x80\x05torn",))
    renders.clear()
    second = start(content_copy, tmp_path / "cache.sqlite3")
    assert len(renders) == 1
    assert html_by_slug(second) == html_by_slug(first)
    renders.clear()
    start(content_copy, tmp_path / "cache.sqlite3")
    assert renders == []  # the damaged entry was written again


def test_a_cache_file_that_is_not_a_database_is_started_again(content_copy: Path, tmp_path: Path,
                                                              renders: list[str],
                                                              caplog: pytest.LogCaptureFixture) -> None:
    first = start(content_copy, tmp_path / "cache.sqlite3")
    (tmp_path / "cache.sqlite3").write_bytes(b"this is no database" * 500)
    renders.clear()
    with caplog.at_level(logging.WARNING, logger="helpcentre.content.cache"):
        second = start(content_copy, tmp_path / "cache.sqlite3")
    assert len(renders) == len(first.library().articles)
    assert html_by_slug(second) == html_by_slug(first)
    assert any("damaged" in record.getMessage() for record in caplog.records)
    renders.clear()
    start(content_copy, tmp_path / "cache.sqlite3")
    assert renders == []


def test_a_cache_that_cannot_be_opened_leaves_the_site_rendering(content_copy: Path, tmp_path: Path,
                                                                 renders: list[str]) -> None:
    (tmp_path / "a-folder").mkdir()
    started = start(content_copy, tmp_path / "a-folder")  # a directory: SQLite cannot open it
    assert len(renders) == len(started.library().articles) and started.library().article("sign-in")


def test_entries_no_start_used_for_a_day_are_pruned(content_copy: Path, tmp_path: Path) -> None:
    now = [1_000_000.0]
    clock = lambda: now[0]  # noqa: E731
    start(content_copy, tmp_path / "cache.sqlite3", clock=clock)
    edited = content_copy / "guides" / "sign-in.md"
    edited.write_text(edited.read_text() + "\nOne more line.\n")
    now[0] += 3600
    start(content_copy, tmp_path / "cache.sqlite3", clock=clock)
    articles = len(list(content_copy.rglob("*.md")))
    assert rows(tmp_path / "cache.sqlite3") == articles + 1  # the old sign-in is still within the day
    now[0] += cache.UNUSED_FOR + 1
    start(content_copy, tmp_path / "cache.sqlite3", clock=clock)
    assert rows(tmp_path / "cache.sqlite3") == articles


def rows(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM entries").fetchone()[0])


WRITER = """
import sys
from pathlib import Path
from helpcentre.content.cache import ParseCache
from helpcentre.content.store import ContentStore
sys.stdin.readline()  # released by the test together with the other writer
store = ContentStore(Path(sys.argv[1]), "/articles/{}".format, interval=0, cache=ParseCache(Path(sys.argv[2])))
print(len(store.library().articles))
"""


def test_two_processes_filling_the_cache_at_once_leave_it_whole(content_copy: Path, tmp_path: Path,
                                                                renders: list[str]) -> None:
    for number in range(60):  # enough that the two writers' work overlaps
        (content_copy / "guides" / f"extra-{number}.md").write_text(
            f"---\ntitle: Extra {number}\n---\n## Question {number}?\nAn answer with a [link](sign-in.md).\n")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(content_copy), str(tmp_path / "cache.sqlite3")],
                                cwd=REPOSITORY, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for _ in range(2)]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=120) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0]
    assert outputs[0][0] == outputs[1][0] and int(outputs[0][0]) > 60
    with sqlite3.connect(tmp_path / "cache.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    cached = start(content_copy, tmp_path / "cache.sqlite3")
    assert renders == []  # every entry the writers left is whole and used
    uncached = ContentStore(content_copy, ARTICLE_URL, interval=0)
    assert html_by_slug(cached) == html_by_slug(uncached)
