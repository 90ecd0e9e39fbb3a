"""Cross-site request forgery defence for POSTs a reader may send before they have a session.

Flask-WTF's CSRFProtect checks a token kept in the session, so a form that needs one must
give the reader a session before they act. The feedback question is part of the static page,
the same bytes for everyone, and a reader who only reads gets no cookie at all; so their vote
arrives with no session and no token. For exactly those POSTs (views wrapped in
`token_or_same_origin`) the browser's own word on where the request came from is checked
instead, as OWASP's CSRF Prevention Cheat Sheet accepts for browsers that send it:

1. Fetch Metadata: when `Sec-Fetch-Site` is sent it must be `same-origin` (a sibling
   subdomain, `same-site`, is refused too: it may be someone else's).
2. Then the standard headers, which the cheat sheet requires as the fallback where Fetch
   Metadata is missing: `Origin` must be this site's, or, when a browser sends no `Origin`,
   the `Referer`'s origin must be. With neither, the request is refused.

This site's origin is BASE_URL's, or the origin the request itself was addressed to (the
check Flask-WTF applies to the Referer on https). A page elsewhere cannot make a browser send
our origin in either header; in production TRUSTED_HOSTS pins the host to BASE_URL's anyway.
SameSite cookies alone would not do: the vote needs no cookie to be recorded.

A reader who has a session may have a page whose form carries no token (the static question,
or a widget loaded before they signed in on that page), so a POST that passes the origin check
is accepted with or without one; one that does not pass it is accepted only with the session's
valid token (a browser that sends neither Origin nor Referer), as everywhere else.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar
from urllib.parse import urlsplit

from flask import current_app, request, session
from flask_wtf.csrf import CSRFError

from .extensions import csrf

P = ParamSpec("P")
R = TypeVar("R")


class CrossSiteRequest(CSRFError):
    """A session-less POST whose headers do not show it came from this site."""


def _origin(url: str | None) -> str | None:
    """scheme://host[:port] of an absolute http(s) URL, lower-cased; None for anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def site_origins() -> set[str]:
    """The origins this request may come from: BASE_URL's and the one it was addressed to."""
    return {origin for origin in (_origin(current_app.config["BASE_URL"]), _origin(request.host_url)) if origin}


def cross_site_reason() -> str | None:
    """Why the current request does not look like it came from this site, or None when it does."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        return f"Sec-Fetch-Site is {fetch_site}"
    origin = request.headers.get("Origin")
    if origin is not None:
        return None if _origin(origin) in site_origins() else "Origin is another site's"
    referer = request.headers.get("Referer")
    if referer is not None:
        return None if _origin(referer) in site_origins() else "Referer is another site's"
    return "neither Origin nor Referer was sent"


def token_or_same_origin(view: Callable[P, R]) -> Callable[P, R]:
    """Accept `view`'s POSTs from this site's pages: by origin, else by the session's token.

    Takes the view out of CSRFProtect's app-wide check (its exemption API, for this view only)
    and runs the same check itself when the origin check fails and the reader has a session.
    """

    @wraps(view)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        if request.method == "POST" and current_app.config.get("WTF_CSRF_ENABLED", True):
            reason = cross_site_reason()
            if reason is not None and session:
                csrf.protect()  # as every other form: the token must match this session's
            elif reason is not None:
                raise CrossSiteRequest(reason)
        return view(*args, **kwargs)

    # Exempt by the name the route is registered under: the wrapper's, which is the view's.
    csrf.exempt(checked)
    return checked
