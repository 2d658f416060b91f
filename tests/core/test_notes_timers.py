"""The engine's notes and timers part: the facilitator's notes per step and the countdown."""

from __future__ import annotations

import pytest
from engine_helpers import _open, _writer

from kit.core.engine import Engine
from kit.core.errors import Refused


def test_notes_saved_per_step(engine: Engine) -> None:
    sid = _open(engine)
    engine.save_note(sid, "start.group", "Verschil: tijd versus houding")
    engine.save_note(sid, "start.group", "Verschil: tijd versus houding; doorvragen")
    assert engine.notes(sid) == {"start.group": "Verschil: tijd versus houding; doorvragen"}


def test_timer_runs_one_to_ten_minutes(engine: Engine) -> None:
    sid = _open(engine)
    _writer(engine, sid)
    state = engine.start_timer(sid, "start.individual", 3)
    assert state.timer_seconds == 180
    assert state.timer_ends_at is not None
    with pytest.raises(Refused):
        engine.start_timer(sid, "start.individual", 11)
    assert engine.stop_timer(sid, "start.individual").timer_ends_at is None
