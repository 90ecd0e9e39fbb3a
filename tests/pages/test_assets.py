"""Static files under hashed names: linked by pages, kept for a year, old plain names still served."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from flask import Flask, url_for

from helpcentre.assets import Assets, hashed_name

STATIC = Path(__file__).resolve().parents[2] / "static"
HASHED = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def linked_assets(html: str) -> list[str]:
    """The /static/ URLs a page links to."""
    return HASHED.findall(html)


@pytest.mark.parametrize("path", ["/", "/articles/sign-in", "/support", "/search?q=password", "/nowhere"])
def test_pages_link_the_hashed_names(client, path: str) -> None:
    links = linked_assets(client.get(path).get_data(as_text=True))
    css = (STATIC / "css" / "site.css").read_bytes()
    assert len(links) == 3
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", links[0])
    assert re.fullmatch(r"/static/vendor/htmx\.min\.[0-9a-f]{12}\.js", links[1])
    assert re.fullmatch(r"/static/js/islands\.[0-9a-f]{12}\.js", links[2])
    assert client.get(links[0]).get_data() == css


def test_url_for_gives_the_hashed_name_and_leaves_unknown_files_alone(app: Flask) -> None:
    with app.test_request_context():
        assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url_for("static", filename="css/site.css"))
        assert url_for("static", filename="css/missing.css") == "/static/css/missing.css"


def test_hashed_names_are_cached_for_a_year_and_compressed(client) -> None:
    css, js, islands = linked_assets(client.get("/").get_data(as_text=True))
    for url, source in ((css, STATIC / "css" / "site.css"), (js, STATIC / "vendor" / "htmx.min.js"),
                        (islands, STATIC / "js" / "islands.js")):
        plain = client.get(url)
        assert plain.status_code == 200 and plain.get_data() == source.read_bytes()
        assert plain.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        gzipped = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert gzipped.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(gzipped.get_data()) == source.read_bytes()
        assert gzipped.headers["Vary"] == "Accept-Encoding"
        assert client.get(url, headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304
    assert client.get(css).headers["Content-Type"] == "text/css; charset=utf-8"


def test_old_plain_names_still_answer_but_are_revalidated(client) -> None:
    response = client.get("/static/css/site.css")
    assert response.status_code == 200 and response.get_data() == (STATIC / "css" / "site.css").read_bytes()
    assert response.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/css/site.css", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


@pytest.mark.parametrize("name", ["css/site.0123456789ab.css", "css/missing.css", "../pyproject.toml", ".hidden"])
def test_names_that_are_not_static_files_are_not_found(client, name: str) -> None:
    assert client.get(f"/static/{name}").status_code == 404


def test_the_hash_follows_the_bytes(tmp_path: Path) -> None:
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body { color: black }")
    (tmp_path / ".gitkeep").write_text("")
    first = Assets.scan(tmp_path).hashed
    (tmp_path / "css" / "site.css").write_text("body { color: navy }")
    second = Assets.scan(tmp_path).hashed
    assert list(first) == ["css/site.css"]  # dot files are not served
    assert first["css/site.css"] != second["css/site.css"]


@pytest.mark.parametrize(("name", "hashed"), [
    ("css/site.css", "css/site.abc.css"),
    ("vendor/htmx.min.js", "vendor/htmx.min.abc.js"),
    ("LICENSE", "LICENSE.abc"),
    (".well-known", ".well-known.abc"),
])
def test_the_hash_goes_before_the_last_suffix(name: str, hashed: str) -> None:
    assert hashed_name(name, "abc") == hashed
