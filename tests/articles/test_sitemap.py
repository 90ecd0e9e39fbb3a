"""The sitemap: one file up to the protocol's 50,000 URLs, an index of numbered files past it."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from flask.testing import FlaskClient

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://help.example.test"
# The fixture's published pages: home, two categories, four articles.
ALL = {f"{BASE}/", f"{BASE}/categories/guides", f"{BASE}/categories/orders", f"{BASE}/articles/sign-in",
       f"{BASE}/articles/reset-password", f"{BASE}/articles/track-an-order", f"{BASE}/articles/unsafe-markup"}


def parse(client: FlaskClient, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/xml"
    return ET.fromstring(response.data)


def locs(root: ET.Element) -> list[str]:
    return [loc.text or "" for loc in root.iterfind("s:url/s:loc", NS)]


@pytest.fixture
def three_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("helpcentre.articles.sitemap.URLS_PER_FILE", 3)


def test_below_the_limit_one_file_lists_every_page(client: FlaskClient) -> None:
    root = parse(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['s']}}}urlset"
    assert set(locs(root)) == ALL and len(locs(root)) == len(ALL)
    assert client.get("/sitemaps/1.xml").status_code == 404


@pytest.mark.usefixtures("three_per_file")
def test_past_the_limit_the_sitemap_is_an_index_of_files(client: FlaskClient) -> None:
    index = parse(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    files = [loc.text for loc in index.iterfind("s:sitemap/s:loc", NS)]
    assert files == [f"{BASE}/sitemaps/1.xml", f"{BASE}/sitemaps/2.xml", f"{BASE}/sitemaps/3.xml"]
    parts = [locs(parse(client, f"/sitemaps/{number}.xml")) for number in (1, 2, 3)]
    assert [len(part) for part in parts] == [3, 3, 1]
    assert sorted(loc for part in parts for loc in part) == sorted(ALL)


@pytest.mark.usefixtures("three_per_file")
def test_the_index_gives_each_file_its_newest_lastmod(client: FlaskClient) -> None:
    index = parse(client, "/sitemap.xml")
    lastmods = {s.findtext("s:loc", namespaces=NS): s.findtext("s:lastmod", namespaces=NS)
                for s in index.iterfind("s:sitemap", NS)}
    for number in (1, 2, 3):
        part = parse(client, f"/sitemaps/{number}.xml")
        dates = [d.text for d in part.iterfind("s:url/s:lastmod", NS)]
        assert lastmods[f"{BASE}/sitemaps/{number}.xml"] == (max(dates) if dates else None)


@pytest.mark.usefixtures("three_per_file")
@pytest.mark.parametrize("path", ["/sitemaps/0.xml", "/sitemaps/4.xml", "/sitemaps/x.xml", "/sitemaps/1.txt"])
def test_files_that_do_not_exist_are_404(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.usefixtures("three_per_file")
def test_sitemap_files_are_static_pages(client: FlaskClient) -> None:
    first = client.get("/sitemaps/2.xml")
    assert first.headers["Cache-Control"] == "public, max-age=60" and "Set-Cookie" not in first.headers
    assert client.get("/sitemaps/2.xml", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert "Sitemap: https://help.example.test/sitemap.xml" in client.get("/robots.txt").get_data(as_text=True)
