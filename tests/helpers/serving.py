"""The production stack on loopback for a test or a benchmark: gunicorn with the shipped config, and
nginx with deploy/nginx.conf in front of it. Each runs as a child process of ours, on a free port,
and is stopped by its PID (never by name).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .content import REPOSITORY
from .faults import free_port

NGINX_CONF = REPOSITORY / "deploy" / "nginx.conf"
DEADLINE = 60.0  # seconds a server may take to answer its first request


def wait_until_answering(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    """Return once `url` answers at all (any status), or fail when the process dies or the deadline passes."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=10).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:  # refused while it starts
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not answer {url} within {DEADLINE:.0f} s")


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Stop one child by its PID and wait for it."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2, cwd: Path | None = None,
             app: str = "helpcentre:create_app()") -> Iterator[str]:
    """gunicorn -c python:helpcentre.gunicorn_conf on a free loopback port, with `env` added; yields its URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:helpcentre.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning", "--access-logfile", "/dev/null", app],
        env={**os.environ, **env}, cwd=cwd)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + "/healthz", process, "gunicorn")
        yield base
    finally:
        stop(process)  # the master stops its workers, then itself


def nginx_config(root: Path, port: int, upstream: str, prefix: Path) -> str:
    """deploy/nginx.conf as shipped, with only its addresses, paths and user swapped for a test's."""
    text = NGINX_CONF.read_text()
    swaps = {
        "root /srv/helpcentre/frozen/current;": f"root {root};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server 127.0.0.1:8000;": f"server {upstream};",
        "pid /run/nginx-helpcentre.pid;": f"pid {prefix / 'nginx.pid'};",
        "/var/log/nginx/": f"{prefix}/",
        # Workers run as nginx's master does: root here, so they can read pytest's private temp folders.
        "user www-data;": "user root;" if os.geteuid() == 0 else "",
        # Debian's nginx keeps request bodies and proxied answers under /var/lib/nginx: our own folder instead.
        "http {": "http {\n" + "".join(f"    {kind}_temp_path {prefix / kind};\n"
                                        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
    }
    for old, new in swaps.items():
        if old not in text:  # the shipped file changed: say so rather than test something else
            raise RuntimeError(f"deploy/nginx.conf no longer contains {old!r}")
        text = text.replace(old, new)
    return text


@contextmanager
def nginx(root: Path, upstream: str, prefix: Path, port: int | None = None) -> Iterator[str]:
    """nginx with the shipped configuration serving `root` in front of `upstream` (host:port); yields its URL."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config = prefix / "nginx.conf"
    config.write_text(nginx_config(root, port, upstream, prefix))
    command = [binary, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "startup.log"), "-g", "daemon off;"]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t refused the configuration:\n{checked.stderr}")
    process = subprocess.Popen(command)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + "/healthz", process, "nginx")
        yield base
    finally:
        stop(process, signal.SIGQUIT)  # graceful: finish the requests in flight, then exit
