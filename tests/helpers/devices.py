"""Devices: a signed-in member, the device forms as a browser posts them, the stored rows."""
from __future__ import annotations

import html
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpcentre.database import db
from helpcentre.devices.models import RegisteredDevice, ReplacementRequest

from .accounts import make_account, sign_in
from .forms import post_form

DEVICES = "/account/devices/"
SERIAL = "S2AB12CD34"
HELD_ELSEWHERE = "This device can't be registered here. Please contact support."
ALREADY_YOURS = "This device is already registered"


def text(response: TestResponse) -> str:
    """The response's HTML with entities decoded, to look for messages as readers see them."""
    return html.unescape(response.get_data(as_text=True))


def signed_in(app: Flask, email: str, **account: Any) -> FlaskClient:
    """A client signed in to a new verified account."""
    make_account(app, email, **account)
    client = app.test_client()
    assert sign_in(client, email).status_code == 303
    return client


def register(client: FlaskClient, model: str = "speaker-s2", serial: str = SERIAL, purchase: str = "2025-01-31",
             headers: dict[str, str] | None = None) -> TestResponse:
    """Fill in "Register a device"."""
    return post_form(client, DEVICES, {"model": model, "serial": serial, "purchase_date": purchase},
                     headers=headers)


def ask_replacement(client: FlaskClient, device_id: int, kind: str, details: str = "",
                    headers: dict[str, str] | None = None) -> TestResponse:
    """Fill in one device's "Request a replacement"."""
    prefix = f"device-{device_id}-"
    return post_form(client, f"{DEVICES}{device_id}/requests", {prefix + "kind": kind, prefix + "details": details},
                     form_url=DEVICES, headers=headers)


def remove(client: FlaskClient, device_id: int, headers: dict[str, str] | None = None) -> TestResponse:
    """Confirm "Remove" on the confirmation page."""
    url = f"{DEVICES}{device_id}/remove"
    return post_form(client, url, {}, form_url=url, headers=headers)


def devices(app: Flask) -> list[RegisteredDevice]:
    """Every stored device, removed ones too, in order of registration (detached for reading)."""
    with app.app_context():
        found = list(db.session.scalars(sa.select(RegisteredDevice).order_by(RegisteredDevice.id)))
        db.session.expunge_all()
        return found


def replacements(app: Flask) -> list[ReplacementRequest]:
    """Every stored replacement request, oldest first (detached for reading)."""
    with app.app_context():
        found = list(db.session.scalars(sa.select(ReplacementRequest).order_by(ReplacementRequest.id)))
        db.session.expunge_all()
        return found


def only_device(app: Flask) -> int:
    """The id of the one device stored."""
    stored = devices(app)
    assert len(stored) == 1
    return stored[0].id
