"""Pages that are the same for every reader: rendered once per content version, served as bytes.

Serving one reads no session, no database and no clock: the bytes and their ETag are
computed when the content version changes, and a matching If-None-Match gets a 304.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, current_app, request


@dataclass(frozen=True)
class Page:
    """Rendered bytes with their strong validator."""

    body: bytes
    etag: str
    mimetype: str


class PageCache:
    """Rendered pages for one content version; a new version empties it. Bounded (LRU)."""

    def __init__(self, limit: int = 2048) -> None:
        self.limit = limit
        self._version = ""
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version: str, key: str, render: Callable[[], str], mimetype: str) -> Page:
        """The page for key at this content version, rendering it on a miss."""
        with self._lock:
            if version != self._version:
                self._version, self._pages = version, OrderedDict()
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
                return page
        body = render().encode()
        page = Page(body, hashlib.sha256(body).hexdigest()[:32], mimetype)
        with self._lock:
            if version == self._version:
                self._pages[key] = page
                while len(self._pages) > self.limit:
                    self._pages.popitem(last=False)
        return page


def static_page(version: str, render: Callable[[], str], mimetype: str = "text/html",
                key: str | None = None) -> Response:
    """Answer with the cached bytes for this URL, 304 when the reader already has them."""
    cache: PageCache = current_app.extensions["page_cache"]
    page = cache.get(version, key or request.path, render, mimetype)
    response = Response(page.body, mimetype=mimetype)
    response.set_etag(page.etag)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["PAGE_MAX_AGE"]
    return response.make_conditional(request)


def init_app(app: Flask) -> None:
    """Give the app its page cache."""
    app.extensions["page_cache"] = PageCache()
