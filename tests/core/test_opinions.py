"""Opinion groups read from the stored reactions: two camps come back, too few says so, a repeat is free."""

from __future__ import annotations

import pytest
from test_boards import STEP, Room

from kit.core.engine import Engine
from kit.core.opinions import Opinions
from kit.opinions import Absence

# Camp one recognises the first six and sees the last six differently; camp two the other way round;
# everyone recognises the two in the middle.
TEXTS = tuple(f"Uitspraak {n}" for n in range(14))
CAMP_ONE = ("recognise",) * 6 + ("recognise", "recognise") + ("differ",) * 6
CAMP_TWO = ("differ",) * 6 + ("recognise", "recognise") + ("recognise",) * 6


@pytest.fixture
def opinions(engine: Engine) -> Opinions:
    return engine.opinions


@pytest.fixture
def room(engine: Engine) -> Room:
    room = Room(engine)
    for text in TEXTS:
        room.say(text)
    return room


def _camp(room: Room, size: int, marks: tuple[str, ...]) -> list[str]:
    people = [room.join() for _ in range(size)]
    for person in people:
        for contribution_id, kind in zip(room.ids, marks, strict=True):
            room.engine.reactions.react(room.sid, person, contribution_id, kind)
    return people


def test_of_step_finds_the_two_camps_in_the_stored_reactions(opinions: Opinions, room: Room) -> None:
    one, two = _camp(room, 6, CAMP_ONE), _camp(room, 5, CAMP_TWO)
    result = opinions.of_step(room.sid, STEP)
    assert result.found
    assert {frozenset(g.participants) for g in result.groups} == {frozenset(one), frozenset(two)}
    assert set(result.consensus) == {room.ids[6], room.ids[7]}


def test_of_step_with_seven_people_says_there_is_too_little(opinions: Opinions, room: Room) -> None:
    _camp(room, 4, CAMP_ONE)
    _camp(room, 3, CAMP_TWO)
    result = opinions.of_step(room.sid, STEP)
    assert result.absence is Absence.TOO_FEW_PEOPLE
    assert result.counted == 7


def test_of_step_leaves_out_hidden_contributions_and_removed_people(
    engine: Engine, opinions: Opinions, room: Room
) -> None:
    one = _camp(room, 6, CAMP_ONE)
    _camp(room, 5, CAMP_TWO)
    engine.hide_contribution(room.sid, room.ids[0])
    engine.remove_participant(room.sid, one[0])
    marks = opinions.marks(room.sid, STEP)
    assert not any(cid == room.ids[0] for _, cid, _ in marks)
    assert not any(pid == one[0] for pid, _, _ in marks)
    assert opinions.of_step(room.sid, STEP).counted == 10


def test_of_step_counts_no_mark_on_ones_own_contribution(engine: Engine, opinions: Opinions, room: Room) -> None:
    author = engine.get_contribution(room.sid, room.ids[0])
    assert author is not None
    for contribution_id in room.ids[1:6]:
        engine.reactions.react(room.sid, author.participant_id, contribution_id, "recognise")
    marks = opinions.marks(room.sid, STEP)
    assert {cid for pid, cid, _ in marks if pid == author.participant_id} == set(room.ids[1:6])


def test_of_step_computes_again_only_when_a_mark_changed(engine: Engine, opinions: Opinions, room: Room) -> None:
    one = _camp(room, 6, CAMP_ONE)
    _camp(room, 5, CAMP_TWO)
    first = opinions.of_step(room.sid, STEP)
    assert opinions.of_step(room.sid, STEP) is first
    engine.reactions.react(room.sid, one[0], room.ids[13], "recognise")
    again = opinions.of_step(room.sid, STEP)
    assert again is not first
    assert {g.label: set(g.participants) for g in again.groups} == {g.label: set(g.participants) for g in first.groups}


def test_of_step_reads_again_after_a_change_in_the_room(engine: Engine, opinions: Opinions, room: Room) -> None:
    one = _camp(room, 6, CAMP_ONE)
    _camp(room, 5, CAMP_TWO)
    assert opinions.of_step(room.sid, STEP).counted == 11
    engine.remove_participant(room.sid, one[0])
    assert opinions.of_step(room.sid, STEP).counted == 10
