"""Warranty dates: month arithmetic that respects month ends, the end date, and valid purchase dates.

The warranty end date is inclusive: a device is "In warranty" on its end date itself and
"Warranty ended" from the next day. The end date is the purchase date plus the model's months,
so a device bought on 15 March 2024 with 24 months is covered up to and including 15 March 2026.
"""
from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date

from .catalogue import DeviceModel

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, on the same day of the month or, when that month is shorter, its last day.

    31 January + 1 month is 28 (or 29) February; `months` may be negative. Raises OverflowError
    when the result would fall outside the years datetime.date supports (1 to 9999).
    """
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not MINYEAR <= year <= MAXYEAR:
        raise OverflowError(f"{day.isoformat()} plus {months} months is outside the years 1 to 9999")
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def warranty_end(purchase: date, model: DeviceModel) -> date:
    """The last day the warranty covers: the purchase date plus the model's warranty months."""
    return add_months(purchase, model.warranty_months)


def in_warranty(purchase: date, model: DeviceModel, today: date) -> bool:
    """Whether the device is covered today (the end date itself still counts)."""
    return today <= warranty_end(purchase, model)


def format_date(day: date) -> str:
    """A date as readers write it, e.g. 5 March 2026 (the same whatever the server's locale)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def purchase_date_problem(purchase: date, model: DeviceModel, today: date) -> str | None:
    """What is wrong with a purchase date for this model, in words for the reader; None if fine."""
    if purchase > today:
        return "The purchase date can't be in the future. Check the date on your receipt."
    if purchase < model.release_date:
        return (f"{model.name} went on sale on {format_date(model.release_date)}, so the purchase date "
                "can't be earlier than that. Check the date on your receipt and the model you chose.")
    return None
