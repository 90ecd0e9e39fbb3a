"""Storing registrations, removals and replacement requests; the database settles every race.

A serial has one registered (not removed) device at a time: a partial unique index. A serial
once registered to an account stays that account's: after removing it, the same account may
register it again, and any other account is told to contact support. Accidental damage cover
pays out once per serial on an account, kept across a removal and a new registration, so
removing and registering a device again never renews its cover.

Each public write is a whole service call: it commits once at its end, or rolls back when it
refuses. Reads never commit.
"""
from __future__ import annotations

import enum
import logging
from collections import defaultdict
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..database import changed_rows, db
from .catalogue import DeviceModel
from .cover import device_cover, request_problem
from .models import RegisteredDevice, ReplacementRequest

log = logging.getLogger(__name__)
MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds on every backend
GONE = "This device has just been removed from your account, so nothing was requested."


class Registration(enum.Enum):
    """How a registration ended."""

    REGISTERED = "registered"
    ALREADY_YOURS = "already yours"  # registered (not removed) on this account
    HELD_ELSEWHERE = "held elsewhere"  # on another account, registered or once registered


def _verdict(user_id: int, serial: str) -> Registration | None:
    """Why this account can't register the serial now; None when it can."""
    rows = db.session.execute(sa.select(RegisteredDevice.user_id, RegisteredDevice.removed_at)
                              .where(RegisteredDevice.serial == serial)).all()
    if any(owner != user_id for owner, _ in rows):
        return Registration.HELD_ELSEWHERE
    if any(removed is None for _, removed in rows):
        return Registration.ALREADY_YOURS
    return None


def register(user_id: int, model_id: str, serial: str, purchase: date, now: datetime) -> Registration:
    """Register a (normalised, checked) serial to the account, unless it is already registered."""
    verdict = _verdict(user_id, serial)
    if verdict is not None:
        return verdict
    device = RegisteredDevice(user_id=user_id, model_id=model_id, serial=serial, purchase_date=purchase,
                              registered_at=now)
    db.session.add(device)
    try:
        db.session.commit()
    except IntegrityError:
        # Another request registered this serial between the check and the insert: the index decided.
        db.session.rollback()
        return _verdict(user_id, serial) or Registration.HELD_ELSEWHERE
    log.info("device registered: user %s, device %s (%s)", user_id, device.id, model_id)
    return Registration.REGISTERED


def registered_devices(user_id: int) -> list[RegisteredDevice]:
    """The account's registered (not removed) devices, oldest registration first."""
    return list(db.session.scalars(
        sa.select(RegisteredDevice)
        .where(RegisteredDevice.user_id == user_id, RegisteredDevice.removed_at.is_(None))
        .order_by(RegisteredDevice.registered_at, RegisteredDevice.id)))


def owned_device(user_id: int, device_id: int) -> RegisteredDevice | None:
    """The account's registered device with this id; None for anyone else's, a removed one or no such id."""
    if not 0 < device_id <= MAX_ID:  # a guessed id beyond what the column holds is simply no device
        return None
    return db.session.scalar(sa.select(RegisteredDevice).where(
        RegisteredDevice.id == device_id, RegisteredDevice.user_id == user_id, RegisteredDevice.removed_at.is_(None)))


def request_history(user_id: int) -> dict[str, list[ReplacementRequest]]:
    """The account's replacement requests by serial, newest first, removed registrations included."""
    rows = db.session.execute(
        sa.select(RegisteredDevice.serial, ReplacementRequest)
        .join(ReplacementRequest, ReplacementRequest.device_id == RegisteredDevice.id)
        .where(RegisteredDevice.user_id == user_id)
        .order_by(ReplacementRequest.requested_on.desc(), ReplacementRequest.id.desc()))
    history: dict[str, list[ReplacementRequest]] = defaultdict(list)
    for serial, replacement in rows:
        history[serial].append(replacement)
    return dict(history)


def remove(user_id: int, device_id: int, now: datetime) -> bool:
    """Mark the account's device removed, keeping its rows; False when it isn't the account's to remove."""
    changed = changed_rows(
        sa.update(RegisteredDevice)
        .where(RegisteredDevice.id == device_id, RegisteredDevice.user_id == user_id,
               RegisteredDevice.removed_at.is_(None))
        .values(removed_at=now).execution_options(synchronize_session=False))
    db.session.commit()
    if changed == 1:
        log.info("device removed: user %s, device %s", user_id, device_id)
    return changed == 1


def _hold(device: RegisteredDevice) -> bool:
    """Lock the device's row until commit (a no-op write), if it is still registered; caller commits."""
    # Requests for one device then take turns: each sees the one before it when checking the cover.
    changed = changed_rows(
        sa.update(RegisteredDevice)
        .where(RegisteredDevice.id == device.id, RegisteredDevice.removed_at.is_(None))
        .values(removed_at=RegisteredDevice.removed_at).execution_options(synchronize_session=False))
    return changed == 1


def _problem(device: RegisteredDevice, model: DeviceModel, kind: str, today: date) -> str | None:
    history = request_history(device.user_id).get(device.serial, [])
    cover = device_cover(device.purchase_date, model, today, [(r.kind, r.requested_on) for r in history])
    return request_problem(kind, cover)


def request_replacement(device: RegisteredDevice, model: DeviceModel, kind: str, details: str | None,
                        today: date, now: datetime) -> str | None:
    """Record a replacement request, or say why it is refused (nothing is stored then)."""
    if not _hold(device):
        db.session.rollback()
        return GONE
    problem = _problem(device, model, kind, today)
    if problem is not None:
        db.session.rollback()
        return problem
    db.session.add(ReplacementRequest(device_id=device.id, kind=kind, details=details, requested_on=today,
                                      created_at=now))
    try:
        db.session.commit()
    except IntegrityError:  # the unique index: the cover was used by a request committed meanwhile
        db.session.rollback()
        return _problem(device, model, kind, today) or GONE
    log.info("replacement requested: user %s, device %s, %s", device.user_id, device.id, kind)
    return None


def account_records(user_id: int) -> list[tuple[RegisteredDevice, list[ReplacementRequest]]]:
    """Every registration of the account, removed ones included, with its replacement requests
    (oldest first): what "Download your data" lists."""
    devices = db.session.scalars(sa.select(RegisteredDevice).where(RegisteredDevice.user_id == user_id)
                                 .order_by(RegisteredDevice.registered_at, RegisteredDevice.id)).all()
    requests: dict[int, list[ReplacementRequest]] = defaultdict(list)
    for replacement in db.session.scalars(
            sa.select(ReplacementRequest).join(RegisteredDevice, ReplacementRequest.device_id == RegisteredDevice.id)
            .where(RegisteredDevice.user_id == user_id).order_by(ReplacementRequest.created_at, ReplacementRequest.id)):
        requests[replacement.device_id].append(replacement)
    return [(device, requests[device.id]) for device in devices]
