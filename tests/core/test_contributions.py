"""The engine's contributions part: adding, editing, withdrawing and hiding, with their refusals."""

from __future__ import annotations

import pytest
from engine_helpers import _open, _writer

from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import InputState


def test_add_contribution_stores_trimmed_text(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    stored = engine.add_contribution(sid, pid, "c-0000001", "  Samen opleiden is teamwerk.  ")
    assert stored.text == "Samen opleiden is teamwerk."
    assert stored.step_key == "start.individual"
    assert [c.id for c in engine.contributions(sid, "start.individual")] == ["c-0000001"]


def test_add_contribution_same_id_twice_stores_once(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    first = engine.add_contribution(sid, pid, "c-0000001", "Een")
    again = engine.add_contribution(sid, pid, "c-0000001", "Een")
    assert again == first
    assert len(engine.contributions(sid)) == 1


@pytest.mark.parametrize(
    ("text", "reason"), [("", Reason.EMPTY), ("   \n ", Reason.EMPTY), ("x" * 501, Reason.TOO_LONG)]
)
def test_add_contribution_bad_text_refused(engine: Engine, text: str, reason: Reason) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    with pytest.raises(Refused) as refused:
        engine.add_contribution(sid, pid, "c-0000001", text)
    assert refused.value.reason is reason
    assert engine.contributions(sid) == []


def test_add_contribution_500_characters_accepted(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    assert len(engine.add_contribution(sid, pid, "c-0000001", "x" * 500).text) == 500


@pytest.mark.parametrize(("state", "reason"), [(InputState.CLOSED, Reason.INPUT_CLOSED),
                                                (InputState.PAUSED, Reason.INPUT_PAUSED)])
def test_add_contribution_refused_when_input_not_open(engine: Engine, state: InputState, reason: Reason) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    engine.set_input_state(sid, "start.individual", state)
    with pytest.raises(Refused) as refused:
        engine.add_contribution(sid, pid, "c-0000001", "Een")
    assert refused.value.reason is reason


def test_add_contribution_refused_on_step_without_input(engine: Engine) -> None:
    sid = _open(engine)
    pid = engine.join_participant(engine.get_session(sid).code).participant.id
    with pytest.raises(Refused) as refused:
        engine.add_contribution(sid, pid, "c-0000001", "Een")  # still on welcome
    assert refused.value.reason is Reason.INPUT_CLOSED
    with pytest.raises(Refused) as refused:
        engine.add_contribution(sid, pid, "c-0000002", "Een", step_key="dream")  # not shown yet
    assert refused.value.reason is Reason.INPUT_CLOSED


def test_add_contribution_late_for_open_earlier_step_accepted(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    engine.advance_step(sid)
    stored = engine.add_contribution(sid, pid, "c-0000001", "Verstuurd toen ik offline was", "start.individual")
    assert stored.step_key == "start.individual"


def test_add_contribution_refused_for_removed_participant(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    engine.remove_participant(sid, pid)
    with pytest.raises(Refused) as refused:
        engine.add_contribution(sid, pid, "c-0000001", "Een")
    assert refused.value.reason is Reason.REMOVED


def test_edit_and_withdraw_only_by_author(engine: Engine) -> None:
    sid = _open(engine)
    author = _writer(engine, sid)
    other = engine.join_participant(engine.get_session(sid).code).participant.id
    engine.add_contribution(sid, author, "c-0000001", "Eerste versie")
    with pytest.raises(Refused) as refused:
        engine.edit_contribution(sid, other, "c-0000001", "Overgenomen")
    assert refused.value.reason is Reason.NOT_YOURS
    with pytest.raises(Refused) as refused:
        engine.withdraw_contribution(sid, other, "c-0000001")
    assert refused.value.reason is Reason.NOT_YOURS
    assert engine.edit_contribution(sid, author, "c-0000001", "Tweede versie").text == "Tweede versie"
    withdrawn = engine.withdraw_contribution(sid, author, "c-0000001")
    assert withdrawn.withdrawn
    assert not withdrawn.visible
    assert engine.get_contribution(sid, "c-0000001") is not None  # kept, not lost


def test_edit_refused_when_input_closed(engine: Engine) -> None:
    sid = _open(engine)
    author = _writer(engine, sid)
    engine.add_contribution(sid, author, "c-0000001", "Eerste versie")
    engine.set_input_state(sid, "start.individual", InputState.CLOSED)
    with pytest.raises(Refused) as refused:
        engine.edit_contribution(sid, author, "c-0000001", "Te laat")
    assert refused.value.reason is Reason.INPUT_CLOSED


def test_same_id_from_other_participant_refused(engine: Engine) -> None:
    sid = _open(engine)
    author = _writer(engine, sid)
    other = engine.join_participant(engine.get_session(sid).code).participant.id
    engine.add_contribution(sid, author, "c-0000001", "Een")
    with pytest.raises(Refused) as refused:
        engine.add_contribution(sid, other, "c-0000001", "Twee")
    assert refused.value.reason is Reason.NOT_YOURS


def test_hide_contribution_by_facilitator(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    engine.add_contribution(sid, pid, "c-0000001", "Een")
    assert not engine.hide_contribution(sid, "c-0000001").visible
    assert engine.hide_contribution(sid, "c-0000001", hidden=False).visible


def test_action_stored_with_its_three_fields(engine: Engine) -> None:
    sid = _open(engine)
    pid = engine.join_participant(engine.get_session(sid).code).participant.id
    engine.jump_to_step(sid, "evaluation.action")
    stored = engine.add_contribution(
        sid, pid, "a-0000001", "Begeleiding agenderen", fields={"who": "de schoolopleider", "outcome": ""}
    )
    assert stored.kind == "action"
    assert stored.fields == {"who": "de schoolopleider"}
    with pytest.raises(Refused) as refused:
        engine.add_contribution(sid, pid, "a-0000002", "x", fields={"wie": "iemand"})
    assert refused.value.reason is Reason.INVALID


def test_action_fields_refused_outside_action_step(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    with pytest.raises(Refused) as refused:
        engine.add_contribution(sid, pid, "a-0000001", "Een", fields={"who": "x"})
    assert refused.value.reason is Reason.INVALID


def test_count_responders_skips_withdrawn_and_removed(engine: Engine) -> None:
    sid = _open(engine)
    code = engine.get_session(sid).code
    anna, bram, carla = (engine.join_participant(code).participant.id for _ in range(3))
    engine.jump_to_step(sid, "start.individual")
    engine.add_contribution(sid, anna, "c-0000001", "Een")
    engine.add_contribution(sid, anna, "c-0000002", "Twee")
    engine.add_contribution(sid, bram, "c-0000003", "Drie")
    engine.add_contribution(sid, carla, "c-0000004", "Vier")
    engine.withdraw_contribution(sid, bram, "c-0000003")
    engine.remove_participant(sid, carla)
    assert engine.count_responders(sid, "start.individual") == 1
    assert engine.count_participants(sid) == 2
