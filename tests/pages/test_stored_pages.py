"""Stored pages: the front layer answers them as Flask would, in the reader's coding, never stale."""
from __future__ import annotations

import gzip
import os
from collections.abc import Callable
from pathlib import Path

import brotli
import pytest
from flask import Flask
from werkzeug.test import Client, TestResponse

from tests.helpers.content import current_store

ARTICLE = "/articles/sign-in"
# Everything a stored page may carry: the same for every reader, nothing personal or per client.
SHARED_HEADERS = {
    "Content-Type", "Content-Length", "Content-Encoding", "ETag", "Cache-Control", "Vary",
    "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
    "Cross-Origin-Opener-Policy", "Strict-Transport-Security",
}
CODINGS = [None, "gzip", "gzip, deflate, br", "br;q=0, gzip", "*;q=0", "identity;q=0, *"]


def flask_only(app: Flask) -> Client:
    """A client of the Flask app behind the front layer: what the views themselves answer."""
    return Client(app.wsgi_app.wsgi_app)  # type: ignore[attr-defined]


def headers_for(coding: str | None, etag: str | None = None) -> dict[str, str]:
    """Request headers with this Accept-Encoding (None: no header) and If-None-Match."""
    headers = {} if coding is None else {"Accept-Encoding": coding}
    return headers if etag is None else {**headers, "If-None-Match": etag}


def without_views(app: Flask, *endpoints: str) -> list[str]:
    """Replace views by stand-ins that answer 418; returns the list of endpoints that ran."""
    called: list[str] = []

    def stand_in(endpoint: str) -> Callable[..., tuple[str, int]]:
        def view(**_: object) -> tuple[str, int]:
            called.append(endpoint)
            return "the view ran", 418
        return view

    for endpoint in endpoints:
        app.view_functions[endpoint] = stand_in(endpoint)
    return called


