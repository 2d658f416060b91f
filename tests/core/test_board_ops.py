"""The board model: merging fresh suggestions with the facilitator's decisions, and manual changes."""

from __future__ import annotations

from dataclasses import replace

from kit.core.board_ops import (
    Board,
    BoardGroup,
    alone,
    merge,
    merge_suggestion,
    move,
    move_to_new_group,
    place,
    rename,
    settle,
    split,
)
from kit.core.models import Contribution
from kit.grouping import Grouping, SuggestedGroup

STEP = "role.0.1.1"
TEXTS = {
    "c1": "Studenten horen bij het team",
    "c2": "De student is een collega in het team",
    "c3": "Begeleiding kost veel tijd",
    "c4": "We hebben te weinig uren voor werkplekbegeleiders",
    "c5": "Samen leren met de lerarenopleiding",
    "c6": "De schoolleider maakt tijd vrij voor opleiden",
}


def _contributions(*ids: str, authors: dict[str, str] | None = None) -> list[Contribution]:
    return [
        Contribution(
            id=cid, session_id="s", step_key=STEP, participant_id=(authors or {}).get(cid, f"p-{cid}"),
            text=TEXTS[cid], seq=index, created_at=0.0, updated_at=0.0,
        )
        for index, cid in enumerate(ids, start=1)
    ]


def _suggestion(contributions: list[Contribution], *groups: tuple[str, tuple[str, ...]]) -> Grouping:
    """A grouping engine's answer: ``groups`` as (label, contribution ids), the rest alone."""
    index = {c.id: i for i, c in enumerate(contributions)}
    suggested = tuple(
        SuggestedGroup(label, tuple(sorted(index[m] for m in members)), index[members[0]], None)
        for label, members in groups
    )
    grouped = {i for group in suggested for i in group.members}
    return Grouping(suggested, tuple(i for i in range(len(contributions)) if i not in grouped))


def _members(board: Board) -> dict[str, tuple[str, ...]]:
    return {group.label: group.members for group in board.groups}


ALL = _contributions("c1", "c2", "c3", "c4", "c5", "c6")
FIRST = _suggestion(ALL, ("Student en team", ("c1", "c2")), ("Tijd", ("c3", "c4", "c6")))


def test_merge_suggestion_without_previous_takes_suggestion() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    assert _members(board) == {"Tijd": ("c3", "c4", "c6"), "Student en team": ("c1", "c2")}
    assert alone(board, ALL) == ("c5",)
    assert board.pinned == {}
    assert board.known == {"c1", "c2", "c3", "c4", "c5", "c6"}


def test_merge_suggestion_is_deterministic() -> None:
    first = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    again = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    assert first == again
    assert merge_suggestion(first, FIRST, ALL, step_key=STEP) == merge_suggestion(again, FIRST, ALL, step_key=STEP)


def test_merge_suggestion_same_suggestion_keeps_board() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    assert merge_suggestion(board, FIRST, ALL, step_key=STEP) == board


def test_merge_suggestion_keeps_moved_contribution_where_put() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    team = board.group_of("c1")
    assert team is not None
    board = move(board, "c6", team, ALL)
    again = merge_suggestion(board, FIRST, ALL, step_key=STEP)
    assert again.group(team) is not None
    assert _members(again) == {"Student en team": ("c1", "c2", "c6"), "Tijd": ("c3", "c4")}


def test_merge_suggestion_keeps_contribution_put_on_its_own() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    board = move(board, "c3", None, ALL)
    again = merge_suggestion(board, FIRST, ALL, step_key=STEP)
    assert again.group_of("c3") is None
    assert "c3" in alone(again, ALL)


def test_merge_suggestion_renamed_group_matched_by_overlap_keeps_name() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    time_id = board.group_of("c3")
    assert time_id is not None
    board = rename(board, time_id, "Tijd en ruimte")
    later = _suggestion(ALL, ("Uren", ("c4", "c6")), ("Student en team", ("c1", "c2", "c5")))
    again = merge_suggestion(board, later, ALL, step_key=STEP)
    renamed = again.group(time_id)
    assert renamed is not None
    assert (renamed.label, renamed.members, renamed.label_pinned) == ("Tijd en ruimte", ("c4", "c6"), True)


def test_merge_suggestion_unnamed_group_takes_new_label_and_keeps_id() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    team = board.group_of("c1")
    later = _suggestion(ALL, ("Studenten als collega", ("c1", "c2", "c5")), ("Tijd", ("c3", "c4", "c6")))
    again = merge_suggestion(board, later, ALL, step_key=STEP)
    assert again.group_of("c5") == team
    group = again.group(team or "")
    assert group is not None
    assert group.label == "Studenten als collega"


def test_merge_suggestion_renamed_group_not_formed_again_keeps_lone_members() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    team = board.group_of("c1")
    assert team is not None
    board = rename(board, team, "Student als collega")
    nothing = _suggestion(ALL, ("Tijd", ("c3", "c4", "c6")))
    again = merge_suggestion(board, nothing, ALL, step_key=STEP)
    assert _members(again)["Student als collega"] == ("c1", "c2")


