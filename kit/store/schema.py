"""Bringing a database's schema up to date when the store opens it: Alembic's revisions, run in one transaction.

An SQLite file made by the kit's first releases records its version in ``schema_version``: it gets the
hand-written scripts it lacks (:mod:`kit.store.legacy`), is stamped with the Alembic revision of the same
schema, and continues from there; its data stays where it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from kit.store import legacy

if TYPE_CHECKING:
    from alembic.config import Config

REVISIONS = Path(__file__).with_name("revisions")
# The newest revision in ``revisions/versions`` (a test checks that they agree): a database already there
# opens without loading Alembic at all.
HEAD = "0002"
# The Alembic revision whose schema equals each final version of the hand-written migrations.
LEGACY_REVISIONS = {8: "0001", 9: "0002"}
# Two kits opening one PostgreSQL database at once migrate one after the other (any fixed number will do).
_MIGRATION_LOCK = 1_684_070_516


def _config(connection: sa.Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(REVISIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Return the newest revision of the schema, as Alembic finds it among the scripts."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(REVISIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def current_revision(connection: sa.Connection) -> str | None:
    """Return the revision the database is at (None: no revision recorded)."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _begin(connection: sa.Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})


def _adopt_legacy(connection: sa.Connection) -> None:
    """Stamp an SQLite file of the hand-written migrations (brought to their last version) with its revision."""
    tables = set(sa.inspect(connection).get_table_names())
    if "schema_version" not in tables or "alembic_version" in tables:
        return
    version = legacy.migrate(connection.connection.dbapi_connection)  # type: ignore[arg-type]
    _begin(connection)
    try:
        if current_revision(connection) is None:
            from alembic import command

            command.stamp(_config(connection), LEGACY_REVISIONS[version])
            connection.exec_driver_sql("DROP TABLE schema_version")
        connection.exec_driver_sql("COMMIT")
    except BaseException:
        connection.exec_driver_sql("ROLLBACK")
        raise


def upgrade(connection: sa.Connection) -> str:
    """Bring the database on ``connection`` (in autocommit mode) to the newest revision; return it.

    Creates every table in a new database; runs the missing revisions, all or none, in an existing one.
    """
    if connection.dialect.name == "sqlite":
        _adopt_legacy(connection)
    if current_revision(connection) == HEAD:
        return HEAD
    _begin(connection)
    try:
        if current_revision(connection) != HEAD:
            from alembic import command

            command.upgrade(_config(connection), "head")
        connection.exec_driver_sql("COMMIT")
    except BaseException:
        connection.exec_driver_sql("ROLLBACK")
        raise
    return HEAD
