"""The session engine: sessions, steps, participants and contributions, with their refusals."""

from __future__ import annotations

import pytest

from kit.core import events as ev
from kit.core.engine import CODE_ALPHABET, Engine
from kit.core.errors import Reason, Refused
from kit.core.events import Event
from kit.core.models import Anonymity, InputState


def _open(engine: Engine, anonymity: Anonymity = Anonymity.ANONYMOUS) -> str:
    return engine.open_session("schoolleider", "Studiedag", anonymity).session.id


def _writer(engine: Engine, session_id: str) -> str:
    """Join one phone and move the session to the individual start question."""
    participant = engine.join_participant(engine.get_session(session_id).code).participant
    engine.jump_to_step(session_id, "start.individual")
    return participant.id


def test_open_session_code_has_no_lookalikes(engine: Engine) -> None:
    codes = {engine.open_session("schoolleider", f"s{i}").session.code for i in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(CODE_ALPHABET)
        assert not set(code) & set("0O1IL")


def test_open_session_secret_is_long_and_checked(engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "Studiedag")
    assert len(opened.secret) * 6 >= 128
    assert engine.check_secret(opened.session.id, opened.secret)
    assert not engine.check_secret(opened.session.id, opened.secret + "x")
    assert engine.get_session(opened.session.id).anonymity is Anonymity.ANONYMOUS


def test_open_session_unknown_card_refused(engine: Engine) -> None:
    with pytest.raises(Refused) as refused:
        engine.open_session("no-such-card", "x")
    assert refused.value.reason is Reason.UNKNOWN_CARD


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


def test_join_name_rules_follow_anonymity(engine: Engine) -> None:
    required = engine.get_session(_open(engine, Anonymity.REQUIRED))
    with pytest.raises(Refused) as refused:
        engine.join_participant(required.code, "   ")
    assert refused.value.reason is Reason.NAME_REQUIRED
    with pytest.raises(Refused) as refused:
        engine.join_participant(required.code, "x" * 41)
    assert refused.value.reason is Reason.NAME_TOO_LONG
    assert engine.join_participant(required.code, "  Anna   de Vries ").participant.name == "Anna de Vries"
    anonymous = engine.get_session(_open(engine, Anonymity.ANONYMOUS))
    assert engine.join_participant(anonymous.code, "Anna").participant.name is None


def test_join_code_typed_loosely_is_found(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    typed = f" {session.code[:3].lower()}-{session.code[3:].lower()} "
    assert engine.join_participant(typed).session.id == session.id


def test_join_unknown_code_refused(engine: Engine) -> None:
    with pytest.raises(Refused) as refused:
        engine.join_participant("ZZZZZZ")
    assert refused.value.reason is Reason.UNKNOWN_SESSION


def test_join_with_token_is_same_participant(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    first = engine.join_participant(session.code)
    again = engine.join_participant(session.code, token=first.token)
    assert again.participant.id == first.participant.id
    assert len(engine.participants(session.id)) == 1


def test_locked_room_refuses_new_but_keeps_joined(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    first = engine.join_participant(session.code)
    engine.lock_room(session.id)
    with pytest.raises(Refused) as refused:
        engine.join_participant(session.code)
    assert refused.value.reason is Reason.ROOM_LOCKED
    assert engine.join_participant(session.code, token=first.token).participant.id == first.participant.id


def test_ended_session_refuses_joins(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    engine.end_session(session.id)
    with pytest.raises(Refused) as refused:
        engine.join_participant(session.code)
    assert refused.value.reason is Reason.SESSION_ENDED


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


def test_removed_participant_cannot_rejoin_with_token(engine: Engine) -> None:
    session = engine.get_session(_open(engine))
    joined = engine.join_participant(session.code)
    engine.remove_participant(session.id, joined.participant.id)
    with pytest.raises(Refused) as refused:
        engine.join_participant(session.code, token=joined.token)
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


def test_events_follow_every_committed_change(engine: Engine, events: list[Event]) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    engine.add_contribution(sid, pid, "c-0000001", "Een")
    engine.add_contribution(sid, pid, "c-0000001", "Een")  # a resend announces nothing
    engine.set_reveal(sid, "start.individual", True)
    engine.lock_room(sid)
    kinds = [type(event) for event in events]
    assert kinds == [ev.SessionOpened, ev.ParticipantJoined, ev.StepChanged, ev.ContributionAdded,
                     ev.StepStateChanged, ev.RoomLockChanged]
    assert all(event.session_id == sid for event in events)


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


def test_unknown_session_refused(engine: Engine) -> None:
    with pytest.raises(Refused) as refused:
        engine.advance_step("nope")
    assert refused.value.reason is Reason.UNKNOWN_SESSION


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


def test_add_contribution_strips_control_and_direction_characters(engine: Engine) -> None:
    sid = _open(engine)
    pid = _writer(engine, sid)
    stored = engine.add_contribution(sid, pid, "c-0000001", "Samen\x00 \u202eopleiden\r\nis leren\x1b")
    assert stored.text == "Samen opleiden\nis leren"


def test_join_anonymous_ignores_long_name(engine: Engine) -> None:
    session = engine.get_session(_open(engine, Anonymity.ANONYMOUS))
    assert engine.join_participant(session.code, "x" * 80).participant.name is None


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
