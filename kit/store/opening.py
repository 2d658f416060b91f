"""Which store a kit opens: the database its settings name, else the SQLite file in its data folder."""

from __future__ import annotations

from pathlib import Path

from kit.store.sql import SqlStore
from kit.store.sqlite import SqliteStore


def open_store(database: str | None, data_dir: Path) -> SqlStore:
    """Open the store at the URL ``database``, else the SQLite file in ``data_dir``; bring its schema up to date.

    Creates the database's tables when it has none (and the SQLite file, with its folder, when missing).
    """
    if database:
        return SqlStore(database)
    return SqliteStore.in_folder(data_dir)
