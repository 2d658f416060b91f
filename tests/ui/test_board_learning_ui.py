"""What the board learned, on the console: the "Nieuw" strip, merge suggestions, authors' own placements."""

from __future__ import annotations

import asyncio

from board_setup import STEP, Room, arranged, one, until
from console_page import open_console
from nicegui import ui
from nicegui.testing import User

from kit.core.engine import Engine, OpenedSession
from kit.ui.board.console_panel import FLUSH_INTERVAL

LATE = "De koffie in de teamkamer is op."


def _late_arrival(engine: Engine, opened: OpenedSession, room: Room) -> str:
    """Add an answer the kit cannot place surely; return its id once it waits in the strip."""
    late = engine.join_participant(opened.session.code, "Iris")
    cid = engine.add_contribution(room.sid, late.participant.id, "answer-late", LATE, step_key="start.individual").id
    engine.boards.place_new(room.sid, STEP)
    assert [n.contribution_id for n in engine.boards.new_contributions(room.sid, STEP)] == [cid]
    return cid


def _group_of(engine: Engine, sid: str, contribution_id: str) -> str | None:
    board = engine.boards.board(sid, STEP)
    assert board is not None
    return board.group_of(contribution_id)


def _text(user: User, marker: str) -> str:
    element = one(user, marker)
    assert isinstance(element, ui.label)
    return element.text


def _pinned(engine: Engine, sid: str, contribution_id: str) -> bool:
    board = engine.boards.board(sid, STEP)
    return board is not None and contribution_id in board.pinned


async def test_board_learning_strip_hidden_when_empty(user: User, engine: Engine, opened: OpenedSession) -> None:
    arranged(engine, opened)
    await open_console(user, opened)
    await user.should_not_see(marker="board-new-title")
    await user.should_not_see("Nieuw (")


