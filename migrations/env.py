"""Alembic environment: migrate the database the running app is configured for."""
from __future__ import annotations

from alembic import context
from flask import current_app

migrate = current_app.extensions["migrate"]
metadata = migrate.db.metadata


def run_offline() -> None:
    """Print SQL for the configured URL instead of running it (`flask db upgrade --sql`)."""
    context.configure(url=migrate.db.engine.url.render_as_string(hide_password=False),
                      target_metadata=metadata, literal_binds=True, **migrate.configure_args)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run the migrations over one connection, in one transaction where the backend allows."""
    with migrate.db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, **migrate.configure_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
