"""Group boards through the engine: validated, committed, announced, and kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.core import events as ev
from kit.core.boards import Boards
from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.core.events import Event
from kit.core.models import ReactionKind
from kit.store.sqlite import SqliteStore

STEP = "role.0.1.1"
TEXTS = (
    "Studenten horen bij het team",
    "De student is een collega in het team",
    "Begeleiding kost veel tijd",
    "We hebben te weinig uren voor werkplekbegeleiders",
    "Samen leren met de lerarenopleiding",
)


@pytest.fixture
def boards(engine: Engine) -> Boards:
    return Boards(engine)


class Room:
    """A session on a revealed question with one phone per contribution."""

    def __init__(self, engine: Engine, step_key: str = STEP) -> None:
        self.engine = engine
        self.sid = engine.open_session("schoolleider", "Studiedag").session.id
        self.code = engine.get_session(self.sid).code
        engine.choose_role(self.sid, 0, 1)
        engine.jump_to_step(self.sid, step_key)
        self.step_key = step_key
        self.people: list[str] = []
        self.ids: list[str] = []

    def join(self) -> str:
        self.people.append(self.engine.join_participant(self.code).participant.id)
        return self.people[-1]

    def say(self, text: str, author: str | None = None) -> str:
        contribution_id = f"c-{len(self.ids) + 1:07d}"
        self.engine.add_contribution(self.sid, author or self.join(), contribution_id, text, self.step_key)
        self.ids.append(contribution_id)
        return contribution_id


@pytest.fixture
def room(engine: Engine) -> Room:
    room = Room(engine)
    for text in TEXTS:
        room.say(text)
    return room


def _refused(reason: Reason) -> pytest.RaisesExc[Refused]:
    return pytest.raises(Refused, match=f"^{reason.value}")


# suggestions


def test_suggest_places_every_visible_contribution_once(boards: Boards, room: Room) -> None:
    board = boards.suggest(room.sid, STEP)
    grouped = [m for group in board.groups for m in group.members]
    assert sorted(grouped + list(boards.alone(room.sid, STEP))) == room.ids
    assert board.step_key == STEP
    assert boards.board(room.sid, STEP) == board


def test_suggest_leaves_out_hidden_and_withdrawn(engine: Engine, boards: Boards, room: Room) -> None:
    engine.hide_contribution(room.sid, room.ids[0])
    author = room.join()
    withdrawn = room.say("Studenten horen er gewoon bij", author)
    engine.withdraw_contribution(room.sid, author, withdrawn)
    board = boards.suggest(room.sid, STEP)
    shown = {m for group in board.groups for m in group.members} | set(boards.alone(room.sid, STEP))
    assert shown == set(room.ids[1:5])


def test_suggest_announces_board_changed(boards: Boards, room: Room, events: list[Event]) -> None:
    boards.suggest(room.sid, STEP)
    assert events[-1] == ev.BoardChanged(room.sid, STEP)


def test_suggest_unchanged_board_announces_nothing(boards: Boards, room: Room, events: list[Event]) -> None:
    boards.suggest(room.sid, STEP)
    seen = len(events)
    boards.suggest(room.sid, STEP)
    assert len(events) == seen


def test_suggest_refused_on_step_without_contributions(boards: Boards, room: Room) -> None:
    with _refused(Reason.NOT_A_QUESTION):
        boards.suggest(room.sid, "role_choice.0")
    with _refused(Reason.UNKNOWN_STEP):
        boards.suggest(room.sid, "role.0.9.9")


def test_start_group_board_is_the_individual_question_board(engine: Engine, boards: Boards) -> None:
    room = Room(engine, "start.individual")
    room.say("Studenten horen bij het team")
    engine.jump_to_step(room.sid, "start.group")
    board = boards.suggest(room.sid, "start.group")
    assert board.step_key == "start.individual"
    assert boards.board(room.sid, "start.individual") == board


def test_place_new_suggests_later_contributions_into_existing_groups(
    engine: Engine, boards: Boards, events: list[Event]
) -> None:
    room = Room(engine)
    first, second = room.say("Begeleiding kost veel tijd"), room.say("We hebben te weinig tijd voor begeleiding")
    boards.suggest(room.sid, STEP)
    time_id = boards.move_to_new_group(room.sid, STEP, first, "Tijd").group_of(first)
    boards.move(room.sid, STEP, second, time_id)
    fits = room.say("Er is te weinig tijd voor de begeleiding van studenten")
    lonely = room.say("De koffie in de teamkamer is op")
    board = boards.place_new(room.sid, STEP)
    assert board.group_of(fits) == time_id
    assert board.group_of(lonely) is None
    assert lonely not in boards.alone(room.sid, STEP)
    assert lonely in boards.alone(room.sid, STEP, waiting=True)
    assert fits not in board.pinned
    assert [n.contribution_id for n in boards.new_contributions(room.sid, STEP)] == [lonely]
    assert events[-2:] == [ev.BoardChanged(room.sid, STEP), ev.NewContributionsChanged(room.sid, STEP)]
    assert boards.place_new(room.sid, STEP) == board


def test_place_new_without_board_suggests(boards: Boards, room: Room) -> None:
    board = boards.place_new(room.sid, STEP)
    assert board.known == set(room.ids)


# the facilitator's decisions


def test_move_survives_suggest(engine: Engine, boards: Boards, room: Room) -> None:
    boards.suggest(room.sid, STEP)
    board = boards.move_to_new_group(room.sid, STEP, room.ids[0], "Student als collega")
    group_id = board.group_of(room.ids[0])
    boards.move(room.sid, STEP, room.ids[3], group_id)
    boards.move(room.sid, STEP, room.ids[2], None)
    room.say("Werkplekbegeleiders hebben meer tijd nodig")
    again = boards.suggest(room.sid, STEP)
    group = again.group(group_id or "")
    assert group is not None
    assert (group.label, group.members) == ("Student als collega", (room.ids[0], room.ids[3]))
    assert again.group_of(room.ids[2]) is None


def test_manual_decisions_survive_restart(tmp_path: Path, card: Card) -> None:
    path = tmp_path / "restart.sqlite3"
    store = SqliteStore(path)
    engine = Engine(store, {card.id: card})
    room = Room(engine)
    for text in TEXTS:
        room.say(text)
    boards = Boards(engine)
    board = boards.move_to_new_group(room.sid, STEP, room.ids[0], "Het team")
    team = board.group_of(room.ids[0])
    boards.move(room.sid, STEP, room.ids[4], team)
    boards.move(room.sid, STEP, room.ids[1], None)
    before = boards.board(room.sid, STEP)
    store.close()

    reopened = SqliteStore(path)
    boards = Boards(Engine(reopened, {card.id: card}))
    assert boards.board(room.sid, STEP) == before
    after = boards.suggest(room.sid, STEP)
    group = after.group(team or "")
    assert group is not None
    assert (group.label, group.members) == ("Het team", (room.ids[0], room.ids[4]))
    assert after.group_of(room.ids[1]) is None
    assert boards.can_undo(room.sid, STEP)
    reopened.close()


def test_move_unknown_group_or_contribution_refused(engine: Engine, boards: Boards, room: Room) -> None:
    boards.suggest(room.sid, STEP)
    with _refused(Reason.UNKNOWN_GROUP):
        boards.move(room.sid, STEP, room.ids[0], "g999")
    with _refused(Reason.UNKNOWN_CONTRIBUTION):
        boards.move(room.sid, STEP, "c-nothere", None)
    engine.hide_contribution(room.sid, room.ids[1])
    with _refused(Reason.UNKNOWN_CONTRIBUTION):
        boards.move(room.sid, STEP, room.ids[1], None)


def test_move_to_new_group_labels_from_its_text(boards: Boards, room: Room) -> None:
    board = boards.move_to_new_group(room.sid, STEP, room.ids[3])
    group = board.group(board.group_of(room.ids[3]) or "")
    assert group is not None
    assert group.members == (room.ids[3],)
    assert 0 < len(group.label) <= 60
    assert not group.label_pinned


def test_rename_trims_label(boards: Boards, room: Room) -> None:
    board = boards.move_to_new_group(room.sid, STEP, room.ids[2], "Tijd")
    group_id = board.group_of(room.ids[2]) or ""
    board = boards.rename(room.sid, STEP, group_id, "  Tijd   en   ruimte ")
    group = board.group(group_id)
    assert group is not None
    assert (group.label, group.label_pinned) == ("Tijd en ruimte", True)


@pytest.mark.parametrize(("label", "reason"), [("   ", Reason.EMPTY), ("x" * 61, Reason.LABEL_TOO_LONG)])
def test_rename_bad_label_refused(boards: Boards, room: Room, label: str, reason: Reason) -> None:
    board = boards.move_to_new_group(room.sid, STEP, room.ids[2], "Tijd")
    with _refused(reason):
        boards.rename(room.sid, STEP, board.group_of(room.ids[2]) or "", label)
    assert boards.rename(room.sid, STEP, board.group_of(room.ids[2]) or "", "x" * 60).groups[0].label == "x" * 60


def test_merge_keeps_first_label(boards: Boards, room: Room) -> None:
    first = boards.move_to_new_group(room.sid, STEP, room.ids[0], "Het team").group_of(room.ids[0]) or ""
    second = boards.move_to_new_group(room.sid, STEP, room.ids[1], "Collega's").group_of(room.ids[1]) or ""
    board = boards.merge(room.sid, STEP, [first, second])
    assert [(g.id, g.label, g.members) for g in board.groups] == [(first, "Het team", (room.ids[0], room.ids[1]))]
    with _refused(Reason.INVALID):
        boards.merge(room.sid, STEP, [first])
    with _refused(Reason.UNKNOWN_GROUP):
        boards.merge(room.sid, STEP, [first, second])


def test_split_moves_chosen_members_to_new_group(boards: Boards, room: Room) -> None:
    board = boards.move_to_new_group(room.sid, STEP, room.ids[0], "Het team")
    group_id = board.group_of(room.ids[0]) or ""
    for contribution_id in room.ids[1:4]:
        board = boards.move(room.sid, STEP, contribution_id, group_id)
    board = boards.split(room.sid, STEP, group_id, [room.ids[2], room.ids[3]])
    kept = board.group(group_id)
    assert kept is not None
    assert kept.members == (room.ids[0], room.ids[1])
    new_id = board.group_of(room.ids[2])
    assert new_id not in (None, group_id)
    assert board.group_of(room.ids[3]) == new_id
    with _refused(Reason.INVALID):
        boards.split(room.sid, STEP, group_id, [room.ids[0], room.ids[1]])
    with _refused(Reason.INVALID):
        boards.split(room.sid, STEP, group_id, [room.ids[4]])


def test_undo_restores_board_before_last_change(boards: Boards, room: Room, events: list[Event]) -> None:
    suggested = boards.suggest(room.sid, STEP)
    boards.move_to_new_group(room.sid, STEP, room.ids[4], "Opleiding")
    assert boards.undo(room.sid, STEP) == suggested
    assert events[-1] == ev.BoardChanged(room.sid, STEP)
    assert boards.undo(room.sid, STEP) is None
    assert boards.board(room.sid, STEP) is None
    with _refused(Reason.NOTHING_TO_UNDO):
        boards.undo(room.sid, STEP)
    assert not boards.can_undo(room.sid, STEP)


# reactions


def test_board_passes_reactions_to_the_reactions_part(engine: Engine, boards: Boards, room: Room) -> None:
    anna = room.join()
    assert boards.react(room.sid, anna, room.ids[0], "differ") == (0, 1)
    assert boards.reactions_of(room.sid, anna) == {room.ids[0]: ReactionKind.DIFFER}
    assert engine.reactions.counts(room.sid, STEP)[room.ids[0]] == (0, 1)


def test_group_reactions_count_each_person_once_on_their_side(boards: Boards, room: Room) -> None:
    board = boards.move_to_new_group(room.sid, STEP, room.ids[0], "Het team")
    team = board.group_of(room.ids[0]) or ""
    boards.move(room.sid, STEP, room.ids[1], team)
    time_id = boards.move_to_new_group(room.sid, STEP, room.ids[2], "Tijd").group_of(room.ids[2]) or ""
    anna, bram, cees = room.join(), room.join(), room.join()
    boards.react(room.sid, anna, room.ids[0], "recognise")
    boards.react(room.sid, anna, room.ids[1], "recognise")
    boards.react(room.sid, bram, room.ids[1], "recognise")
    boards.react(room.sid, cees, room.ids[0], "recognise")
    boards.react(room.sid, cees, room.ids[1], "differ")
    boards.react(room.sid, bram, room.ids[2], "differ")
    assert boards.group_reactions(room.sid, STEP) == {team: (2, 0), time_id: (0, 1)}


# the grouped view (the "show groups" switch)


def test_show_groups_is_off_until_switched_on(boards: Boards, room: Room, events: list[Event]) -> None:
    boards.suggest(room.sid, STEP)
    assert not boards.groups_shown(room.sid, STEP)
    boards.show_groups(room.sid, STEP, True)
    assert boards.groups_shown(room.sid, STEP)
    assert events[-1] == ev.GroupsShown(room.sid, STEP, True)
    boards.show_groups(room.sid, STEP, False)
    assert not boards.groups_shown(room.sid, STEP)
    assert events[-1] == ev.GroupsShown(room.sid, STEP, False)


def test_show_groups_unchanged_announces_nothing(boards: Boards, room: Room, events: list[Event]) -> None:
    boards.show_groups(room.sid, STEP, False)
    boards.show_groups(room.sid, STEP, True)
    count = len(events)
    boards.show_groups(room.sid, STEP, True)
    assert len(events) == count
    assert not any(isinstance(e, ev.GroupsShown) and not e.shown for e in events)


def test_show_groups_without_board_suggests_first(boards: Boards, room: Room, events: list[Event]) -> None:
    boards.show_groups(room.sid, STEP, True)
    board = boards.board(room.sid, STEP)
    assert board is not None
    assert board.known == set(room.ids)
    assert events[-2:] == [ev.BoardChanged(room.sid, STEP), ev.GroupsShown(room.sid, STEP, True)]


def test_show_groups_keeps_the_facilitators_board(boards: Boards, room: Room, events: list[Event]) -> None:
    board = boards.move_to_new_group(room.sid, STEP, room.ids[0], "Het team")
    before = len(events)
    boards.show_groups(room.sid, STEP, True)
    assert boards.board(room.sid, STEP) == board
    assert events[before:] == [ev.GroupsShown(room.sid, STEP, True)]


def test_show_groups_is_per_step(engine: Engine, boards: Boards) -> None:
    room = Room(engine, "start.individual")
    room.say("Studenten horen bij het team")
    engine.jump_to_step(room.sid, "start.group")
    boards.show_groups(room.sid, "start.group", True)
    assert boards.groups_shown(room.sid, "start.group")
    assert not boards.groups_shown(room.sid, "start.individual")


def test_show_groups_refused_on_step_that_cannot_be_grouped(engine: Engine, boards: Boards, room: Room) -> None:
    evaluation = next(s.key for s in engine.steps(engine.get_session(room.sid)) if s.key.startswith("evaluation."))
    for step_key in ("welcome", "role_choice.0", evaluation):
        with _refused(Reason.NOT_A_QUESTION):
            boards.show_groups(room.sid, step_key, True)
        assert not boards.groups_shown(room.sid, step_key)
    with _refused(Reason.UNKNOWN_STEP):
        boards.show_groups(room.sid, "role.0.9.9", True)
    with _refused(Reason.INVALID):
        boards.show_groups(room.sid, STEP, "yes")  # type: ignore[arg-type]
    with _refused(Reason.UNKNOWN_SESSION):
        boards.show_groups("no-such-session", STEP, True)
    assert boards.board(room.sid, evaluation) is None


def test_show_groups_survives_restart(tmp_path: Path, card: Card) -> None:
    path = tmp_path / "restart.sqlite3"
    store = SqliteStore(path)
    room = Room(Engine(store, {card.id: card}))
    room.say(TEXTS[0])
    Boards(room.engine).show_groups(room.sid, STEP, True)
    store.close()

    reopened = SqliteStore(path)
    try:
        boards = Boards(Engine(reopened, {card.id: card}))
        assert boards.groups_shown(room.sid, STEP)
        assert not boards.groups_shown(room.sid, "dream")
    finally:
        reopened.close()


def test_delete_session_removes_groups_shown(engine: Engine, store: SqliteStore, boards: Boards, room: Room) -> None:
    boards.show_groups(room.sid, STEP, True)
    assert store.groups_shown(room.sid, STEP)
    engine.delete_session(room.sid)
    assert not store.groups_shown(room.sid, STEP)
    with _refused(Reason.UNKNOWN_SESSION):
        boards.groups_shown(room.sid, STEP)
