"""SQLAlchemy models. Every change here comes with an Alembic migration in migrations/."""
from __future__ import annotations

from .database import Base, db  # noqa: F401  (re-exported for the models that follow)
