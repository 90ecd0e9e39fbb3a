"""ENV=production refuses unsafe settings at start-up, one line each, and trusts only BASE_URL's host."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from helpcentre import create_app
from helpcentre.config import ConfigError

SAFE = {
    "ENV": "production",
    "SECRET_KEY": "s" * 32,
    "BASE_URL": "https://help.example.test",
    "MAIL_BACKEND": "smtp",
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
}


def refusal(tmp_path: Path, **changes: Any) -> list[str]:
    """The lines of the ConfigError that create_app raises for SAFE with `changes`."""
    with pytest.raises(ConfigError) as raised:
        create_app({**SAFE, "INSTANCE_PATH": str(tmp_path), **changes})
    return str(raised.value).splitlines()[1:]


def test_safe_production_settings_start(tmp_path: Path) -> None:
    app = create_app({**SAFE, "INSTANCE_PATH": str(tmp_path)})
    assert app.config["TRUSTED_HOSTS"] == ["help.example.test"]
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize(("changes", "names", "fix"), [
    ({"SECRET_KEY": None}, "HELPCENTRE_SECRET_KEY is not set", "secrets.token_hex(32)"),
    ({"SECRET_KEY": "s" * 31}, "HELPCENTRE_SECRET_KEY is shorter than 32 bytes", "secrets.token_hex(32)"),
    ({"MAIL_BACKEND": "outbox"}, "HELPCENTRE_MAIL_BACKEND is 'outbox'", "HELPCENTRE_MAIL_BACKEND=smtp"),
    ({"RATELIMIT_STORAGE_URI": "memory://"}, "HELPCENTRE_RATELIMIT_STORAGE_URI is memory://",
     "HELPCENTRE_RATELIMIT_ALLOW_MEMORY=1"),
    ({"BASE_URL": "http://help.example.test"}, "HELPCENTRE_BASE_URL is not https", "https://"),
    ({"COOKIE_SECURE": False}, "HELPCENTRE_COOKIE_SECURE is off", "remove it"),
    ({"DEBUG": True}, "debug mode is on", "unset it"),
])
def test_each_unsafe_setting_is_refused_with_one_line_saying_how_to_fix_it(
        tmp_path: Path, changes: dict[str, Any], names: str, fix: str) -> None:
    lines = refusal(tmp_path, **changes)
    assert len(lines) == 1
    assert lines[0].startswith(names) and fix in lines[0]


def test_a_short_secret_counts_bytes_not_characters(tmp_path: Path) -> None:
    # 16 two-byte characters are 32 bytes: long enough.
    app = create_app({**SAFE, "SECRET_KEY": "é" * 16, "INSTANCE_PATH": str(tmp_path)})
    assert app.config["SECRET_KEY"] == "é" * 16
    assert refusal(tmp_path, SECRET_KEY="é" * 15)  # 30 bytes: refused


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    lines = refusal(tmp_path, SECRET_KEY="short", MAIL_BACKEND="outbox", RATELIMIT_STORAGE_URI="memory://",
                    BASE_URL="http://help.example.test", DEBUG=True)
    assert len(lines) == 5


def test_debug_from_the_environment_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPCENTRE_DEBUG", "true")
    assert refusal(tmp_path)[0].startswith("debug mode is on")


def test_memory_storage_may_be_allowed_for_a_single_process(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPCENTRE_RATELIMIT_ALLOW_MEMORY", "1")
    app = create_app({**SAFE, "RATELIMIT_STORAGE_URI": "memory://", "INSTANCE_PATH": str(tmp_path)})
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_development_accepts_what_production_refuses(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "short", "DEBUG": True})
    assert app.config["MAIL_BACKEND"] == "outbox" and app.config["TRUSTED_HOSTS"] is None


@pytest.fixture
def production_app(make_app: Callable[..., Flask]) -> Flask:
    """A production app over the test database (memory counters allowed: one test process)."""
    return make_app(**{**SAFE, "RATELIMIT_STORAGE_URI": "memory://", "RATELIMIT_ALLOW_MEMORY": True})


def test_a_forged_host_is_never_redirected_to(production_app: Flask) -> None:
    # werkzeug merges the doubled slashes with a redirect built from the Host header.
    response = production_app.test_client().get("//articles//sign-in", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "evil.example" not in response.headers.get("Location", "")


def test_a_stored_page_is_refused_to_a_forged_host_too(production_app: Flask) -> None:
    client = production_app.test_client()
    assert client.get("/", headers={"Host": "help.example.test"}).status_code == 200  # now stored
    # The stored-page layer answers before Flask; it must refuse the same hosts Flask refuses.
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400


def test_behind_a_proxy_the_forwarded_host_is_the_one_checked(make_app: Callable[..., Flask]) -> None:
    app = make_app(**{**SAFE, "RATELIMIT_STORAGE_URI": "memory://", "RATELIMIT_ALLOW_MEMORY": True,
                      "PROXY_HOPS": 1})
    client = app.test_client()
    forwarded = {"Host": "10.0.0.5:8000", "X-Forwarded-Host": "help.example.test", "X-Forwarded-Proto": "https",
                 "X-Forwarded-For": "203.0.113.9"}
    assert client.get("/", headers=forwarded).status_code == 200
    assert client.get("/", headers=forwarded).status_code == 200  # the stored page, through the front layer
    assert client.get("/", headers={**forwarded, "X-Forwarded-Host": "evil.example"}).status_code == 400


def test_base_url_host_is_served_and_redirected_to_itself(production_app: Flask) -> None:
    client = production_app.test_client()
    response = client.get("//articles//sign-in", headers={"Host": "help.example.test"})
    assert response.status_code in (301, 308)
    assert response.headers["Location"].startswith(("/articles/sign-in", "https://help.example.test/"))
    assert client.get("/", headers={"Host": "help.example.test"}).status_code == 200


def test_trusted_hosts_may_be_listed_for_a_load_balancer(make_app: Callable[..., Flask]) -> None:
    app = make_app(**{**SAFE, "RATELIMIT_STORAGE_URI": "memory://", "RATELIMIT_ALLOW_MEMORY": True,
                      "TRUSTED_HOSTS": ["help.example.test", "10.0.0.5"]})
    assert app.test_client().get("/healthz", headers={"Host": "10.0.0.5:8000"}).status_code == 200
