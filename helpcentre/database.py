"""The database: Flask-SQLAlchemy on SQLite (WAL) by default or PostgreSQL, schema by Alembic."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CursorResult, DateTime, Executable, MetaData, event
from sqlalchemy import types as sa_types
from sqlalchemy.orm import DeclarativeBase

from .resources import shipped

# Named constraints, so Alembic migrations can alter them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base for every model."""

    metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(sa_types.TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite hands back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Store UTC; refuse naive values, whose zone nobody knows."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Read UTC, adding the zone SQLite dropped."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(directory=str(shipped("migrations")), render_as_batch=True)


def changed_rows(statement: Executable) -> int:
    """Run an UPDATE or DELETE in the current session and say how many rows it changed."""
    # Such a statement always gives a CursorResult, which SQLAlchemy's Session.execute() types
    # only as Result: the row count is what the conditional writes (single use, races) rely on.
    result = cast("CursorResult[Any]", db.session.execute(statement))
    return result.rowcount


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets readers run beside a writer; the busy timeout makes a second writer wait
    # instead of failing at once with "database is locked".
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def init_app(app: Flask) -> None:
    """Attach SQLAlchemy and Flask-Migrate (`flask db upgrade`)."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 5}})
    else:
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    # A failed statement's parameters (password hashes, code hashes, emails) stay out of logs.
    app.config["SQLALCHEMY_ENGINE_OPTIONS"].setdefault("hide_parameters", True)
    db.init_app(app)
    migrate.init_app(app, db)
    if uri.startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)


