"""Connecting to the store's database: an SQLite file on the laptop, or PostgreSQL by its URL.

Connections run in autocommit mode; the store opens each transaction itself (SQLite:
``BEGIN IMMEDIATE``, which takes the file's write lock at once; PostgreSQL: ``BEGIN`` and an advisory
lock on the session), so a block's checks and writes see no other writer's change in between.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa

DATABASE_NAME = "dialoogkaart.sqlite3"
DIALECTS = ("sqlite", "postgresql")


class UnsupportedDatabase(ValueError):
    """The URL names no database the kit can use (it speaks SQLite and PostgreSQL)."""


def sqlite_url(path: Path) -> str:
    """Return the URL of the SQLite file at ``path``."""
    return f"sqlite+pysqlite:///{path}"


def database_url(database: str | None, data_dir: Path) -> str:
    """Return the URL the kit uses: ``database`` when given, else the SQLite file in ``data_dir``."""
    return database if database else sqlite_url(data_dir / DATABASE_NAME)


def parse_url(url: str) -> sa.URL:
    """Return ``url`` parsed, with the driver the kit uses for its database.

    Raises :class:`UnsupportedDatabase` when it is no SQLite or PostgreSQL URL.
    """
    try:
        parsed = sa.make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    except sa.exc.ArgumentError as error:
        raise UnsupportedDatabase(url) from error
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return parsed.set(drivername="sqlite+pysqlite")
    raise UnsupportedDatabase(url)


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives a killed process; only a power cut can lose the last commits.
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
    dbapi_connection.execute("PRAGMA busy_timeout=5000")
    # Deleted rows are overwritten with zeros, so a deleted session's texts do not linger in free pages.
    dbapi_connection.execute("PRAGMA secure_delete=ON")


def create_engine(url: str) -> sa.Engine:
    """Return an engine on the database at ``url`` (nothing is connected yet).

    SQLite gets a pool of connections (one writes at a time, under the store's lock; the others read beside
    it, as its write-ahead log allows) and its folder is created; PostgreSQL a pool of connections, checked
    before use (a restarted server costs no failed request).
    """
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            parsed, pool_size=8, max_overflow=8, isolation_level="AUTOCOMMIT", pool_reset_on_return=None,
            connect_args={"check_same_thread": False},
        )
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(
        parsed, isolation_level="AUTOCOMMIT", pool_pre_ping=True, pool_size=8, max_overflow=8,
        connect_args={"connect_timeout": 10},
    )
