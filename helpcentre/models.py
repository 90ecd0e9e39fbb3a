"""SQLAlchemy models, gathered so Alembic and the tests see every table.

Every change to a model comes with an Alembic migration in migrations/.
"""
from __future__ import annotations

from .account.models import AccountEmail, SignInFailure, User, VerificationCode  # noqa: F401
from .database import Base, db  # noqa: F401  (re-exported)
from .devices.models import RegisteredDevice, ReplacementRequest  # noqa: F401
from .feedback.models import Feedback  # noqa: F401
from .search.models import SearchCount  # noqa: F401
