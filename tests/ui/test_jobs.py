"""The app-wide jobs (placing late contributions, erasing expired sessions) run unless left to another kit."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from board_setup import STEP, arranged, until
from nicegui.testing import User
from unwritable import unwritable

from kit.app import KitContext
from kit.board_placer import PLACE_INTERVAL, BoardPlacer
from kit.core.engine import Engine, OpenedSession
from kit.netaddr import JoinAddress
from kit.settings import Settings
from kit.store.sqlite import SqliteStore

DAY = 24 * 3600
JOIN_BASE = "http://192.168.1.20:8080"


@pytest.fixture(params=[False, True], ids=["jobs", "no-jobs"])
def ctx(request: pytest.FixtureRequest, engine: Engine, tmp_path: Path) -> KitContext:
    """A kit keeping sessions 2 days, with a session of 3 days ago; its jobs run unless ``no_jobs``."""
    Engine(engine.store, engine.cards, clock=lambda: time.time() - 3 * DAY).open_session("schoolleider", "Oud")
    settings = Settings(keep_days=2, no_jobs=request.param)
    return KitContext(engine, JoinAddress(JOIN_BASE, False), tmp_path, settings.retention, settings)


async def test_jobs_run_unless_left_to_another_kit(
    ctx: KitContext, user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, _groups = arranged(engine, opened)
    late = engine.join_participant(opened.session.code, "Iris")
    cid = engine.add_contribution(room.sid, late.participant.id, "answer-late", "De koffie is op.",
                                  step_key="start.individual").id

    def placed() -> bool:
        return cid in [n.contribution_id for n in engine.boards.new_contributions(room.sid, STEP)]

    def erased() -> bool:
        return [s.title for s in engine.store.list_sessions()] == [opened.session.title]

    if ctx.settings.no_jobs:
        await asyncio.sleep(2 * PLACE_INTERVAL)
        assert not placed()
        assert not erased()
    else:
        await until(lambda: placed() and erased())


async def test_placing_waits_for_a_database_that_cannot_be_written(engine: Engine, opened: OpenedSession) -> None:
    room, _groups = arranged(engine, opened)
    placer = BoardPlacer(engine)
    late = engine.join_participant(opened.session.code, "Iris")
    cid = engine.add_contribution(room.sid, late.participant.id, "answer-late", "De koffie is op.",
                                  step_key="start.individual").id
    store = engine.store
    assert isinstance(store, SqliteStore)

    def placed() -> bool:
        return cid in [n.contribution_id for n in engine.boards.new_contributions(room.sid, STEP)]

    with unwritable(store):  # every write fails, as on a read-only disk
        await placer.flush()
    assert not placed()

    await placer.flush()  # the step is still due: placed once the database takes writes again
    assert placed()
