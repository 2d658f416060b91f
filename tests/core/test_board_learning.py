"""The board learns from the facilitator: the "Nieuw" strip, merge suggestions, authors' own placements."""

from __future__ import annotations

import pytest
from test_boards import STEP, Room

from kit.core import events as ev
from kit.core.board_ops import PlacementState
from kit.core.boards import Boards
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.events import Event
from kit.store.sqlite import SqliteStore


@pytest.fixture
def boards(engine: Engine) -> Boards:
    return Boards(engine)


def _refused(reason: Reason) -> pytest.RaisesExc[Refused]:
    return pytest.raises(Refused, match=f"^{reason.value}")


def _time_board(boards: Boards, room: Room) -> str:
    first, second = room.say("Begeleiding kost veel tijd"), room.say("We hebben te weinig tijd voor begeleiding")
    boards.suggest(room.sid, STEP)
    time_id = boards.move_to_new_group(room.sid, STEP, first, "Tijd").group_of(first)
    assert time_id is not None
    boards.move(room.sid, STEP, second, time_id)
    return time_id


def test_new_contributions_unsure_arrival_waits_with_guess(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    time_id = _time_board(boards, room)
    lonely = room.say("De koffie in de teamkamer is op")
    board = boards.place_new(room.sid, STEP)
    assert board.group_of(lonely) is None
    waiting = boards.new_contributions(room.sid, STEP)
    assert [n.contribution_id for n in waiting] == [lonely]
    assert waiting[0].guess in {None, time_id}


def test_alone_waiting_arrival_only_after_facilitator_placed_it(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    _time_board(boards, room)
    lonely = room.say("De koffie in de teamkamer is op")
    boards.place_new(room.sid, STEP)
    assert [n.contribution_id for n in boards.new_contributions(room.sid, STEP)] == [lonely]
    assert lonely not in boards.alone(room.sid, STEP)
    assert lonely in boards.alone(room.sid, STEP, waiting=True)
    boards.place_one(room.sid, STEP, lonely, None)
    assert lonely in boards.alone(room.sid, STEP)


def test_place_one_pins_and_empties_strip(engine: Engine, boards: Boards, events: list[Event]) -> None:
    room = Room(engine)
    time_id = _time_board(boards, room)
    lonely = room.say("De koffie in de teamkamer is op")
    boards.place_new(room.sid, STEP)
    board = boards.place_one(room.sid, STEP, lonely, time_id)
    assert board.group_of(lonely) == time_id
    assert board.pinned[lonely] == time_id
    assert boards.new_contributions(room.sid, STEP) == []
    assert events[-1] == ev.NewContributionsChanged(room.sid, STEP)


def test_place_new_never_moves_what_the_facilitator_placed(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    time_id = _time_board(boards, room)
    odd = room.say("Studenten horen bij het team")
    boards.place_one(room.sid, STEP, odd, time_id)
    room.say("Een student is een collega in het team")
    room.say("De student hoort erbij als teamlid")
    board = boards.place_new(room.sid, STEP)
    assert board.group_of(odd) == time_id


def test_accept_guess_places_in_guessed_group(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    _time_board(boards, room)
    lonely = room.say("De koffie in de teamkamer is op")
    boards.place_new(room.sid, STEP)
    guess = boards.new_contributions(room.sid, STEP)[0].guess
    board = boards.accept_guess(room.sid, STEP, lonely)
    assert board.group_of(lonely) == guess
    assert lonely in board.pinned


def _two_time_groups(boards: Boards, room: Room) -> tuple[str, str]:
    a = [room.say("Begeleiding kost veel tijd"), room.say("Er is te weinig tijd voor begeleiding")]
    b = [room.say("Mentoren hebben geen tijd voor begeleiding"), room.say("Tijd voor begeleiding ontbreekt")]
    boards.suggest(room.sid, STEP)
    first = boards.move_to_new_group(room.sid, STEP, a[0], "Tijd").group_of(a[0])
    second = boards.move_to_new_group(room.sid, STEP, b[0], "Uren").group_of(b[0])
    assert first is not None
    assert second is not None
    boards.move(room.sid, STEP, a[1], first)
    boards.move(room.sid, STEP, b[1], second)
    return first, second


def test_merge_suggestions_offer_alike_groups(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    first, second = _two_time_groups(boards, room)
    offered = boards.merge_suggestions(room.sid, STEP)
    assert {frozenset({s.first, s.second}) for s in offered} == {frozenset({first, second})}


def test_dismiss_merge_is_remembered_in_store(engine: Engine, boards: Boards, events: list[Event]) -> None:
    room = Room(engine)
    first, second = _two_time_groups(boards, room)
    boards.dismiss_merge(room.sid, STEP, second, first)
    assert events[-1] == ev.MergeSuggestionsChanged(room.sid, STEP)
    assert boards.merge_suggestions(room.sid, STEP) == []
    assert Boards(engine).merge_suggestions(room.sid, STEP) == []


def test_dismiss_merge_unknown_group_refused(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    first, _ = _two_time_groups(boards, room)
    with _refused(Reason.UNKNOWN_GROUP):
        boards.dismiss_merge(room.sid, STEP, first, "g99")


def test_accept_merge_joins_groups(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    first, second = _two_time_groups(boards, room)
    board = boards.accept_merge(room.sid, STEP, first, second)
    assert board.group(second) is None
    assert len(board.group(first).members) == 4  # type: ignore[union-attr]


def _shown(engine: Engine, boards: Boards, room: Room) -> tuple[str, str, str]:
    author = room.join()
    mine = room.say("De koffie in de teamkamer is op", author)
    time_id = _time_board(boards, room)
    engine.set_reveal(room.sid, STEP, True)
    boards.show_groups(room.sid, STEP, True)
    return author, mine, time_id


def test_place_own_waits_for_facilitator(engine: Engine, boards: Boards, events: list[Event]) -> None:
    room = Room(engine)
    author, mine, time_id = _shown(engine, boards, room)
    before = boards.board(room.sid, STEP)
    placed = boards.place_own(room.sid, author, mine, time_id)
    assert placed.state is PlacementState.PENDING
    assert events[-1] == ev.AuthorPlacementChanged(room.sid, STEP, mine)
    assert boards.board(room.sid, STEP) == before
    assert boards.author_placements(room.sid, STEP) == [placed]
    assert boards.own_placements(room.sid, author, STEP) == {mine: time_id}


def test_accept_author_placement_moves_and_pins(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    author, mine, time_id = _shown(engine, boards, room)
    boards.place_own(room.sid, author, mine, time_id)
    board = boards.accept_author_placement(room.sid, STEP, mine)
    assert board.group_of(mine) == time_id
    assert board.pinned[mine] == time_id
    assert boards.author_placements(room.sid, STEP) == []


def test_dismiss_author_placement_keeps_board(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    author, mine, time_id = _shown(engine, boards, room)
    boards.place_own(room.sid, author, mine, time_id)
    before = boards.board(room.sid, STEP)
    boards.dismiss_author_placement(room.sid, STEP, mine)
    assert boards.author_placements(room.sid, STEP) == []
    assert boards.board(room.sid, STEP) == before


def test_place_own_author_choice_waits_in_strip_as_guess(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    author, _, time_id = _shown(engine, boards, room)
    late = room.say("Parkeren bij school is lastig", author)
    boards.place_own(room.sid, author, late, time_id)
    board = boards.place_new(room.sid, STEP)
    assert board.group_of(late) is None
    assert [(n.contribution_id, n.guess) for n in boards.new_contributions(room.sid, STEP)][-1] == (late, time_id)


def test_place_own_refused_when_not_yours_or_hidden(engine: Engine, boards: Boards) -> None:
    room = Room(engine)
    author = room.join()
    mine = room.say("De koffie in de teamkamer is op", author)
    time_id = _time_board(boards, room)
    with _refused(Reason.GROUPS_HIDDEN):
        boards.place_own(room.sid, author, mine, time_id)
    engine.set_reveal(room.sid, STEP, True)
    boards.show_groups(room.sid, STEP, True)
    with _refused(Reason.NOT_YOURS):
        boards.place_own(room.sid, room.join(), mine, time_id)
    with _refused(Reason.UNKNOWN_GROUP):
        boards.place_own(room.sid, author, mine, "g99")


def test_author_placements_survive_a_new_store(engine: Engine, boards: Boards, store: SqliteStore) -> None:
    room = Room(engine)
    author, mine, _ = _shown(engine, boards, room)
    boards.place_own(room.sid, author, mine, None)
    assert [p.group_id for p in store.author_placements(room.sid, STEP)] == [None]
