"""A session's language is chosen when it starts; the front page speaks the browser's language.

In Chromium against the real kit: a home switched to English still starts a Dutch session unless told
otherwise, phones that type the code land on the session's own language, and an unknown code is
answered in the browser's language. Saves ``home-new-session-form.png`` (1280×720) in ``tests/artifacts/``.
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


def start_session(home: Any, base_url: str, title: str, language: str | None) -> str:
    """Start a session from the (English) home; ``language`` "en" ticks English. Return its join code."""
    home.goto(base_url + "/beheer")
    home.get_by_label(t("ui.home.session_title", "en")).fill(title)
    if language is not None:
        home.get_by_role("radio", name=t(f"conv.language.{language}", language)).click()
    home.get_by_role("button", name=t("ui.home.start", "en")).click()
    home.wait_for_url(re.compile(r".*/console/[0-9a-f]+$"))
    code = home.locator(".dk-code").first
    code.wait_for()
    return str(code.inner_text()).strip()


def join_by_typing(browser: Any, base_url: str, locale: str, code: str) -> Any:
    """Open the front page in a phone whose browser speaks ``locale``, type ``code`` and send it."""
    phone = browser.new_context(locale=locale, **PHONE).new_page()
    phone.goto(base_url + "/")
    phone.locator("#code").fill(code)
    phone.locator("#code").press("Enter")
    return phone


def test_session_language_is_chosen_at_start_and_phones_follow_it(
    kit_server: Any, browser: Any, artifacts: Path
) -> None:
    home = browser.new_context(viewport=SCREEN, locale="en-GB").new_page()
    home.goto(kit_server.login_url())
    home.get_by_text("EN", exact=True).click()  # the home's own language, as in the issue
    home.get_by_text(t("ui.home.new", "en"), exact=True).wait_for()
    home.get_by_role("radio", name="Nederlands").wait_for()
    assert home.get_by_role("radio", name="Nederlands").get_attribute("aria-checked") == "true"
    home.screenshot(path=str(artifacts / "home-new-session-form.png"))

    dutch = start_session(home, kit_server.base_url, "Studiedag groep A", None)
    phone = join_by_typing(browser, kit_server.base_url, "en-GB", dutch)
    phone.wait_for_url(re.compile(f".*/j/{dutch}$"))
    assert phone.locator("html").get_attribute("lang") == "nl"

    english = start_session(home, kit_server.base_url, "Study day group B", "en")
    phone = join_by_typing(browser, kit_server.base_url, "nl-NL", english)
    phone.wait_for_url(re.compile(f".*/j/{english}$"))
    assert phone.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("locale", ["en-GB", "nl-NL"])
def test_front_page_in_the_browsers_language_says_unknown_code_there_too(
    kit_server: Any, browser: Any, locale: str
) -> None:
    lang = locale[:2]
    phone = browser.new_context(locale=locale, **PHONE).new_page()
    phone.goto(kit_server.base_url + "/")
    phone.get_by_role("heading", name=t("ui.front.title", lang)).wait_for()
    phone.get_by_label(t("ui.front.prompt", lang)).fill("zz9zz9")
    phone.get_by_role("button", name=t("ui.front.go", lang)).click()
    phone.get_by_role("alert").get_by_text(t("ui.front.unknown", lang)).wait_for()
    assert phone.locator("html").get_attribute("lang") == lang
    assert phone.locator("#code").input_value() == "ZZ9ZZ9"
