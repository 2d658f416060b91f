"""The retention sweep deletes the sessions the facilitator no longer keeps, and only those."""

from __future__ import annotations

from pathlib import Path

from unwritable import unwritable

from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.events import Event, SessionDeleted
from kit.core.models import LOCAL_OWNER_ID
from kit.core.retention import DAY, Retention
from kit.retention_sweep import delete_expired
from kit.store.sqlite import SqliteStore


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_delete_expired_removes_sessions_older_than_keep_days(tmp_path: Path, card: Card) -> None:
    clock = Clock()
    store = SqliteStore(tmp_path / "kit.sqlite3")
    engine = Engine(store, {card.id: card}, clock=clock)
    old = engine.open_session("schoolleider", "Oud").session
    clock.now += 20 * DAY
    recent = engine.open_session("schoolleider", "Recent").session
    seen: list[Event] = []
    engine.bus.subscribe(seen.append)
    clock.now += 10 * DAY + 1

    assert delete_expired(engine, Retention(keep_days=30)) == [old.id]
    assert [s.id for s in engine.list_sessions(LOCAL_OWNER_ID)] == [recent.id]
    assert seen == [SessionDeleted(old.id)]
    store.close()


def test_delete_expired_waits_for_a_database_that_cannot_be_written(tmp_path: Path, card: Card) -> None:
    clock = Clock()
    store = SqliteStore(tmp_path / "kit.sqlite3")
    engine = Engine(store, {card.id: card}, clock=clock)
    old = engine.open_session("schoolleider", "Oud").session
    clock.now += 31 * DAY

    with unwritable(store):  # every write fails, as on a read-only disk
        assert delete_expired(engine, Retention(keep_days=30)) == []
    assert [s.id for s in engine.list_sessions(LOCAL_OWNER_ID)] == [old.id]

    assert delete_expired(engine, Retention(keep_days=30)) == [old.id]  # the next sweep
    store.close()
