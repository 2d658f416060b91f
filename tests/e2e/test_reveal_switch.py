"""The console's reveal switch keeps a click that spans a change of the step's state, in Chromium.

A click is a press and a release on one element. The step's controls used to be drawn anew on every
change of the step's state (input paused, a countdown, a reveal from the projector's keys or another
console), so a click pressed just before such a change was released on a new switch and lost, as was
a click that reached the laptop after its switch was replaced. The test holds the mouse on the switch
while the step changes (P pauses input), then releases it: the contributions must be shown.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREEN = {"width": 1280, "height": 720}


def console_on_start_question(kit: Any, browser: Any) -> Any:
    """Start a session from the home and step to the start question; return the console page."""
    console = browser.new_context(viewport=SCREEN).new_page()
    console.goto(kit.login_url())
    console.get_by_label(t("ui.home.session_title")).fill("Studiedag groep A")
    console.get_by_role("button", name=t("ui.home.start")).click()
    console.wait_for_url(re.compile(r".*/console/[0-9a-f]+$"))
    console.locator(".dk-keys").wait_for()
    console.locator("body").click(position={"x": 640, "y": 10})
    console.keyboard.press("ArrowRight")
    console.get_by_role("switch", name=t("ui.console.reveal")).wait_for()
    return console


def pressed(console: Any, state: str) -> Any:
    """The input toggle's button for ``state`` (open, paused, closed) while it is the chosen one."""
    return console.locator(f'button[aria-pressed="true"]:has-text("{t(f"ui.console.input.{state}")}")')


def test_reveal_click_spanning_a_step_change_is_kept(kit_server: Any, browser: Any) -> None:
    console = console_on_start_question(kit_server, browser)
    reveal = console.get_by_role("switch", name=t("ui.console.reveal"))
    for state, shown in (("paused", "true"), ("open", "false"), ("paused", "true")):
        box = reveal.bounding_box()
        assert box is not None
        console.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        console.mouse.down()
        console.keyboard.press("p")  # the step's state changes while the switch is held
        pressed(console, state).wait_for()
        console.mouse.up()
        console.locator(f'[role="switch"][aria-checked="{shown}"]:has-text("{t("ui.console.reveal")}")') \
            .wait_for(timeout=5000)
