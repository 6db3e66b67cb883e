"""Alembic environment of the replica. Run programmatically by desktop.store.engine (a connection is passed in
``config.attributes["connection"]``); there is no alembic.ini on a user's machine."""

from __future__ import annotations

from alembic import context

from desktop.store.models import Base

config = context.config
target_metadata = Base.metadata


def _include(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # the FTS5 table and its shadow tables are created by hand in the migrations
    return not (type_ == "table" and name is not None and name.startswith("complaint_fts"))


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # developer use: `alembic -c ... revision --autogenerate` against a plain file
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
        with engine.begin() as conn:
            context.configure(
                connection=conn, target_metadata=target_metadata, render_as_batch=True, include_object=_include
            )
            context.run_migrations()
        return
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=True, include_object=_include
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
