"""The device forms: every rule about what a reader may type is checked here, with its message on its field."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_wtf import FlaskForm

# types-WTForms does not list SelectChoice, which WTForms 3.2 exports.
from wtforms import (  # type: ignore[attr-defined]
    DateField,
    Field,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, ValidationError

from .catalogue import Catalogue, DeviceModel
from .cover import ACCIDENTAL_DAMAGE, CHOOSE_KIND, FAULT
from .listing import KIND_LABELS
from .models import DETAILS_LENGTH
from .serials import MAX_SERIAL_LENGTH, normalise_serial, serial_problem
from .warranty import purchase_date_problem

CHOOSE_MODEL = "Choose your device's model from the list."
ENTER_SERIAL = "Enter the serial number from the label on the device."
FUTURE = "The purchase date can't be in the future. Check the date on your receipt."
# Control characters (but tabs and line breaks) say nothing to support, and PostgreSQL refuses NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# What a reader may paste into the serial box: room for spaces and dashes between 64 characters.
SERIAL_FIELD_MAX = 4 * MAX_SERIAL_LENGTH


def _clean_details(value: str | None) -> str | None:
    # Browsers send a textarea's line breaks as CR LF but count each as one character against
    # maxlength: count and store them as \n.
    if value is None:
        return None
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return text or None


class RegisterForm(FlaskForm):
    """"Register a device": the model, its serial number and the purchase date (build with the catalogue)."""

    model = SelectField("Model", validate_choice=False)
    serial = StringField("Serial number", [Length(max=SERIAL_FIELD_MAX, message=ENTER_SERIAL)],
                         render_kw={"autocomplete": "off", "spellcheck": "false", "maxlength": SERIAL_FIELD_MAX})
    purchase_date = DateField("Purchase date", [InputRequired("Enter the date you bought the device")],
                              # types-WTForms 3.2 lacks this WTForms 3.3 argument.
                              invalid_value_message="Enter the purchase date as a real date, like 2025-03-31")  # type: ignore[call-arg]

    def __init__(self, catalogue: Catalogue, today: date, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue, self.today = catalogue, today
        self.model.choices = [SelectChoice("", "Choose a model")] + [SelectChoice(m.id, m.name)
                                                                      for m in catalogue.values()]

    def chosen_model(self) -> DeviceModel | None:
        """The model picked, if it is one of the catalogue's."""
        return self.catalogue.get(self.model.data) if isinstance(self.model.data, str) else None

    def normalised_serial(self) -> str:
        """The serial as it is stored and compared: upper-case, without spaces or dashes."""
        return normalise_serial(self.serial.data or "")

    def validate_model(self, field: Field) -> None:
        """One of the catalogue's models."""
        if self.chosen_model() is None:
            raise ValidationError(CHOOSE_MODEL)

    def validate_serial(self, field: Field) -> None:
        """The serial, normalised, in the chosen model's format (only its presence when no model is chosen)."""
        model, serial = self.chosen_model(), self.normalised_serial()
        problem = serial_problem(serial, model) if model else None if serial else ENTER_SERIAL
        if problem:
            raise ValidationError(problem)

    def validate_purchase_date(self, field: Field) -> None:
        """Not in the future, not before the chosen model went on sale."""
        if field.data is None:  # unparsable: its message is already on the field
            return
        model = self.chosen_model()
        problem = purchase_date_problem(field.data, model, self.today) if model else (
            FUTURE if field.data > self.today else None)
        if problem:
            raise ValidationError(problem)


class RequestForm(FlaskForm):
    """"Request a replacement": why, and what happened (optional); prefixed by the device, one per device."""

    kind = RadioField("Why do you need a replacement?", validate_choice=False,
                      choices=[SelectChoice(kind, KIND_LABELS[kind]) for kind in (FAULT, ACCIDENTAL_DAMAGE)])
    details = TextAreaField("What happened? (optional)", filters=[_clean_details], validators=[
        Length(max=DETAILS_LENGTH, message=f"Please keep this to {DETAILS_LENGTH} characters or fewer.")],
        render_kw={"maxlength": DETAILS_LENGTH, "rows": 3})

    def validate_kind(self, field: Field) -> None:
        """One of the two reasons; whether the cover allows it is the store's to say."""
        if field.data not in KIND_LABELS:
            raise ValidationError(CHOOSE_KIND)


def request_form(device_id: int, **kwargs: Any) -> RequestForm:
    """The request form of one device: its fields' ids and names carry the device's id."""
    # Its CSRF token is the page's one, checked app-wide (CSRFProtect) before any view runs.
    return RequestForm(prefix=f"device-{device_id}", meta={"csrf": False}, **kwargs)
