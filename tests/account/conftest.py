"""Fixtures for the account tests: the fake clock with per-address limits out of the way, a ready account."""
from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.helpers.accounts import NO_LIMITS, make_account
from tests.helpers.clock import FakeClock


@pytest.fixture
def config_overrides(clock: FakeClock) -> dict[str, Any]:
    """Account tests run on the fake clock, with per-address limits out of the way."""
    return {"CLOCK": clock, **NO_LIMITS}


@pytest.fixture
def ann(app: Flask) -> int:
    """A verified adult's account: ann@example.com with PASSWORD."""
    return make_account(app, "ann@example.com")
