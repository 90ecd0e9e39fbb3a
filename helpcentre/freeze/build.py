"""Write one build of the public site: every page the same for everyone, as the app serves it.

Each file is the body the app answers for its path, fetched through the app itself (the test
client, so the front layer and every hook run as for a reader), with a `.gz` beside each text
file: the same gzip bytes the app sends (stored.encode, deterministic), for nginx's gzip_static.
An HTML page at /a/b is written as a/b.html ("/" as index.html), so /categories/x and
/categories/x/page/2 can both exist; other files keep their names.

With a previous build, a file whose bytes did not change is hard-linked from it instead of
written: it keeps its inode and modification time, so a web server's ETag and Last-Modified for
it stay the same, and an incremental freeze writes only what changed.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from ..stored import compressible, encode

NOT_FOUND_PATH = "/404.html"  # fetched from the app (it answers 404) and named in nginx's error_page


class FreezeError(Exception):
    """A page could not be frozen (it did not answer as a public page should)."""


@dataclass(frozen=True)
class Summary:
    """What one build did: files written anew, linked unchanged from the previous build, and gone since it."""

    written: int
    unchanged: int
    removed: int

    @property
    def files(self) -> int:
        """How many pages and assets the build holds (the .gz files aside)."""
        return self.written + self.unchanged


def file_name(path: str, content_type: str) -> str:
    """Where the answer for URL `path` lives in the tree, relative to its root."""
    name = path.lstrip("/")
    if path.endswith("/"):
        return name + "index.html"
    html = content_type.split(";", 1)[0].strip() == "text/html"
    return name + ".html" if html and not name.endswith(".html") else name


def write_build(app: Flask, paths: Iterable[str], target: Path, previous: Path | None) -> tuple[int, int]:
    """Fetch each path (200 expected) and the 404 page into `target`, linking files unchanged since
    `previous`; how many files were written and how many linked."""
    client = app.test_client()
    base_url = app.config["BASE_URL"]
    written = unchanged = 0
    for path, expected in [*((p, 200) for p in paths), (NOT_FOUND_PATH, 404)]:
        response = client.get(path, base_url=base_url)
        if response.status_code != expected:
            raise FreezeError(f"{path} answered {response.status} instead of {expected}")
        if "Set-Cookie" in response.headers:  # a page that sets a cookie is personal: never freeze it
            raise FreezeError(f"{path} sets a cookie, so it is not the same for everyone")
        body, content_type = response.get_data(), response.content_type or ""
        name = file_name(path, content_type)
        if previous is not None and _same(previous / name, body):
            _link(previous, target, name)
            unchanged += 1
        else:
            _write(target / name, body, content_type)
            written += 1
    return written, unchanged


def _same(old: Path, body: bytes) -> bool:
    try:
        return old.stat().st_size == len(body) and old.read_bytes() == body
    except OSError:
        return False


def _link(previous: Path, target: Path, name: str) -> None:
    (target / name).parent.mkdir(parents=True, exist_ok=True)
    os.link(previous / name, target / name)
    packed = previous / (name + ".gz")
    if packed.is_file():  # its bytes follow from the page's, which are the same
        os.link(packed, target / (name + ".gz"))


def _write(file: Path, body: bytes, content_type: str) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(body)
    # gzip_static sends the .gz as it is, so it must be what the app would send: the same encoder.
    packed = encode(body, compress=compressible(content_type)).get("gzip")
    if packed is not None:  # only where gzip makes it smaller, as the app decides
        (file.parent / (file.name + ".gz")).write_bytes(packed)


def pages_in(build: Path) -> set[str]:
    """The files of a build, the .gz beside them aside."""
    return {p.relative_to(build).as_posix() for p in build.rglob("*") if p.is_file() and p.suffix != ".gz"}
