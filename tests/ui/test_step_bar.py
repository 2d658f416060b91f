"""The console's step bar (narrow screens): it names the step and its place, and turns the step both ways."""

from __future__ import annotations

from board_setup import until
from console_page import open_console
from nicegui import ui
from nicegui.testing import User

from kit.core.engine import Engine, OpenedSession
from kit.i18n import t


def bar_text(user: User, marker: str) -> str:
    """Return the text of the bar's label ``marker``."""
    label = next(iter(user.find(marker=marker).elements))
    assert isinstance(label, ui.label)
    return label.text


async def test_step_bar_names_the_step_and_its_place(user: User, engine: Engine, opened: OpenedSession) -> None:
    await open_console(user, opened)
    assert bar_text(user, "bar-name") == t("step.short.welcome")
    assert bar_text(user, "bar-count") == t("ui.console.step_count", index=1, count=8)


async def test_step_bar_turns_the_step_both_ways(user: User, engine: Engine, opened: OpenedSession) -> None:
    sid = opened.session.id
    await open_console(user, opened)
    user.find(marker="bar-next").click()
    await until(lambda: engine.get_session(sid).current_step == "start.individual")
    await until(lambda: bar_text(user, "bar-count") == t("ui.console.step_count", index=2, count=8))
    assert bar_text(user, "bar-name") == t("step.short.start_individual")
    user.find(marker="bar-previous").click()
    await until(lambda: engine.get_session(sid).current_step == "welcome")


async def test_step_bar_follows_a_step_chosen_elsewhere(user: User, engine: Engine, opened: OpenedSession) -> None:
    sid = opened.session.id
    await open_console(user, opened)
    engine.jump_to_step(sid, "start.group")  # another console, or the keys
    await until(lambda: bar_text(user, "bar-count") == t("ui.console.step_count", index=3, count=8))
