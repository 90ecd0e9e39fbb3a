"""gunicorn settings shipped with the wheel: `gunicorn -c python:helpcentre.gunicorn_conf 'helpcentre:create_app()'`.

It lives in the package (not a gunicorn.conf.py at the top of the checkout) so an installed
site has it too. Command-line options still win, e.g. `--bind 10.0.0.5:8000 --workers 4`.
"""
from __future__ import annotations

import datetime
import os
from typing import Any

from gunicorn.arbiter import Arbiter
from gunicorn.config import Config
from gunicorn.glogging import Logger
from gunicorn.workers.base import Worker

from helpcentre.content import refresh_library
from helpcentre.logs import formatter, mask_secrets

# Requests and errors to the terminal (or the service manager's journal), like the app's own log.
accesslog = "-"
errorlog = "-"
# A private address by default: the reverse proxy in front is what faces the public.
bind = os.environ.get("HELPCENTRE_BIND", "127.0.0.1:8000")
# gunicorn 25.1+ opens a control socket at one path per user by default: two instances on a
# host (or a test beside a running site) would take each other's. Off; older gunicorns ignore it.
control_socket_disable = True
# The app is built once, in the master, and the workers are forked from it: with on_starting below,
# the content library is read (or taken from the parse cache) once, not once per worker. A new
# release therefore needs a restart; `kill -HUP` alone keeps the master's code.
preload_app = True


def on_starting(server: Arbiter) -> None:
    """Read the content library before listening: no request can arrive before it is ready."""
    refresh_library(server.app.wsgi())


def post_fork(server: Arbiter, worker: Worker) -> None:
    """Catch up with files edited since the master read the library (a worker may be forked hours later)."""
    refresh_library(server.app.wsgi())


class MaskingLogger(Logger):
    """gunicorn's logger with secrets masked in every access-log field, and JSON when asked."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any],
              request_time: datetime.timedelta) -> dict[str, Any]:
        """The access-log fields, each text field passed through mask_secrets() (path, request line, Referer...)."""
        fields = super().atoms(resp, req, environ, request_time)
        return {key: mask_secrets(value) if isinstance(value, str) else value for key, value in fields.items()}

    def setup(self, cfg: Config) -> None:
        """gunicorn's handlers; with HELPCENTRE_LOG_FORMAT=json, the app's JSON lines for them too."""
        super().setup(cfg)
        if os.environ.get("HELPCENTRE_LOG_FORMAT", "text").lower() == "json":
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(formatter("json"))


logger_class = MaskingLogger
