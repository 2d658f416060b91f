"""The console's group board: suggest, move (tap and drag), rename, merge, split, undo, late answers."""

from __future__ import annotations

import asyncio
from pathlib import Path

from board_setup import STEP, answered, arranged, until
from console_page import open_console
from nicegui import ui
from nicegui.testing import User

from kit.core.card import Card
from kit.core.engine import Engine, OpenedSession
from kit.store.sqlite import SqliteStore


def group_of(engine: Engine, sid: str, contribution_id: str) -> str | None:
    board = engine.boards.board(sid, STEP)
    assert board is not None
    return board.group_of(contribution_id)


async def test_board_console_suggests_groups(user: User, engine: Engine, opened: OpenedSession) -> None:
    room = answered(engine, opened)
    await open_console(user, opened)
    await user.should_see("Groepen voorstellen")
    await user.should_see(marker="board-empty")
    user.find(marker="suggest").click()
    await until(lambda: engine.boards.board(room.sid, STEP) is not None)
    await user.should_see("Opnieuw voorstellen", retries=20)
    board = engine.boards.board(room.sid, STEP)
    assert board is not None
    for group in board.groups:
        await user.should_see(marker=f"label-{group.id}", retries=20)


async def test_board_console_moves_by_tap(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    user.find(marker=f"move-{room.ids[0]}").click()
    await user.should_see("Verplaatsen naar")
    user.find(marker=f"to-{groups['Het hele team']}").click()
    await until(lambda: group_of(engine, room.sid, room.ids[0]) == groups["Het hele team"])
    user.find(marker=f"move-{room.ids[6]}").click()
    user.find(marker="to-new").click()
    await until(lambda: group_of(engine, room.sid, room.ids[6]) not in (None, *groups.values()))
    user.find(marker=f"move-{room.ids[1]}").click()
    user.find(marker="to-alone").click()
    await until(lambda: group_of(engine, room.sid, room.ids[1]) is None)


async def test_board_console_moves_by_drag(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    user.find(marker=f"card-{room.ids[7]}").trigger("dragstart")
    user.find(marker=f"drop-{groups['Leren van studenten']}").trigger("drop")
    await until(lambda: group_of(engine, room.sid, room.ids[7]) == groups["Leren van studenten"])
    await user.should_see(marker=f"count-{groups['Leren van studenten']}", retries=20)
    user.find(marker=f"card-{room.ids[4]}").trigger("dragstart")
    user.find(marker="drop-new").trigger("drop")
    await until(lambda: group_of(engine, room.sid, room.ids[4]) not in (None, *groups.values()))


async def test_board_console_renames_group(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    group_id = groups["Tijd en ruimte"]
    user.find(marker=f"rename-{group_id}").click()
    user.find(marker="rename-input").clear().type("Werkdruk en rooster").trigger("keydown.enter")

    def renamed() -> bool:
        board = engine.boards.board(room.sid, STEP)
        group = board.group(group_id) if board else None
        return group is not None and group.label == "Werkdruk en rooster"

    await until(renamed)


async def test_board_console_merges_groups(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    assert not next(iter(user.find(marker="merge").elements)).enabled
    user.find(marker=f"select-{groups['Tijd en ruimte']}").click()
    user.find(marker=f"select-{groups['Het hele team']}").click()
    merge = next(iter(user.find(marker="merge").elements))
    assert merge.enabled
    user.find(marker="merge").click()

    def merged() -> bool:
        board = engine.boards.board(room.sid, STEP)
        return board is not None and len(board.groups) == 2

    await until(merged)
    kept = {group_of(engine, room.sid, room.ids[i]) for i in (0, 1, 4, 5)}
    assert len(kept) == 1


async def test_board_console_splits_group(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    group_id = groups["Leren van studenten"]
    split = next(iter(user.find(marker=f"split-{group_id}").elements))
    assert not split.enabled
    user.find(marker=f"pick-{room.ids[3]}").click()
    assert split.enabled
    user.find(marker=f"split-{group_id}").click()
    await until(lambda: group_of(engine, room.sid, room.ids[3]) not in (None, *groups.values()))
    assert group_of(engine, room.sid, room.ids[2]) == group_id


async def test_board_console_undoes_last_change(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    user.find(marker=f"move-{room.ids[0]}").click()
    user.find(marker="to-alone").click()
    await until(lambda: group_of(engine, room.sid, room.ids[0]) is None)
    await user.should_see(marker="undo", retries=20)
    assert next(iter(user.find(marker="undo").elements)).enabled
    user.find(marker="undo").click()
    await until(lambda: group_of(engine, room.sid, room.ids[0]) == groups["Tijd en ruimte"])


async def test_board_console_decisions_survive_recompute_and_restart(
    user: User, engine: Engine, opened: OpenedSession, store: SqliteStore, card: Card
) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    user.find(marker=f"rename-{groups['Het hele team']}").click()
    user.find(marker="rename-input").clear().type("Het team als geheel")
    user.find(marker="rename-save").click()
    user.find(marker=f"move-{room.ids[6]}").click()
    user.find(marker=f"to-{groups['Tijd en ruimte']}").click()
    await until(lambda: group_of(engine, room.sid, room.ids[6]) == groups["Tijd en ruimte"])
    before = engine.boards.board(room.sid, STEP)
    user.find(marker="suggest").click()  # "Opnieuw voorstellen"
    await asyncio.sleep(0.5)
    after = engine.boards.suggest(room.sid, STEP)  # and once more, certainly finished
    assert before is not None
    assert {g.id: set(g.members) for g in after.groups} == {g.id: set(g.members) for g in before.groups}
    assert after.group(groups["Het hele team"]).label == "Het team als geheel"  # type: ignore[union-attr]

    restarted = Engine(SqliteStore(Path(store.path)), {card.id: card})
    try:
        again = restarted.boards.suggest(room.sid, STEP)
        assert again.group_of(room.ids[6]) == groups["Tijd en ruimte"]
        assert again.group_of(room.ids[7]) is None
        assert again.group(groups["Het hele team"]).label == "Het team als geheel"  # type: ignore[union-attr]
    finally:
        restarted.store.close()


async def test_board_console_show_groups_switch_is_stored(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room = answered(engine, opened)
    await open_console(user, opened)
    switch = next(iter(user.find(marker="show-groups").elements))
    assert isinstance(switch, ui.switch)
    user.find(marker="show-groups").click()
    await until(lambda: engine.boards.groups_shown(room.sid, STEP))
    assert engine.boards.board(room.sid, STEP) is not None  # switching on suggested groups first
    user.find(marker="show-groups").click()
    await until(lambda: not engine.boards.groups_shown(room.sid, STEP))


async def test_board_console_switch_follows_the_engine(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room = answered(engine, opened)
    await open_console(user, opened)
    switch = next(iter(user.find(marker="show-groups").elements))
    assert isinstance(switch, ui.switch)
    assert switch.value is False
    engine.boards.show_groups(room.sid, STEP, True)  # another console switched it on
    await until(lambda: switch.value is True)
    engine.boards.show_groups(room.sid, STEP, False)
    await until(lambda: switch.value is False)
    await asyncio.sleep(0.3)
    assert not engine.boards.groups_shown(room.sid, STEP)  # following the engine did not switch it again


async def test_board_console_places_late_answers_in_groups(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, _groups = arranged(engine, opened)
    await open_console(user, opened)
    late = engine.join_participant(opened.session.code, "Iris")
    engine.add_contribution(
        room.sid, late.participant.id, "answer-late-1", "Wij hebben te weinig tijd voor goede begeleiding.",
        step_key="start.individual",
    )

    def placed() -> bool:
        board = engine.boards.board(room.sid, STEP)
        return board is not None and "answer-late-1" in board.known

    await until(placed, timeout=5.0)
    await user.should_see("Wij hebben te weinig tijd voor goede begeleiding.", retries=30)


async def test_board_console_hidden_on_steps_without_contributions(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    await open_console(user, opened)
    await user.should_not_see(marker="board")
    engine.jump_to_step(opened.session.id, "dream")
    await user.should_see(marker="board", retries=20)
