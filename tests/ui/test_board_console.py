"""The console's group board: suggest, move (tap and drag), rename, merge, split, undo, late answers."""

from __future__ import annotations

import asyncio
from pathlib import Path

from board_setup import ANSWERS, STEP, answered, arranged, one, until
from console_page import open_console
from nicegui import ui
from nicegui.testing import User

from kit.core.card import Card
from kit.core.engine import Engine, OpenedSession
from kit.core.events import DiscussionSort
from kit.store.sqlite import SqliteStore
from kit.ui.shared.flags import ScreenFlags


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
    await user.should_see(marker="board-chosen")
    user.find(marker=f"to-{groups['Het hele team']}").click()
    await until(lambda: group_of(engine, room.sid, room.ids[0]) == groups["Het hele team"])
    user.find(marker=f"move-{room.ids[6]}").click()
    user.find(marker="to-new").click()
    await until(lambda: group_of(engine, room.sid, room.ids[6]) not in (None, *groups.values()))
    user.find(marker=f"move-{room.ids[1]}").click()
    user.find(marker="to-alone").click()
    await until(lambda: group_of(engine, room.sid, room.ids[1]) is None)


async def test_board_console_tap_chooses_and_lets_go(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    user.find(marker=f"move-{room.ids[0]}").click()
    await user.should_see(f"Gekozen: ‘{ANSWERS[0][1][:20]}")
    assert one(user, f"move-{room.ids[0]}").props["aria-pressed"] == "true"
    await user.should_see(marker=f"to-{groups['Het hele team']}")
    await user.should_not_see(marker=f"to-{groups['Tijd en ruimte']}")  # the card's own group does not offer
    user.find(marker="let-go").click()
    await user.should_not_see(marker="board-chosen")
    user.find(marker=f"move-{room.ids[0]}").click()
    user.find(marker=f"move-{room.ids[0]}").click()  # a second tap on the same card lets go too
    await user.should_not_see(marker=f"to-{groups['Het hele team']}")
    assert group_of(engine, room.sid, room.ids[0]) == groups["Tijd en ruimte"]


async def test_board_console_merges_from_the_pending_strip(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    await user.should_not_see(marker="merge-selected")
    user.find(marker=f"select-{groups['Tijd en ruimte']}").click()
    user.find(marker=f"select-{groups['Het hele team']}").click()
    await user.should_see("2 groepen samenvoegen")
    user.find(marker="merge-selected").click()
    await until(lambda: len({group_of(engine, room.sid, room.ids[i]) for i in (0, 1, 4, 5)}) == 1)


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
    await user.should_not_see(marker=f"split-{group_id}")  # offered once some of its contributions are ticked
    user.find(marker=f"pick-{room.ids[3]}").click()
    await user.should_see(marker=f"split-{group_id}")
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


def key_of(user: User, group_key: str) -> str:
    """Return the key number the board shows on a group's tile."""
    label = one(user, f"key-{group_key}")
    assert isinstance(label, ui.label)
    return label.text


def text_of(user: User, marker: str) -> str:
    label = one(user, marker)
    assert isinstance(label, ui.label)
    return label.text


async def test_board_console_shows_reactions_live(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    await user.should_see(marker=f"tile-{groups['Tijd en ruimte']}")
    await user.should_not_see(marker=f"contested-{groups['Tijd en ruimte']}")
    people = room.people
    for name in ("Carla", "Daan", "Eva"):
        engine.reactions.react(room.sid, people[name], room.ids[0], "recognise")
    for name in ("Gijs", "Fleur"):
        engine.reactions.react(room.sid, people[name], room.ids[0], "differ")
    await user.should_see("✓ 3 · ≠ 2", retries=30)
    group = groups["Tijd en ruimte"]
    assert text_of(user, f"sides-{group}") == "3 herkennen · 2 zien het anders"
    assert text_of(user, f"count-{group}") == "2 bijdragen · 2 mensen"
    await user.should_see(marker=f"contested-{group}")
    assert "dk-bcard--differ" in one(user, f"card-{room.ids[0]}").classes
    assert "dk-btile--contested" in one(user, f"tile-{group}").classes
    engine.reactions.react(room.sid, people["Gijs"], room.ids[0], "recognise")  # 4 against 1: shared
    await user.should_see("✓ 4 · ≠ 1", retries=30)
    await user.should_not_see(marker=f"contested-{group}")
    assert "dk-bcard--differ" not in one(user, f"card-{room.ids[0]}").classes


async def test_board_console_moves_card_by_keyboard(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    team = groups["Het hele team"]
    number = key_of(user, team)
    assert number in "123"
    assert key_of(user, "alone") == "0"
    card = user.find(marker=f"move-{room.ids[6]}")
    card.trigger("keydown", "Enter")
    await user.should_see("Gekozen: ‘De samenwerking met de pabo kan beter afgestemd worden.’", retries=10)
    card.trigger("keydown", number)
    await until(lambda: group_of(engine, room.sid, room.ids[6]) == team)
    await user.should_not_see(marker="board-chosen", retries=10)
    user.find(marker=f"move-{room.ids[6]}").trigger("keydown", "0")
    await until(lambda: group_of(engine, room.sid, room.ids[6]) is None)
    user.find(marker=f"move-{room.ids[6]}").trigger("keydown", "n")
    await until(lambda: group_of(engine, room.sid, room.ids[6]) not in (None, *groups.values()))
    user.find(marker=f"move-{room.ids[0]}").trigger("keydown", "9")  # no group 9: nothing moves
    await user.should_see("Er is geen groep met nummer 9.")
    assert group_of(engine, room.sid, room.ids[0]) == groups["Tijd en ruimte"]


async def test_board_console_card_keys_have_names(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    body = one(user, f"move-{room.ids[0]}")
    assert body.props["role"] == "button"
    assert body.props["tabindex"] == "0"
    # named by the text it shows (axe: label-content-name-mismatch), told how to move it by its description
    assert "aria-label" not in body.props
    assert ANSWERS[0][1] in [e.text for e in body.descendants() if isinstance(e, ui.label)]
    assert body.props["title"] == "Tik of Enter om te kiezen, dan een groep."
    group = groups["Tijd en ruimte"]
    for marker in (f"select-{group}", f"rename-{group}", f"open-{group}", f"key-{group}", f"pick-{room.ids[0]}"):
        assert one(user, marker).props.get("aria-label"), marker


async def test_board_console_label_is_shown_whole(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    long = "Lerende organisatie waarin iedereen opleidt en ook leert"
    engine.boards.rename(room.sid, STEP, groups["Het hele team"], long)
    await open_console(user, opened)
    label = one(user, f"label-{groups['Het hele team']}")
    assert isinstance(label, ui.label)  # a wrapping label, not a one-line field
    assert label.text == long
    assert "dk-btile-label" in label.classes


async def test_board_console_opens_group_on_screen_and_back(
    user: User, engine: Engine, opened: OpenedSession, flags: ScreenFlags
) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    group = groups["Leren van studenten"]
    await user.should_not_see(marker=f"onscreen-{group}")
    await user.should_not_see(marker="overview")
    user.find(marker=f"open-{group}").click()
    await until(lambda: flags.discussion(room.sid).opened(STEP) == group)
    assert engine.boards.groups_shown(room.sid, STEP)  # opening a group puts the groups on the screen
    await user.should_see(marker=f"onscreen-{group}", retries=20)
    await user.should_see("groep ‘Leren van studenten’")
    user.find(marker="overview").click()
    await until(lambda: flags.discussion(room.sid).opened(STEP) is None)
    await user.should_not_see(marker=f"onscreen-{group}", retries=20)
    await user.should_see("overzicht van de groepen")


async def test_board_console_follows_group_opened_elsewhere(
    user: User, engine: Engine, opened: OpenedSession, flags: ScreenFlags
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_console(user, opened)
    flags.open_group(room.sid, STEP, "alone")  # the projector's keys, or another console
    await user.should_see(marker="onscreen-alone", retries=30)
    await user.should_see("groep ‘Eigen geluid’")
    flags.open_group(room.sid, STEP, groups["Tijd en ruimte"])
    await user.should_see(marker=f"onscreen-{groups['Tijd en ruimte']}", retries=30)
    await user.should_not_see(marker="onscreen-alone")


async def test_board_console_sorts_the_screen_overview(
    user: User, engine: Engine, opened: OpenedSession, flags: ScreenFlags
) -> None:
    arranged(engine, opened)
    await open_console(user, opened)
    assert one(user, "sort-shared").props.get("aria-pressed") == "true"
    user.find(marker="sort-contested").click()
    assert flags.discussion(opened.session.id).sort is DiscussionSort.CONTESTED
    assert one(user, "sort-contested").props.get("aria-pressed") == "true"
    assert one(user, "sort-shared").props.get("aria-pressed") == "false"
    user.find(marker="sort-shared").click()
    assert flags.discussion(opened.session.id).sort is DiscussionSort.SHARED


async def test_board_console_gets_the_width_with_tabs(user: User, engine: Engine, opened: OpenedSession) -> None:
    arranged(engine, opened)
    await open_console(user, opened)
    await user.should_see(marker="workspace")
    tabs = one(user, "workspace-tabs")
    assert isinstance(tabs, ui.tabs)
    assert tabs.value == "board"
    for marker in ("notes-panel", "conversation", "report", "board-new", "board-merge"):
        assert len(user.find(marker=marker).elements) == 1, marker
    await user.should_see("Nu op het scherm")
    engine.jump_to_step(opened.session.id, "role_choice.0")
    await user.should_not_see(marker="workspace", retries=20)
    await user.should_see(marker="notes-panel")


async def test_board_console_tiles_keep_their_place(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    grid = one(user, "board-grid")
    before = list(grid.default_slot.children)
    keys = {group: key_of(user, group) for group in groups.values()}
    engine.boards.move(room.sid, STEP, room.ids[6], groups["Het hele team"])  # now the largest group
    engine.boards.move(room.sid, STEP, room.ids[7], groups["Het hele team"])
    engine.boards.move(room.sid, STEP, room.ids[0], groups["Het hele team"])
    await user.should_see("5 bijdragen · 5 mensen", retries=30)
    await user.should_see(marker=f"more-{groups['Het hele team']}")  # five cards: three shown until unfolded
    assert list(grid.default_slot.children) == before
    assert {group: key_of(user, group) for group in groups.values()} == keys
    tile = one(user, f"tile-{groups['Het hele team']}")
    shown = [e for e in tile.descendants() if "dk-bcard" in e.classes and e.visible]
    assert len(shown) == 3
    user.find(marker=f"more-{groups['Het hele team']}").click()
    for cid in (room.ids[i] for i in (4, 5, 6, 7, 0)):
        await user.should_see(marker=f"card-{cid}")


async def test_board_console_keeps_its_cards_between_the_question_and_its_group_step(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    await open_console(user, opened)
    await user.should_see(marker=f"card-{room.ids[0]}")
    card, tile = one(user, f"card-{room.ids[0]}"), one(user, f"tile-{groups['Tijd en ruimte']}")
    engine.go_back(room.sid)  # the start question shows the same board
    await asyncio.sleep(1)  # the console has taken the step change
    await user.should_see(marker=f"card-{room.ids[0]}", retries=30)
    assert one(user, f"card-{room.ids[0]}") is card
    assert one(user, f"tile-{groups['Tijd en ruimte']}") is tile
