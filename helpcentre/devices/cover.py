"""What cover a registered device has today, and whether a replacement request can be accepted."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .catalogue import DeviceModel
from .warranty import format_date, in_warranty, warranty_end

FAULT = "fault"
ACCIDENTAL_DAMAGE = "accidental_damage"
KINDS = (FAULT, ACCIDENTAL_DAMAGE)

AccidentalDamage = Literal["available", "used", "ended"]
CHOOSE_KIND = "Choose why you need a replacement: It stopped working, or Accidental damage."


@dataclass(frozen=True)
class Cover:
    """A device's cover on one day: warranty, its one-time accidental damage cover, rapid replacement."""

    in_warranty: bool
    warranty_end: date  # inclusive: the last day covered
    accidental_damage: AccidentalDamage
    accidental_damage_used_on: date | None  # the first accidental damage request, when "used"
    can_request_rapid_replacement: bool


def device_cover(purchase: date, model: DeviceModel, today: date,
                 requests: Iterable[tuple[str, date]]) -> Cover:
    """The cover of a device bought on `purchase`, given its replacement requests as (kind, requested_on)."""
    end = warranty_end(purchase, model)
    covered = in_warranty(purchase, model, today)
    used = [on for kind, on in requests if kind == ACCIDENTAL_DAMAGE]
    # Once used, the cover stays "used" after the warranty ends: the history is what readers want to see.
    state: AccidentalDamage = "used" if used else "available" if covered else "ended"
    return Cover(
        in_warranty=covered,
        warranty_end=end,
        accidental_damage=state,
        accidental_damage_used_on=min(used) if used else None,
        can_request_rapid_replacement=covered,
    )


def request_problem(kind: str, cover: Cover) -> str | None:
    """Why a replacement request of this kind must be refused, in words for the reader; None to accept it."""
    if kind not in KINDS:
        return CHOOSE_KIND
    if kind == ACCIDENTAL_DAMAGE and cover.accidental_damage_used_on is not None:
        return ("Accidental damage cover has already been used for this device "
                f"(on {format_date(cover.accidental_damage_used_on)}).")
    if not cover.in_warranty:
        return (f"This device's warranty ended on {format_date(cover.warranty_end)}, so a replacement "
                "can't be requested here. Contact support and we'll tell you what we can do, such as a repair.")
    return None
