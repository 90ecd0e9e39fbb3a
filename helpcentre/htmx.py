"""How a view answers: one URL gives the whole page, or its fragment to htmx, from one markup.

Every view that can answer htmx goes through here, so the questions "page or fragment?",
"may a cache keep this?" and "how does htmx leave this page?" each have one answer.
"""
from __future__ import annotations

from typing import Any, Protocol, cast

from flask import Response, make_response, redirect, render_template, request

PAGE = "page.html"  # the frame of a page that shows one fragment under a heading


class HtmxDetails(Protocol):
    """The part of htmx-flask's `request.htmx` the site reads (htmx-flask ships no type hints)."""

    boosted: bool
    history_restore_request: bool
    current_url: str | None
    target: str | None
    trigger: str | None

    def __bool__(self) -> bool: ...


def htmx_request() -> HtmxDetails:
    """The htmx headers of the current request; false when htmx did not send it."""
    return cast(HtmxDetails, request.htmx)  # type: ignore[attr-defined]


def wants_fragment() -> bool:
    """True for an htmx request that swaps part of a page.

    Boosted navigations and history restores (after a cache miss) need the whole page.
    """
    htmx = htmx_request()
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render(fragment: str, status_code: int = 200, *, page: str = PAGE, **context: Any) -> Response:
    """`fragment` alone for htmx, else `page`, which includes it: both from one markup.

    Templates see `fragment` (true when answering htmx) and `fragment_template` (the name).
    """
    as_fragment = wants_fragment()
    body = render_template(fragment if as_fragment else page, fragment=as_fragment,
                           fragment_template=fragment, **context)
    return make_response(body, status_code)


def private(response: Response) -> Response:
    """Keep a personal answer out of every cache, and tell caches the htmx header changes it."""
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("HX-Request")
    return response


def public(response: Response, max_age: int) -> Response:
    """Let any cache keep an answer that is the same for everyone, for `max_age` seconds."""
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    response.vary.add("HX-Request")
    return response


def see_other(location: str) -> Response:
    """303: after a successful POST, the reader's browser GETs the next page."""
    return redirect(location, code=303)  # type: ignore[return-value]


def htmx_redirect(location: str) -> Response:
    """For htmx: load another page in full (personal pages must not outlive a sign-out)."""
    response = make_response("", 200)
    response.headers["HX-Redirect"] = location
    return response


def retarget(response: Response, target: str, swap: str = "outerHTML") -> Response:
    """For htmx: swap the answer into `target` instead of the element that asked."""
    response.headers["HX-Retarget"] = target
    response.headers["HX-Reswap"] = swap
    return response
