"""Fixtures shared by every test folder: the default card, a store and an engine on a temp folder, PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PostgresServer, find_bindir
from redis_server import RedisServer, running_redis

from kit.core.bus import InProcessBus
from kit.core.card import Card
from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.core.events import Event
from kit.store.sqlite import SqliteStore


@pytest.fixture(scope="session")
def card() -> Card:
    return load_default_card()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole run (skips with the reason when its programs are not installed)."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL's server programs (initdb, postgres) are not installed: apt-get install postgresql")
    server = PostgresServer(bindir)
    yield server
    server.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = SqliteStore(tmp_path / "kit.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def engine(store: SqliteStore, card: Card) -> Engine:
    """An engine whose every event travels through its envelope as JSON, as between instances."""
    return Engine(store, {card.id: card}, InProcessBus(round_trip=True))


@pytest.fixture
def events(engine: Engine) -> list[Event]:
    """Every event the engine announces during the test, in order."""
    seen: list[Event] = []
    engine.bus.subscribe(seen.append)
    return seen


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A redis-server of this test's own (skipped with a reason when redis-server is not installed)."""
    with running_redis() as server:
        yield server
