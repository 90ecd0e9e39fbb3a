"""GET /search over HTTP: what readers find, how it is shown, the live-search fragment and caching."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.helpers.content import current_store, write_tree
from tests.helpers.htmx import HX

TREE = {
    "account/_category.yml": "title: Your account\norder: 1\n",
    "account/keep-safe.md": "---\ntitle: Keeping your account safe\norder: 1\n---\n"
                            "Use a long password and never share it.\n\n"
                            "## What makes a good passphrase?\nThree or four random words.\n",
    "account/reset-password.md": "---\ntitle: Reset your password\nsummary: Choose a new one by email.\norder: 2\n---\n"
                                 "Forgotten it? Choose a new one.\n\n"
                                 "## How do I get a reset email?\nWe send a link to your inbox.\n",
    "account/register.md": "---\ntitle: Create an account\norder: 3\n---\nRegister with your email address.\n\n"
                           "## Why verify my email?\nVerificacion proves the address is yours.\n\n"
                           "## Cuenta en español\nLa verificación de la cuenta tarda un minuto.\n\n"
                           "## Can I type code?\nTyping `<script>alert(1)</script>` is shown as text.\n",
    "account/vault.md": "---\ntitle: Password vault\ndraft: true\n---\nThe password vault launches soon.\n",
    "orders/_category.yml": "title: Orders\norder: 2\n",
    "orders/refunds.md": "---\ntitle: Ask for a refund\n---\nRefunds reach your card in five days.\n",
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(tmp_path_factory.mktemp("search-content"), TREE)


@pytest.fixture
def config_overrides(tree: Path) -> dict[str, Any]:
    return {"CONTENT_DIR": str(tree)}


def search(client: FlaskClient, query: str, **headers: str) -> str:
    response = client.get("/search", query_string={"q": query}, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def result_links(html: str) -> list[str]:
    return re.findall(r'<a class="result-title" href="([^"]+)"', html)


def test_title_match_ranks_above_body_only_match(client: FlaskClient) -> None:
    links = result_links(search(client, "password"))
    assert links.index("/articles/reset-password") < links.index("/articles/keep-safe")


def test_prefix_of_the_word_being_typed(client: FlaskClient) -> None:
    assert "/articles/reset-password" in result_links(search(client, "passw"))


def test_stemming_finds_the_singular(client: FlaskClient) -> None:
    assert "/articles/reset-password" in result_links(search(client, "passwords"))


@pytest.mark.parametrize("query", ["verificación", "verificacion", "VERIFICACIÓN"])
def test_diacritics_are_folded(client: FlaskClient, query: str) -> None:
    html = search(client, query)
    assert result_links(html) and all(link.startswith("/articles/register") for link in result_links(html))
    assert "<mark>" in html


HOSTILE = ['"', '"unbalanced', "*", "-", "-password", "NEAR", "NEAR(a b)", "a AND", "OR b", "(", "((", ")",
           "title:foo", "^x", "\x00\x07", "😀😀", "password 😀", "'; DROP TABLE search_counts; --", "%", "\\"]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("live", [False, True])
def test_hostile_queries_are_plain_words_and_never_fail(client: FlaskClient, query: str, live: bool) -> None:
    response = client.get("/search", query_string={"q": query}, headers=HX if live else {})
    assert response.status_code == 200


def test_a_script_query_is_shown_as_text(client: FlaskClient) -> None:
    html = search(client, "<script>alert(1)</script>")
    assert "<script>alert" not in html
    assert '"&lt;script&gt;alert(1)&lt;/script&gt;"' in html  # the count line
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html  # the box


def test_snippet_marks_words_and_escapes_article_text(client: FlaskClient) -> None:
    html = search(client, "alert")
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S).group(1)
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in snippet
    assert "<script" not in snippet


def test_a_match_in_a_question_links_to_its_anchor(client: FlaskClient) -> None:
    html = search(client, "inbox")
    assert result_links(html) == ["/articles/reset-password#how-do-i-get-a-reset-email"]
    assert '<span class="result-question">How do I get a reset email?</span>' in html
    assert '<span class="result-category">Your account</span>' in html


def test_a_title_match_links_to_the_top_of_the_article(client: FlaskClient) -> None:
    assert result_links(search(client, "refund")) == ["/articles/refunds"]


def test_no_results_offers_helpful_articles_and_contact(client: FlaskClient) -> None:
    html = search(client, "zzqx")
    assert 'No results for "zzqx"' in html
    helpful = html[html.index('class="helpful-articles"'):html.index('class="search-contact"')]
    # Editor order: categories by order, then articles by order; never a draft.
    assert re.findall(r'href="(/articles/[^"]+)"', helpful) == [
        "/articles/keep-safe", "/articles/reset-password", "/articles/register", "/articles/refunds"]
    contact = html[html.index('class="search-contact"'):]
    assert '<a class="button-link" href="/support">Contact service and support</a>' in contact
    assert "Chat with our Customer Care team live" in contact


def test_drafts_are_never_found(client: FlaskClient) -> None:
    assert "vault" not in "".join(result_links(search(client, "password")))
    assert 'No results for "vault"' in search(client, "vault")


@pytest.mark.parametrize(("query", "shown"), [("", ""), (" ", ""), ("p", "p"), (" p ", "p"), ("\x00p", "p")])
def test_empty_and_one_character_queries_show_only_the_form(client: FlaskClient, query: str, shown: str) -> None:
    html = search(client, query)
    assert f'name="q" maxlength="200" autocomplete="off" value="{shown}">' in html
    assert re.search(r'<div id="page-results" class="page-results">\s*</div>', html)
    assert "error-message" not in html


def test_queries_are_trimmed_and_cut_at_200_characters(client: FlaskClient) -> None:
    html = search(client, "   password " + "x" * 300)
    value = re.search(r'<input id="page-q"[^>]*value="([^"]*)"', html).group(1)
    assert value == ("password " + "x" * 300)[:200]


def test_a_new_file_is_found_on_the_next_request(make_app, content_copy: Path) -> None:
    app = make_app(CONTENT_DIR=str(content_copy), CONTENT_CHECK_INTERVAL=0)
    client = app.test_client()
    assert 'No results for "warranty"' in search(client, "warranty")
    write_tree(content_copy, {"orders/warranty.md": "---\ntitle: Warranty claims\n---\nHow to claim.\n"})
    current_store(app).refresh()  # what the reloader thread does within a second
    assert result_links(search(client, "warranty")) == ["/articles/warranty"]


def test_live_search_gets_only_the_results(client: FlaskClient) -> None:
    response = client.get("/search?q=passw", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert html.lstrip().startswith('<p class="results-count">')
    assert "/articles/reset-password" in result_links(html)
    assert '<span id="search-status" hx-swap-oob="innerHTML">2 results for "passw"</span>' in html
    assert {"HX-Request", "HX-History-Restore-Request"} <= set(response.vary)


def test_live_search_announces_no_results(client: FlaskClient) -> None:
    html = search(client, "zzqx", **HX)
    assert '<span id="search-status" hx-swap-oob="innerHTML">No results for "zzqx"</span>' in html


def test_live_search_with_an_empty_box_clears_the_results(client: FlaskClient) -> None:
    html = search(client, "", **HX)
    assert html.strip() == '<span id="search-status" hx-swap-oob="innerHTML"></span>'


def test_without_htmx_the_whole_page_comes_back(client: FlaskClient) -> None:
    response = client.get("/search?q=passw")
    html = response.get_data(as_text=True)
    assert html.startswith("<!doctype html>") and "<h1>Search</h1>" in html
    assert 'value="passw"' in html and 'id="page-results"' in html
    assert "/articles/reset-password" in result_links(html)
    assert '<meta name="robots" content="noindex">' in html
    assert 'hx-swap-oob' not in html and '<p id="search-status" class="visually-hidden" role="status"></p>' in html
    assert "HX-Request" in response.vary


@pytest.mark.parametrize("headers", [{"HX-History-Restore-Request": "true"}, {"HX-Boosted": "true"}])
def test_history_restore_and_boosted_requests_get_the_whole_page(client: FlaskClient, headers: dict) -> None:
    html = search(client, "passw", **HX, **headers)
    assert html.startswith("<!doctype html>") and 'value="passw"' in html


def test_live_search_is_wired_on_both_boxes(client: FlaskClient) -> None:
    # The header box is on every page but those with their own big box (home, results); the home page has the big one.
    pages = {"#header-results": client.get("/articles/sign-in").get_data(as_text=True),
             "#page-results": client.get("/").get_data(as_text=True)}
    for target, html in pages.items():
        form = re.search(rf'<form[^>]*hx-target="{target}"[^>]*>', html, re.S).group(0)
        for attribute in ('action="/search"', 'method="get"', 'hx-get="/search"', 'hx-push-url="true"',
                          'hx-trigger="input changed delay:250ms, search"', 'hx-sync="this:replace"'):
            assert attribute in form
    assert '<div id="header-results"' in pages["#header-results"] and '<div id="page-results"' in pages["#page-results"]


def test_results_page_is_static_with_a_strong_etag(client: FlaskClient) -> None:
    first = client.get("/search?q=password")
    second = client.get("/search?q=password%20%20")  # the same normalised query
    assert first.get_data() == second.get_data() and first.headers["ETag"] == second.headers["ETag"]
    assert "public" in first.headers["Cache-Control"]
    again = client.get("/search?q=password", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    live = client.get("/search?q=password", headers=HX)
    assert live.headers["ETag"] != first.headers["ETag"]


def test_the_page_sets_no_cookie(client: FlaskClient) -> None:
    for query in ("password", "zzqx", ""):
        response = client.get("/search", query_string={"q": query}, headers={"Cookie": "session=abc"})
        assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("config_overrides", [{"SEARCH_RATE_LIMIT": "2 per minute"}])
def test_too_many_searches_get_a_429(client: FlaskClient) -> None:
    assert [client.get("/search?q=password").status_code for _ in range(2)] == [200, 200]
    response = client.get("/search?q=password", headers=HX)
    assert response.status_code == 429
    assert "<html" not in response.get_data(as_text=True)
