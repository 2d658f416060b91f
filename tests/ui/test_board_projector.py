"""The projector's grouped view: labelled groups by size, counts, "eigen geluid", recognition, differences."""

from __future__ import annotations

from board_setup import ANSWERS, STEP, arranged, one, texts_in, until
from nicegui import ui
from nicegui.testing import User
from ui_keys import press

from kit.core import events as ev
from kit.core.bus import InProcessBus
from kit.core.engine import Engine, OpenedSession
from kit.core.envelope import to_envelope


async def open_projector(user: User, opened: OpenedSession) -> None:
    await user.open(f"/projector/{opened.session.id}?view={opened.session.view_key}")


async def test_board_projector_shows_wall_until_groups_are_switched_on(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, _groups = arranged(engine, opened)
    await open_projector(user, opened)
    await user.should_see(marker="wall")
    await user.should_not_see(marker="overview")
    engine.boards.show_groups(room.sid, STEP, True)
    await user.should_see(marker="overview", retries=30)
    await user.should_not_see(marker="wall")
    engine.boards.show_groups(room.sid, STEP, False)
    await user.should_see(marker="wall", retries=30)
    await user.should_not_see(marker="overview")


async def test_board_projector_overview_shows_labels_counts_and_one_contribution(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.move(room.sid, STEP, room.ids[7], groups["Het hele team"])
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    await user.should_see(marker="overview")
    team = texts_in(user, f"tile-{groups['Het hele team']}")
    assert team[:3] == ["1", "Het hele team", "3 bijdragen · 3 mensen"]
    assert team[-1] == ANSWERS[4][1]  # nobody reacted yet: the first member stands for the group
    assert texts_in(user, f"tile-{groups['Tijd en ruimte']}")[2] == "2 bijdragen · 2 mensen"
    assert texts_in(user, "tile-alone")[:3] == ["0", "Eigen geluid", "1 bijdrage die op zichzelf staat"]
    assert texts_in(user, "tile-alone")[-1] == ANSWERS[6][1]
    order = next(iter(user.find(marker="tiles").elements)).default_slot.children
    assert order[0] is one(user, f"tile-{groups['Het hele team']}")  # most people first
    await user.should_see("Eigen geluid: past in geen groep")
    await user.should_see("Hier verschillen we: de zaal is verdeeld")


async def test_board_projector_counts_people_and_marks_only_real_differences(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    time = f"tile-{groups['Tijd en ruimte']}"
    await user.should_see(marker=time)
    await user.should_not_see(marker="group-split")
    people = room.people
    for name in ("Carla", "Daan", "Eva"):
        engine.reactions.react(room.sid, people[name], room.ids[0], "recognise")
    engine.reactions.react(room.sid, people["Gijs"], room.ids[0], "differ")
    engine.reactions.react(room.sid, people["Hanna"], room.ids[1], "recognise")
    await user.should_see("4 herkennen · 1 anders", retries=30)
    assert "dk-tile--contested" not in one(user, time).classes  # 4 against 1: shared
    engine.reactions.react(room.sid, people["Fleur"], room.ids[0], "differ")
    engine.reactions.react(room.sid, people["Gijs"], room.ids[1], "differ")
    await user.should_see("4 herkennen · 2 anders", retries=30)
    assert "dk-tile--contested" in one(user, time).classes
    assert "≠" in texts_in(user, time)


async def test_board_projector_keys_open_a_group_and_go_back(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    people = room.people
    for name in ("Carla", "Daan", "Eva"):
        engine.reactions.react(room.sid, people[name], room.ids[0], "recognise")
    for name in ("Fleur", "Gijs"):
        engine.reactions.react(room.sid, people[name], room.ids[0], "differ")
    await user.open(f"/console/{opened.session.id}?key={opened.secret}")
    await open_projector(user, opened)
    await user.should_see(marker="overview")
    await user.should_not_see(marker="focus")
    number = texts_in(user, f"tile-{groups['Tijd en ruimte']}")[0]
    press(user, number)
    await user.should_see(marker="focus", retries=30)
    await user.should_not_see(marker="overview")
    assert texts_in(user, "focus")[1] == "Tijd en ruimte"
    assert "dk-fcard--contested" in one(user, f"fcard-{room.ids[0]}").classes  # 3 against 2
    assert "3 herkennen · 2 anders" in texts_in(user, f"fcard-{room.ids[0]}")
    await user.should_see(ANSWERS[1][1])
    press(user, "ArrowRight")  # the next group, not the next step
    await user.should_not_see(marker=f"fcard-{room.ids[0]}", retries=30)
    assert engine.get_session(room.sid).current_step == STEP
    press(user, "0")
    await user.should_see(marker=f"fcard-{room.ids[6]}", retries=30)
    press(user, "Escape")
    await user.should_see(marker="overview", retries=30)
    await user.should_not_see(marker="focus")


async def test_board_projector_follows_a_group_opened_on_another_instance(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    await user.should_see(marker="overview")
    assert isinstance(engine.bus, InProcessBus)
    opened_there = ev.DiscussionChanged(room.sid, STEP, groups["Tijd en ruimte"], ev.DiscussionSort.SHARED)
    engine.bus.deliver(to_envelope(opened_there, "instance-elsewhere"))
    await user.should_see(marker="focus", retries=30)
    assert texts_in(user, "focus")[1] == "Tijd en ruimte"
    engine.bus.deliver(to_envelope(ev.DiscussionChanged(room.sid, STEP, None, ev.DiscussionSort.SHARED), "elsewhere"))
    await user.should_see(marker="overview", retries=30)
    await user.should_not_see(marker="focus")


async def test_board_projector_keys_need_the_facilitator(user: User, engine: Engine, opened: OpenedSession) -> None:
    room, _groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    await user.should_see(marker="overview")
    press(user, "1")
    press(user, "0")
    await user.should_not_see(marker="focus")


async def test_board_projector_tiles_keep_their_place_as_the_room_reacts(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    await user.should_see(marker="overview")
    tiles = next(iter(user.find(marker="tiles").elements))
    before = list(tiles.default_slot.children)
    for name in ("Anna", "Bram", "Carla", "Daan", "Eva", "Fleur", "Gijs", "Hanna"):
        engine.reactions.react(room.sid, room.people[name], room.ids[2], "recognise")
        engine.reactions.react(room.sid, room.people[name], room.ids[3], "recognise")
    await user.should_see("8 herkennen · 0 anders", retries=30)
    assert list(tiles.default_slot.children) == before  # the most recognised group did not jump to the front
    assert before[0] is not one(user, f"tile-{groups['Leren van studenten']}")


async def test_board_projector_follows_board_changes_in_place(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    learning = f"tile-{groups['Leren van studenten']}"
    tile = one(user, learning)
    engine.boards.move(room.sid, STEP, room.ids[6], groups["Leren van studenten"])
    engine.boards.rename(room.sid, STEP, groups["Leren van studenten"], "Leren van elkaar")
    await user.should_see("Leren van elkaar", retries=30)
    assert texts_in(user, learning)[1:3] == ["Leren van elkaar", "3 bijdragen · 3 mensen"]
    assert one(user, learning) is tile  # changed in place, not drawn again
    engine.boards.merge(room.sid, STEP, [groups["Leren van studenten"], groups["Tijd en ruimte"]])
    await user.should_not_see(marker=f"tile-{groups['Tijd en ruimte']}", retries=30)
    assert texts_in(user, learning)[2] == "5 bijdragen · 5 mensen"


async def test_board_projector_keeps_hidden_contributions_off_the_groups(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, _groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    await user.should_see(ANSWERS[2][1])
    engine.hide_contribution(room.sid, room.ids[2])
    await user.should_not_see(ANSWERS[2][1], retries=30)


async def test_board_projector_leaves_waiting_arrivals_out_of_eigen_geluid(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, _groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await user.open(f"/console/{opened.session.id}?key={opened.secret}")
    await open_projector(user, opened)
    await user.should_see(marker="tile-alone")
    late = engine.join_participant(opened.session.code, "Iris").participant.id
    cid = engine.add_contribution(room.sid, late, "answer-late", "De koffie in de teamkamer is op.",
                                  step_key="start.individual").id
    engine.boards.place_new(room.sid, STEP)
    assert [n.contribution_id for n in engine.boards.new_contributions(room.sid, STEP)] == [cid]
    press(user, "0")
    await user.should_see(marker=f"fcard-{room.ids[6]}", retries=30)
    await user.should_not_see(marker=f"fcard-{cid}")
    assert texts_in(user, "focus")[2] == "2 bijdragen die op zichzelf staan"
    engine.boards.place_one(room.sid, STEP, cid, None)  # the facilitator decides: on its own
    await user.should_see(marker=f"fcard-{cid}", retries=30)
    assert texts_in(user, "focus")[2] == "3 bijdragen die op zichzelf staan"


def _marked(user: User, marker: str) -> set[ui.element]:
    """Return the elements marked ``marker``, shown or hidden (the wall behind the group view)."""
    assert user.client is not None
    return {element for element in user.client.elements.values() if marker in element._markers}


def _cards(user: User) -> set[ui.element]:
    return _marked(user, "card")


def _epoch(user: User) -> object:
    (wall,) = _marked(user, "wall")
    return wall.props["data-epoch"]


async def test_board_projector_steps_to_the_wall_and_back_without_drawing_again(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.set_reveal(room.sid, "start.individual", True)
    engine.set_reveal(room.sid, STEP, True)
    engine.boards.show_groups(room.sid, STEP, True)
    await user.open(f"/console/{opened.session.id}?key={opened.secret}")
    await open_projector(user, opened)
    await user.should_see(marker="overview")
    # The wall behind the groups is filled (hidden) a moment later.
    await until(lambda: len(_cards(user)) == len(ANSWERS))
    cards = _cards(user)
    tile = one(user, f"tile-{groups['Tijd en ruimte']}")
    epoch = _epoch(user)
    press(user, "ArrowLeft")  # back to the answers
    await user.should_see(marker="wall", retries=30)
    await user.should_see(marker="card")
    assert _cards(user) == cards
    assert _epoch(user) != epoch  # the pager starts at page 1
    press(user, "ArrowRight")
    await user.should_see(marker="overview", retries=30)
    assert one(user, f"tile-{groups['Tijd en ruimte']}") is tile
    assert _cards(user) == cards
