"""An SQLite store that takes no writes for a while, as on a read-only disk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from kit.store.sql import SqlStore


@contextmanager
def unwritable(store: SqlStore) -> Iterator[None]:
    """Every write to ``store`` fails until the block ends (``PRAGMA query_only`` on each connection it uses)."""

    def refuse(dbapi_connection: sqlite3.Connection, _record: Any, _proxy: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only=ON")

    store.engine.dispose()  # no connection of the pool escapes the pragma
    sa.event.listen(store.engine, "checkout", refuse)
    try:
        yield
    finally:
        sa.event.remove(store.engine, "checkout", refuse)
        store.engine.dispose()  # the refusing connections make way for new ones
