"""What every feature's forms share: reading a validated field, adding an error after validation."""
from __future__ import annotations

from typing import TypeVar

from wtforms import Field

T = TypeVar("T")


def validated(value: T | None) -> T:
    """A field's value once its form validated: the field's validators guarantee it is there."""
    if value is None:  # only a view calling this before validate() gets here
        raise ValueError("read a form field before the form validated")
    return value


def add_error(field: Field, message: str) -> None:
    """Show `message` on `field`, as a refusal found after validation (e.g. by the database)."""
    field.errors = [*field.errors, message]
