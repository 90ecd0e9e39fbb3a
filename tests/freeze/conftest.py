"""Fixtures for the frozen site: a writable content tree the app serves, and a folder to freeze into."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.stack import Stack, frozen_stack


@pytest.fixture
def config_overrides(content_copy: Path) -> dict[str, Any]:
    """The app serves a copy of the fixture content, so a test can edit, add and delete articles."""
    return {"CONTENT_DIR": str(content_copy)}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """Where the site is frozen: OUT/current and OUT/builds/."""
    return tmp_path / "frozen"


@pytest.fixture(scope="module")
def stack(migrated_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """nginx (deploy/nginx.conf) serving a freeze of a copy of the fixture content, in front of gunicorn."""
    with frozen_stack(migrated_url, tmp_path_factory.mktemp("stack")) as running:
        yield running
