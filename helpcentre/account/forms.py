"""The account forms: every rule about what a reader may type is checked here."""
from __future__ import annotations

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    Field,
    PasswordField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from ..support import site_today
from .rules import age, codes, emails, passwords

EMAIL_MAX = emails.MAX_LENGTH
# The form refuses absurd input cheaply; the password rules say the readable "128 characters".
PASSWORD_FIELD_MAX = 4 * passwords.MAX_LENGTH


def _email_field(label: str = "Email") -> EmailField:
    required = [InputRequired(emails.EMPTY_MESSAGE), Length(max=EMAIL_MAX, message=emails.TOO_LONG_MESSAGE)]
    return EmailField(label, required, render_kw={"autocomplete": "email", "maxlength": EMAIL_MAX})


def _check_password(field: Field, account_email: str) -> None:
    """Raise the reader-facing reason a new password is refused."""
    inputs = passwords.password_inputs(account_email, current_app.config["BRAND"])
    problem = passwords.password_problem(field.data or "", inputs)
    if problem:
        raise ValidationError(problem)


class SignupForm(FlaskForm):
    """Create an account: email, password, date of birth and the terms."""

    email = _email_field()
    password = PasswordField("Password", [Length(max=PASSWORD_FIELD_MAX, message=passwords.LONG_MESSAGE)],
                             render_kw={"autocomplete": "new-password"})
    date_of_birth = DateField("Date of birth", [InputRequired("Enter your date of birth")],
                              # types-WTForms 3.2 lacks this WTForms 3.3 argument.
                              invalid_value_message="Enter your date of birth as a real date, like 1990-12-31")  # type: ignore[call-arg]
    accept_terms = BooleanField("I accept the terms of use",
                                [DataRequired("You need to accept the terms of use to create an account")])

    def validate_email(self, field: Field) -> None:
        """Normalise the address (domain lower-cased) or say what is wrong with it."""
        try:
            field.data = emails.normalise_email(field.data or "")
        except emails.InvalidEmail as error:
            raise ValidationError(error.message) from error

    def validate_password(self, field: Field) -> None:
        """Length after NFKC and strength against the email and the brand."""
        _check_password(field, self.email.data or "")

    def validate_date_of_birth(self, field: Field) -> None:
        """18 or over today in the site's timezone; not in the future, not before 1900."""
        if field.data is None:  # unparsable: its message is already on the field
            return
        problem = age.check_date_of_birth(field.data, site_today())
        if problem:
            raise ValidationError(problem)


class VerifyForm(FlaskForm):
    """The email and the 6-digit code sent to it."""

    email = _email_field()
    code = StringField("Verification code", [InputRequired("Enter the 6-digit code from the email")],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 20})

    def validate_code(self, field: Field) -> None:
        """Six digits, ignoring spaces and dashes people copy along."""
        if codes.clean_code(field.data or "") is None:
            raise ValidationError("Enter the 6-digit code from the email")


class EmailOnlyForm(FlaskForm):
    """One email address: "Send a new code" and "Reset your password"."""

    email = _email_field()


class LoginForm(FlaskForm):
    """Sign in: email, password and whether to stay signed in for 30 days."""

    email = _email_field()
    password = PasswordField("Password", [InputRequired("Enter your password"), Length(max=PASSWORD_FIELD_MAX)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField("Keep me signed in")


class ResetForm(FlaskForm):
    """A new password for the account the reset link belongs to (set `account_email` first)."""

    password = PasswordField("New password", [Length(max=PASSWORD_FIELD_MAX, message=passwords.LONG_MESSAGE)],
                             render_kw={"autocomplete": "new-password"})
    account_email = ""

    def validate_password(self, field: Field) -> None:
        """The same rules as at sign-up."""
        _check_password(field, self.account_email)
