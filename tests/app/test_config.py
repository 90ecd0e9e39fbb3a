"""Settings: production refuses to start without a secret; development makes one once."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpcentre import create_app
from helpcentre.config import ConfigError


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="HELPCENTRE_SECRET_KEY is not set"):
        create_app({"ENV": "production", "INSTANCE_PATH": str(tmp_path)})


def test_production_reads_settings_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HELPCENTRE_ENV", "production")
    monkeypatch.setenv("HELPCENTRE_SECRET_KEY", "from-the-environment-" + "x" * 32)
    monkeypatch.setenv("HELPCENTRE_MAIL_BACKEND", "smtp")
    monkeypatch.setenv("HELPCENTRE_RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("HELPCENTRE_BRAND", "Example Help")
    monkeypatch.setenv("HELPCENTRE_BASE_URL", "https://help.example.test/")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SECRET_KEY"] == "from-the-environment-" + "x" * 32
    assert app.config["BRAND"] == "Example Help"
    assert app.config["BASE_URL"] == "https://help.example.test"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.debug is False


def test_development_secret_is_generated_once(tmp_path: Path) -> None:
    first = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    second = create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'helpcentre.sqlite3'}"


def test_errors_never_show_a_traceback(tmp_path: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "secret internals" not in text and "Traceback" not in text
    assert "Something went wrong on our side" in text
    assert "Content-Security-Policy" in response.headers
