"""The console's opinion groups: sizes, what each recognises most on the board, and the two switches."""

from __future__ import annotations

from board_setup import texts_in, until
from nicegui import ui
from nicegui.testing import User
from opinions_room import STEP, opinion_room

from kit.core.engine import Engine, OpenedSession
from kit.ui.shared.flags import ScreenFlags


async def test_console_opinions_names_the_groups_their_themes_and_the_sides(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    room = opinion_room(engine, opened)
    await user.open(f"/console/{room.sid}?key={opened.secret}")
    await user.should_see(marker="opinion-group-A", retries=60)
    group_a = texts_in(user, "opinion-group-A")
    assert group_a == ["A", "Groep A (16)", "Herkent het meest: Tijd en werkdruk, Wat we samen doen"]
    group_b = texts_in(user, "opinion-group-B")
    assert group_b[1:] == ["Groep B (14)", "Herkent het meest: Zo doen we het al, Wat we samen doen"]
    await user.should_see("Groep A (16) herkent dit · Groep B (14) ziet het anders")
    panel = " ".join(texts_in(user, "opinions-body"))
    assert not any(name in panel for name in room.names)  # who is in which group is never shown


async def test_console_opinions_switches_open_the_projector_view_and_let_phones_show_the_group(
    user: User, engine: Engine, opened: OpenedSession, flags: ScreenFlags
) -> None:
    room = opinion_room(engine, opened, themes=False)
    await user.open(f"/console/{room.sid}?key={opened.secret}")
    await user.should_see(marker="opinions-panel")
    user.find(marker="opinions-show").click()
    await until(lambda: flags.opinions_step(room.sid) == STEP)
    await user.should_see("Terug naar de bijdragen", retries=30)
    switch = next(iter(user.find(marker="own-group-switch").elements))
    assert isinstance(switch, ui.switch)
    assert switch.value is False
    switch.set_value(True)
    await until(lambda: engine.opinions.own_group.shown(room.sid))
    switch.set_value(False)
    await until(lambda: not engine.opinions.own_group.shown(room.sid))
