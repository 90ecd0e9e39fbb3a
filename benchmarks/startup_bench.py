"""How long a gunicorn start takes to answer its first article at 5,000 articles: cold, and warm from the parse cache.

Run from the repository root: `python benchmarks/startup_bench.py` (or `make bench`). It copies the
shipped articles under new slugs into a temporary content tree of 5,000 articles, then starts
`gunicorn -c python:helpcentre.gunicorn_conf` with 2 workers on a free loopback port and times
from the process's start to the first 200 for an article: once with an empty instance folder
(cold: everything is rendered) and once more over the same instance folder (warm: nothing changed,
so everything comes from the parse cache). `--against REV` also times the code of a git revision
(e.g. `--against caf2d98`, before the cache) the same way, side by side. It prints figures only.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 5000
WORKERS = 2
PATIENCE = 300.0  # seconds before a start counts as failed


def generate(target: Path, count: int) -> str:
    """A content tree of `count` articles: the shipped ones and copies of them under new slugs; one slug to fetch."""
    shutil.copytree(ROOT / "content", target)
    originals = sorted(target.glob("*/*.md"))
    copies = 0
    while len(originals) + copies < count:
        for article in originals[: count - len(originals) - copies]:
            shutil.copyfile(article, article.with_name(f"{article.stem}-copy-{copies // len(originals)}.md"))
            copies += 1
    return originals[0].stem


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def first_answer(code: Path, content: Path, instance: Path, slug: str) -> float:
    """Seconds from starting gunicorn over `code` to its first 200 for the article; stops it by PID."""
    port = free_port()
    environment = {**os.environ, "HELPCENTRE_CONTENT_DIR": str(content), "HELPCENTRE_INSTANCE_PATH": str(instance),
                   "HELPCENTRE_SECRET_KEY": "bench", "HELPCENTRE_BIND": f"127.0.0.1:{port}",
                   "PYTHONPATH": str(code)}
    url = f"http://127.0.0.1:{port}/articles/{slug}"
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:helpcentre.gunicorn_conf", "--workers", str(WORKERS),
         "--access-logfile", "/dev/null", "helpcentre:create_app()"],
        cwd=code, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < PATIENCE:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited with {server.returncode} before answering")
            try:
                with urllib.request.urlopen(url, timeout=PATIENCE) as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.02)  # not listening yet
        raise SystemExit(f"no answer from {url} within {PATIENCE:.0f} s")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def export(revision: str, target: Path) -> Path:
    """The tree of a git revision, to run its code side by side with this one."""
    archive = subprocess.run(["git", "archive", revision], cwd=ROOT, check=True, capture_output=True).stdout
    target.mkdir()
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    shutil.copytree(ROOT / "static" / "vendor", target / "static" / "vendor")
    return target


def main() -> None:
    """Generate the library, then print cold and warm first-answer times (and a revision's, if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--against", metavar="REV", help="also time this git revision's code the same way")
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="startup-bench-"))
    try:
        slug = generate(scratch / "content", options.articles)
        count = len(list((scratch / "content").glob("*/*.md")))
        print(f"first 200 for an article after `gunicorn --workers {WORKERS}` starts; {count} articles; "
              f"{os.cpu_count()} cores")
        cold = first_answer(ROOT, scratch / "content", scratch / "instance", slug)
        warm = first_answer(ROOT, scratch / "content", scratch / "instance", slug)
        print(f"  {'cold (empty parse cache)':<36} {cold:>7.2f} s")
        print(f"  {'warm (no file changed since)':<36} {warm:>7.2f} s   cold / warm {cold / warm:.1f}x")
        if options.against:
            code = export(options.against, scratch / "against")
            before = first_answer(code, scratch / "content", scratch / "instance-against", slug)
            print(f"  {options.against + ' (before the cache)':<36} {before:>7.2f} s   "
                  f"/ cold {before / cold:.1f}x, / warm {before / warm:.1f}x")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
