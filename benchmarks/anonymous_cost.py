"""What an anonymous view costs the origin beyond cacheable answers, counted in chromium.

Run from the repository root: `python benchmarks/anonymous_cost.py` (or `make bench`). It serves
the shipped content on a loopback port and loads each public page type in a fresh chromium
context with no cookies, recording every answer the page receives (the page, its assets and
every island it asks for). It prints, per page type, how many requests the view made, how many
were answered `no-store` (a cache may keep none of them, so each reaches the origin), and how
many Set-Cookie headers arrived. It asserts nothing.
"""
from __future__ import annotations

import logging
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask_migrate  # noqa: E402
from playwright.sync_api import Browser, Response, sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from helpcentre import create_app  # noqa: E402
from helpcentre.content import current_library  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    """Serve the shipped site, load each public page type with no cookies, print the counts."""
    instance = Path(tempfile.mkdtemp(prefix="anonymous-cost-"))
    app = create_app({"SECRET_KEY": "bench", "INSTANCE_PATH": str(instance), "ENV": "development",
                      "BASE_URL": "http://127.0.0.1"})
    with app.app_context():
        flask_migrate.upgrade()  # the search page writes to the search log
        library = current_library()
        article, category = library.published()[0].slug, library.categories[0].slug
    pages = {"home": "/", "category": f"/categories/{category}", "article": f"/articles/{article}",
             "search results": "/search?q=password", "support": "/support"}
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request would bury the figures
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_port}"
    print(f"Uncacheable origin requests per anonymous view (chromium, no cookies, {site}):")
    print(f"{'page':<16}{'requests':>9}{'no-store':>10}{'Set-Cookie':>12}")
    totals = [0, 0]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for name, path in pages.items():
                requests, no_store, cookies = view(browser, site + path)
                totals[0] += no_store
                totals[1] += cookies
                print(f"{name:<16}{requests:>9}{no_store:>10}{cookies:>12}")
            browser.close()
    finally:
        server.shutdown()
    print(f"{'all page types':<16}{'':>9}{totals[0]:>10}{totals[1]:>12}")


def view(browser: Browser, url: str) -> tuple[int, int, int]:
    """Requests made, answers marked no-store and Set-Cookie headers received while url loads."""
    answers: list[tuple[bool, int]] = []

    def record(answer: Response) -> None:
        answers.append(("no-store" in (answer.header_value("cache-control") or ""),
                        len(answer.header_values("set-cookie"))))

    context = browser.new_context()
    page = context.new_page()
    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    context.close()
    return len(answers), sum(no_store for no_store, _ in answers), sum(cookies for _, cookies in answers)


if __name__ == "__main__":
    main()
