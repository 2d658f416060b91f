"""Reading a test database through a connection of its own, as another process would."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from kit.store.database import parse_url


def query(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Run ``sql`` on the database at ``url`` through a connection of its own, as another process would."""
    engine = sa.create_engine(parse_url(url))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(sa.text(sql), params)]
    finally:
        engine.dispose()
