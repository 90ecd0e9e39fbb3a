"""How "Your devices" answers: the list page, or the list's region for htmx, always from one markup.

Every htmx answer that carries the region replaces the whole region (#devices), whichever
element sent the request, so a form error, a refusal or a 404 lands where the reader looks.
"""
from __future__ import annotations

from flask import Response, request, url_for
from flask_login import current_user

from ..account import signed_in_adult
from ..errors import render_error
from ..htmx import htmx_redirect, render, retarget, see_other, wants_fragment
from ..safe_url import safe_next
from ..support import site_today
from . import store
from .catalogue_file import current_catalogue
from .forms import RegisterForm, RequestForm, request_form
from .listing import device_rows

REGION = "#devices"


def member_ready() -> bool:
    """Whether the reader is signed in (so verified) and an adult today."""
    return signed_in_adult()


def devices_page(status: int = 200, *, register_form: RegisterForm | None = None,
                 request_forms: dict[int, RequestForm] | None = None, alert: str | None = None) -> Response:
    """The reader's devices with the register form and each device's request form; errors where given."""
    catalogue, today = current_catalogue(), site_today()
    rows = device_rows(store.registered_devices(current_user.id), store.request_history(current_user.id),
                       catalogue, today)
    if register_form is None and catalogue is not None:
        register_form = RegisterForm(catalogue, today, formdata=None)
    forms = request_forms or {}
    forms = {row.id: forms.get(row.id) or request_form(row.id, formdata=None) for row in rows}
    response = render("devices/_list.html", status, heading="Your devices", rows=rows, register_form=register_form,
                      request_forms=forms, alert=alert)
    return retarget(response, REGION) if wants_fragment() else response


def done(anchor: str | None = None) -> Response:
    """After a change: the region again for htmx (with its message), else 303 back to the list."""
    if wants_fragment():
        return devices_page()
    return see_other(url_for("devices.list_devices", _anchor=anchor))


def to_sign_in() -> Response:
    """Signed out (or the session ended): sign in, then come back to the devices."""
    here = safe_next(request.full_path.rstrip("?")) if request.method == "GET" else None
    location = url_for("account.login", next=here or url_for("devices.list_devices"))
    # htmx would swap the sign-in page into the list; load it as a page instead.
    return htmx_redirect(location) if wants_fragment() else see_other(location)


def adults_only() -> Response:
    """A signed-in reader under 18 today: device cover is for adults."""
    return render("devices/_adults_only.html", 403, heading="Your devices")


def refused(status: int, message: str) -> Response:
    """An error a reader caused: shown over their list when they may see it, else the site's error page."""
    if member_ready():
        return devices_page(status, alert=message)
    return render_error(status, message)