async def test_board_learning_strip_places_late_arrival_with_one_tap(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    cid = _late_arrival(engine, opened, room)
    guess = engine.boards.new_contributions(room.sid, STEP)[0].guess
    label = next((name for name, gid in groups.items() if gid == guess), "Eigen geluid")
    await user.should_see("Nieuw (1)", retries=30)
    await user.should_see(marker=f"new-{cid}")
    await user.should_see(f"→ {label}")
    user.find(marker=f"accept-{cid}").click()
    await until(lambda: _pinned(engine, room.sid, cid))
    assert _group_of(engine, room.sid, cid) == guess
    await user.should_not_see("Nieuw (", retries=30)


async def test_board_learning_strip_puts_late_arrival_elsewhere(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    cid = _late_arrival(engine, opened, room)
    guess = engine.boards.new_contributions(room.sid, STEP)[0].guess
    target = next(gid for gid in groups.values() if gid != guess)
    await user.should_see(marker=f"new-{cid}", retries=30)
    user.find(marker=f"elsewhere-{cid}").click()
    user.find(marker=f"place-{cid}-{target}").click()
    await until(lambda: _group_of(engine, room.sid, cid) == target)
    await user.should_not_see(marker=f"new-{cid}", retries=30)


def _alike_groups(engine: Engine, opened: OpenedSession) -> tuple[Room, str, str]:
    """Arrange the room with two groups about time, so the kit offers to merge them."""
    room, groups = arranged(engine, opened)
    boards = engine.boards
    people = [engine.join_participant(opened.session.code, name).participant.id for name in ("Joost", "Kim")]
    extra = [
        engine.add_contribution(room.sid, person, f"answer-time-{n}", text, step_key="start.individual").id
        for n, (person, text) in enumerate(zip(people, (
            "Mentoren hebben geen tijd voor begeleiding in het rooster.",
            "Tijd voor begeleiding van studenten ontbreekt in het rooster.",
        ), strict=True))
    ]
    board = boards.move_to_new_group(room.sid, STEP, extra[0], "Uren")
    second = board.group_of(extra[0])
    assert second is not None
    boards.move(room.sid, STEP, extra[1], second)
    first = groups["Tijd en ruimte"]
    offered = {frozenset({s.first, s.second}) for s in boards.merge_suggestions(room.sid, STEP)}
    assert frozenset({first, second}) in offered
    return room, first, second


def _marker(engine: Engine, sid: str, first: str, second: str) -> str:
    offer = next(s for s in engine.boards.merge_suggestions(sid, STEP) if {s.first, s.second} == {first, second})
    return f"{offer.first}-{offer.second}"


async def test_board_learning_merge_suggestion_accepted(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, first, second = _alike_groups(engine, opened)
    pair = _marker(engine, room.sid, first, second)
    await open_console(user, opened)
    await user.should_see(marker=f"merge-{pair}", retries=30)
    await user.should_see("Deze twee groepen lijken op elkaar")
    user.find(marker=f"merge-accept-{pair}").click()

    def merged() -> bool:
        board = engine.boards.board(room.sid, STEP)
        return board is not None and (board.group(first) is None) != (board.group(second) is None)

    await until(merged)
    await user.should_not_see(marker=f"merge-{pair}", retries=30)


async def test_board_learning_merge_suggestion_dismissed_stays_dismissed(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, first, second = _alike_groups(engine, opened)
    pair = _marker(engine, room.sid, first, second)
    await open_console(user, opened)
    await user.should_see(marker=f"merge-{pair}", retries=30)
    user.find(marker=f"merge-dismiss-{pair}").click()

    def offered() -> bool:
        return any({s.first, s.second} == {first, second} for s in engine.boards.merge_suggestions(room.sid, STEP))

    await until(lambda: not offered())
    await user.should_not_see(marker=f"merge-{pair}", retries=30)
    board = engine.boards.board(room.sid, STEP)
    assert board is not None
    assert board.group(first) is not None
    assert board.group(second) is not None
    engine.boards.rename(room.sid, STEP, second, "Uren in het rooster")  # the board changes: still not offered
    await user.should_see("Uren in het rooster", retries=30)
    await user.should_not_see(marker=f"merge-{pair}")


def _author_placed(engine: Engine, room: Room, groups: dict[str, str]) -> tuple[str, str]:
    """Show the groups on phones; Gijs says his answer belongs to "Het hele team". Returns (answer, group)."""
    engine.set_reveal(room.sid, STEP, True)
    engine.boards.show_groups(room.sid, STEP, True)
    cid, target = room.ids[6], groups["Het hele team"]
    engine.boards.place_own(room.sid, room.people["Gijs"], cid, target)
    return cid, target


async def test_board_learning_author_placement_accepted(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    cid, target = _author_placed(engine, room, groups)
    await user.should_see(marker=f"author-{cid}", retries=30)
    await user.should_see("De schrijver zegt: hoort bij Het hele team")
    assert _group_of(engine, room.sid, cid) is None  # nothing changes before the facilitator accepts
    user.find(marker=f"author-accept-{cid}").click()
    await until(lambda: _group_of(engine, room.sid, cid) == target)
    await user.should_not_see(marker=f"author-{cid}", retries=30)


async def test_board_learning_author_placement_dismissed(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    cid, _target = _author_placed(engine, room, groups)
    await user.should_see(marker=f"author-{cid}", retries=30)
    user.find(marker=f"author-dismiss-{cid}").click()
    await until(lambda: engine.boards.author_placements(room.sid, STEP) == [])
    await user.should_not_see(marker=f"author-{cid}", retries=30)
    assert _group_of(engine, room.sid, cid) is None


async def test_board_learning_buttons_have_names(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    cid = _late_arrival(engine, opened, room)
    author, _ = _author_placed(engine, room, groups)
    await user.should_see(marker=f"author-{author}", retries=30)
    for marker in (f"accept-{cid}", f"elsewhere-{cid}", f"author-accept-{author}", f"author-dismiss-{author}"):
        for element in user.find(marker=marker).elements:
            assert str(element.props.get("aria-label", "")).strip(), marker


async def test_board_learning_strip_late_arrival_stays_out_of_eigen_geluid_until_placed(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, _groups = arranged(engine, opened)
    await open_console(user, opened)
    await user.should_see(marker="tile-alone")
    assert _text(user, "count-alone") == "2 bijdragen · 2 mensen"
    await asyncio.sleep(3 * FLUSH_INTERVAL)  # the console has read its lists: the arrival must update them
    cid = _late_arrival(engine, opened, room)
    await user.should_see(marker=f"new-{cid}", retries=30)
    await asyncio.sleep(3 * FLUSH_INTERVAL)  # the board has caught up with the arrival too
    await user.should_not_see(marker=f"card-{cid}")  # only in the strip, not also on the board
    assert _text(user, "count-alone") == "2 bijdragen · 2 mensen"
    await user.should_see("→ Eigen geluid")  # like no group more than unrelated answers: the guess is its own
    user.find(marker=f"accept-{cid}").click()
    await user.should_see(marker=f"card-{cid}", retries=30)
    await user.should_not_see(marker=f"new-{cid}", retries=30)
    assert _text(user, "count-alone") == "3 bijdragen · 3 mensen"
