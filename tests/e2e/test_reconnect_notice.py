"""NiceGUI's own notices in the kit's words: the reconnect notice on console and projector in their language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_live_room import open_session_as_facilitator

from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTICE_SHOWN = "() => document.getElementById('popup').getAttribute('aria-hidden') === 'false'"


def test_reconnect_notice_is_dutch_on_console_and_projector_when_the_server_stops(
    kit_server: Any, browser: Any, artifacts: Path
) -> None:
    console, projector = open_session_as_facilitator(kit_server, browser, "Studiedag schoolleiders")
    for page in (console, projector):
        assert page.evaluate("document.documentElement.lang") == "nl"

    kit_server.process.kill()  # the laptop's server is gone mid-session
    kit_server.process.wait()

    expected = f"{t('ui.framework.connection_lost', 'nl')} {t('ui.framework.reconnecting', 'nl')}"
    for name, page in (("console", console), ("projector", projector)):
        page.wait_for_function(NOTICE_SHOWN, timeout=20_000)
        popup = page.locator("#popup")
        popup.wait_for(state="visible")
        shown = " ".join(popup.inner_text().split())
        assert shown == expected, name
        assert "reconnect" not in page.locator("body").inner_text().lower(), name
        page.screenshot(path=str(artifacts / f"reconnect-{name}.png"))


def test_reconnect_notice_follows_the_session_language_on_the_projector(
    kit_server: Any, browser: Any
) -> None:
    console, projector = open_session_as_facilitator(kit_server, browser, "Study day")
    console.get_by_text(t("conv.language.en", "nl"), exact=True).click()  # the session switches to English
    projector.wait_for_function("() => document.documentElement.lang === 'en'", timeout=20_000)

    kit_server.process.kill()
    kit_server.process.wait()

    projector.wait_for_function(NOTICE_SHOWN, timeout=20_000)
    projector.locator("#popup").wait_for(state="visible")
    shown = " ".join(projector.locator("#popup").inner_text().split())
    assert shown == f"{t('ui.framework.connection_lost', 'en')} {t('ui.framework.reconnecting', 'en')}"
    console.wait_for_function(NOTICE_SHOWN, timeout=20_000)
    console.locator("#popup").wait_for(state="visible")
    assert t("ui.framework.reconnecting", "nl") in console.locator("#popup").inner_text()  # the facilitator's own
