"""The account pages' forms: change the password or the email, confirm it, close the account."""
from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_wtf import FlaskForm
from wtforms import EmailField, Field, PasswordField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from .forms import EMAIL_MAX, PASSWORD_FIELD_MAX
from .rules import codes, emails, passwords


class TextOnlyForm(FlaskForm):
    """A form that reads only text fields: a file part sent in their place is left out, so the
    field reads as empty and the form says so (and the view answers 400: has_file_parts)."""

    # Flask-WTF ships no type hints, so its Meta is Any to mypy.
    class Meta(FlaskForm.Meta):  # type: ignore[misc]
        def wrap_formdata(self, form: Any, formdata: Any) -> Any:
            """The posted text fields alone; a file part never reaches a validator."""
            wrapped = super().wrap_formdata(form, formdata)
            return request.form if wrapped is not None and request.files else wrapped

    @staticmethod
    def has_file_parts() -> bool:
        """Whether the post carried a file (no form here takes one)."""
        return bool(request.files)

    def validate_text_post(self) -> bool:
        """validate_on_submit(), refusing a post that carried a file (its fields still say what is missing)."""
        valid = self.validate_on_submit()
        return valid and not self.has_file_parts()


def _current_password(label: str = "Current password") -> PasswordField:
    return PasswordField(label, [InputRequired("Enter your current password"), Length(max=PASSWORD_FIELD_MAX)],
                         render_kw={"autocomplete": "current-password"})


class ChangePasswordForm(TextOnlyForm):
    """The current password, and a new one by the sign-up rules (set `account_email` first)."""

    current_password = _current_password()
    new_password = PasswordField("New password", [Length(max=PASSWORD_FIELD_MAX)],
                                 render_kw={"autocomplete": "new-password"})
    account_email = ""

    def validate_new_password(self, field: Field) -> None:
        """The same rules as at sign-up, against the account's email and the brand."""
        inputs = passwords.password_inputs(self.account_email, current_app.config["BRAND"])
        problem = passwords.password_problem(field.data or "", inputs)
        if problem:
            raise ValidationError(problem)


class ChangeEmailForm(TextOnlyForm):
    """The new address and the current password (set `account_email` first)."""

    new_email = EmailField("New email", [InputRequired("Enter your new email address"),
                                         Length(max=EMAIL_MAX, message=emails.TOO_LONG_MESSAGE)],
                           render_kw={"autocomplete": "email", "maxlength": EMAIL_MAX})
    current_password = _current_password()
    account_email = ""

    def validate_new_email(self, field: Field) -> None:
        """A valid address (domain lower-cased) that isn't the account's own."""
        try:
            field.data = emails.normalise_email(field.data or "")
        except emails.InvalidEmail as error:
            raise ValidationError(error.message) from error
        if emails.emails_equal(field.data, self.account_email):
            raise ValidationError("That is already your email address")


class ConfirmEmailForm(TextOnlyForm):
    """The 6-digit code sent to the new address."""

    code = StringField("Verification code", [InputRequired("Enter the 6-digit code from the email")],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 20})

    def validate_code(self, field: Field) -> None:
        """Six digits, ignoring spaces and dashes people copy along."""
        if codes.clean_code(field.data or "") is None:
            raise ValidationError("Enter the 6-digit code from the email")


class CloseAccountForm(TextOnlyForm):
    """The password, to close the account."""

    password = _current_password("Password")


class ButtonForm(TextOnlyForm):
    """A button alone: the CSRF token is the whole form ("Download your data", "Restore my old email")."""
