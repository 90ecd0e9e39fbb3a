"""deploy/nginx.conf for real: nginx serves the frozen tree in front of gunicorn and sends the rest to the app."""
from __future__ import annotations

import gzip
import time
import urllib.error
import urllib.request

import pytest

from tests.helpers.stack import Stack

pytestmark = pytest.mark.nginx

ARTICLE = "/articles/sign-in"
SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
            "Cross-Origin-Opener-Policy", "Strict-Transport-Security")


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and raw body of one GET (no redirects followed, nothing decoded)."""
    request = urllib.request.Request(url, headers={name.replace("_", "-"): v for name, v in headers.items()})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_an_article_through_nginx_is_the_apps_bytes_from_the_tree(stack: Stack) -> None:
    status, headers, body = get(stack.web + ARTICLE)
    app_status, app_headers, app_body = get(stack.app + ARTICLE)
    assert (status, body) == (200, app_body) and app_status == 200
    assert body == (stack.out / "current" / "articles" / "sign-in.html").read_bytes()
    assert "Last-Modified" in headers and headers["ETag"] != app_headers["ETag"]  # nginx's file, not the app
    for name in ("Content-Type", "Cache-Control", *SECURITY):
        assert headers[name] == app_headers[name], name


def test_gzip_static_sends_the_frozen_gz(stack: Stack) -> None:
    status, headers, body = get(stack.web + ARTICLE, Accept_Encoding="gzip")
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert "Accept-Encoding" in headers["Vary"]
    assert body == (stack.out / "current" / "articles" / "sign-in.html.gz").read_bytes()
    assert gzip.decompress(body) == get(stack.app + ARTICLE)[2]


def test_hashed_assets_are_immutable_and_the_plain_names_still_come_from_the_app(stack: Stack) -> None:
    page = get(stack.web + "/")[2].decode()
    css = page.split('href="/static/css/site.', 1)[1].split('"', 1)[0]
    status, headers, body = get(f"{stack.web}/static/css/site.{css}")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == get(f"{stack.app}/static/css/site.{css}")[1]["Content-Type"] == "text/css; charset=utf-8"
    plain = get(stack.web + "/static/css/site.css")
    assert plain[0] == 200 and plain[1]["Cache-Control"] == "no-cache" and plain[2] == body


def test_unknown_urls_get_the_frozen_404(stack: Stack) -> None:
    frozen = (stack.out / "current" / "404.html").read_bytes()
    for path in ("/no-such-page", "/articles/no-such-article", "/articles/sign-in.html", "/404.html"):
        status, headers, body = get(stack.web + path)
        assert (status, body) == (404, frozen), path
        assert headers["Cache-Control"] == "no-store" and "Content-Security-Policy" in headers
    # htmx asking for a fragment gets the app's own error fragment, which it swaps in place.
    status, _, body = get(stack.web + "/articles/no-such-article/feedback", HX_Request="true")
    assert status == 404 and b"<html" not in body and body != frozen


def test_the_dynamic_parts_come_from_the_app(stack: Stack) -> None:
    assert get(stack.web + "/healthz")[:3:2] == (200, b"ok")
    support = get(stack.web + "/support")
    assert support[0] == 200 and b"Let's chat" in support[2] and "Last-Modified" not in support[1]
    status, headers, body = get(stack.web + "/support/chat-status", HX_Request="true")
    assert status == 200 and b"Live chat is" in body and b"<html" not in body
    status, _, body = get(stack.web + "/search?q=password")
    assert status == 200 and b"Resetting your password" in body
    assert get(stack.web + "/account/login")[0] == 200
    assert get(stack.web + f"{ARTICLE}/feedback", HX_Request="true")[0] == 200


def test_the_app_sees_the_readers_scheme_and_host_through_nginx(stack: Stack) -> None:
    # Routing's redirect from /page/1 to the category's own address is an absolute URL built from
    # what the app believes the request was: the host and port the reader used, and nginx's scheme
    # (X-Forwarded-Proto is nginx's own, so a client's forged one is replaced).
    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(Keep)
    request = urllib.request.Request(stack.web + "/categories/guides/page/1", headers={"X-Forwarded-Proto": "https"})
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(request, timeout=30)
    with answer.value as redirect:
        assert redirect.code == 308
        assert redirect.headers["Location"] == stack.web + "/categories/guides"


def test_a_new_freeze_is_served_at_once_without_reloading_nginx(stack: Stack) -> None:
    article = stack.content / "guides" / "sign-in.md"
    article.write_text(article.read_text().replace("title: ", "title: Freshly frozen ", 1))
    assert "0 removed" in stack.freeze("--changed")
    body = get(stack.web + ARTICLE)[2]
    assert b"Freshly frozen" in body
    # The app's reloader thread reads the edit within its interval (0.2 s here): wait for that event.
    deadline = time.monotonic() + 10
    while b"Freshly frozen" not in get(stack.app + ARTICLE)[2] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert body == get(stack.app + ARTICLE)[2]
