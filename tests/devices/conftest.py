"""Fixtures for the device tests: the fake clock with limits out of the way, a signed-in member."""
from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.helpers.accounts import NO_LIMITS
from tests.helpers.clock import FakeClock
from tests.helpers.devices import signed_in


@pytest.fixture
def config_overrides(clock: FakeClock) -> dict[str, Any]:
    """Device tests run on the fake clock (15 June 2025), with per-address limits out of the way."""
    return {"CLOCK": clock, **NO_LIMITS, "DEVICES_LIMIT": "10000 per minute"}


@pytest.fixture
def member(app: Flask) -> FlaskClient:
    """Ann, a verified adult, signed in."""
    return signed_in(app, "ann@example.com")
