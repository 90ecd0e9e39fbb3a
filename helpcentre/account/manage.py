"""The account pages "Your account" links to: change the password or the email (and undo an email
change), close the account, download its data.

Routes on the account blueprint (views.bp), so they share its no-store answers, its remember-cookie
hook and its 429 page. Each page answers its fragment under a heading, or the fragment alone to
htmx; a form reached from "Your account" by htmx posts with htmx and swaps its own box. The work is
in changes.py, email_change.py and export.py.
"""
from __future__ import annotations

from flask import Response, flash, make_response, session, url_for
from flask_login import current_user, login_required, logout_user

from .. import clock
from ..extensions import limiter
from ..forms import add_error, validated
from ..htmx import htmx_redirect, render, see_other, wants_fragment
from . import changes, email_change, export
from .manage_forms import (
    ButtonForm,
    ChangeEmailForm,
    ChangePasswordForm,
    CloseAccountForm,
    ConfirmEmailForm,
    TextOnlyForm,
)
from .models import User
from .views import _failed, _limit, bp

WRONG_PASSWORD = "That password is wrong. Nothing was changed."
WRONG_CODE = "That code is wrong or has expired. After 5 wrong tries a code stops working: ask for a new one."
CODE_HELD = ("We sent a code less than a minute ago (at most 5 are sent a day). Enter the code you have, "
             "or try again in a minute.")
UNDO_TOKEN = "email_undo"  # the undo link's token, moved out of the URL into the session


def _status(form: TextOnlyForm) -> int:
    if form.has_file_parts():
        return 400
    return 422 if form.is_submitted() else 200


def _account() -> User:
    user: User = current_user._get_current_object()  # the User, not the proxy: services read its columns
    return user


def _sign_out_here() -> None:
    """Drop this browser's session (and its remember cookie): the account's sessions already ended."""
    # Not sessions.end_session(), which would end the sessions of whichever account this browser
    # holds, reading it from the database, where a closed account no longer is.
    logout_user()
    forget_cookie = session.get("_remember")
    session.clear()
    if forget_cookie:
        session["_remember"] = forget_cookie  # lets Flask-Login delete the remember cookie


def _to_overview() -> Response:
    """Back to "Your account", which shows what just happened (its fragment, for htmx)."""
    return see_other(url_for("account.overview"))


@bp.route("/password", methods=["GET", "POST"])
@limiter.limit(_limit("SIGNIN_LIMIT"), methods=["POST"], deduct_when=_failed)
@login_required
def change_password() -> Response:
    """"Change password": the current one, then a new one; every other device is signed out."""
    form = ChangePasswordForm()
    form.account_email = current_user.email
    if not form.validate_text_post():
        return _password_page(form, _status(form))
    if not changes.change_password(_account(), validated(form.current_password.data),
                                   validated(form.new_password.data)):
        add_error(form.current_password, WRONG_PASSWORD)
        return _password_page(form, 422)
    flash("Your password has been changed. Every other device has been signed out, and we've emailed you.")
    return _to_overview()


def _password_page(form: ChangePasswordForm, status: int) -> Response:
    return render("account/_change_password.html", status, heading="Change password", form=form)


@bp.route("/email", methods=["GET", "POST"])
@limiter.limit(_limit("EMAIL_LIMIT"), methods=["POST"], deduct_when=_failed)
@login_required
def change_email() -> Response:
    """"Change email": the new address and the password; a code goes to the new address."""
    form = ChangeEmailForm()
    form.account_email = current_user.email
    if not form.validate_text_post():
        return _email_page(form, _status(form))
    new_email = validated(form.new_email.data)
    outcome = email_change.start(_account(), validated(form.current_password.data), new_email, clock.now())
    if outcome is email_change.Start.WRONG_PASSWORD:
        add_error(form.current_password, WRONG_PASSWORD)
        return _email_page(form, 422)
    if outcome is email_change.Start.HELD:
        form.form_errors.append(CODE_HELD)
        return _email_page(form, 422)
    # A taken address gets this same answer (its owner is emailed instead), as at sign-up.
    flash(f"We've sent a 6-digit code to {new_email}. It works for 10 minutes.")
    return see_other(url_for("account.confirm_email"))


def _email_page(form: ChangeEmailForm, status: int) -> Response:
    return render("account/_change_email.html", status, heading="Change email", form=form)


