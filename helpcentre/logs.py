"""Logging: the app's records go to stderr as readable lines, or JSON, with secrets masked.

mask_secrets() is the one place that knows what must never reach a log line. It serves the
app's handler, werkzeug's request log (`flask run`) and gunicorn's access log
(helpcentre/gunicorn_conf.py).
"""
from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

from flask import Flask
from flask.logging import default_handler
from pythonjsonlogger.json import JsonFormatter

from .config import ConfigError

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"

# A reset link's token is a password for an hour: it appears in request paths and Referers.
_RESET_TOKEN = re.compile(r"(/account/reset/)[^\s?#&\"'/]+")


# The outbox's line is the one record allowed to carry a code or link (README, "Email in
# development"): it exists only with the outbox backend, which production refuses.
OUTBOX_LINE = {"outbox_line": True}


def mask_secrets(text: str) -> str:
    """`text` with every password-reset token replaced by "…"."""
    return _RESET_TOKEN.sub(r"\1…", text)


class MaskSecrets(logging.Filter):
    """Rewrites a record's message through mask_secrets() before any handler prints it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the formatted message in place (except the outbox's line); never drops a record."""
        if getattr(record, "outbox_line", False):
            return True
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever sys.stderr is at the time, so a replaced stderr (pytest's capture,
    a daemon's redirection) is followed instead of a closed stream being kept."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        """The current sys.stderr."""
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def formatter(log_format: str) -> logging.Formatter:
    """The formatter HELPCENTRE_LOG_FORMAT names: `text` (a readable line) or `json` (one object per line)."""
    if log_format == "json":
        return JsonFormatter(JSON_FIELDS, rename_fields={"asctime": "time", "levelname": "level"})
    if log_format == "text":
        return logging.Formatter(TEXT_FORMAT)
    raise ConfigError(f"HELPCENTRE_LOG_FORMAT must be 'text' or 'json', not {log_format!r}")


def configure_logging(app: Flask) -> None:
    """Send the `helpcentre` loggers to stderr at HELPCENTRE_LOG_LEVEL (INFO), masked.

    Logging is per process, so the last app made sets it; the handler is replaced, never
    stacked, so building several apps (tests) never prints a line twice.
    """
    level = str(app.config["LOG_LEVEL"]).upper()
    if not isinstance(logging.getLevelName(level), int):
        raise ConfigError(f"HELPCENTRE_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {level!r}")
    handler = _StderrHandler()
    handler.setFormatter(formatter(str(app.config["LOG_FORMAT"]).lower()))
    handler.addFilter(MaskSecrets())
    logger = logging.getLogger("helpcentre")
    for old in [h for h in logger.handlers if isinstance(h, _StderrHandler) or h is default_handler]:
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.setLevel(level)
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, MaskSecrets) for f in werkzeug.filters):
        werkzeug.addFilter(MaskSecrets())
