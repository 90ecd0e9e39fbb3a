"""Builds side by side under OUT/builds/, and OUT/current, the symlink a web server's root names.

A new build is written beside the live one and made live by renaming a new symlink over
OUT/current: one rename(2), so a request sees the old tree or the new one, never half of each.
The previous build is kept for a rollback; older ones are removed. A lock file keeps two freezes
of one OUT (a watcher and a person, say) from interleaving.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

CURRENT = "current"
BUILDS = "builds"


class Busy(Exception):
    """Another freeze of the same folder is running."""


class Releases:
    """The builds in one output folder, and which of them is live."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out).absolute()
        self.builds = self.out / BUILDS
        self.current = self.out / CURRENT

    def live(self) -> Path | None:
        """The build OUT/current points to, if there is one."""
        if not self.current.is_symlink():
            return None
        target = self.current.resolve()
        return target if target.is_dir() else None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold OUT/.lock for the duration; Busy if another freeze holds it."""
        self.out.mkdir(parents=True, exist_ok=True)
        with open(self.out / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise Busy(f"another freeze of {self.out} is running") from None
            yield

    def new_build(self) -> Path:
        """An empty folder for the next build, named by the time (UTC) it was started."""
        self.builds.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        build = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=self.builds))
        build.chmod(0o755)  # mkdtemp makes it private; the web server's user must read it
        return build

    def switch(self, build: Path) -> None:
        """Make `build` live in one step (a relative link, so OUT can be moved or mounted elsewhere)."""
        temporary = self.out / f".{CURRENT}-{os.getpid()}"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(os.path.relpath(build, self.out))
        os.replace(temporary, self.current)

    def prune(self, keep: list[Path]) -> None:
        """Remove every build but those in `keep` (the live one and the one before, for a rollback)."""
        kept = {path.resolve() for path in keep}
        for build in self.builds.iterdir():
            if build.resolve() not in kept:
                shutil.rmtree(build, ignore_errors=True)

    def discard(self, build: Path) -> None:
        """Remove a build that failed before it went live."""
        shutil.rmtree(build, ignore_errors=True)
