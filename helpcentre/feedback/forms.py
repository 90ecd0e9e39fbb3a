"""The feedback forms: every rule about what a reader may send lives here."""
from __future__ import annotations

from flask_wtf import FlaskForm

# types-WTForms does not list SelectChoice, which WTForms 3.2 exports.
from wtforms import RadioField, SelectChoice, StringField, TextAreaField  # type: ignore[attr-defined]
from wtforms.validators import AnyOf, InputRequired, Length, Optional, ValidationError

from .models import REASONS, VOTES

COMMENT_LIMIT = 1000
REASON_LABELS = {
    "unclear": "The answer was unclear",
    "wrong": "The information was wrong or out of date",
    "unanswered": "It didn't answer my question",
    "other": "Something else",
}
VOTE_MESSAGE = "Please answer Yes or No."


def _one_line_breaks(value: str | None) -> str | None:
    # Browsers send a textarea's line breaks as CR LF but count each as one character
    # against maxlength; count them the same way here, and store plain \n.
    return value.replace("\r\n", "\n").replace("\r", "\n") if value is not None else None


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


class _Answer(FlaskForm):
    class Meta:
        # The views check every POST here before a form sees it: the session's token when there is
        # a session, else the request's origin (same_origin.py); a form-level token would refuse
        # the vote of a reader who has no session, and so no token.
        csrf = False


class VoteForm(_Answer):
    """Yes or No, sent by the button the reader pressed."""

    vote = StringField(validators=[InputRequired(VOTE_MESSAGE), AnyOf(VOTES, VOTE_MESSAGE)])


class FollowUpForm(_Answer):
    """After a No: what the reader was looking for, and an optional comment."""

    reason = RadioField(
        "What were you looking for?", choices=[SelectChoice(code, REASON_LABELS[code]) for code in REASONS],
        validate_choice=False,
        validators=[Optional(), AnyOf(REASONS, "Please choose one of the reasons listed.")],
    )
    comment = TextAreaField(
        "Anything else you'd like to tell us?", filters=[_one_line_breaks, _blank_to_none],
        validators=[Length(max=COMMENT_LIMIT,
                           message=f"Please keep your comment to {COMMENT_LIMIT:,} characters or fewer.")],
    )

    def validate_comment(self, field: TextAreaField) -> None:
        """Something must be sent: a reason, a comment or both."""
        if not self.reason.data and not field.data:
            raise ValidationError("Please choose a reason or write a comment.")

    def answer(self) -> tuple[str | None, str | None]:
        """The validated reason and comment, None for what was left out."""
        return self.reason.data or None, self.comment.data or None


def first_error(form: FlaskForm) -> str:
    """The first message of a form that did not validate, for the widget to show."""
    for errors in form.errors.values():
        if isinstance(errors, list) and errors:
            return str(errors[0])
    return VOTE_MESSAGE
