"""App-wide error pages: the site's layout for a page, a fragment for htmx, never a traceback."""
from __future__ import annotations

import logging
from typing import cast

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, MethodNotAllowed, SecurityError

from .content import current_library
from .content.model import Article
from .htmx import private, render

log = logging.getLogger(__name__)

MESSAGES = {
    400: "Something in that request wasn't right. Please go back and try again.",
    404: "We couldn't find that page.",
    405: "That page can't be used that way.",
    413: "That was more than we can accept. Please send something shorter.",
    429: "You've tried that too many times. Please wait a minute and try again.",
    500: "Something went wrong on our side. Please try again in a moment.",
}
SESSION_EXPIRED = "Your session expired, please try again."


def _suggestions(path: str) -> list[Article]:
    wanted = path.rstrip("/").rsplit("/", 1)[-1]
    return current_library().suggestions(wanted) if wanted else []


def render_error(status: int, message: str | None = None) -> Response:
    """The error page, or its fragment for an htmx request, with the given status."""
    text = message or MESSAGES.get(status, MESSAGES[500])
    suggestions = _suggestions(request.path) if status == 404 else []
    return private(render("errors/_error.html", status, page="errors/error.html",
                          status=status, message=text, suggestions=suggestions))


def init_app(app: Flask) -> None:
    """Register the handlers for every HTTP error and for unexpected exceptions."""

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError) -> Response:
        # A Host outside TRUSTED_HOSTS: no URL can be built for it, so no page either.
        return Response(MESSAGES[400], status=400, mimetype="text/plain", headers={"Cache-Control": "no-store"})

    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError) -> Response:
        return render_error(400, SESSION_EXPIRED)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        if error.code is None or error.code < 400:
            return cast(Response, error.get_response())
        response = render_error(error.code)
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return http_error(error)
        return server_error(error)


def server_error(error: Exception) -> Response:
    """500 for an error nobody expected: logged with its traceback, never shown to the reader."""
    log.exception("unhandled error on %s %s", request.method, request.path, exc_info=error)
    try:
        return render_error(500)
    except Exception:  # the error page itself failed: answer with plain text
        return Response(MESSAGES[500], status=500, mimetype="text/plain")

