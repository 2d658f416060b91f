"""Reactions through the engine: one mark per participant, checked, committed, announced, counted."""

from __future__ import annotations

import pytest
from test_boards import STEP, TEXTS, Room

from kit.core import events as ev
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.events import Event
from kit.core.models import Reaction, ReactionKind
from kit.core.reactions import Reactions


@pytest.fixture
def reactions(engine: Engine) -> Reactions:
    return engine.reactions


@pytest.fixture
def room(engine: Engine) -> Room:
    room = Room(engine)
    for text in TEXTS:
        room.say(text)
    return room


def _refused(reason: Reason) -> pytest.RaisesExc[Refused]:
    return pytest.raises(Refused, match=f"^{reason.value}")


def test_react_one_mark_per_participant_changeable(reactions: Reactions, room: Room, events: list[Event]) -> None:
    anna, bram = room.join(), room.join()
    target = room.ids[2]
    assert reactions.react(room.sid, anna, target, "recognise") == (1, 0)
    assert reactions.react(room.sid, anna, target, ReactionKind.RECOGNISE) == (1, 0)
    assert reactions.react(room.sid, bram, target, "recognise") == (2, 0)
    assert reactions.react(room.sid, anna, target, "differ") == (1, 1)
    assert events[-1] == ev.ReactionChanged(room.sid, target)
    assert reactions.reactions_of(room.sid, anna) == {target: ReactionKind.DIFFER}
    assert reactions.react(room.sid, anna, target, None) == (1, 0)
    assert reactions.reactions_of(room.sid, anna) == {}


def test_reaction_counts_cover_every_visible_contribution(reactions: Reactions, room: Room) -> None:
    anna = room.join()
    reactions.react(room.sid, anna, room.ids[0], "recognise")
    reactions.react(room.sid, anna, room.ids[1], "differ")
    counts = reactions.counts(room.sid, STEP)
    assert counts == {room.ids[0]: (1, 0), room.ids[1]: (0, 1), **dict.fromkeys(room.ids[2:], (0, 0))}


def test_react_removed_participant_refused_and_not_counted(engine: Engine, reactions: Reactions, room: Room) -> None:
    anna, bram = room.join(), room.join()
    reactions.react(room.sid, anna, room.ids[0], "recognise")
    reactions.react(room.sid, bram, room.ids[0], "recognise")
    engine.remove_participant(room.sid, bram)
    with _refused(Reason.REMOVED):
        reactions.react(room.sid, bram, room.ids[0], "differ")
    assert reactions.counts(room.sid, STEP)[room.ids[0]] == (1, 0)


def test_react_refused_before_reveal(engine: Engine, reactions: Reactions) -> None:
    room = Room(engine, "start.individual")
    writer = room.join()
    contribution = room.say("Studenten horen bij het team", writer)
    with _refused(Reason.NOT_REVEALED):
        reactions.react(room.sid, writer, contribution, "recognise")
    engine.jump_to_step(room.sid, "start.group")
    assert reactions.react(room.sid, writer, contribution, "recognise") == (1, 0)


def test_react_hidden_or_unknown_contribution_refused(engine: Engine, reactions: Reactions, room: Room) -> None:
    anna = room.join()
    engine.hide_contribution(room.sid, room.ids[0])
    with _refused(Reason.UNKNOWN_CONTRIBUTION):
        reactions.react(room.sid, anna, room.ids[0], "recognise")
    with _refused(Reason.UNKNOWN_CONTRIBUTION):
        reactions.react(room.sid, anna, "c-nothere", "recognise")


@pytest.mark.parametrize("kind", ["like", "", "RECOGNISE"])
def test_react_unknown_kind_refused(reactions: Reactions, room: Room, kind: str) -> None:
    with _refused(Reason.INVALID):
        reactions.react(room.sid, room.join(), room.ids[0], kind)


def test_react_after_session_ended_refused(engine: Engine, reactions: Reactions, room: Room) -> None:
    anna = room.join()
    engine.end_session(room.sid)
    with _refused(Reason.SESSION_ENDED):
        reactions.react(room.sid, anna, room.ids[0], "recognise")


def test_points_of_difference_need_two_substantial_sides(reactions: Reactions, room: Room) -> None:
    people = [room.join() for _ in range(9)]
    for person in people[:5]:
        reactions.react(room.sid, person, room.ids[3], "recognise")
    for person in people[5:]:
        reactions.react(room.sid, person, room.ids[3], "differ")
    for person in people[:8]:
        reactions.react(room.sid, person, room.ids[4], "recognise")
    reactions.react(room.sid, people[8], room.ids[4], "differ")
    reactions.react(room.sid, people[0], room.ids[0], "recognise")
    reactions.react(room.sid, people[1], room.ids[0], "differ")
    assert reactions.points_of_difference(room.sid, STEP) == (room.ids[3],)


def test_of_step_reads_the_marks_of_the_room_without_a_board(engine: Engine, reactions: Reactions, room: Room) -> None:
    anna, bram = room.join(), room.join()
    reactions.react(room.sid, anna, room.ids[0], "recognise")
    reactions.react(room.sid, bram, room.ids[1], "differ")
    engine.remove_participant(room.sid, bram)
    assert engine.boards.board(room.sid, STEP) is None
    assert reactions.of_step(room.sid, STEP) == [Reaction(room.ids[0], anna, ReactionKind.RECOGNISE)]
    with _refused(Reason.NOT_A_QUESTION):
        reactions.of_step(room.sid, "welcome")
