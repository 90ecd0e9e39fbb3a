""""Your devices" at /account/devices: list, register, request a replacement, remove.

Signed-in adults only (signing in needs a verified email). Each view answers the page normally
and the list's region to htmx (responses.devices_page); a device that isn't the reader's is a 404
and nothing changes, whether its id belongs to another account, was removed or never existed.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, request
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import NotFound, TooManyRequests

from .. import clock
from ..errors import SESSION_EXPIRED
from ..extensions import limiter
from ..forms import add_error, validated
from ..htmx import private, render
from ..support import site_today
from . import store
from .catalogue_file import current_catalogue
from .forms import RegisterForm, request_form
from .listing import KIND_LABELS, device_rows, model_of
from .models import RegisteredDevice
from .responses import (
    adults_only,
    devices_page,
    done,
    member_ready,
    refused,
    to_sign_in,
)
from .warranty import format_date

bp = Blueprint("devices", __name__, url_prefix="/account/devices")
bp.after_request(private)

HELD_ELSEWHERE = "This device can't be registered here. Please contact support."
ALREADY_YOURS = "This device is already registered"
UNAVAILABLE = "Device registration is unavailable right now. Please try again later."
REQUESTS_UNAVAILABLE = "Replacement requests for this device are unavailable right now. Please try again later."
NOT_FOUND = "That device isn't registered to your account."
TOO_MANY = "You've tried to register devices too many times. Please wait a minute and try again."


@bp.before_request
def members_only() -> Response | None:
    """Signed-out readers go to sign in and come back; a reader under 18 is turned away."""
    if not current_user.is_authenticated:
        return to_sign_in()
    return None if member_ready() else adults_only()


def _device(device_id: int) -> RegisteredDevice:
    device = store.owned_device(current_user.id, device_id)
    if device is None:
        abort(404)
    return device


@bp.get("/")
def list_devices() -> Response:
    """"Your devices": each device with its cover and requests, and "Register a device"."""
    return devices_page()


@bp.post("/")
@limiter.limit(lambda: current_app.config["DEVICES_LIMIT"])
def register() -> Response:
    """Register a device: model, serial number, purchase date; a serial belongs to one account."""
    catalogue = current_catalogue()
    if catalogue is None:
        return devices_page(422, alert=UNAVAILABLE)
    form = RegisterForm(catalogue, site_today())
    if not form.validate_on_submit():
        return devices_page(422, register_form=form)
    model, serial = catalogue[form.model.data], form.normalised_serial()
    outcome = store.register(current_user.id, model.id, serial, validated(form.purchase_date.data), clock.now())
    if outcome is not store.Registration.REGISTERED:
        # Held elsewhere says nothing of the other account: not whether it still has the device.
        add_error(form.serial, ALREADY_YOURS if outcome is store.Registration.ALREADY_YOURS else HELD_ELSEWHERE)
        return devices_page(422, register_form=form)
    flash(f"{model.name} {serial} is registered to your account.")
    return done()


@bp.post("/<int:device_id>/requests")
def request_replacement(device_id: int) -> Response:
    """Request a replacement for a fault or on the one-time accidental damage cover; refusals say why."""
    device = _device(device_id)
    form = request_form(device_id)
    model = model_of(device, current_catalogue())
    if model is None:  # without the model, its cover is unknown: refuse rather than guess
        form.kind.errors = [REQUESTS_UNAVAILABLE]
        return devices_page(422, request_forms={device_id: form})
    if not form.validate():
        return devices_page(422, request_forms={device_id: form})
    problem = store.request_replacement(device, model, form.kind.data, form.details.data, site_today(),
                                           clock.now())
    if problem is not None:
        add_error(form.kind, problem)
        return devices_page(422, request_forms={device_id: form})
    flash(f"Your replacement request for {model.name} {device.serial} is recorded: "
          f"{KIND_LABELS[form.kind.data]}, {format_date(site_today())}.")
    return done(anchor=f"device-{device_id}")


@bp.route("/<int:device_id>/remove", methods=["GET", "POST"])
def remove(device_id: int) -> Response:
    """Remove a device after a confirmation step; its replacement history is kept."""
    device = _device(device_id)
    row = device_rows([device], {}, current_catalogue(), site_today())[0]
    if request.method == "GET":
        # A form of nothing but its CSRF token: Flask-WTF's base form is exactly that.
        return render("devices/_remove.html", heading="Remove a device", row=row, form=FlaskForm(formdata=None))
    # The CSRF token was checked app-wide before this view ran.
    if not store.remove(current_user.id, device_id, clock.now()):
        abort(404)
    flash(f"{row.model_name} {row.serial} is removed from your account. Its replacement history is kept.")
    return done()


@bp.errorhandler(NotFound)
def not_found(_error: NotFound) -> Response:
    """404: not the reader's device; their own list, unchanged, says so."""
    return refused(404, NOT_FOUND)


@bp.errorhandler(CSRFError)
def csrf_failed(_error: CSRFError) -> Response:
    """400: the form's token was missing or stale; nothing changed, and the forms carry a fresh one."""
    return refused(400, SESSION_EXPIRED)


@bp.errorhandler(TooManyRequests)
def too_many(_error: TooManyRequests) -> Response:
    """429: too many registration attempts from this address (serials must not be guessed)."""
    return refused(429, TOO_MANY)
