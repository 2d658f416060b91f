"""The screens' opinion groups: a burst of reactions costs one computation, at most every few seconds per step."""

from __future__ import annotations

import pytest
from opinions_room import STEP, opinion_room

from kit.core.engine import Engine, OpenedSession
from kit.core.errors import Reason, Refused
from kit.ui.shared.opinions_feed import MIN_INTERVAL, OpinionsFeed


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_feed_computes_once_then_waits_for_a_change_and_the_interval(
    engine: Engine, opened: OpenedSession
) -> None:
    room = opinion_room(engine, opened, camp_a=6, camp_b=5, themes=False)
    clock = Clock()
    feed = OpinionsFeed(engine, clock)
    first = await feed.latest(room.sid, STEP)
    assert first is not None
    assert first.counted == 11
    assert await feed.latest(room.sid, STEP) is first  # nothing changed: nothing computed
    late = engine.join_participant(opened.session.code, "Laat").participant.id
    for contribution_id in room.ids:
        engine.reactions.react(room.sid, late, contribution_id, "recognise")
    clock.now += MIN_INTERVAL / 2
    assert await feed.latest(room.sid, STEP) is first  # a burst within the interval waits
    clock.now += MIN_INTERVAL / 2
    again = await feed.latest(room.sid, STEP)
    assert again is not None
    assert again.counted == 12
    assert feed.cached(room.sid, STEP) is again


async def test_feed_has_nothing_for_a_step_without_contributions(engine: Engine, opened: OpenedSession) -> None:
    feed = OpinionsFeed(engine, Clock())
    assert await feed.latest(opened.session.id, "welcome") is None


async def test_feed_keeps_the_last_groups_while_the_database_cannot_be_read(
    engine: Engine, opened: OpenedSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = opinion_room(engine, opened, camp_a=6, camp_b=5, themes=False)
    clock = Clock()
    feed = OpinionsFeed(engine, clock)
    first = await feed.latest(room.sid, STEP)
    late = engine.join_participant(opened.session.code, "Laat").participant.id
    engine.reactions.react(room.sid, late, room.ids[0], "recognise")
    clock.now += MIN_INTERVAL
    of_step = engine.opinions.of_step

    def away(session_id: str, step_key: str) -> None:
        raise Refused(Reason.NOT_STORED, "connection refused")

    monkeypatch.setattr(engine.opinions, "of_step", away)
    assert await feed.latest(room.sid, STEP) is first  # not "no groups": the last ones stay

    monkeypatch.setattr(engine.opinions, "of_step", of_step)
    again = await feed.latest(room.sid, STEP)  # the database answers: computed at the next ask
    assert again is not None
    assert again is not first
