"""How paths are printed in editors' messages."""
from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path) -> str:
    """A path as editors see it in messages: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
