"""The phone page at 360×740 tells participants where their name appears, per naming mode.

In a session with names (optional or required) the projector shows each writer's name with their
contributions to the whole room (``kit/ui/projector/page.py``: names unless anonymous), and the
facilitator sees who wrote what; an anonymous session stores and shows no name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_phone import open_session
from test_phone_limits import PHONE_360

from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("anonymity", [Anonymity.REQUIRED, Anonymity.OPTIONAL])
def test_join_page_says_the_name_is_on_the_screen_for_the_whole_room(
    browser: Any, artifacts: Path, engine: Engine, phones_url: str, anonymity: Anonymity
) -> None:
    session = open_session(engine, anonymity)
    context = browser.new_context(**PHONE_360)
    page = context.new_page()
    try:
        page.goto(f"{phones_url}/j/{session.code}")
        page.wait_for_selector("#v-join:not([hidden])")

        hint = t(f"phone.join.shown.{anonymity.value}", "nl")
        assert page.text_content("#name-hint") == hint
        assert "hele zaal" in hint
        assert "wie wat schreef" in hint
        assert "hint" in page.evaluate(
            "document.getElementById('name').getAttribute('aria-describedby')")
        footer = t(f"phone.privacy.{anonymity.value}", "nl")
        assert page.text_content("#privacy") == footer
        assert "hele zaal" in footer
        assert "wie wat schreef" in footer
        page.screenshot(path=str(artifacts / f"phone-360-join-{anonymity.value}.png"), full_page=True)

        page.fill("#name", "Anna de Vries")
        page.click("#join-form button")
        page.wait_for_selector("#v-room:not([hidden])")
        assert page.text_content("#privacy") == footer
    finally:
        context.close()


def test_anonymous_session_says_no_name_is_kept_or_shown(browser: Any, engine: Engine, phones_url: str) -> None:
    session = open_session(engine, Anonymity.ANONYMOUS)
    context = browser.new_context(**PHONE_360)
    page = context.new_page()
    try:
        page.goto(f"{phones_url}/j/{session.code}")
        page.wait_for_selector("#v-room:not([hidden])")
        assert page.text_content("#privacy") == t("phone.privacy.anonymous", "nl")
    finally:
        context.close()


def test_privacy_texts_in_english_say_the_same() -> None:
    for mode in ("optional", "required"):
        english = t(f"phone.privacy.{mode}", "en")
        assert "whole room" in english
        assert "who wrote what" in english
        assert "whole room" in t(f"phone.join.shown.{mode}", "en")
