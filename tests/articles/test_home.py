"""The home page: the search box first, a card per category, and the most helpful answers as an island."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.helpers.html_check import html_problems

SHIPPED = Path(__file__).resolve().parents[2] / "content"


def home(client: FlaskClient) -> str:
    return client.get("/").get_data(as_text=True)


def main_part(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def card(html: str, slug: str) -> str:
    for part in html.split('<li class="category-card">')[1:]:
        if f'<h3><a href="/categories/{slug}">' in part:
            return part.split("</section>")[0]
    raise AssertionError(f"no card for {slug}")


def test_one_search_box_and_it_comes_first(client: FlaskClient) -> None:
    html = home(client)
    assert html.count('role="search"') == 1 and 'id="header-q"' not in html
    main = main_part(html)
    assert main.index('id="page-q"') < main.index('class="category-cards"') < main.index("Most helpful answers")
    assert '<label for="page-q">Search our answers</label>' in main


def test_each_category_is_a_card_with_title_description_count_and_top_articles(client: FlaskClient) -> None:
    html = home(client)
    guides = card(html, "guides")
    assert "Getting started with your account." in guides
    # The editor's order (`order:` front matter): Signing in (1) before Resetting your password (2).
    assert re.findall(r'<li><a href="/articles/([^"]+)">', guides) == ["sign-in", "reset-password"]
    assert '<p class="card-count">2 articles</p>' in guides  # the draft is not counted
    assert html.index('href="/categories/guides"') < html.index('href="/categories/orders"')


def test_a_card_shows_only_the_top_articles_and_links_to_the_rest(client: FlaskClient, monkeypatch) -> None:
    monkeypatch.setattr("helpcentre.articles.views.TOP_ARTICLES", 1)
    guides = card(home(client), "guides")
    assert re.findall(r'<li><a href="/articles/([^"]+)">', guides) == ["sign-in"]
    assert ('<a href="/categories/guides">See all 2 articles<span class="visually-hidden"> in Guides</span></a>'
            in guides)


def test_questions_are_no_longer_listed(client: FlaskClient) -> None:
    html = home(client)
    assert "#how-do-i-sign-in" not in html and "Can I stay signed in?" not in html


def test_most_helpful_answers_are_an_island_over_the_editors_first_articles(client: FlaskClient) -> None:
    html = home(client)
    section = html[html.index('<section class="most-helpful"'):]
    section = section[:section.index("</section>")]
    island = re.search(r'<div class="helpful-island" ([^>]*)>', section)
    assert island and 'hx-get="/most-helpful"' in island.group(1) and 'hx-trigger="load"' in island.group(1)
    # Without JavaScript: the editors' first articles (category order, then article order) ...
    assert re.findall(r'<li><a href="/articles/([^"]+)">', section) == [
        "sign-in", "reset-password", "track-an-order", "unsafe-markup"]
    # ... and a link to the readers' ranking as a page.
    assert '<a href="/most-helpful">' in section
    assert "<script" not in section


def test_the_island_answers_a_fragment_that_fits_in_it(client: FlaskClient) -> None:
    fragment = client.get("/most-helpful", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    assert '<ul class="helpful-articles">' in fragment.get_data(as_text=True)
    assert "no-store" not in fragment.headers["Cache-Control"] and "Set-Cookie" not in fragment.headers


def test_home_is_well_formed(client: FlaskClient) -> None:
    assert html_problems(home(client)) == []


@pytest.mark.parametrize("config_overrides", [{"CONTENT_DIR": str(SHIPPED)}])
def test_shipped_content_home_shows_every_category_with_its_count(client: FlaskClient) -> None:
    html = home(client)
    for folder in sorted(p for p in SHIPPED.iterdir() if (p / "_category.yml").exists()):
        count = len([p for p in folder.glob("*.md") if "\ndraft: true" not in p.read_text()])
        assert f'href="/categories/{folder.name}"' in html
        shown = f"See all {count} articles" if count > 3 else f"{count} articles"
        assert shown in card(html, folder.name), folder.name
    assert html_problems(html) == []
