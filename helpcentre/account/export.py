"""'Download your data': everything the site keeps about an account, as one JSON document."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .. import devices, feedback
from .models import User


def account_data(user: User, now: datetime) -> dict[str, Any]:
    """The account, its devices and replacement requests, and the feedback it gave."""
    return {
        "exported": now.isoformat(),
        "account": {
            "email": user.email,
            "date_of_birth": user.date_of_birth.isoformat(),
            "created": user.created_at.isoformat(),
            "verified": user.verified_at.isoformat() if user.verified_at else None,
        },
        **devices.account_data(user.id),
        "feedback": feedback.account_answers(user.id),
    }


def as_json(data: dict[str, Any]) -> str:
    """The document as a person would like to read it: indented, not escaped to ASCII."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
