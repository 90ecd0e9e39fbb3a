"""An editor's mistake in a file, as `flask content check` and the logs print it.

Shared ground: the content tree, support.yml and devices.yml all report their problems this way.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing an editor must fix, reported as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"
