"""The help pages: routing, drafts, 404s, ETags, sitemap, structured data and headers."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

from tests.helpers.htmx import HX


def ld_json(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "no JSON-LD on the page"
    return json.loads(found.group(1))


def test_home_lists_categories_in_order_with_their_top_articles(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "<h1>How can we help?</h1>" in html
    assert html.index("Guides") < html.index("Orders")
    assert html.index("Signing in") < html.index("Resetting your password")
    assert 'action="/search"' in html


def test_category_page_shows_description_and_summaries(client: FlaskClient) -> None:
    html = client.get("/categories/guides").get_data(as_text=True)
    assert "<h1>Guides</h1>" in html
    assert "Getting started with your account." in html
    assert "How to sign in to your account." in html


def test_article_page_has_breadcrumb_body_related_and_island_places(client: FlaskClient) -> None:
    html = client.get("/articles/sign-in").get_data(as_text=True)
    assert re.search(r'<nav class="breadcrumb".*href="/">All questions</a>.*href="/categories/guides">Guides</a>', html, re.S)
    assert "Back to all questions" in html
    assert '<h1 id="article-title">Signing in' in html
    assert 'class="footnote"' in html
    assert '<div class="article-body" hx-disable>' in html
    assert 'href="/articles/track-an-order#where-is-my-parcel"' in html
    related = html[html.index("Relevant information"):]
    assert "Resetting your password" in related and "Tracking an order" in related
    assert '<section id="feedback"' in html
    assert 'id="chat-banner"' in html
    assert 'href="/support">Contact service and support</a>' in html


def test_related_falls_back_to_siblings(client: FlaskClient) -> None:
    html = client.get("/articles/reset-password").get_data(as_text=True)
    related = html[html.index("Relevant information"):]
    assert "Signing in" in related
    assert "Unreleased plans" not in related


def test_unsafe_markup_is_cleaned_on_the_page(client: FlaskClient) -> None:
    html = client.get("/articles/unsafe-markup").get_data(as_text=True)
    body = html[html.index('class="article-body"'):html.index('id="feedback"')]
    for gone in ("<script", "onerror", "javascript:", "hx-get", "data-hx-post", "<iframe", "style="):
        assert gone not in body
    assert "<table>" in body and "<mark>text</mark>" in body


def test_drafts_are_hidden_in_production(client: FlaskClient) -> None:
    assert client.get("/articles/secret-plan").status_code == 404
    assert "Unreleased plans" not in client.get("/").get_data(as_text=True)
    assert "secret-plan" not in client.get("/sitemap.xml").get_data(as_text=True)


@pytest.mark.parametrize("config_overrides", [{"DEBUG": True}])
def test_drafts_show_with_a_badge_in_debug(client: FlaskClient) -> None:
    response = client.get("/articles/secret-plan")
    assert response.status_code == 200
    assert '<span class="badge">Draft</span>' in response.get_data(as_text=True)


def test_unknown_article_is_a_404_in_the_layout_with_suggestions(client: FlaskClient) -> None:
    response = client.get("/articles/sign-inn")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<html" in html and "Page not found" in html
    assert 'href="/articles/sign-in">Signing in</a>' in html
    assert 'href="/">Go to all questions</a>' in html
    assert "Traceback" not in html


def test_unknown_category_is_a_404(client: FlaskClient) -> None:
    assert client.get("/categories/nothing-here").status_code == 404


def test_404_for_htmx_is_a_fragment(client: FlaskClient) -> None:
    response = client.get("/articles/nope", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<html" not in html and "We couldn&#39;t find that page." in html
    assert "HX-Request" in response.headers["Vary"]


def test_etag_and_304(client: FlaskClient) -> None:
    first = client.get("/articles/sign-in")
    assert first.headers["Cache-Control"] == "public, max-age=60"
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith('W/')
    second = client.get("/articles/sign-in", headers={"If-None-Match": etag})
    assert second.status_code == 304 and second.data == b""
    assert client.get("/articles/sign-in", headers={"If-None-Match": '"other"'}).status_code == 200


def test_static_pages_are_identical_bytes_and_set_no_cookie(client: FlaskClient) -> None:
    for path in ("/", "/categories/guides", "/articles/sign-in"):
        first, second = client.get(path), client.get(path, headers={"Cookie": "session=abc"})
        assert first.data == second.data
        assert "Set-Cookie" not in first.headers and "Set-Cookie" not in second.headers
        assert "Cookie" not in first.headers.get("Vary", "")


def test_sitemap_lists_published_pages_with_lastmod(client: FlaskClient) -> None:
    response = client.get("/sitemap.xml")
    xml = response.get_data(as_text=True)
    assert response.mimetype == "application/xml"
    assert "<loc>https://help.example.test/articles/sign-in</loc><lastmod>2026-10-01</lastmod>" in xml
    assert "<loc>https://help.example.test/categories/guides</loc><lastmod>" in xml
    assert "<loc>https://help.example.test/articles/track-an-order</loc><lastmod>" in xml


def test_robots_points_at_sitemap(client: FlaskClient) -> None:
    text = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: https://help.example.test/sitemap.xml" in text


def test_canonical_and_meta_description(client: FlaskClient) -> None:
    html = client.get("/articles/sign-in").get_data(as_text=True)
    assert '<link rel="canonical" href="https://help.example.test/articles/sign-in">' in html
    assert '<meta name="description" content="How to sign in to your account.">' in html
    home = client.get("/").get_data(as_text=True)
    assert '<link rel="canonical" href="https://help.example.test/">' in home


def test_json_ld_is_faq_page_when_h2s_are_questions(client: FlaskClient) -> None:
    data = ld_json(client.get("/articles/sign-in").get_data(as_text=True))
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == ["How do I sign in?", "Can I stay signed in?"]
    assert data["mainEntity"][0]["acceptedAnswer"]["@type"] == "Answer"


def test_json_ld_is_article_otherwise(client: FlaskClient) -> None:
    data = ld_json(client.get("/articles/track-an-order").get_data(as_text=True))
    assert data["@type"] == "Article"
    assert data["headline"] == "Tracking an order"


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.data == b"ok"


@pytest.mark.parametrize("path", ["/", "/articles/sign-in", "/articles/missing", "/healthz"])
def test_security_headers_on_every_response(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    for part in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
                 "script-src 'self'"):
        assert part in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=")


def test_method_not_allowed_is_a_page_not_a_traceback(client: FlaskClient) -> None:
    response = client.post("/articles/sign-in")
    assert response.status_code in (400, 405)
    assert "Traceback" not in response.get_data(as_text=True)


class _Counter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1 = 0
        self.scripts: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.h1 += tag == "h1"
        if tag == "script":
            self.scripts.append(dict(attrs))


@pytest.mark.parametrize("path", ["/", "/categories/guides", "/articles/sign-in", "/articles/missing"])
def test_one_h1_and_no_inline_executable_script(client: FlaskClient, path: str) -> None:
    parser = _Counter()
    parser.feed(client.get(path).get_data(as_text=True))
    assert parser.h1 == 1
    for script in parser.scripts:
        assert script.get("src") or script.get("type") == "application/ld+json"


def test_htmx_config_turns_off_eval_and_indicator_styles(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    found = re.search(r'<meta name="htmx-config" content="([^"]*)">', html)
    assert found
    config = json.loads(found.group(1).replace("&#34;", '"'))
    assert config["allowEval"] is False and config["includeIndicatorStyles"] is False


@pytest.mark.parametrize("path", ["/", "/categories/guides", "/articles/sign-in", "/sitemap.xml", "/robots.txt"])
def test_static_pages_are_served_without_a_database(make_app, tmp_path, path: str) -> None:
    # A database that cannot even be opened: the page must not need it.
    client = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/no/such/folder/db.sqlite3").test_client()
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["ETag"]


def test_404_for_an_htmx_history_restore_is_the_whole_page(client: FlaskClient) -> None:
    response = client.get("/articles/nope", headers={**HX, "HX-History-Restore-Request": "true"})
    assert response.status_code == 404 and "<html" in response.get_data(as_text=True)