def answer(response: TestResponse) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers in order, body."""
    return response.status_code, list(response.headers.items()), response.get_data()


@pytest.mark.parametrize("path", [ARTICLE, "/", "/categories/guides", "/sitemap.xml", "/robots.txt"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_the_front_layer_gives_the_same_bytes_and_headers_as_flask(app: Flask, path: str, method: str) -> None:
    client, flask = app.test_client(), flask_only(app)
    client.get(path)  # rendered and stored by the view
    expected = {}
    for coding in CODINGS:
        etag = flask.get(path, headers=headers_for(coding)).headers["ETag"]
        for conditional in (None, etag):
            request = headers_for(coding, conditional)
            expected[coding, conditional] = answer(flask.open(path, method=method, headers=request))
    endpoint = app.url_map.bind("localhost").match(path)[0]
    called = without_views(app, endpoint)
    for (coding, conditional), flasks in expected.items():
        assert answer(client.open(path, method=method, headers=headers_for(coding, conditional))) == flasks
    assert called == []


def test_each_coding_has_its_own_etag_and_a_matching_if_none_match_gets_a_304(client) -> None:
    plain, gzipped, brotli_ = (client.get(ARTICLE, headers=headers_for(coding)) for coding in (None, "gzip", "br"))
    etags = {plain.headers["ETag"], gzipped.headers["ETag"], brotli_.headers["ETag"]}
    assert len(etags) == 3 and all(etag.startswith('"') for etag in etags)  # strong and distinct
    for response, coding in ((plain, None), (gzipped, "gzip"), (brotli_, "br")):
        etag = response.headers["ETag"]
        for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
            again = client.get(ARTICLE, headers=headers_for(coding, sent))
            assert again.status_code == 304 and again.get_data() == b""
            assert again.headers["ETag"] == etag and "Content-Encoding" not in again.headers
            assert "Accept-Encoding" in again.headers["Vary"]
    # Another coding's tag is another representation: the reader gets the whole page.
    crossed = client.get(ARTICLE, headers=headers_for("gzip", plain.headers["ETag"]))
    assert crossed.status_code == 200 and crossed.headers["Content-Encoding"] == "gzip"


def test_the_coding_follows_accept_encoding_and_caches_are_told_so(client) -> None:
    plain = client.get(ARTICLE).get_data()
    gzipped = client.get(ARTICLE, headers=headers_for("gzip, deflate"))
    assert gzipped.headers["Content-Encoding"] == "gzip" and gzip.decompress(gzipped.get_data()) == plain
    assert int(gzipped.headers["Content-Length"]) == len(gzipped.get_data()) < len(plain)
    browser = client.get(ARTICLE, headers=headers_for("gzip, deflate, br, zstd"))
    assert browser.headers["Content-Encoding"] == "br" and brotli.decompress(browser.get_data()) == plain
    refused = client.get(ARTICLE, headers=headers_for("br;q=0, gzip;q=0.5"))
    assert refused.headers["Content-Encoding"] == "gzip"
    for coding in (None, "identity", "gzip;q=0, br;q=0", "compress"):
        response = client.get(ARTICLE, headers=headers_for(coding))
        assert "Content-Encoding" not in response.headers and response.get_data() == plain
    for coding in (None, "gzip", "br"):
        assert client.get(ARTICLE, headers=headers_for(coding)).headers["Vary"] == "Accept-Encoding"


def test_search_pages_keep_their_own_vary_values_with_accept_encoding(client) -> None:
    response = client.get("/search?q=password", headers=headers_for("gzip"))
    assert response.headers["Content-Encoding"] == "gzip"
    assert [value.strip() for value in response.headers["Vary"].split(",")] == [
        "Accept-Encoding", "HX-Request", "HX-Boosted", "HX-History-Restore-Request"]


def test_an_article_edit_is_served_once_the_library_is_refreshed(make_app, content_copy: Path) -> None:
    app = make_app(CONTENT_DIR=str(content_copy))
    client = app.test_client()
    before = client.get(ARTICLE, headers=headers_for("gzip"))
    assert client.get(ARTICLE, headers=headers_for("gzip")).get_data() == before.get_data()  # stored
    path = content_copy / "guides" / "sign-in.md"
    path.write_text(path.read_text().replace("Use your email and password.", "Use your new passkey."))
    current_store(app).refresh()  # what the reloader thread does within CONTENT_CHECK_INTERVAL
    for coding in (None, "gzip"):
        after = client.get(ARTICLE, headers=headers_for(coding, before.headers["ETag"]))
        assert after.status_code == 200
        text = after.get_data() if coding is None else gzip.decompress(after.get_data())
        assert b"Use your new passkey." in text and b"Use your email and password." not in text


def test_a_support_yml_edit_is_served_at_once(make_app, content_copy: Path) -> None:
    client = make_app(CONTENT_DIR=str(content_copy)).test_client()
    before = client.get(ARTICLE)
    assert b"Saturday 9am to 1pm" not in before.get_data()
    path = content_copy / "support.yml"
    path.write_text(path.read_text().replace('saturday: ["10:00-18:00"]', 'saturday: ["09:00-13:00"]'))
    os.utime(path, ns=(2 * 10**18, 2 * 10**18))  # a stamp of its own, however coarse the file system's clock
    after = client.get(ARTICLE, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and b"Saturday 9am to 1pm" in after.get_data()


def test_stored_pages_carry_no_cookie_and_nothing_personal(app: Flask) -> None:
    client = app.test_client()
    with client.session_transaction() as session:  # a reader with a (permanent) session
        session["_user_id"] = "someone"
        session.permanent = True
    client.get(ARTICLE)  # stored, rendered for this reader
    stranger = app.test_client()
    for reader in (client, stranger):
        for coding in CODINGS:
            response = reader.get(ARTICLE, headers=headers_for(coding))
            assert set(response.headers.keys()) <= SHARED_HEADERS
            assert "Set-Cookie" not in response.headers and "Cookie" not in response.headers["Vary"]
            assert response.headers["Cache-Control"] == "public, max-age=60"


def test_requests_the_front_layer_cannot_answer_reach_the_views(app: Flask) -> None:
    client = app.test_client()
    client.get(ARTICLE)
    client.get("/search?q=password")
    called = without_views(app, "articles.show_article", "search.results")
    assert client.get(ARTICLE + "?utm_source=mail").status_code == 418  # a query may change the answer
    assert client.post(ARTICLE).status_code == 405  # Flask's routing answers other methods
    assert client.get("/search?q=password").status_code == 418  # stored, but keyed by more than its path
    assert client.get("/articles/sign-in%7Cx").status_code == 418  # only a stored path is answered
    assert called == ["articles.show_article", "search.results", "articles.show_article"]


def test_a_page_not_stored_yet_is_rendered_by_its_view(client) -> None:
    response = client.get("/categories/orders", headers=headers_for("gzip"))
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    assert client.get("/categories/missing").status_code == 404
