"""The store tests run on both databases: an SQLite file and a real PostgreSQL server started for the run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PostgresServer

from kit.store.database import sqlite_url
from kit.store.sql import SqlStore
from kit.store.sqlite import SqliteStore


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: an SQLite file, or a new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "kit.sqlite3")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.fixture
def store(database: str) -> Iterator[SqlStore]:
    opened = SqlStore(database)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqliteStore]:
    """A store on an SQLite file, for what only SQLite has (its file, its pragmas)."""
    opened = SqliteStore(tmp_path / "kit.sqlite3")
    yield opened
    opened.close()
