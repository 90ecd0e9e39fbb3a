"""While the database is unreachable, what needs it answers 503 with a friendly message.

Static pages, search and the chat status read no database and keep answering. A view that
does need it fails with one of SQLAlchemy's errors; when that error says the database could
not be reached (or dropped the connection), the reader gets the site's error page or fragment
with 503 and Retry-After, and the next request simply tries again: the pool pre-pings its
connections on PostgreSQL, so the site recovers by itself when the database returns.

Only connection-level failures become 503. A query the database refuses (a missing table, a
broken constraint, bad SQL) is a bug, and stays a logged 500 so that somebody fixes it.
"""
from __future__ import annotations

import logging
import time

from flask import Flask, Response, current_app
from sqlalchemy import exc

from .database import db
from .errors import render_error, server_error

log = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds: a restart or a fail-over usually takes about this long
MESSAGE = ("This part of the site is unavailable for a moment. Everything you've read is still here; "
           "please try again in a minute.")
# SQLite result codes (sqlite3 errors carry their name) that mean "not now" rather than "wrong".
_SQLITE_TRANSIENT = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_FULL")
# SQLSTATE classes for a server that is unreachable, shutting down, starting up or out of room:
# 08 connection exception, 57P operator intervention (shutdown, pg_terminate_backend), 53 resources.
_SQLSTATE_TRANSIENT = ("08", "57P", "53")
_LOG_EVERY = 60.0  # seconds between two log lines about an outage, per process


def database_unavailable(error: BaseException) -> bool:
    """True when `error` says the database could not be reached, not that a query was wrong."""
    if isinstance(error, exc.TimeoutError):  # every pooled connection stayed busy past pool_timeout
        return True
    if not isinstance(error, exc.DBAPIError):
        return False
    if error.connection_invalidated:  # SQLAlchemy found the connection dead and dropped it
        return True
    if not isinstance(error, exc.OperationalError):
        return False
    original = error.orig
    sqlite_name = getattr(original, "sqlite_errorname", None)
    if sqlite_name is not None:
        return str(sqlite_name).startswith(_SQLITE_TRANSIENT)
    if hasattr(original, "sqlstate"):  # psycopg: no SQLSTATE means the client lost the server
        state = getattr(original, "sqlstate", None)
        return state is None or str(state).startswith(_SQLSTATE_TRANSIENT)
    return False


def unavailable(error: Exception) -> Response:
    """The 503 page or fragment while the database is away; any other database error is a 500."""
    if not database_unavailable(error):
        return server_error(error)
    try:  # the failed transaction must not linger for the next request of this worker
        db.session.rollback()
    except exc.SQLAlchemyError:
        pass
    _log_outage(error)
    response = render_error(503, MESSAGE)
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def _log_outage(error: Exception) -> None:
    # One line a minute per process is enough to see an outage start and last; not one per request.
    last_logged: list[float] = current_app.extensions["outage_logged"]
    now = time.monotonic()
    if not last_logged or now - last_logged[0] >= _LOG_EVERY:
        last_logged[:] = [now]
        log.warning("database unavailable, answering 503: %s", str(error.__cause__ or error).splitlines()[0])


def init_app(app: Flask) -> None:
    """Answer connection-level database errors with 503 instead of 500."""
    app.extensions["outage_logged"] = []  # when this process last logged an outage (monotonic seconds)
    app.register_error_handler(exc.DBAPIError, unavailable)
    app.register_error_handler(exc.TimeoutError, unavailable)
