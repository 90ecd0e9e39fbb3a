"""Fixtures for every test: an app over the fixture site, a migrated database, a fake clock, chromium's live server.

Each feature's own fixtures are in tests/<feature>/conftest.py; plain helpers are in tests/helpers/.
"""
from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from werkzeug.serving import make_server

from helpcentre import create_app
from helpcentre.database import db
from tests.helpers.app import app_config
from tests.helpers.clock import FakeClock
from tests.helpers.content import FIXTURES

CHROMIUM = Path("/usr/bin/chromium")
NGINX_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"])  # Debian installs it in sbin


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip browser (nginx) tests only when chromium (nginx) is missing and nobody said it is required."""
    missing = []
    if not CHROMIUM.exists() and not os.environ.get("HELPCENTRE_REQUIRE_BROWSER"):
        missing.append(("browser", "no /usr/bin/chromium (set HELPCENTRE_REQUIRE_BROWSER to fail instead)"))
    if not shutil.which("nginx", path=NGINX_PATH) and not os.environ.get("HELPCENTRE_REQUIRE_NGINX"):
        missing.append(("nginx", "no nginx (set HELPCENTRE_REQUIRE_NGINX to fail instead)"))
    for marker, reason in missing:
        for item in items:
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh database for this run: a SQLite file, or a new schema in HELPCENTRE_TEST_DATABASE_URL."""
    server = os.environ.get("HELPCENTRE_TEST_DATABASE_URL")
    if not server:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    schema = f"hc_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(server)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    # A schema of its own keeps parallel runs on one PostgreSQL apart.
    yield sa.make_url(server).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False)
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()




@pytest.fixture(scope="session")
def migrated_url(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test database with every migration applied (so the migrations are what is tested)."""
    app = create_app(app_config(database_url, tmp_path_factory.mktemp("instance")))
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    return database_url


@pytest.fixture
def config_overrides() -> dict[str, Any]:
    """The app's settings beyond app_config(); a feature's conftest or a test module overrides this fixture."""
    return {}


@pytest.fixture
def clock() -> FakeClock:
    """A clock the test moves by hand, for app.config["CLOCK"]; starts on 15 June 2025 at noon UTC."""
    return FakeClock()


@pytest.fixture
def make_app(migrated_url: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Build apps over the test database; every table is emptied and connections closed afterwards."""
    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        app = create_app(app_config(migrated_url, tmp_path / "instance", **overrides))
        made.append(app)
        return app

    yield make
    on_shared = [app for app in made if app.config["DATABASE_URL"] == migrated_url]
    for app in made:
        with app.app_context():
            if on_shared and app is on_shared[0]:  # empty the shared database once, for the next test
                db.session.rollback()
                for table in reversed(db.metadata.sorted_tables):
                    db.session.execute(table.delete())
                db.session.commit()
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask], config_overrides: dict[str, Any]) -> Flask:
    """An app over the fixture content; every table is emptied after the test."""
    return make_app(**config_overrides)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner for the app's commands."""
    return app.test_cli_runner()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture content, for tests that change files."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "site", target)
    return target


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app served on 127.0.0.1 in a thread, for chromium; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # Join request threads on close, so no request still in flight writes after the test's clean-up.
    server.daemon_threads = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def new_context(live_server: str, new_context: Any) -> Any:
    """pytest-playwright's contexts, closed before the live server stops (so its threads can finish)."""
    return new_context


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def base_url() -> None:
    """Tests pass live_server URLs themselves (this replaces pytest-base-url's fixture)."""
    return None
