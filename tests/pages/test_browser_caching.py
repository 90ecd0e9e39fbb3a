"""Chromium keeps the hashed static files: a repeat view asks the server for nothing but the page."""
from __future__ import annotations

import pytest
from flask import Flask, request
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_a_repeat_view_fetches_no_static_file_again(app: Flask, page: Page, live_server: str) -> None:
    static: list[str] = []

    @app.before_request
    def count_static_files() -> None:
        if request.path.startswith("/static/"):
            static.append(request.path)

    page.goto(live_server + "/articles/sign-in")
    page.wait_for_function("() => window.htmx !== undefined")
    first_view = list(static)
    page.reload()
    page.wait_for_function("() => window.htmx !== undefined")
    page.goto(live_server + "/articles/reset-password")
    page.wait_for_function("() => window.htmx !== undefined")
    # The stylesheet, htmx and the islands script, each once.
    assert len(first_view) == 3 and all(".css" in path or ".js" in path for path in first_view)
    assert static == first_view  # neither the reload nor the next article asked for them again
