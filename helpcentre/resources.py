"""Where the shipped files are: templates/, static/ and migrations/, in a checkout or a wheel.

The repository keeps them at its top level (the design card's layout); the wheel carries them
inside the package as helpcentre/_shipped/<name> (pyproject's package-dir maps them at build
time). One lookup serves both, so nothing else needs to know how the code was installed.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SHIPPED = ("templates", "static", "migrations")


def shipped(name: str) -> Path:
    """The folder `name` (one of SHIPPED): inside the installed package, else beside it in a checkout."""
    if name not in SHIPPED:
        raise ValueError(f"not a shipped folder: {name!r}")
    installed = PACKAGE / "_shipped" / name
    return installed if installed.is_dir() else PACKAGE.parent / name
