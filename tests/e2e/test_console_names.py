"""Who wrote what, on the console of a session with names: phones join with a name and send, in Chromium.

Saves ``console-contributions-with-names.png`` (1280×720) in ``tests/artifacts/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREEN = {"width": 1280, "height": 720}
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
WRITERS = (
    ("Anna de Vries", "Samen opleiden is een gedeelde verantwoordelijkheid van school en opleiding."),
    ("", "Studenten horen erbij, als collega in het team."),
    ("Bram Jansen", "Het kost tijd, maar het levert ons nieuwe ideeën op."),
)


def test_console_shows_who_wrote_each_contribution(kit_server: Any, browser: Any, artifacts: Path) -> None:
    console = browser.new_context(viewport=SCREEN).new_page()
    console.goto(kit_server.login_url())
    console.get_by_label(t("ui.home.session_title")).fill("Studiedag groep A")
    console.get_by_role("radio", name=t("ui.anonymity.optional")).click()
    console.get_by_role("button", name=t("ui.home.start")).click()
    console.wait_for_url(re.compile(r".*/console/[0-9a-f]+$"))
    code = str(console.locator(".dk-code").first.inner_text()).strip()
    console.locator("body").click(position={"x": 640, "y": 10})
    console.keyboard.press("ArrowRight")
    console.get_by_role("switch", name=t("ui.console.reveal")).wait_for()

    for name, text in WRITERS:
        phone = browser.new_context(**PHONE).new_page()
        phone.goto(f"{kit_server.base_url}/j/{code}")
        phone.locator("#name").fill(name)
        phone.locator("#join-form button").click()
        phone.locator("#text").fill(text)
        phone.locator("#send").click()
        console.get_by_text(text).wait_for()

    rows = console.locator(".dk-moderation-row")
    assert rows.count() == len(WRITERS)
    shown = [str(rows.nth(index).inner_text()) for index in range(rows.count())]
    for (name, text), row in zip(WRITERS, shown, strict=True):
        assert text in row
        assert (name or t("ui.console.participant_anonymous", "nl", number=2)) in row
    rows.first.scroll_into_view_if_needed()
    console.screenshot(path=str(artifacts / "console-contributions-with-names.png"))
