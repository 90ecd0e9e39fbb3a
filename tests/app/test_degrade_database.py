"""A database outage: pages that need no database stay up, the rest answer 503 and recover by themselves.

The database here is a PostgreSQL cluster of this module's own (tests/faults.py), stopped and
started again for real; the shared server is never touched.
"""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpcentre import create_app
from helpcentre.database import db
from helpcentre.outage import MESSAGE, RETRY_AFTER, database_unavailable
from tests.helpers.accounts import NO_LIMITS, PASSWORD, make_account, sign_in
from tests.helpers.app import app_config
from tests.helpers.faults import PostgresCluster
from tests.helpers.feedback import REFERER, rows, token
from tests.helpers.forms import post_form
from tests.helpers.htmx import HX

PAGES_WITHOUT_DATABASE = ["/", "/categories/guides", "/articles/sign-in", "/sitemap.xml", "/robots.txt",
                          "/search?q=password", "/support/chat-status", "/support", "/healthz"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresCluster]:
    """This module's own PostgreSQL, migrated; removed at the end."""
    server = PostgresCluster()
    try:
        server.create()
        app = create_app(app_config(server.url, tmp_path_factory.mktemp("pg-instance")))
        with app.app_context():
            flask_migrate.upgrade()
            db.engine.dispose()
        yield server
    finally:
        server.remove()


@pytest.fixture
def database(cluster: PostgresCluster) -> Iterator[PostgresCluster]:
    """The cluster, running again after the test whatever the test did to it."""
    yield cluster
    if not cluster.running:
        cluster.start()


@pytest.fixture
def app(make_app: Callable[..., Flask], database: PostgresCluster) -> Flask:
    """The site on this module's database."""
    return make_app(DATABASE_URL=database.url, **NO_LIMITS)


def _signed_in(app: Flask, email: str) -> FlaskClient:
    make_account(app, email)
    client = app.test_client()
    assert sign_in(client, email).status_code == 303
    assert client.get("/account/menu", headers=HX).status_code == 200
    return client


def _assert_unavailable(response: TestResponse, fragment: bool) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code == 503, html
    # On rate-limited views Flask-Limiter rewrites it as the later of ours and its window's reset,
    # counted again from its own clock reading (so 30 may come out as 29).
    assert int(response.headers["Retry-After"]) >= RETRY_AFTER - 1
    assert response.headers["Cache-Control"] == "no-store"
    assert MESSAGE.split(".")[0] in html.replace("&#39;", "'")
    assert "Traceback" not in html and "OperationalError" not in html
    assert ("<html" in html) is not fragment


def test_pages_that_need_no_database_answer_while_it_is_down(app: Flask, database: PostgresCluster,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    reader = _signed_in(app, "reader@example.com")
    anonymous = app.test_client()
    database.stop()
    for client in (reader, anonymous):
        for url in PAGES_WITHOUT_DATABASE:
            for headers in ({}, HX):
                response = client.get(url, headers=headers)
                assert response.status_code == 200, (url, headers, response.status_code)
                response.close()  # runs the search log's write, which fails quietly
    assert any("could not count a search" in r.getMessage() for r in caplog.records)


def test_database_backed_parts_answer_503_with_a_friendly_message(app: Flask, database: PostgresCluster) -> None:
    member = _signed_in(app, "member@example.com")
    anonymous = app.test_client()
    vote_token = token(anonymous, "sign-in")
    database.stop()
    for fragment in (True, False):
        headers = HX if fragment else {}
        _assert_unavailable(member.get("/account/menu", headers=headers), fragment)
        _assert_unavailable(member.get("/account/devices/", headers=headers), fragment)
        _assert_unavailable(member.get("/most-helpful", headers=headers), fragment)
        _assert_unavailable(anonymous.post("/articles/sign-in/feedback", data={"csrf_token": vote_token, "vote": "yes"},
                                           headers={**REFERER, **headers}), fragment)
        _assert_unavailable(sign_in(anonymous, "member@example.com", headers=headers), fragment)
        _assert_unavailable(post_form(anonymous, "/account/signup", {
            "email": "new@example.com", "password": PASSWORD, "date_of_birth": "1990-01-02", "accept_terms": "y",
        }, headers=headers), fragment)
    database.start()
    assert rows(app) == []


def test_the_site_recovers_by_itself_when_the_database_returns(app: Flask, database: PostgresCluster) -> None:
    member = _signed_in(app, "back@example.com")
    anonymous = app.test_client()
    database.stop()
    assert member.get("/account/menu", headers=HX).status_code == 503
    assert anonymous.post("/articles/sign-in/feedback", data={"csrf_token": token(anonymous), "vote": "no"},
                          headers={**REFERER, **HX}).status_code == 503
    database.start()
    # The same app, never restarted: its pool notices its old connections are dead and opens new ones.
    menu = member.get("/account/menu", headers=HX)
    assert menu.status_code == 200 and "back@example.com" in menu.get_data(as_text=True)
    assert anonymous.post("/articles/sign-in/feedback", data={"csrf_token": token(anonymous), "vote": "no"},
                          headers={**REFERER, **HX}).status_code == 200
    assert [(r.article_slug, r.vote) for r in rows(app)] == [("sign-in", "no")]


def test_connections_the_server_kills_are_replaced_without_an_error(app: Flask, database: PostgresCluster) -> None:
    member = _signed_in(app, "killed@example.com")
    admin = sa.create_engine(database.url)
    with admin.begin() as connection:
        killed = connection.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'")).scalar_one()
    admin.dispose()
    assert killed >= 1  # the app's pooled connection
    assert member.get("/account/menu", headers=HX).status_code == 200


def test_a_query_the_database_refuses_is_still_a_500(app: Flask) -> None:
    @app.get("/broken")
    def broken() -> str:
        db.session.execute(sa.text("SELECT * FROM no_such_table"))
        return "unreachable"

    response = app.test_client().get("/broken")
    assert response.status_code == 500
    assert "Retry-After" not in response.headers


def _error_of(engine: sa.Engine, statement: str) -> sa.exc.SQLAlchemyError:
    with pytest.raises(sa.exc.SQLAlchemyError) as raised, engine.connect() as connection:
        connection.execute(sa.text(statement))
    return raised.value


def test_only_connection_failures_count_as_an_outage(database: PostgresCluster, tmp_path: Path) -> None:
    postgres = sa.create_engine(database.url)
    assert not database_unavailable(_error_of(postgres, "SELECT * FROM no_such_table"))
    assert not database_unavailable(_error_of(postgres, "SELECT 1/0"))
    database.stop()
    assert database_unavailable(_error_of(postgres, "SELECT 1"))
    postgres.dispose()

    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x INTEGER)")
    sqlite = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": 0})
    assert not database_unavailable(_error_of(sqlite, "SELECT * FROM no_such_table"))
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert database_unavailable(_error_of(sqlite, "INSERT INTO t VALUES (1)"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        sqlite.dispose()
    assert not database_unavailable(ValueError("not a database error"))


def test_an_outage_is_logged_without_a_traceback(app: Flask, database: PostgresCluster,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    anonymous = app.test_client()
    database.stop()
    with caplog.at_level(logging.WARNING, logger="helpcentre.outage"):
        anonymous.get("/most-helpful")
    [record] = [r for r in caplog.records if r.name == "helpcentre.outage"]
    assert "database unavailable" in record.getMessage() and record.exc_info is None
