"""The engine's summary part: the closing summary of a session."""

from __future__ import annotations

from engine_helpers import _open, _writer

from kit.core.engine import Engine


def test_summary_counts_steps_roles_and_actions(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    engine.add_contribution(sid, pid, "c-0000001", "Een")
    engine.add_contribution(sid, pid, "c-0000002", "Twee")
    engine.withdraw_contribution(sid, pid, "c-0000002")
    engine.choose_role(sid, 0, 4, ("4.1",))
    engine.jump_to_step(sid, "evaluation.action")
    engine.add_contribution(sid, pid, "a-0000001", "Met HRM praten", fields={"who": "HRM"})
    summary = engine.summarize_session(sid)
    assert summary.participants == 1
    assert {c.step_key: c.count for c in summary.contributions}["start.individual"] == 1
    assert summary.roles == (4,)
    assert [a.text for a in summary.actions] == ["Met HRM praten"]
