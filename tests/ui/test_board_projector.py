"""The projector's grouped view: labelled groups by size, counts, "eigen geluid", recognition, differences."""

from __future__ import annotations

from board_setup import ANSWERS, STEP, arranged, one, texts_in
from nicegui.testing import User

from kit.core.engine import Engine, OpenedSession


async def open_projector(user: User, opened: OpenedSession) -> None:
    await user.open(f"/projector/{opened.session.id}?view={opened.session.view_key}")


async def test_board_projector_shows_wall_until_groups_are_switched_on(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, _groups = arranged(engine, opened)
    await open_projector(user, opened)
    await user.should_see(marker="wall")
    await user.should_not_see("Overeenkomsten en verschillen")
    engine.boards.show_groups(room.sid, STEP, True)
    await user.should_see("Overeenkomsten en verschillen", retries=30)
    await user.should_not_see(marker="wall")
    engine.boards.show_groups(room.sid, STEP, False)
    await user.should_see(marker="wall", retries=30)
    await user.should_not_see("Overeenkomsten en verschillen")


async def test_board_projector_shows_labels_counts_and_own_voices(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.move(room.sid, STEP, room.ids[7], groups["Het hele team"])
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    await user.should_see("Overeenkomsten en verschillen")
    assert texts_in(user, f"tile-{groups['Het hele team']}")[:2] == ["Het hele team", "3"]
    assert texts_in(user, f"tile-{groups['Tijd en ruimte']}")[:2] == ["Tijd en ruimte", "2"]
    assert texts_in(user, "tile-alone")[:3] == ["Eigen geluid", "1", ANSWERS[6][1]]
    order = next(iter(user.find(marker="tiles").elements)).default_slot.children
    assert order[0] is one(user, f"tile-{groups['Het hele team']}")  # most participants first
    assert order[-1] is one(user, "tile-alone")
    for _name, text in ANSWERS:
        await user.should_see(text)


async def test_board_projector_shows_recognition_and_points_of_difference(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    await user.should_see(marker="differ-legend")
    await user.should_see("Hier verschillen we: sommigen herkennen dit, anderen zien het anders")
    await user.should_not_see(marker="differ-counts")
    people = room.people
    for name in ("Carla", "Daan", "Eva"):
        engine.boards.react(room.sid, people[name], room.ids[0], "recognise")
    engine.boards.react(room.sid, people["Gijs"], room.ids[0], "differ")
    engine.boards.react(room.sid, people["Fleur"], room.ids[0], "differ")
    engine.boards.react(room.sid, people["Hanna"], room.ids[1], "recognise")
    engine.boards.react(room.sid, people["Gijs"], room.ids[1], "differ")
    await user.should_see("3 herkennen · 2 anders", retries=30)
    assert "4 herkennen dit" in texts_in(user, f"tile-{groups['Tijd en ruimte']}")
    assert "dk-gcard--differ" in one(user, f"gcard-{room.ids[0]}").classes
    assert "dk-gcard--differ" not in one(user, f"gcard-{room.ids[1]}").classes


async def test_board_projector_follows_board_changes_in_place(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    card = one(user, f"gcard-{room.ids[6]}")
    engine.boards.move(room.sid, STEP, room.ids[6], groups["Leren van studenten"])
    engine.boards.rename(room.sid, STEP, groups["Leren van studenten"], "Leren van elkaar")
    await user.should_see("Leren van elkaar", retries=30)
    tile = texts_in(user, f"tile-{groups['Leren van studenten']}")
    assert tile[:2] == ["Leren van elkaar", "3"]
    assert one(user, f"gcard-{room.ids[6]}") is card  # moved, not drawn again
    engine.boards.merge(room.sid, STEP, [groups["Leren van studenten"], groups["Tijd en ruimte"]])
    await user.should_not_see(marker=f"tile-{groups['Tijd en ruimte']}", retries=30)
    assert texts_in(user, f"tile-{groups['Leren van studenten']}")[1] == "5"


async def test_board_projector_keeps_hidden_contributions_off_the_groups(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room, _groups = arranged(engine, opened)
    engine.boards.show_groups(room.sid, STEP, True)
    await open_projector(user, opened)
    await user.should_see(ANSWERS[2][1])
    engine.hide_contribution(room.sid, room.ids[2])
    await user.should_not_see(ANSWERS[2][1], retries=30)
