"""Email address rules: syntax checking, the display form, and the key used for uniqueness."""
from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

# RFC 5321's path limit (256 octets) minus the angle brackets it includes.
MAX_LENGTH = 254

EMPTY_MESSAGE = "Enter your email address"
TOO_LONG_MESSAGE = f"Email address must be {MAX_LENGTH} characters or fewer"
INVALID_MESSAGE = "Enter an email address in the correct format, like name@example.com"


class InvalidEmail(ValueError):
    """An address that cannot be used; `message` is safe to show to the reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalise_email(raw: str) -> str:
    """Return the address to store and display: trimmed, syntax-checked, domain lower-cased."""
    address = raw.strip()
    if not address:
        raise InvalidEmail(EMPTY_MESSAGE)
    # Checked before parsing so a megabyte of pasted text costs nothing to refuse.
    if len(address) > MAX_LENGTH:
        raise InvalidEmail(TOO_LONG_MESSAGE)
    try:
        # Deliverability needs DNS: slow, flaky in tests, and a matter for sending, not sign-up.
        validated = validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        # email-validator's own wording says what is wrong ("must have an @-sign"), which helps
        # more than a generic message; fall back to ours if it ever has nothing to say.
        raise InvalidEmail(str(exc) or INVALID_MESSAGE) from exc
    # email-validator lower-cases and IDNA-normalises the domain but, correctly, leaves the local
    # part alone: a few mail servers do treat it case-sensitively, so we deliver to it as typed.
    normalised = validated.normalized
    if len(normalised) > MAX_LENGTH:
        raise InvalidEmail(TOO_LONG_MESSAGE)
    return normalised


def email_key(address: str) -> str:
    """Return the case-folded form of a normalised address, for case-insensitive uniqueness checks."""
    # casefold, not lower: "ß" and "ss" or "K" (Kelvin sign) and "k" must not make two accounts.
    return address.strip().casefold()


def typed_key(typed: str) -> str:
    """Return the uniqueness key for what a reader typed: as typed when it isn't a valid address."""
    # Sign-in failures are counted per typed email, known or not, so even garbage needs a key.
    try:
        return email_key(normalise_email(typed))
    except InvalidEmail:
        return email_key(typed)[:MAX_LENGTH]


def emails_equal(first: str, second: str) -> bool:
    """Return True if two normalised addresses belong to the same account."""
    return email_key(first) == email_key(second)
