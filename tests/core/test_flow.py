"""The engine's step flow: step order, jumping, advancing, going back, input state and role choice."""

from __future__ import annotations

import pytest
from engine_helpers import _open

from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.models import InputState


def test_steps_follow_card_order_without_role(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    keys = [step.key for step in engine.steps(session)]
    assert keys == [
        "welcome", "start.individual", "start.group", "role_choice.0", "dream",
        "evaluation.yield", "evaluation.action", "closing",
    ]


def test_steps_include_all_questions_of_chosen_role(engine: Engine) -> None:
    sid = _open(engine)
    session = engine.choose_role(sid, 0, 3)
    questions = [step.question for step in engine.steps(session) if step.question]
    assert questions == ["3.1", "3.2", "3.3", "3.4", "3.5"]


def test_steps_subset_kept_in_card_order(engine: Engine) -> None:
    sid = _open(engine)
    session = engine.choose_role(sid, 0, 2, ("2.7", "2.1", "2.5"))
    keys = [step.key for step in engine.steps(session)]
    assert keys[3:8] == ["role_choice.0", "role.0.2.1", "role.0.2.5", "role.0.2.7", "dream"]


def test_choose_role_unknown_question_refused(engine: Engine) -> None:
    sid = _open(engine)
    with pytest.raises(Refused) as refused:
        engine.choose_role(sid, 0, 1, ("1.9",))
    assert refused.value.reason is Reason.UNKNOWN_ROLE


def test_second_role_round_follows_first(engine: Engine) -> None:
    sid = _open(engine)
    engine.choose_role(sid, 0, 1, ("1.1",))
    engine.jump_to_step(sid, "role.0.1.1")
    session = engine.add_role_round(sid)
    assert session.current_step == "role_choice.1"
    session = engine.choose_role(sid, 1, 4, ("4.4", "4.2"))
    keys = [step.key for step in engine.steps(session)]
    assert keys[3:9] == ["role_choice.0", "role.0.1.1", "role_choice.1", "role.1.4.2", "role.1.4.4", "dream"]
    assert engine.advance_step(sid).current_step == "role.1.4.2"


def test_advance_and_go_back_stop_at_the_ends(engine: Engine) -> None:
    sid = _open(engine)
    assert engine.go_back(sid).current_step == "welcome"
    for _ in range(20):
        engine.advance_step(sid)
    assert engine.get_session(sid).current_step == "closing"
    assert engine.go_back(sid).current_step == "evaluation.action"


def test_jump_to_unknown_step_refused(engine: Engine) -> None:
    sid = _open(engine)
    with pytest.raises(Refused) as refused:
        engine.jump_to_step(sid, "role.0.9.9")
    assert refused.value.reason is Reason.UNKNOWN_STEP


def test_first_visit_opens_input_and_silent_writing_hides(engine: Engine) -> None:
    sid = _open(engine)
    session = engine.jump_to_step(sid, "start.individual")
    state = engine.step_state(session, engine.current_step(session))
    assert state.input_state is InputState.OPEN
    assert state.revealed is False
    engine.choose_role(sid, 0, 1)
    session = engine.jump_to_step(sid, "role.0.1.1")
    assert engine.step_state(session, engine.current_step(session)).revealed is True


def test_choose_role_closes_voting_once(engine: Engine) -> None:
    sid = _open(engine)
    pid = engine.join_participant(engine.get_session(sid).code).participant.id
    engine.jump_to_step(sid, "role_choice.0")
    engine.cast_vote(sid, pid, 2)
    session = engine.choose_role(sid, 0, 2)
    step = engine.find_step(session, "role_choice.0")
    assert engine.step_state(session, step).input_state is InputState.CLOSED
    engine.set_input_state(sid, "role_choice.0", InputState.OPEN)  # the facilitator reopens the vote
    session = engine.choose_role(sid, 0, 2, ("2.1",))  # changing the questions keeps it open
    assert engine.step_state(session, step).input_state is InputState.OPEN
