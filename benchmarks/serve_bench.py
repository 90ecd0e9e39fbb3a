"""Requests per second under gunicorn, side by side with Flask's hello-world view, driven by wrk.

Run from the repository root: `python benchmarks/serve_bench.py` (or `make bench`). It starts two
gunicorns with the same settings (2 sync workers, loopback, a free port each): the help centre over
the shipped content with a fresh SQLite database, and a one-view Flask app. wrk drives each URL for
BENCH_SECONDS (default 5) after a one-second warm-up, and the rate is printed with its ratio to the
hello-world view's, timed just before and after it. The same article frozen (`flask freeze`) and
served by nginx with deploy/nginx.conf in front of the site's gunicorn is timed in the same run. It
also prints the home page's and an article's sizes, plain and compressed. It prints figures only
and asserts nothing about time; it stops what it started by PID.
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import flask_migrate

from helpcentre import create_app
from helpcentre.content import current_library
from helpcentre.database import db
from helpcentre.freeze import freeze_site
from tests.helpers.serving import nginx

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WORKERS, THREADS, CONNECTIONS = 2, 2, 32
HELLO = '''from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
'''
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(app: str, cwd: Path, env: dict[str, str]) -> Iterator[str]:
    """Serve `app` (module:variable) with WORKERS sync workers on a free port; yield its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
               "--log-level", "warning", app]
    server = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)  # the master stops its workers, then itself
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    """Return once `base` answers, or stop the run if the server died or never answered."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn for {base} exited with {server.returncode}")
        try:
            urllib.request.urlopen(base + "/", timeout=10).close()
            return
        except OSError:  # refused while it starts, or slow to answer its first request
            time.sleep(0.2)
    raise SystemExit(f"gunicorn for {base} did not answer within 60 s")


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and raw (still encoded) body of one GET."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wrk(url: str, headers: dict[str, str], seconds: int) -> tuple[float, int]:
    """Requests per second wrk reached on url, and how many answers were not 2xx or 3xx."""
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if rate is None:
        raise SystemExit(f"wrk printed no rate for {url}:\n{output}")
    return float(rate.group(1)), int(errors.group(1)) if errors else 0


def timed(url: str, headers: dict[str, str]) -> tuple[float, int]:
    """Warm up for a second (every worker renders and stores the page), then time url."""
    wrk(url, headers, 1)
    return wrk(url, headers, SECONDS)


def compare(hello: str, site: str, cases: list[tuple[str, str, dict[str, str]]]) -> None:
    """Time hello-world before and after each case, and print each case against the mean of the two.

    Other work on the machine comes and goes; bracketing each case by the baseline keeps the ratio
    fair even when the absolute rates drift.
    """
    before, _ = timed(hello, {})
    print(f"  {'Flask hello-world':<34} {before:>9,.0f} req/s", flush=True)
    for name, path, headers in cases:
        rate, errors = timed(path if path.startswith("http") else site + path, headers)
        after, _ = timed(hello, {})
        baseline = (before + after) / 2
        note = f"  ({errors} answers not 2xx/3xx)" if errors else ""
        print(f"  {name:<34} {rate:>9,.0f} req/s  {rate / baseline:5.2f}x  (hello-world {baseline:,.0f}){note}",
              flush=True)
        before = after


def prepare(instance: Path, frozen: Path) -> str:
    """Migrate a fresh SQLite database in `instance` and freeze the site into `frozen`; an article's slug."""
    app = create_app({"SECRET_KEY": "bench", "INSTANCE_PATH": str(instance)})
    with app.app_context():
        flask_migrate.upgrade()
        slug = current_library().published()[0].slug
        db.engine.dispose()
    freeze_site(app, frozen)
    return slug


def sizes(base: str, article: str) -> None:
    """The home page and an article: plain, gzip and brotli bytes as served."""
    for name, path in (("home", "/"), ("article", article)):
        plain = len(fetch(base + path)[2])
        found = []
        for coding in ("gzip", "br"):
            status, headers, body = fetch(base + path, {"Accept-Encoding": coding})
            if status == 200 and headers.get("Content-Encoding") == coding:
                found.append(f"{coding} {len(body):,} B")
        if not found:  # the site did not compress: say what gzip would have made of it
            found.append(f"gzip (not served) {len(gzip.compress(fetch(base + path)[2])):,} B")
        print(f"  {name:<8} {path:<40} plain {plain:,} B, " + ", ".join(found))


def main() -> None:
    """Start both servers, time every URL against hello-world, print sizes and ratios."""
    if shutil.which("wrk") is None:
        raise SystemExit("serve_bench needs wrk (Debian: apt-get install -y wrk)")
    if shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"])) is None:
        raise SystemExit("serve_bench needs nginx (Debian: apt-get install -y nginx)")
    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    try:
        (work / "hello.py").write_text(HELLO)
        instance = work / "instance"
        slug = prepare(instance, work / "frozen")
        env = {"HELPCENTRE_INSTANCE_PATH": str(instance), "HELPCENTRE_SECRET_KEY": "bench",
               "HELPCENTRE_SEARCH_RATE_LIMIT": "100000000 per minute",
               "HELPCENTRE_FEEDBACK_RATE_LIMIT": "100000000 per minute"}
        with (gunicorn("hello:app", work, {}) as hello, gunicorn("wsgi:app", ROOT, env) as site,
              nginx(work / "frozen" / "current", site.removeprefix("http://"), work / "nginx") as web):
            article = f"/articles/{slug}"
            if fetch(web + article)[2] != fetch(site + article)[2]:
                raise SystemExit("the frozen article differs from the app's: freeze and serve disagree")
            etag = fetch(site + article)[1]["ETag"]
            etag_compressed = fetch(site + article, BROWSER)[1]["ETag"]
            print(f"gunicorn -w{WORKERS} (sync), nginx (deploy/nginx.conf, worker_processes auto), "
                  f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s, loopback; "
                  "ratio = rate / the mean of hello-world's just before and after")
            cases: list[tuple[str, str, dict[str, str]]] = [
                ("/healthz", "/healthz", {}),
                ("article", article, {}),
                ("article, browser (compressed)", article, BROWSER),
                ("article, 304", article, {"If-None-Match": etag}),
                ("article, 304 (compressed)", article, {**BROWSER, "If-None-Match": etag_compressed}),
                ("article, frozen, nginx", web + article, {}),
                ("article, frozen, nginx (.gz)", web + article, BROWSER),
                ("home", "/", BROWSER),
                ("search page", "/search?q=password", BROWSER),
                ("island: chat status (htmx)", "/support/chat-status", {"HX-Request": "true"}),
                ("island: most helpful (htmx)", "/most-helpful", {"HX-Request": "true"}),
                ("island: feedback question (htmx)", f"{article}/feedback", {"HX-Request": "true"}),
                ("island: account menu (htmx)", "/account/menu", {"HX-Request": "true"}),
            ]
            compare(hello + "/", site, cases)
            print("sizes as served:")
            sizes(site, article)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
