"""Reading a frozen tree back: which URL each file answers, and the bytes the app gives for it."""
from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient

NOT_FOUND_FILE = "404.html"


def url_of(name: str) -> str:
    """The URL a file of the tree answers (the inverse of the freezer's naming)."""
    if name == "index.html" or name == NOT_FOUND_FILE:
        return "/" + ("" if name == "index.html" else name)
    if name.endswith(".html"):
        return "/" + name.removesuffix(".html")
    return "/" + name


def files_of(root: Path) -> dict[str, Path]:
    """{relative name: path} of every file of a build but the .gz beside them."""
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix != ".gz"}


def app_answer(client: FlaskClient, url: str, base_url: str, coding: str | None = None) -> tuple[int, str, bytes]:
    """Status, Content-Encoding and raw body the app answers for `url` (identity unless `coding`)."""
    headers = {"Accept-Encoding": coding} if coding else {}
    response = client.get(url, base_url=base_url, headers=headers)
    return response.status_code, response.headers.get("Content-Encoding", ""), response.get_data()
