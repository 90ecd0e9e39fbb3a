"""Pages that are the same for every reader: rendered once per content version, served as bytes.

Serving one reads no session, no database and no clock: the bytes and their ETag are
computed when the content version changes, and a matching If-None-Match gets a 304.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, current_app, request

from .versioned import VersionedCache


@dataclass(frozen=True)
class Page:
    """Rendered bytes with their strong validator."""

    body: bytes
    etag: str
    mimetype: str


class PageCache(VersionedCache[str, Page]):
    """Rendered pages for one content version; a new version empties it. Bounded (LRU)."""

    def __init__(self, limit: int = 2048) -> None:
        super().__init__(limit)


VersionSource = Callable[[], str]


def add_version(app: Flask, source: VersionSource) -> None:
    """Make every static page depend on `source()`: a short string that changes whenever
    something the layout of every page shows changes (e.g. the hours from support.yml)."""
    app.extensions["page_versions"].append(source)


def site_version(version: str) -> str:
    """`version` joined with the version of everything the layout itself shows (e.g. support.yml)."""
    sources: list[VersionSource] = current_app.extensions["page_versions"]
    return "+".join([version, *(source() for source in sources)])


def static_page(version: str, render: Callable[[], str], mimetype: str = "text/html",
                key: str | None = None) -> Response:
    """Answer with the cached bytes for this URL, 304 when the reader already has them."""
    cache: PageCache = current_app.extensions["page_cache"]
    # Every page shares the layout, so the layout's inputs are folded in here rather than by each
    # caller: no view can forget them, and all pages keep one version (a mix would empty the cache).
    page = cache.get(site_version(version), key or request.path, lambda: _page(render(), mimetype))
    response = Response(page.body, mimetype=mimetype)
    response.set_etag(page.etag)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["PAGE_MAX_AGE"]
    response.make_conditional(request)  # turns it into a 304 in place when the reader has these bytes
    return response


def _page(text: str, mimetype: str) -> Page:
    body = text.encode()
    return Page(body, hashlib.sha256(body).hexdigest()[:32], mimetype)


def init_app(app: Flask) -> None:
    """Give the app its page cache and the list of layout versions other parts add to."""
    app.extensions["page_cache"] = PageCache()
    app.extensions["page_versions"] = []  # see add_version
