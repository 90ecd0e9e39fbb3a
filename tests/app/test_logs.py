"""Logs speak: INFO lines on stderr (text or JSON), the outbox's line for developers, no tokens anywhere."""
from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from flask import Flask

from helpcentre import create_app
from helpcentre.config import ConfigError
from helpcentre.logs import mask_secrets
from tests.helpers.accounts import PASSWORD, outbox, sign_up
from tests.helpers.content import FIXTURES

TOKEN = "Mjk.aZ3-secret_Token"


def test_mask_secrets_hides_reset_tokens_wherever_they_appear() -> None:
    line = f'GET /account/reset/{TOKEN}?x=1 "https://help.example.test/account/reset/{TOKEN}"'
    assert mask_secrets(line) == 'GET /account/reset/…?x=1 "https://help.example.test/account/reset/…"'
    assert mask_secrets("GET /articles/sign-in") == "GET /articles/sign-in"


def test_the_outbox_line_reaches_stderr_by_default(app: Flask, capfd: pytest.CaptureFixture[str]) -> None:
    # What `make run` shows: the app's INFO lines on stderr with no logging set up by anyone else.
    client = app.test_client()
    sign_up(client, "ann@example.com")
    [message] = outbox(app)
    err = capfd.readouterr().err
    code_line = next(line for line in err.splitlines() if "outbox: to ann@example.com: code " in line)
    assert " INFO helpcentre.mail: " in code_line
    assert "account created: user " in err
    assert PASSWORD not in err


def test_the_reset_link_is_logged_by_the_outbox_only(app: Flask, capfd: pytest.CaptureFixture[str]) -> None:
    logging.getLogger("helpcentre.errors").error("unhandled error on GET /account/reset/%s", TOKEN)
    logging.getLogger("helpcentre.mail").info("outbox: to ann@example.com: link https://x/account/reset/%s (1.eml)",
                                              TOKEN, extra={"outbox_line": True})
    err = capfd.readouterr().err
    assert "unhandled error on GET /account/reset/…" in err
    assert err.count(TOKEN) == 1 and "outbox: to ann@example.com: link" in err


def test_json_format_gives_one_object_per_line(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x", "LOG_FORMAT": "json"})
    logging.getLogger("helpcentre.account.sessions").info("signed in: user %s", 7)
    logging.getLogger("helpcentre.errors").warning("failed on GET /account/reset/%s", TOKEN)
    lines = [json.loads(line) for line in capfd.readouterr().err.splitlines()]
    assert lines[0]["message"] == "signed in: user 7"
    assert lines[0]["level"] == "INFO" and lines[0]["name"] == "helpcentre.account.sessions" and "time" in lines[0]
    assert lines[1]["message"] == "failed on GET /account/reset/…"


def test_building_apps_again_never_prints_a_line_twice(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    for _ in range(3):
        create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    logging.getLogger("helpcentre").info("once")
    assert capfd.readouterr().err.count("once") == 1


def test_an_unknown_log_format_or_level_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="HELPCENTRE_LOG_FORMAT must be 'text' or 'json'"):
        create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x", "LOG_FORMAT": "xml"})
    with pytest.raises(ConfigError, match="HELPCENTRE_LOG_LEVEL"):
        create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x", "LOG_LEVEL": "LOUD"})


def test_werkzeugs_request_log_masks_reset_tokens(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logging.getLogger("werkzeug").info('127.0.0.1 - - "%s %s HTTP/1.1" 200 -', "GET", f"/account/reset/{TOKEN}")
    assert "/account/reset/…" in caplog.text and TOKEN not in caplog.text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, **headers: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_gunicorns_access_log_masks_reset_tokens(migrated_url: str, tmp_path: Path, log_format: str) -> None:
    port = _free_port()
    env = {**os.environ, "HELPCENTRE_DATABASE_URL": migrated_url, "HELPCENTRE_INSTANCE_PATH": str(tmp_path),
           "HELPCENTRE_CONTENT_DIR": str(FIXTURES / "site"), "HELPCENTRE_LOG_FORMAT": log_format}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:helpcentre.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "helpcentre:create_app()"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):  # gunicorn is starting: wait for it to listen, bounded
            try:
                _get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.05)
        status = _get(f"{base}/account/reset/{TOKEN}", Referer=f"{base}/account/reset/{TOKEN}")
        assert status < 500
        _get(base + "/static/css/site.css", Referer=f"{base}/account/reset/{TOKEN}")
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert TOKEN not in out and TOKEN not in err
    lines = out.splitlines()
    if log_format == "json":
        lines = [json.loads(line)["message"] for line in lines]
    assert any("GET /account/reset/… HTTP/1.1" in line for line in lines)
    assert sum(line.count("/account/reset/…") for line in lines) >= 3  # the path, and both Referers
