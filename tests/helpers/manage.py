"""The account pages (change password or email, close, download): signed-in clients and their forms."""
from __future__ import annotations

import html
import io
import re
from email.message import EmailMessage
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpcentre.database import db

from .accounts import make_account, sign_in, text_of
from .forms import post_form

PAGES = {"password": "/account/password", "email": "/account/email", "close": "/account/close",
         "data": "/account/data"}


def signed_in_client(app: Flask, email: str, *, remember: bool = False) -> FlaskClient:
    """A new client signed in to the account of `email` (which must exist)."""
    client = app.test_client()
    assert sign_in(client, email, remember=remember).status_code == 303
    return client


def member(app: Flask, email: str) -> FlaskClient:
    """A client signed in to a new verified account."""
    make_account(app, email)
    return signed_in_client(app, email)


def is_signed_in(client: FlaskClient) -> bool:
    """Whether "Your account" opens for the client (else it is sent to sign in)."""
    return client.get("/account/").status_code == 200


def post_page(client: FlaskClient, page: str, data: dict[str, Any],
              headers: dict[str, str] | None = None) -> TestResponse:
    """POST one of the account pages' forms with the CSRF token from that page."""
    return post_form(client, page, data, headers=headers)


def with_file_part(data: dict[str, Any], field: str) -> dict[str, Any]:
    """The same fields, with a file sent in place of `field` (a multipart post)."""
    return {**data, field: (io.BytesIO(b"not a password"), "note.txt")}


def undo_link_in(message: EmailMessage) -> str:
    """The undo link in an "email address was changed" message."""
    match = re.search(r"(https?://\S+/account/email/undo/\S+)", text_of(message))
    assert match, text_of(message)
    return match.group(1)


def count(app: Flask, table: str, where: str = "1 = 1", **params: Any) -> int:
    """Rows of `table` matching a SQL condition."""
    with app.app_context():
        return int(db.session.scalar(sa.text(f"SELECT count(*) FROM {table} WHERE {where}"), params) or 0)


def said(response: TestResponse) -> str:
    """The answer's HTML with entities decoded, to look for messages as readers see them."""
    return html.unescape(response.get_data(as_text=True))


def device_id(app: Flask, serial: str) -> int:
    """The id of the registered device with this serial (ids are not reset between tests on PostgreSQL)."""
    with app.app_context():
        found = db.session.scalar(sa.text("SELECT id FROM registered_devices WHERE serial = :serial"),
                                  {"serial": serial})
        assert isinstance(found, int)
        return found
