"""The frozen site behind nginx in front of gunicorn, as deploy/nginx.conf and the README set it up."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from .content import FIXTURES
from .faults import free_port
from .serving import gunicorn, nginx


@dataclass(frozen=True)
class Stack:
    """Where each part answers, and the folders behind them."""

    web: str  # nginx
    app: str  # gunicorn, straight
    out: Path  # the freeze's OUT: current -> builds/<stamp>
    content: Path
    instance: Path
    env: dict[str, str]

    def freeze(self, *options: str) -> str:
        """Run `flask --app helpcentre freeze OUT` as an operator would; its output."""
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "helpcentre", "freeze", str(self.out), *options],
                              env={**os.environ, **self.env}, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def emails(self, count: int, deadline: float = 30.0) -> list[EmailMessage]:
        """The outbox's messages once there are at least `count` (the app sends after answering)."""
        folder = self.instance / "outbox"
        end = time.monotonic() + deadline
        while True:
            files = sorted(folder.glob("*.eml"), key=lambda p: int(p.name.partition("-")[0])) if folder.exists() else []
            if len(files) >= count or time.monotonic() > end:
                return [BytesParser(policy=policy.default).parsebytes(p.read_bytes()) for p in files]  # type: ignore[misc]
            time.sleep(0.05)


@contextmanager
def frozen_stack(database_url: str, work: Path) -> Iterator[Stack]:
    """Copy the fixture content, start gunicorn (2 workers, PROXY_HOPS=1), freeze, start nginx in front."""
    content = work / "content"
    shutil.copytree(FIXTURES / "site", content)
    instance = work / "instance"
    port = free_port()  # nginx's, chosen first: the site's BASE_URL names it
    env = {
        "HELPCENTRE_DATABASE_URL": database_url, "HELPCENTRE_CONTENT_DIR": str(content),
        "HELPCENTRE_INSTANCE_PATH": str(instance), "HELPCENTRE_SECRET_KEY": "frozen-stack-secret",
        "HELPCENTRE_BASE_URL": f"http://127.0.0.1:{port}", "HELPCENTRE_COOKIE_SECURE": "false",
        "HELPCENTRE_PROXY_HOPS": "1", "HELPCENTRE_CONTENT_CHECK_INTERVAL": "0.2",
        "HELPCENTRE_SIGNIN_LIMIT": "1000 per minute", "HELPCENTRE_VERIFY_LIMIT": "1000 per minute",
        "HELPCENTRE_EMAIL_LIMIT": "1000 per minute",
    }
    with gunicorn(env) as app:
        stack = Stack("", app, work / "frozen", content, instance, env)
        stack.freeze()
        with nginx(stack.out / "current", app.removeprefix("http://"), work / "nginx", port=port) as web:
            yield Stack(web, app, stack.out, content, instance, env)
