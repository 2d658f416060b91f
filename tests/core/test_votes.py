"""The engine's votes part: one changeable vote per phone, only while the role choice is open."""

from __future__ import annotations

import pytest
from engine_helpers import _open, _writer

from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import InputState


def test_vote_counted_once_per_phone_and_changeable(engine: Engine) -> None:
    sid = _open(engine)
    code = engine.get_session(sid).code
    anna, bram = (engine.join_participant(code).participant.id for _ in range(2))
    engine.jump_to_step(sid, "role_choice.0")
    engine.cast_vote(sid, anna, 2)
    engine.cast_vote(sid, anna, 3)
    counts = engine.cast_vote(sid, bram, 3)
    assert counts == {1: 0, 2: 0, 3: 2, 4: 0}
    assert engine.vote_of(sid, 0, anna) == 3


def test_vote_refused_when_voting_closed_or_elsewhere(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    with pytest.raises(Refused) as refused:
        engine.cast_vote(sid, pid, 1)  # on the start question
    assert refused.value.reason is Reason.INPUT_CLOSED
    engine.jump_to_step(sid, "role_choice.0")
    engine.set_input_state(sid, "role_choice.0", InputState.CLOSED)
    with pytest.raises(Refused) as refused:
        engine.cast_vote(sid, pid, 1)
    assert refused.value.reason is Reason.INPUT_CLOSED
    engine.set_input_state(sid, "role_choice.0", InputState.OPEN)
    with pytest.raises(Refused) as refused:
        engine.cast_vote(sid, pid, 7)
    assert refused.value.reason is Reason.UNKNOWN_ROLE
