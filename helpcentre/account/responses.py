"""How account views answer: a page, or its fragment for htmx, never stored by any cache."""
from __future__ import annotations

from typing import Any

from flask import Response, make_response, redirect, render_template, request, url_for

from ..accounts.next_url import path_of, safe_next
from ..fragments import wants_fragment

MENU_TARGET = "#account-menu"
_SIGN_IN_PAGES = ("account.login", "account.signup", "account.verify", "account.resend", "account.forgot",
                  "account.logout", "account.menu")


def page(name: str, status: int = 200, *, area: str = "account", **context: Any) -> Response:
    """<area>/<name>.html, or <area>/_<name>.html for htmx; both from one markup."""
    fragment = wants_fragment()
    template = f"{area}/_{name}.html" if fragment else f"{area}/{name}.html"
    return make_response(render_template(template, fragment=fragment, **context), status)


def see_other(location: str) -> Response:
    """303: after a successful POST, the reader's browser GETs the next page."""
    return redirect(location, code=303)


def menu_swap() -> Response:
    """For htmx: the header's account menu, swapped in place of whatever sent the request."""
    response = make_response(render_template("account/_menu.html", fragment=True, next_path=reader_page(),
                                             close_panel=True))
    response.headers["HX-Retarget"] = MENU_TARGET
    response.headers["HX-Reswap"] = "innerHTML"
    # Other islands (feedback, devices) may listen and reload for the new reader.
    response.headers["HX-Trigger"] = "account-changed"
    return response


def on_account_page() -> bool:
    """True when htmx says the reader is looking at one of the account pages."""
    current = path_of(request.htmx.current_url) if request.htmx else None
    return bool(current) and current.startswith(url_for("account.overview"))


def htmx_redirect(location: str) -> Response:
    """For htmx: load another page in full (personal pages must not outlive a sign-out)."""
    response = make_response("", 200)
    response.headers["HX-Redirect"] = location
    return response


def reader_page() -> str | None:
    """The page the reader is reading, to come back to: ?next=, else htmx's current URL; never a
    sign-in, sign-up or reset page, which would only send them round in a circle."""
    candidate = safe_next(request.values.get("next"))
    if candidate is None and request.htmx:
        candidate = path_of(request.htmx.current_url)
    if candidate is None:
        return None
    path = candidate.partition("?")[0].partition("#")[0]
    circular = {url_for(endpoint) for endpoint in _SIGN_IN_PAGES}
    if path in circular or path.startswith(url_for("account.reset", token="x").removesuffix("x")):
        return None
    return candidate


def private(response: Response) -> Response:
    """Keep personal answers out of every cache, and tell caches the htmx header changes them."""
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("HX-Request")
    return response
