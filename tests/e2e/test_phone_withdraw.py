"""The phone page at 360×740 when a participant withdraws a contribution: asked once, without a time
limit, then told it is done (read out by a screen reader), with a way to undo it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_phone import no_horizontal_scroll, open_session
from test_phone_limits import PHONE_360

from kit.core.engine import Engine
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEXT = "Tijd en ruimte om samen te leren met studenten."


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh 360×740 touch phone tab whose clock the test moves on."""
    context = browser.new_context(**PHONE_360)
    try:
        tab = context.new_page()
        tab.clock.install()
        yield tab
    finally:
        context.close()


def test_withdrawal_is_confirmed_aloud_and_can_be_undone(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#conn.online")
    page.fill("#text", TEXT)
    page.click("#send")
    page.wait_for_selector("#mine-list li >> text=" + TEXT)

    page.click("#mine-list button >> text=" + t("phone.mine.withdraw", "nl"))
    confirm = page.locator("#mine-list button.armed")
    assert confirm.text_content() == t("phone.mine.withdraw_confirm", "nl")
    assert page.evaluate("document.activeElement.classList.contains('armed')")
    page.clock.run_for(10_000)  # no time limit on deciding
    assert confirm.is_visible()
    confirm.click()

    done = t("phone.withdraw.done", "nl")
    page.wait_for_selector("#notice >> text=" + done)
    assert page.get_attribute("#notice", "role") == "status"
    assert page.get_attribute("#notice", "aria-live") == "polite"
    assert page.evaluate("document.activeElement.id") == "notice"
    assert page.is_hidden("#mine")
    assert [c.withdrawn for c in engine.contributions(session.id)] == [True]
    page.clock.run_for(10_000)  # the confirmation and its undo stay until something else happens
    assert page.is_visible("#notice >> text=" + done)
    assert page.is_visible("#undo")
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "phone-360-withdrawn.png"))

    page.click("#undo")
    page.wait_for_selector("#notice >> text=" + t("phone.withdraw.undone", "nl"))
    page.wait_for_selector("#mine-list li >> text=" + TEXT)
    page.wait_for_function("() => !document.querySelector('#mine-list li .tag')")  # stored again
    assert page.text_content("#notice") == t("phone.withdraw.undone", "nl")
    assert page.is_hidden("#undo")
    visible = [c.text for c in engine.contributions(session.id) if not c.withdrawn]
    assert visible == [TEXT]


def test_arming_withdrawal_can_be_cancelled(page: Any, engine: Engine, phones_url: str) -> None:
    session = open_session(engine)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#conn.online")
    page.fill("#text", TEXT)
    page.click("#send")
    page.wait_for_selector("#mine-list li >> text=" + TEXT)

    page.click("#mine-list button >> text=" + t("phone.mine.withdraw", "nl"))
    page.click("#mine-list button >> text=" + t("phone.mine.cancel", "nl"))

    assert page.locator("#mine-list button.armed").count() == 0
    assert page.is_visible("#mine-list button >> text=" + t("phone.mine.edit", "nl"))
    assert [c.withdrawn for c in engine.contributions(session.id)] == [False]
