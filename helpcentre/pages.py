"""Pages that are the same for every reader: rendered once per site version, served as stored bytes.

Serving one reads no session, no database and no clock: the bytes (plain, gzip and brotli), their
ETags and every header of the answer are computed when the site version changes. A page stored for
its path alone is then answered by the front layer (front.py) before Flask runs at all.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, request
from werkzeug.utils import get_content_type

from .content import current_library
from .security import security_headers
from .stored import Stored, encode, store
from .versioned import VersionedCache

# ("path", request.path) for a page that is the whole answer for its path, which the front layer
# may serve; ("key", key) for one that depends on more (a query, a header, the date), which only
# its view can find. Two kinds of key, so no crafted path can reach a page of the second kind.
PageKey = tuple[str, str]


class PageCache(VersionedCache[PageKey, Stored]):
    """Stored pages for one site version; a new version empties it. Bounded (LRU)."""

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
    """Answer with the stored bytes for this URL in the reader's coding, 304 when they have them.

    `version` is `current_library().version`. Without `key` the page must be the whole answer for
    its path, whatever the query string and headers: the view returns this response unchanged, and
    the front layer answers the path from the store without calling the view. A page that depends
    on anything else passes `key`, which names everything it depends on besides the version.
    """
    cache: PageCache = current_app.extensions["page_cache"]
    # Every page shares the layout, so the layout's inputs are folded in here rather than by each
    # caller: no view can forget them, and all pages keep one version (a mix would empty the cache).
    page_key = ("path", request.path) if key is None else ("key", key)
    page = cache.get(site_version(version), page_key, lambda: _store(render(), mimetype))
    status, headers, body = page.answer(request.headers.get("Accept-Encoding"),
                                        request.headers.get("If-None-Match"))
    return Response(body, status, headers)


def stored_page(path: str) -> Stored | None:
    """The page stored for `path` at the current site version, if a view stored one (app context)."""
    cache: PageCache = current_app.extensions["page_cache"]
    return cache.peek(site_version(current_library().version), ("path", path))


def _store(text: str, mimetype: str) -> Stored:
    content_type = get_content_type(mimetype, "utf-8")
    # Only what is the same for every reader: no cookie, no Date, nothing from the request.
    headers = (("Cache-Control", f"public, max-age={current_app.config['PAGE_MAX_AGE']}"),
               *security_headers(current_app))
    return store(encode(text.encode(), compress=True), content_type, headers)


def init_app(app: Flask) -> None:
    """Give the app its page cache, the list of layout versions other parts add to, and the front layer."""
    from .front import FrontLayer

    app.extensions["page_cache"] = PageCache()
    app.extensions["page_versions"] = []  # see add_version
    app.wsgi_app = FrontLayer(app, app.wsgi_app)  # type: ignore[method-assign]
