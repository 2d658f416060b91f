"""The laptop's store: the kit's records in one SQLite file (WAL mode) in the data folder."""

from __future__ import annotations

from pathlib import Path

from kit.store.database import DATABASE_NAME, sqlite_url
from kit.store.sql import SqlStore

__all__ = ["DATABASE_NAME", "SqliteStore"]


class SqliteStore(SqlStore):
    """The kit's records in the SQLite file at ``path`` (created, with its folder, when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(sqlite_url(path))

    @classmethod
    def in_folder(cls, folder: Path) -> SqliteStore:
        """Open (or create) the kit's database inside ``folder``."""
        return cls(folder / DATABASE_NAME)
