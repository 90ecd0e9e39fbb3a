"""`flask freeze`: every public page as the app serves it, .gz beside text files, atomic and incremental builds."""
from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import pytest
from flask import Flask

from helpcentre.articles import sitemap, views
from helpcentre.freeze import FreezeError, freeze_site, watch
from helpcentre.freeze import site as freeze_module
from helpcentre.freeze.release import Busy, Releases
from tests.helpers.content import write_tree
from tests.helpers.frozen import NOT_FOUND_FILE, app_answer, files_of, url_of

ARTICLES = ["reset-password", "sign-in", "track-an-order", "unsafe-markup"]  # the fixture's, the draft aside


def test_every_file_is_the_apps_answer_for_its_url_and_every_gz_its_gzip(app: Flask, out: Path) -> None:
    freeze_site(app, out)
    root = out / "current"
    files = files_of(root)
    client, base = app.test_client(), app.config["BASE_URL"]
    for name, path in files.items():
        url = url_of(name)
        status, coding, body = app_answer(client, url, base)
        assert (status, coding) == ((404, "") if name == NOT_FOUND_FILE else (200, "")), url
        assert path.read_bytes() == body, url
        packed = path.with_name(path.name + ".gz")
        if name.endswith((".html", ".xml", ".txt", ".css", ".js")):
            assert packed.is_file(), f"no .gz beside {name}"
            assert gzip.decompress(packed.read_bytes()) == body
            if name != NOT_FOUND_FILE:  # the app sends stored pages and assets gzipped: the very same bytes
                assert app_answer(client, url, base, "gzip") == (200, "gzip", packed.read_bytes()), url
    with app.test_request_context():
        hashed = sorted(app.extensions["assets"].hashed.values())
    assert sorted(files) == sorted([
        "404.html", "index.html", "robots.txt", "sitemap.xml", "categories/guides.html", "categories/orders.html",
        *(f"articles/{slug}.html" for slug in ARTICLES), *(f"static/{name}" for name in hashed)])


def test_the_tree_holds_nothing_personal_or_time_dependent(app: Flask, out: Path) -> None:
    freeze_site(app, out)
    names = set(files_of(out / "current"))
    # /support tells the time (today's row, open or closed): it stays with the app, like every island.
    assert not {"support.html", "support/chat-status.html", "most-helpful.html", "search.html", "healthz"} & names
    assert not any(name.startswith("account") for name in names)
    assert "articles/secret-plan.html" not in names  # a draft
    # Only hashed names: the plain ones answer no-cache, from the app.
    assert all(re.fullmatch(r"static/.+\.[0-9a-f]{12}\.(css|js)", name) for name in names if name.startswith("static/"))


def test_category_pages_and_a_split_sitemap_are_frozen_too(app: Flask, out: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "PER_PAGE", 1)
    monkeypatch.setattr(sitemap, "URLS_PER_FILE", 3)
    freeze_site(app, out)
    files = files_of(out / "current")
    # Page 1 is the category's own address; its pages 2.. sit under it: a file and a folder of one name.
    assert {"categories/guides.html", "categories/guides/page/2.html", "categories/orders/page/2.html"} <= set(files)
    assert {"sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"} <= set(files)
    client, base = app.test_client(), app.config["BASE_URL"]
    for name in ("categories/guides/page/2.html", "sitemap.xml", "sitemaps/3.xml"):
        assert files[name].read_bytes() == app_answer(client, url_of(name), base)[2]
    assert b"<sitemapindex" in files["sitemap.xml"].read_bytes()


def test_changed_writes_only_what_changed_and_drops_deleted_pages(app: Flask, out: Path, content_copy: Path) -> None:
    first = freeze_site(app, out)
    assert (first.summary.written, first.summary.unchanged, first.summary.removed) == (first.summary.files, 0, 0)
    before = {name: path.stat() for name, path in files_of(first.build).items()}
    (content_copy / "orders" / "unsafe-markup.md").unlink()
    article = content_copy / "guides" / "sign-in.md"
    article.write_text(article.read_text().replace("title: ", "title: Now ", 1))

    second = freeze_site(app, out, changed=True)
    after = files_of(second.build)
    assert os.readlink(out / "current") == os.path.relpath(second.build, out)
    assert "articles/unsafe-markup.html" not in after and second.summary.removed == 1
    assert b"Now " in after["articles/sign-in.html"].read_bytes()
    assert after["articles/sign-in.html"].stat().st_ino != before["articles/sign-in.html"].st_ino
    # An untouched file is the same file: same inode and modification time, so nginx's ETag stays.
    assert after["robots.txt"].stat().st_ino == before["robots.txt"].st_ino
    assert after["robots.txt"].stat().st_mtime_ns == before["robots.txt"].st_mtime_ns
    assert (second.build / "robots.txt.gz").stat().st_ino == (first.build / "robots.txt.gz").stat().st_ino
    linked = {name for name, path in after.items() if path.stat().st_ino == before.get(name, path.stat()).st_ino
              and name in before}
    assert second.summary.unchanged == len(linked) and second.summary.written == len(after) - len(linked)
    assert "static/" in " ".join(linked)  # the assets did not change
    # Every page is still the app's answer, the new ones as the old.
    client, base = app.test_client(), app.config["BASE_URL"]
    for name, path in after.items():
        assert path.read_bytes() == app_answer(client, url_of(name), base)[2], name


