"""The composition root: one kit built from its settings."""

from __future__ import annotations

import time
from pathlib import Path

from postgres_server import PostgresServer

from kit.app import ENDED_ON_SCREENS_SECONDS, create_context, on_screens
from kit.core import events
from kit.netaddr import JoinAddress
from kit.settings import Settings
from kit.store.sql import SqlStore
from kit.store.sqlite import DATABASE_NAME, SqliteStore


def test_create_context_opens_store_in_data_dir_and_engine_on_it(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, keep_days=7, public_url="https://dialoog.example.nl/")
    ctx = create_context(settings)
    seen: list[events.Event] = []
    ctx.engine.bus.subscribe(seen.append)
    opened = ctx.engine.open_session("schoolleider", "Studiedag")
    assert isinstance(ctx.engine.store, SqliteStore)
    assert ctx.engine.store.path == tmp_path / DATABASE_NAME
    assert seen == [events.SessionOpened(opened.session.id)]
    assert (ctx.data_dir, ctx.settings, ctx.retention.keep_days) == (tmp_path, settings, 7)
    assert ctx.join == JoinAddress("https://dialoog.example.nl", loopback_only=False)
    ctx.engine.store.close()


def test_create_context_opens_the_database_the_settings_name(tmp_path: Path, postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    ctx = create_context(Settings(data_dir=tmp_path, database=url, public_url="https://dialoog.example.nl/"))
    opened = ctx.engine.open_session("schoolleider", "Studiedag")
    assert isinstance(ctx.engine.store, SqlStore)
    assert ctx.engine.store.dialect == "postgresql"
    assert not (tmp_path / DATABASE_NAME).exists()
    ctx.engine.store.close()
    again = SqlStore(url)
    assert again.get_session(opened.session.id) == opened.session
    again.close()


def test_the_sessions_on_screens_are_the_live_ones_and_those_ended_within_a_day(tmp_path: Path) -> None:
    ctx = create_context(Settings(data_dir=tmp_path))
    engine = ctx.engine
    live = engine.open_session("schoolleider", "Loopt nog").session
    ended_now = engine.open_session("schoolleider", "Net klaar").session
    engine.end_session(ended_now.id)
    a_day_later = time.time() + ENDED_ON_SCREENS_SECONDS + 60

    assert set(on_screens(engine.store)) == {live.id, ended_now.id}
    assert on_screens(engine.store, now=lambda: a_day_later) == [live.id]
    ctx.engine.store.close()
