"""What "Your devices" shows for each device: its model, dates, cover today and requests.

A plain function over stored rows and the catalogue, so it is tested without an app. A device
whose model the catalogue can't tell about (devices.yml broken, or the model taken out of it)
is still listed, under its stored model id, without the cover that depends on the model.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .catalogue import Catalogue, DeviceModel
from .cover import ACCIDENTAL_DAMAGE, FAULT, Cover, device_cover, request_problem
from .models import RegisteredDevice, ReplacementRequest

KIND_LABELS = {FAULT: "It stopped working", ACCIDENTAL_DAMAGE: "Accidental damage"}


@dataclass(frozen=True)
class RequestRow:
    """One replacement request as the device shows it."""

    label: str
    requested_on: date
    details: str | None


@dataclass(frozen=True)
class DeviceRow:
    """One registered device as the list shows it."""

    id: int
    model_name: str
    serial: str
    purchase_date: date
    cover: Cover | None  # None when the catalogue can't say what the model covers
    requests: tuple[RequestRow, ...]
    request_refusal: str | None  # why no replacement can be requested at all now (warranty ended)


def model_of(device: RegisteredDevice, catalogue: Catalogue | None) -> DeviceModel | None:
    """The device's model in the catalogue, if the catalogue is available and still lists it."""
    return catalogue.get(device.model_id) if catalogue is not None else None


def device_rows(devices: Iterable[RegisteredDevice], history: Mapping[str, Sequence[ReplacementRequest]],
                catalogue: Catalogue | None, today: date) -> list[DeviceRow]:
    """The list's rows; `history` holds each serial's requests, newest first."""
    rows = []
    for device in devices:
        requests = history.get(device.serial, ())
        model = model_of(device, catalogue)
        cover = None if model is None else device_cover(
            device.purchase_date, model, today, [(r.kind, r.requested_on) for r in requests])
        rows.append(DeviceRow(
            id=device.id,
            model_name=model.name if model is not None else device.model_id,
            serial=device.serial,
            purchase_date=device.purchase_date,
            cover=cover,
            requests=tuple(RequestRow(KIND_LABELS.get(r.kind, r.kind), r.requested_on, r.details)
                           for r in requests),
            # A fault request is refused only when no request can be accepted: out of warranty.
            request_refusal=request_problem(FAULT, cover) if cover is not None else None,
        ))
    return rows
