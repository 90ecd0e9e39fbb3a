"""Forms as a browser posts them: the CSRF token from the page, the same-site Referer."""
from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

_TOKEN = re.compile(r'(name="csrf_token"[^>]*?value=")([^"]+)"')


def csrf_in(html: str) -> str:
    """The CSRF token in a page or fragment (fails the test when there is none)."""
    match = _TOKEN.search(html)
    assert match, f"no csrf_token in {html}"
    return match.group(2)


def csrf_token(client: FlaskClient, url: str = "/account/login", headers: dict[str, str] | None = None) -> str:
    """The CSRF token from a form page (tokens are tied to the client's session)."""
    return csrf_in(client.get(url, headers=headers or {}).get_data(as_text=True))


def referer(path: str = "/account/login") -> dict[str, str]:
    """The Referer a browser sends: the test app runs on https, where CSRF checks it is this site."""
    return {"Referer": "https://localhost" + path}


def post_form(client: FlaskClient, url: str, data: dict[str, Any], form_url: str | None = None,
              headers: dict[str, str] | None = None) -> TestResponse:
    """POST a form the way a browser would after loading it (with its CSRF token)."""
    form_url = form_url or url.partition("?")[0]
    token = csrf_token(client, form_url)
    return client.post(url, data={"csrf_token": token, **data}, headers={**referer(form_url), **(headers or {})})


def without_tokens(html: str) -> str:
    """Page text with per-session CSRF tokens blanked, to compare two answers."""
    return _TOKEN.sub(r'\1"', html)