def test_a_full_freeze_after_the_first_writes_every_file_again(app: Flask, out: Path) -> None:
    first = freeze_site(app, out)
    second = freeze_site(app, out)
    assert second.summary.written == second.summary.files and second.summary.unchanged == 0
    assert (second.build / "robots.txt").stat().st_ino != (first.build / "robots.txt").stat().st_ino


def test_the_previous_build_is_kept_for_a_rollback_and_older_ones_removed(app: Flask, out: Path) -> None:
    builds = [freeze_site(app, out, changed=True).build for _ in range(3)]
    assert sorted((out / "builds").iterdir()) == builds[1:]
    assert (out / "current").resolve() == builds[2]


def test_a_failed_freeze_leaves_the_live_build_as_it_was(app: Flask, out: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    live = freeze_site(app, out).build
    original = freeze_module.public_paths
    monkeypatch.setattr(freeze_module, "public_paths", lambda app: [*original(app), "/articles/nowhere"])
    with pytest.raises(FreezeError, match="/articles/nowhere answered 404 NOT FOUND instead of 200"):
        freeze_site(app, out, changed=True)
    assert (out / "current").resolve() == live
    assert list((out / "builds").iterdir()) == [live]  # the half-written build is gone


def test_a_page_that_sets_a_cookie_is_refused(app: Flask, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(freeze_module, "public_paths", lambda app: ["/account/login"])
    with pytest.raises(FreezeError, match="sets a cookie"):  # the sign-in form's CSRF token needs a session
        freeze_site(app, out)
    assert not (out / "current").exists()


def test_two_freezes_of_one_folder_never_interleave(app: Flask, out: Path) -> None:
    with Releases(out).locked(), pytest.raises(Busy, match="another freeze of .* is running"):
        freeze_site(app, out)


def test_the_command_reports_what_it_did(app: Flask, out: Path) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["freeze", str(out)])
    assert first.exit_code == 0, first.output
    assert "written, 0 unchanged, 0 removed since the last build; it is live now." in first.output
    again = runner.invoke(args=["freeze", str(out), "--changed"])
    files = len(freeze_module.public_paths(app)) + 1  # the pages, the hashed assets and the 404 page
    assert again.exit_code == 0 and f"Froze {files} files" in again.output
    assert f"0 written, {files} unchanged" in again.output
    with Releases(out).locked():
        busy = runner.invoke(args=["freeze", str(out)])
    assert busy.exit_code == 1 and "Error: another freeze of" in busy.output and "Traceback" not in busy.output


def test_watch_freezes_at_once_then_only_when_the_content_changes(app: Flask, out: Path, content_copy: Path) -> None:
    builds: list[Path] = []
    steps = iter([
        lambda: None,  # nothing changed: no new build
        lambda: write_tree(content_copy, {"guides/new-question.md": "---\ntitle: A new question\n---\nAnswered.\n"}),
        lambda: (content_copy / "support.yml").write_text(
            (content_copy / "support.yml").read_text().replace("UK time", "London time")),
    ])

    def wait() -> bool:
        step = next(steps, None)
        if step is None:
            return False
        step()
        return True

    watch(app, out, wait, report=lambda frozen: builds.append(frozen.build))
    assert len(builds) == 3  # at start, after the new article, after support.yml (every page's banner)
    assert (builds[1] / "articles" / "new-question.html").is_file()
    assert b"London time" in (builds[2] / "articles" / "sign-in.html").read_bytes()
    assert (out / "current").resolve() == builds[2]


def test_a_site_that_answers_only_its_own_host_freezes_as_that_host(make_app, content_copy: Path, out: Path) -> None:
    # As in production, where TRUSTED_HOSTS is BASE_URL's host: the freezer asks for each page as that host.
    app = make_app(CONTENT_DIR=str(content_copy), TRUSTED_HOSTS=["help.example.test"])
    frozen = freeze_site(app, out)
    assert frozen.summary.files == len(freeze_module.public_paths(app)) + 1  # and the 404 page
    assert app.test_client().get("/articles/sign-in").status_code == 400  # any other host is refused