@bp.route("/email/confirm", methods=["GET", "POST"])
@limiter.limit(_limit("VERIFY_LIMIT"), methods=["POST"], deduct_when=_failed)
@login_required
def confirm_email() -> Response:
    """"Confirm your new email": the code from the email moves the account to the new address."""
    pending = email_change.pending_address(current_user.id)
    form = ConfirmEmailForm()
    if pending is None:
        return _confirm_page(form, None, 404 if form.is_submitted() else 200)
    if not form.validate_text_post():
        return _confirm_page(form, pending, _status(form))
    if not email_change.confirm(_account(), validated(form.code.data), clock.now()):
        add_error(form.code, WRONG_CODE)
        return _confirm_page(form, pending, 422)
    flash(f"Your email is now {pending}. We've told your old address, which can undo this for 7 days.")
    return _to_overview()


def _confirm_page(form: ConfirmEmailForm, pending: str | None, status: int) -> Response:
    return render("account/_confirm_email.html", status, heading="Confirm your new email", form=form,
                  pending=pending)


@bp.get("/email/undo/<token>")
@limiter.limit(_limit("VERIFY_LIMIT"))
def undo_email_link(token: str) -> Response:
    """The emailed undo link: its token moves into the session, out of the address bar and the logs."""
    session[UNDO_TOKEN] = token
    response = see_other(url_for("account.undo_email"))
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/email/undo", methods=["GET", "POST"])
@limiter.limit(_limit("VERIFY_LIMIT"), methods=["POST"])
def undo_email() -> Response:
    """"Undo the email change": the old address comes back and every device is signed out."""
    token = session.get(UNDO_TOKEN)
    change_id = email_change.change_for_token(token, clock.now()) if isinstance(token, str) else None
    form = ButtonForm()
    if change_id is None:
        return _undo_page(None, 404)
    if not form.validate_text_post():
        return _undo_page(form, _status(form))
    restored = email_change.undo(change_id, clock.now())
    session.pop(UNDO_TOKEN, None)
    if restored is None:
        return _undo_page(None, 409)
    _sign_out_here()  # whoever changed the email may have been using this browser
    flash(f"Your email is {restored} again, and every device has been signed out. "
          "If someone else may know your password, reset it now.")
    return htmx_redirect(url_for("account.login")) if wants_fragment() else see_other(url_for("account.login"))


def _undo_page(form: ButtonForm | None, status: int) -> Response:
    return render("account/_undo_email.html", status, heading="Undo the email change", form=form)


@bp.route("/close", methods=["GET", "POST"])
@limiter.limit(_limit("SIGNIN_LIMIT"), methods=["POST"], deduct_when=_failed)
@login_required
def close_account() -> Response:
    """"Close your account": with the password, everything of the account is deleted at once."""
    form = CloseAccountForm()
    if not form.validate_text_post():
        return _close_page(form, _status(form))
    if not changes.close_account(_account(), validated(form.password.data)):
        add_error(form.password, WRONG_PASSWORD)
        return _close_page(form, 422)
    _sign_out_here()
    flash("Your account has been closed and its data deleted. We've sent a confirmation to your email.")
    # A full page load: the header and every open page of the account must not outlive it.
    return htmx_redirect(url_for("account.closed")) if wants_fragment() else see_other(url_for("account.closed"))


def _close_page(form: CloseAccountForm, status: int) -> Response:
    return render("account/_close.html", status, heading="Close your account", form=form)


@bp.get("/closed")
def closed() -> Response:
    """Where closing an account ends."""
    return render("account/_closed.html", heading="Your account has been closed")


@bp.route("/data", methods=["GET", "POST"])
@limiter.limit(_limit("DATA_DOWNLOAD_LIMIT"), methods=["POST"])
@login_required
def download_data() -> Response:
    """"Download your data": a JSON file of the account, its devices, requests and feedback."""
    form = ButtonForm()
    if not form.validate_text_post():
        return render("account/_download_data.html", _status(form), heading="Download your data", form=form)
    now = clock.now()
    response = make_response(export.as_json(export.account_data(_account(), now)))
    response.mimetype = "application/json"
    response.headers["Content-Disposition"] = f'attachment; filename="account-data-{now:%Y-%m-%d}.json"'
    return response  # no-store, as every account answer (views.bp's after_request)
