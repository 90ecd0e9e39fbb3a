"""Fixtures for the frozen site: a writable content tree the app serves, and a folder to freeze into."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def config_overrides(content_copy: Path) -> dict[str, Any]:
    """The app serves a copy of the fixture content, so a test can edit, add and delete articles."""
    return {"CONTENT_DIR": str(content_copy)}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """Where the site is frozen: OUT/current and OUT/builds/."""
    return tmp_path / "frozen"
