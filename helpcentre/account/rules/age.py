"""Date-of-birth rules: when someone comes of age and whether they may open an account."""
from __future__ import annotations

import calendar
from datetime import date

MINIMUM_AGE = 18
# Nobody born before this is plausibly signing up; earlier dates are almost always typos (e.g. "0190").
EARLIEST_DOB = date(1900, 1, 1)

FUTURE_MESSAGE = "Date of birth can't be in the future"
TOO_EARLY_MESSAGE = "Enter a date of birth after 1900"
UNDER_AGE_MESSAGE = f"You must be {MINIMUM_AGE} or over to create an account"


def adult_from(dob: date, age: int = MINIMUM_AGE) -> date:
    """Return the date someone born on `dob` turns `age`; for 29 February, 1 March in common years."""
    year = dob.year + age
    # 1 March rather than 28 February, so a leap-day baby is never let in a day before
    # they have actually lived the full number of years.
    if (dob.month, dob.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1)
    return dob.replace(year=year)


def is_adult(dob: date, today: date) -> bool:
    """Return True if someone born on `dob` is at least 18 years old on `today`."""
    # A birth year near date.max would overflow; nobody born then can be an adult before 9999.
    if dob.year + MINIMUM_AGE > date.max.year:
        return False
    return today >= adult_from(dob)


def check_date_of_birth(dob: date, today: date) -> str | None:
    """Return a reader-facing reason `dob` is unacceptable on `today`, or None when it is fine."""
    # Order matters: a future date is also "under 18", but the typo is the more useful thing to say.
    if dob > today:
        return FUTURE_MESSAGE
    if dob < EARLIEST_DOB:
        return TOO_EARLY_MESSAGE
    if not is_adult(dob, today):
        return UNDER_AGE_MESSAGE
    return None
