"""Category pages paginate: one URL per page, canonical and prev/next links, visible navigation, 404 past the end."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from helpcentre.articles.paging import Pages, page_count, page_of
from tests.helpers.html_check import html_problems

BASE = "https://help.example.test"


def head_links(html: str) -> dict[str, str]:
    head = html[:html.index("</head>")]
    return dict(re.findall(r'<link rel="(canonical|prev|next)" href="([^"]+)">', head))


def nav(html: str) -> str:
    found = re.search(r'<nav class="pagination" aria-label="Pages of [^"]+">.*?</nav>', html, re.S)
    assert found, "no pagination navigation"
    return found.group(0)


@pytest.fixture
def one_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guides has two published articles: at one a page, two pages."""
    monkeypatch.setattr("helpcentre.articles.views.PER_PAGE", 1)


def test_pages_window_shows_ends_neighbours_and_gaps() -> None:
    assert Pages(1, 1).window() == [1]
    assert Pages(1, 3).window() == [1, 2, 3]
    assert Pages(50, 100).window() == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert Pages(4, 100).window() == [1, 2, 3, 4, 5, 6, None, 100]  # a gap of one page shows that page
    assert Pages(100, 100).window() == [1, None, 98, 99, 100]
    assert (Pages(1, 2).previous, Pages(1, 2).next, Pages(2, 2).previous, Pages(2, 2).next) == (None, 2, 1, None)


def test_page_of_slices_and_refuses_pages_that_do_not_exist() -> None:
    items = list(range(120))
    assert page_count(0, 50) == 1 and page_count(100, 50) == 2 and page_count(101, 50) == 3
    assert page_of(items, 3, 50) == (Pages(3, 3), list(range(100, 120)))
    assert page_of([], 1, 50) == (Pages(1, 1), [])
    for number in (0, -1, 4):
        assert page_of(items, number, 50) is None


def test_a_category_that_fits_on_one_page_has_no_pagination(client: FlaskClient) -> None:
    html = client.get("/categories/guides").get_data(as_text=True)
    assert head_links(html) == {"canonical": f"{BASE}/categories/guides"}
    assert 'class="pagination"' not in html
    assert '<p class="listing-count">2 articles</p>' in html


@pytest.mark.usefixtures("one_per_page")
def test_first_page_is_canonical_at_the_category_address_and_points_next(client: FlaskClient) -> None:
    html = client.get("/categories/guides").get_data(as_text=True)
    assert head_links(html) == {"canonical": f"{BASE}/categories/guides", "next": f"{BASE}/categories/guides/page/2"}
    assert "<title>Guides, page 1 of 2 · " in html
    links = nav(html)
    assert '<a href="/categories/guides" aria-current="page"><span class="visually-hidden">Page </span>1</a>' in links
    assert 'href="/categories/guides/page/2" rel="next">Next' in links and 'rel="prev"' not in links
    assert re.findall(r'class="article-link" href="/articles/([^"]+)"', html) == ["sign-in"]


@pytest.mark.usefixtures("one_per_page")
def test_a_later_page_is_canonical_to_itself_and_points_back(client: FlaskClient) -> None:
    html = client.get("/categories/guides/page/2").get_data(as_text=True)
    assert head_links(html) == {"canonical": f"{BASE}/categories/guides/page/2", "prev": f"{BASE}/categories/guides"}
    assert "<title>Guides, page 2 of 2 · " in html
    assert '<meta name="description" content="Page 2 of 2: Getting started with your account.">' in html
    links = nav(html)
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</a>' in links
    assert 'href="/categories/guides" rel="prev">‹ Previous' in links and 'rel="next"' not in links
    assert re.findall(r'class="article-link" href="/articles/([^"]+)"', html) == ["reset-password"]
    assert html_problems(html) == []


@pytest.mark.usefixtures("one_per_page")
@pytest.mark.parametrize("path", ["/categories/guides/page/3", "/categories/guides/page/0",
                                  "/categories/guides/page/-1", "/categories/guides/page/two",
                                  "/categories/nothing-here/page/2", "/categories/guides/page/02",
                                  "/categories/guides/page/0002"])
def test_pages_that_do_not_exist_are_404(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


@pytest.mark.usefixtures("one_per_page")
def test_page_one_by_number_redirects_to_the_category_address(client: FlaskClient) -> None:
    response = client.get("/categories/guides/page/1")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/categories/guides")


@pytest.mark.usefixtures("one_per_page")
def test_each_page_is_a_static_page(client: FlaskClient) -> None:
    first = client.get("/categories/guides/page/2")
    again = client.get("/categories/guides/page/2", headers={"Cookie": "session=abc"})
    assert first.data == again.data and "Set-Cookie" not in first.headers and "Set-Cookie" not in again.headers
    assert first.headers["Cache-Control"] == "public, max-age=60"
    assert client.get("/categories/guides/page/2", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert first.headers["ETag"] != client.get("/categories/guides").headers["ETag"]


def test_fifty_articles_a_page(make_app, content_copy: Path) -> None:
    for number in range(118):  # with the fixture's two: 120 articles, three pages of 50, 50 and 20
        (content_copy / "guides" / f"extra-{number:03}.md").write_text(
            f"---\ntitle: Extra {number:03}\norder: {10 + number}\n---\n## Why?\nBecause.\n", encoding="utf-8")
    client = make_app(CONTENT_DIR=str(content_copy)).test_client()
    listed = []
    for path in ("/categories/guides", "/categories/guides/page/2", "/categories/guides/page/3"):
        html = client.get(path).get_data(as_text=True)
        listed.append(re.findall(r'class="article-link" href="/articles/([^"]+)"', html))
        assert "120 articles, page " in html
    assert [len(page) for page in listed] == [50, 50, 20]
    assert listed[0][:2] == ["sign-in", "reset-password"] and listed[2][-1] == "extra-117"
    assert len({slug for page in listed for slug in page}) == 120
    assert client.get("/categories/guides/page/4").status_code == 404
