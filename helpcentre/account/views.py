"""The account pages: sign up, verify, sign in and out, reset a password, the header menu.

Each view answers its fragment under a heading as a page, or the fragment alone to htmx
(htmx.render); forms and rules live in forms.py, the work in the service modules, which
take the clock's `now`.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, current_app, flash, request, session, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from .. import clock
from ..extensions import limiter
from ..forms import validated
from ..htmx import htmx_redirect, private, render, see_other, wants_fragment
from . import recovery, registration, signin
from .forms import EmailOnlyForm, LoginForm, ResetForm, SignupForm, VerifyForm
from .navigation import menu_swap, on_account_page, reader_page
from .overview import account_facts
from .rules import emails
from .sending import Mail
from .sessions import end_session, start_session, update_remember_cookie

bp = Blueprint("account", __name__, url_prefix="/account")
bp.after_request(private)
bp.after_request(update_remember_cookie)

VERIFY_EMAIL = "verify_email"  # the address this browser is verifying, to prefill and to sign in after
CODE_SENT = "We've sent a 6-digit code to {email}. It works for 10 minutes."
CODE_RESENT = "If {email} still needs verifying, we've sent a new code. New codes can be sent once a minute, 5 a day."
MAIL_FAILED = "We couldn't send the email just now — use 'Send a new code' in a moment"
WRONG_CODE = "That code is wrong or has expired. After 5 wrong tries a code stops working: use 'Send a new code'."
WRONG_SIGN_IN = "Email or password is incorrect"
UNVERIFIED = "Your email address isn't verified yet. Enter the code we've sent to {email}."
FORGOT_SENT = "If an account exists for that email, we've sent instructions"
LOCKED = "Too many failed sign-ins for this account. Try again in {seconds} seconds, or reset your password."
LIMITED = "You've tried that too many times. Please wait a few minutes and try again, or reset your password."


def _limit(setting: str) -> Callable[[], str]:
    # Read when a request is checked, so each app (and each test) can set its own limits.
    return lambda: str(current_app.config[setting])


def _failed(response: Response) -> bool:
    return response.status_code == 422


def _status(form: FlaskForm) -> int:
    return 422 if form.is_submitted() else 200


def _limited(message: str) -> Response:
    return render("account/_limited.html", 429, heading="Please wait a moment", message=message)


def _verify_page(form: VerifyForm, status: int) -> Response:
    return render("account/_verify.html", status, heading="Verify your email", form=form)


def _login_page(form: LoginForm, status: int) -> Response:
    return render("account/_login.html", status, heading="Sign in", form=form, next_path=reader_page())


def _reset_page(status: int, form: ResetForm | None, token: str) -> Response:
    return render("account/_reset.html", status, heading="Choose a new password", form=form, token=token)


def _on_to_verify(email: str, mail: Mail, message: str) -> Response:
    """Remember which email this browser is verifying, say what was sent, go to "Verify your email"."""
    session[VERIFY_EMAIL] = email
    flash(MAIL_FAILED if mail is Mail.FAILED else message.format(email=email))
    return see_other(url_for("account.verify", next=reader_page()))


@bp.errorhandler(429)
def too_many(error: Exception) -> Response:
    """Over a per-address limit: say so, and offer the way out that needs no password."""
    return _limited(LIMITED)


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_limit("EMAIL_LIMIT"), methods=["POST"])
def signup() -> Response:
    """"Create an account": email, password, date of birth, the terms; then a code by email."""
    form = SignupForm()
    if not form.validate_on_submit():
        return render("account/_signup.html", _status(form), heading="Create an account", form=form)
    mail = registration.sign_up(validated(form.email.data), validated(form.password.data),
                                validated(form.date_of_birth.data), clock.now())
    # A taken email gets exactly this answer too; its owner gets a notice instead of a code.
    return _on_to_verify(validated(form.email.data), mail, CODE_SENT)


@bp.route("/verify", methods=["GET", "POST"])
@limiter.limit(_limit("VERIFY_LIMIT"), methods=["POST"], deduct_when=_failed)
def verify() -> Response:
    """"Verify your email": the 6-digit code completes the sign-up."""
    form = VerifyForm()
    if not form.is_submitted():
        form.email.data = session.get(VERIFY_EMAIL, "")
    if not form.validate_on_submit():
        return _verify_page(form, _status(form))
    user = registration.verify(validated(form.email.data), validated(form.code.data), clock.now())
    if user is None:
        form.code.errors = [WRONG_CODE]
        return _verify_page(form, 422)
    pending = session.get(VERIFY_EMAIL)
    if not (pending and emails.emails_equal(pending, user.email)):
        # A code alone never signs anyone in: only the browser that signed up (or gave the password).
        flash("Your email is verified. Sign in to continue.")
        return see_other(url_for("account.login", next=reader_page()))
    start_session(user, remember=False)
    flash("Your email is verified and your account is ready.")
    return menu_swap() if wants_fragment() else see_other(reader_page() or url_for("account.overview"))


@bp.post("/verify/resend")
@limiter.limit(_limit("EMAIL_LIMIT"))
def resend() -> Response:
    """"Send a new code": the same answer each time, within one a minute and five a day."""
    form = VerifyForm()
    # The code box may hold anything (or nothing): only the email matters here.
    if not form.email.validate(form):
        return _verify_page(form, 422)
    email = validated(form.email.data)
    return _on_to_verify(email, registration.resend(email, clock.now()), CODE_RESENT)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_limit("SIGNIN_LIMIT"), methods=["POST"], deduct_when=_failed)
def login() -> Response:
    """"Sign in": email, password and "Keep me signed in"; back to the page the reader was on."""
    if current_user.is_authenticated and request.method == "GET":
        return menu_swap() if wants_fragment() else see_other(reader_page() or url_for("account.overview"))
    form = LoginForm()
    if not form.validate_on_submit():
        return _login_page(form, _status(form))
    attempt = signin.authenticate(validated(form.email.data), validated(form.password.data), clock.now())
    if attempt.outcome is signin.Outcome.LOCKED:
        return _limited(LOCKED.format(seconds=attempt.retry_after))
    if attempt.outcome is signin.Outcome.WRONG or attempt.user is None:
        form.form_errors.append(WRONG_SIGN_IN)
        return _login_page(form, 422)
    if attempt.outcome is signin.Outcome.UNVERIFIED:
        return _on_to_verify(attempt.user.email, registration.send_code(attempt.user, clock.now()), UNVERIFIED)
    start_session(attempt.user, remember=bool(form.remember.data))
    return menu_swap() if wants_fragment() else see_other(reader_page() or url_for("account.overview"))


@bp.post("/logout")
def logout() -> Response:
    """Sign out here and on every other device (POST with CSRF, checked app-wide)."""
    end_session()
    if not wants_fragment():
        return see_other(reader_page() or url_for("articles.list_questions"))
    # On an article the header just changes; an account page would still show the account.
    return htmx_redirect(url_for("articles.list_questions")) if on_account_page() else menu_swap()


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit(_limit("EMAIL_LIMIT"), methods=["POST"])
def forgot() -> Response:
    """"Reset your password": always the same answer; the account changes only when the link is used."""
    form = EmailOnlyForm()
    if not form.validate_on_submit():
        return render("account/_forgot.html", _status(form), heading="Reset your password", form=form)
    recovery.request_reset(validated(form.email.data), clock.now())
    flash(FORGOT_SENT)
    return see_other(url_for("account.forgot"))


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(_limit("VERIFY_LIMIT"), methods=["POST"], deduct_when=_failed)
def reset(token: str) -> Response:
    """Choose a new password from an emailed link; every session of the account ends."""
    response = _reset(token)
    # The token is in this page's URL: never let it leave the site in a Referer header.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _reset(token: str) -> Response:
    user = recovery.account_for_token(token, clock.now())
    if user is None:
        return _reset_page(404, None, token)
    form = ResetForm()
    form.account_email = user.email
    if not form.validate_on_submit():
        return _reset_page(_status(form), form, token)
    if not recovery.reset_password(user, validated(form.password.data), clock.now()):
        return _reset_page(404, None, token)
    # Any session of this account, this browser's included, ended with the version bump.
    flash("Your password has been changed. Sign in with your new password.")
    return see_other(url_for("account.login"))


@bp.get("/")
@login_required
def overview() -> Response:
    """"Your account": email, verified, adult, ready to order, created; sign out, reset password."""
    return render("account/_overview.html", heading="Your account", facts=account_facts(current_user, clock.now()))


@bp.get("/menu")
def menu() -> Response:
    """The header's account island: sign-in links, or who is signed in with a sign-out button."""
    # ?close=1: the panel's "Close" link, which also empties the sign-in panel.
    return render("account/_menu.html", heading="Your account", next_path=reader_page(),
                  close_panel=request.args.get("close") == "1")
