"""How long pages take through the whole Flask stack, against /healthz, which does nothing.

Run from the repository root: `python benchmarks/pages_bench.py` (or `make bench`). It serves the
shipped content through Flask's test client (no network, no server), so the figures are the
app's own cost per request: routing, headers, the page cache and, for search, the index and the
search log's write (which a real server runs after sending the page, but is timed here). It
prints figures and ratios only and asserts nothing about time.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask_migrate  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402

from helpcentre import create_app  # noqa: E402
from helpcentre.content import current_library  # noqa: E402
from helpcentre.database import db  # noqa: E402

REQUESTS = 500
WARM_UP = 20


def timings(client: FlaskClient, url: str, headers: dict[str, str] | None = None) -> list[float]:
    """Milliseconds for each of REQUESTS GETs of url, after a few untimed ones."""
    # Buffered, so each response is also closed inside the timing, as a server closes it: that is
    # when the search log's write runs.
    for _ in range(WARM_UP):
        client.get(url, headers=headers, buffered=True)
    found = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url, headers=headers, buffered=True)
        found.append((time.perf_counter() - started) * 1000)
        if response.status_code not in (200, 304):
            raise SystemExit(f"{url} answered {response.status_code}")
    return found


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile of values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> None:
    """Time the baseline and each page type, then print medians, p95 and ratios to the baseline."""
    instance = Path(tempfile.mkdtemp(prefix="pages-bench-"))
    app = create_app({"SECRET_KEY": "bench", "INSTANCE_PATH": str(instance), "ENV": "development",
                      "SEARCH_RATE_LIMIT": "1000000 per minute"})
    with app.app_context():
        flask_migrate.upgrade()  # the search page writes to the search log
        article = current_library().published()[0].slug
    client = app.test_client()
    cases = [
        ("/healthz (baseline)", "/healthz", None),
        ("home", "/", None),
        ("article", f"/articles/{article}", None),
        ("article, 304", f"/articles/{article}", {"If-None-Match": client.get(f"/articles/{article}").headers["ETag"]}),
        ("search page", "/search?q=password", None),
        ("search, live", "/search?q=passw", {"HX-Request": "true"}),
    ]
    print(f"{REQUESTS} GETs each through the test client; content: {app.config['CONTENT_DIR']}")
    print(f"  {'page':<20} {'median':>8} {'p95':>8}  {'x baseline':>10}  (ms)")
    baseline = 0.0
    for name, url, headers in cases:
        values = timings(client, url, headers)
        median = statistics.median(values)
        baseline = baseline or median
        print(f"  {name:<20} {median:>8.3f} {percentile(values, 95):>8.3f}  {median / baseline:>10.1f}")
    with app.app_context():
        db.engine.dispose()


if __name__ == "__main__":
    main()
