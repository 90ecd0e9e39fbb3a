"""The migrations build the schema the models describe, and run down and up again."""
from __future__ import annotations

import flask_migrate
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from helpcentre.database import db


def test_migrations_match_the_models(make_app) -> None:
    app = make_app()
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        head = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config()).get_current_head()
        assert context.get_current_revision() == head
        assert compare_metadata(context, db.metadata) == []


def test_migrations_go_down_to_base_and_up_again(make_app) -> None:
    app = make_app()
    with app.app_context():
        head = _revision()
        flask_migrate.downgrade(revision="base")
        assert _revision() is None
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        flask_migrate.upgrade()
        assert _revision() == head


def _revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