def test_merge_suggestion_drops_unnamed_group_not_formed_again() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    nothing = _suggestion(ALL, ("Tijd", ("c3", "c4", "c6")))
    again = merge_suggestion(board, nothing, ALL, step_key=STEP)
    assert list(_members(again)) == ["Tijd"]
    assert alone(again, ALL) == ("c1", "c2", "c5")


def test_merge_suggestion_manual_group_survives_without_match() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    board = move_to_new_group(board, "c5", "Opleiding", ALL)
    new_id = board.group_of("c5")
    again = merge_suggestion(board, FIRST, ALL, step_key=STEP)
    assert again.group_of("c5") == new_id
    assert _members(again)["Opleiding"] == ("c5",)


def test_merge_suggestion_new_group_ids_never_reused() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    used = {group.id for group in board.groups}
    nothing = _suggestion(ALL)
    board = merge_suggestion(board, nothing, ALL, step_key=STEP)
    assert board.groups == ()
    board = merge_suggestion(board, FIRST, ALL, step_key=STEP)
    assert not {group.id for group in board.groups} & used


def test_settle_leaves_out_hidden_and_returns_them_when_shown() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    team = board.group_of("c1")
    board = move(board, "c5", team, ALL)
    hidden = [replace(c, hidden=True) if c.id == "c5" else c for c in ALL]
    without = settle(board, hidden)
    assert without.group_of("c5") is None
    assert "c5" not in alone(without, hidden)
    assert settle(without, ALL).group_of("c5") == team


def test_settle_orders_groups_by_distinct_participants_then_size() -> None:
    same_author = {"c3": "p-anna", "c4": "p-anna", "c6": "p-anna"}
    contributions = _contributions("c1", "c2", "c3", "c4", "c5", "c6", authors=same_author)
    board = merge_suggestion(None, FIRST, contributions, step_key=STEP)
    assert [group.label for group in board.groups] == ["Student en team", "Tijd"]


def test_place_adds_later_contributions_without_pinning() -> None:
    start = _contributions("c1", "c2", "c3", "c4")
    board = merge_suggestion(None, _suggestion(start, ("Tijd", ("c3", "c4"))), start, step_key=STEP)
    time_id = board.group_of("c3")
    later = _contributions("c1", "c2", "c3", "c4", "c5", "c6")
    board = place(board, {"c6": time_id, "c5": None}, later)
    assert board.group_of("c6") == time_id
    assert alone(board, later) == ("c1", "c2", "c5")
    assert board.pinned == {}
    assert {"c5", "c6"} <= board.known


def test_alone_leaves_out_waiting_arrivals_unless_asked() -> None:
    start = _contributions("c1", "c2", "c3", "c4")
    board = merge_suggestion(None, _suggestion(start, ("Tijd", ("c3", "c4"))), start, step_key=STEP)
    later = _contributions("c1", "c2", "c3", "c4", "c5", "c6")
    board = place(board, {"c6": None}, later, pending={"c5": board.group_of("c3")})
    assert alone(board, later) == ("c1", "c2", "c6")
    assert alone(board, later, waiting=True) == ("c1", "c2", "c5", "c6")
    assert alone(move(board, "c5", None, later), later) == ("c1", "c2", "c5", "c6")


def test_merge_joins_into_first_keeping_its_label_and_pins_members() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    team, time_id = board.group_of("c1"), board.group_of("c3")
    assert team is not None
    assert time_id is not None
    board = merge(board, [team, time_id], ALL)
    assert _members(board) == {"Student en team": ("c1", "c2", "c3", "c4", "c6")}
    assert set(board.pinned.values()) == {team}
    apart = _suggestion(ALL, ("Student en team", ("c1", "c2")), ("Tijd", ("c3", "c4", "c6")))
    assert _members(merge_suggestion(board, apart, ALL, step_key=STEP)) == _members(board)


def test_split_takes_chosen_members_to_new_group() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    time_id = board.group_of("c3")
    assert time_id is not None
    board = split(board, time_id, ["c6"], "Schoolleider", ALL)
    assert _members(board) == {"Tijd": ("c3", "c4"), "Student en team": ("c1", "c2"), "Schoolleider": ("c6",)}
    assert board.pinned == {"c6": board.group_of("c6")}


def test_move_out_of_last_place_drops_empty_group() -> None:
    board = move_to_new_group(Board(STEP), "c5", "Opleiding", ALL)
    assert _members(board) == {"Opleiding": ("c5",)}
    board = move(board, "c5", None, ALL)
    assert board.groups == ()
    assert board.pinned == {"c5": None}


def test_board_data_round_trip() -> None:
    board = merge_suggestion(None, FIRST, ALL, step_key=STEP)
    board = move(rename(board, board.groups[0].id, "Tijd en uren"), "c5", None, ALL)
    assert Board.from_data(board.to_data()) == board


def test_rename_marks_label_pinned() -> None:
    board = Board(STEP, (BoardGroup("g1", "Tijd", ("c3",)),), serial=1)
    renamed = rename(board, "g1", "Uren")
    assert renamed.groups[0] == BoardGroup("g1", "Uren", ("c3",), label_pinned=True)
