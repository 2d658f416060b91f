"""The projector's opinion groups: what we share, where we differ with each side's size, a map, never names."""

from __future__ import annotations

from board_setup import texts_in
from nicegui.testing import User
from opinions_room import ANSWERS, STEP, opinion_room
from ui_keys import press

from kit.core.engine import Engine, OpenedSession
from kit.ui.shared.flags import ScreenFlags


async def open_projector(user: User, opened: OpenedSession) -> None:
    await user.open(f"/projector/{opened.session.id}?view={opened.session.view_key}")


async def test_opinions_view_opens_with_m_and_shows_shared_and_the_two_sides(
    user: User, engine: Engine, opened: OpenedSession, flags: ScreenFlags
) -> None:
    room = opinion_room(engine, opened)
    await user.open(f"/console/{opened.session.id}?key={opened.secret}")  # this browser runs the session
    await open_projector(user, opened)
    await user.should_see(marker="wall")
    press(user, "m")
    await user.should_see(marker="opinions-items", retries=60)
    assert flags.opinions_step(room.sid) == STEP
    await user.should_see("Wat we delen")
    await user.should_see("Waar we verschillen")
    shared = texts_in(user, f"shared-{room.ids[5]}")
    assert shared[-1] == ANSWERS[5]
    sides = {e.text for e in user.find(marker="differ-sides").elements}
    assert sides == {"Groep A (16) herkent dit · Groep B (14) ziet het anders"}
    legend = texts_in(user, "opinions-legend")
    assert legend == ["A", "Groep A: 16 mensen", "B", "Groep B: 14 mensen"]
    await user.should_see("30 mensen reageerden op minstens 5 bijdragen")
    for name in room.names[:3] + room.camp_a[:2]:
        await user.should_not_see(name)
    press(user, "m")
    await user.should_see(marker="wall", retries=30)
    assert flags.opinions_step(room.sid) is None


async def test_opinions_view_says_plainly_when_there_is_not_enough_yet(
    user: User, engine: Engine, opened: OpenedSession, flags: ScreenFlags
) -> None:
    room = opinion_room(engine, opened, camp_a=3, camp_b=2, themes=False)
    flags.show_opinions(room.sid, STEP)
    await open_projector(user, opened)
    await user.should_see(marker="opinions-reason", retries=60)
    await user.should_see("Nog te weinig om iets over te zeggen: daarvoor moeten minstens 8 mensen op minstens "
                          "5 bijdragen reageren.")
    await user.should_not_see("Waar we verschillen")
