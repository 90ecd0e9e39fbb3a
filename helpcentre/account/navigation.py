"""Where the reader is, around signing in: the page to come back to, whether it is an account
page, and the header's account menu swapped in once they signed in or out."""
from __future__ import annotations

from flask import Response, make_response, render_template, request, url_for

from ..htmx import htmx_request, retarget
from ..safe_url import path_of, safe_next

MENU_TARGET = "#account-menu"
_SIGN_IN_PAGES = ("account.login", "account.signup", "account.verify", "account.resend", "account.forgot",
                  "account.logout", "account.menu")


def menu_swap() -> Response:
    """For htmx: the header's account menu, swapped in place of whatever sent the request."""
    response = make_response(render_template("account/_menu.html", fragment=True, next_path=reader_page(),
                                             close_panel=True))
    retarget(response, MENU_TARGET, "innerHTML")
    # Other islands (feedback, devices) may listen and reload for the new reader.
    response.headers["HX-Trigger"] = "account-changed"
    return response


def on_account_page() -> bool:
    """True when htmx says the reader is looking at one of the account pages."""
    htmx = htmx_request()
    current = path_of(htmx.current_url) if htmx else None
    return current is not None and current.startswith(url_for("account.overview"))


def reader_page() -> str | None:
    """The page the reader is reading, to come back to: ?next=, else htmx's current URL; never a
    sign-in, sign-up or reset page, which would only send them round in a circle."""
    candidate = safe_next(request.values.get("next"))
    if candidate is None and htmx_request():
        candidate = path_of(htmx_request().current_url)
    if candidate is None:
        return None
    path = candidate.partition("?")[0].partition("#")[0]
    circular = {url_for(endpoint) for endpoint in _SIGN_IN_PAGES}
    if path in circular or path.startswith(url_for("account.reset", token="x").removesuffix("x")):
        return None
    return candidate

