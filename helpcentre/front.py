"""The front layer: a GET or HEAD for a page already stored at the current site version is answered
from memory, before Flask builds a request, opens a session or runs a hook; everything else goes on
to Flask.

Through Flask a stored page costs about twice a hello-world view (rate limiter, session, url
adapter, after-request hooks), though none of that can change its answer. The answer given here
is the one the page's view gives (both come from `Stored.answer`, with the security headers stored
with the page), and the version is checked on every request, so an edit is never served stale.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask import Flask
from werkzeug.exceptions import SecurityError
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wsgi import get_host

from .pages import stored_page
from .stored import Stored

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# Spelled as Werkzeug spells them, so both paths send the same status line.
STATUS = {code: f"{code} {HTTP_STATUS_CODES[code].upper()}" for code in (200, 304)}


class FrontLayer:
    """WSGI middleware in front of the Flask app; see the module docstring."""

    def __init__(self, app: Flask, wsgi_app: WSGIApplication) -> None:
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Answer a stored page, or pass the request to Flask."""
        method = environ.get("REQUEST_METHOD")
        # A query string may change what a view answers (a redirect, another page of a list), so
        # only the bare path is answered here; stored pages are keyed by path alone.
        if method in ("GET", "HEAD") and not environ.get("QUERY_STRING") and self._trusted(environ):
            page = self._lookup(environ)
            if page is not None:
                status, headers, body = page.answer(environ.get("HTTP_ACCEPT_ENCODING"),
                                                    environ.get("HTTP_IF_NONE_MATCH"))
                start_response(STATUS[status], list(headers))
                return [body] if method == "GET" and body else []
        return self.wsgi_app(environ, start_response)

    def _trusted(self, environ: WSGIEnvironment) -> bool:
        """Whether the Host is one the site answers (TRUSTED_HOSTS); Flask refuses the others."""
        try:
            get_host(environ, self.app.config["TRUSTED_HOSTS"])
        except SecurityError:
            return False
        return True

    def _lookup(self, environ: WSGIEnvironment) -> Stored | None:
        raw: str = environ.get("PATH_INFO") or ""
        try:
            # The path as Flask's request.path spells it: WSGI gives latin-1, URLs are UTF-8.
            path = "/" + raw.encode("latin-1").decode("utf-8", "replace").lstrip("/")
            with self.app.app_context():
                return stored_page(path)
        except Exception:  # whatever failed here, Flask meets it again and answers properly
            return None
