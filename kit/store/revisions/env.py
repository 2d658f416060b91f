"""Alembic's entry point for the store's revisions.

The kit runs it at open (:func:`kit.store.schema.upgrade`) on its own connection, handed over in
``config.attributes["connection"]``. A developer writing a new revision runs Alembic against a
database of their own: ``alembic -c kit/store/revisions/alembic.ini -x url=sqlite:///dev.sqlite3 upgrade head``
and ``... revision --autogenerate -m "what changes"``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from kit.store.tables import metadata


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    """Bring the database up to the revision Alembic was asked for."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("give the database with -x url=...")
    engine = sa.create_engine(url)
    with engine.begin() as own:
        _run(own)
    engine.dispose()


main()
