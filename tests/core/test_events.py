"""The engine's events: announced after every committed change, in order, and never for a refusal."""

from __future__ import annotations

import pytest
from engine_helpers import _open, _writer

from kit.core import events as ev
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.core.events import Event


def test_events_follow_every_committed_change(engine: Engine, events: list[Event]) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    engine.add_contribution(sid, pid, "c-0000001", "Een")
    engine.set_reveal(sid, "start.individual", True)
    engine.lock_room(sid)
    kinds = [type(event) for event in events]
    assert kinds == [ev.SessionOpened, ev.ParticipantJoined, ev.StepChanged, ev.ContributionAdded,
                     ev.StepStateChanged, ev.RoomLockChanged]
    assert all(event.session_id == sid for event in events)


def test_resend_announces_the_stored_contribution_again(engine: Engine, events: list[Event]) -> None:
    # The instance that stored it may have died before it announced it: the resend reaches another one.
    sid = _open(engine)
    pid = _writer(engine, sid)
    first = engine.add_contribution(sid, pid, "c-0000001", "Een")
    count = len(events)
    again = engine.add_contribution(sid, pid, "c-0000001", "Een")
    assert again == first
    assert events[count:] == [ev.ContributionAdded(sid, "c-0000001", "start.individual")]
    assert len(engine.contributions(sid)) == 1


def test_events_see_committed_state(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    seen: list[int] = []
    engine.bus.subscribe(lambda event: seen.append(len(engine.store.list_contributions(sid))))
    engine.add_contribution(sid, pid, "c-0000001", "Een")
    assert seen == [1]


def test_refused_action_announces_nothing(engine: Engine, events: list[Event]) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    count = len(events)
    with pytest.raises(Refused):
        engine.add_contribution(sid, pid, "c-0000001", "")
    assert len(events) == count
