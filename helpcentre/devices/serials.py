"""Serial numbers: the one form we store and compare, and what is wrong with one a reader typed."""
from __future__ import annotations

import re

from .catalogue import DeviceModel

MAX_SERIAL_LENGTH = 64
# Readers copy serials from labels and emails, where dashes come in several widths.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_NO_DASHES = str.maketrans("", "", DASHES)
_ALLOWED = re.compile(r"[A-Z0-9]+")


def normalise_serial(raw: str) -> str:
    """The serial as stored: upper-case, with every space, other whitespace and dash removed."""
    return "".join(raw.upper().translate(_NO_DASHES).split())


def serial_problem(serial: str, model: DeviceModel) -> str | None:
    """What is wrong with a normalised serial for this model, in words for the reader; None if fine."""
    if not serial:
        return "Enter the serial number from the label on the device."
    if len(serial) > MAX_SERIAL_LENGTH:
        return f"A serial number has at most {MAX_SERIAL_LENGTH} letters and digits. Check the label on the device."
    if not _ALLOWED.fullmatch(serial):
        return "A serial number has only letters A to Z and digits 0 to 9. Check the label on the device."
    if not model.serial_pattern.fullmatch(serial):
        return f"That doesn't look like a serial number for {model.name}. Check the label on the device."
    return None
