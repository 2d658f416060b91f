"""Keys you can see, in a real browser: the console's legend, the "?" overlay on console and projector,
and no English on either screen (framework texts included) in a Dutch session.

Saves ``console-keys.png``, ``console-key-help.png`` and ``console-role-choice.png`` (1366×768)
in ``tests/artifacts/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from english_words import english_words

from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LAPTOP = {"width": 1366, "height": 768}

# Visible text and the names a screen reader reads, skipping what is hidden from both (icon ligatures).
_SHOWN_TEXT_JS = """
() => {
  const out = [];
  const hidden = (el) => el.closest('[aria-hidden="true"]') || !el.checkVisibility();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName) || hidden(el)) continue;
    if (node.textContent.trim()) out.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name); if (value) out.push(value);
    }
  }
  out.push(document.title);
  return out;
}
"""


def open_console(kit: Any, browser: Any) -> tuple[Any, Any]:
    """Start a session from the home page at laptop size; return the context and its console page."""
    context = browser.new_context(viewport=LAPTOP)
    console = context.new_page()
    console.goto(kit.login_url())
    console.get_by_label(t("ui.home.session_title")).fill("Studiedag groep A")
    console.get_by_role("button", name=t("ui.home.start")).click()
    console.wait_for_url(re.compile(r".*/console/[0-9a-f]+$"))
    console.locator(".dk-keys").wait_for()
    return context, console


def english_on(page: Any) -> list[str]:
    """Return every shown text of ``page`` that holds English words, with the words."""
    return [f"{text!r}: {words}" for text in page.evaluate(_SHOWN_TEXT_JS) if (words := english_words(text))]


def test_console_shows_keys_and_opens_key_help(kit_server: Any, browser: Any, artifacts: Path) -> None:
    context, console = open_console(kit_server, browser)
    legend = console.locator(".dk-keys").inner_text()
    for short in ("keys.short.next", "keys.short.pause", "keys.short.reveal", "keys.short.fullscreen"):
        assert t(short) in legend
    console.screenshot(path=str(artifacts / "console-keys.png"))

    overlay = console.locator("#dk-keyhelp")
    assert overlay.is_hidden()
    console.locator("body").press("?")
    overlay.wait_for(state="visible")
    for text in ("keys.next", "keys.previous", "keys.pause", "keys.reveal", "keys.qr", "keys.fullscreen"):
        assert t(text) in overlay.inner_text()
    console.screenshot(path=str(artifacts / "console-key-help.png"))
    console.keyboard.press("Escape")
    overlay.wait_for(state="hidden")

    console.get_by_role("button", name=t("keys.show_help")).click()
    overlay.wait_for(state="visible")
    overlay.get_by_role("button", name=t("ui.close")).click()
    overlay.wait_for(state="hidden")

    next_button = console.get_by_role("button", name=t("ui.console.next"))
    next_button.hover()
    console.get_by_text(t("keys.tip.next")).wait_for()

    for _ in range(3):  # to the role choice: the votes sit beside the roles, no question ticked yet
        console.locator("body").press("ArrowRight")
    console.get_by_role("radio", name="2. Rol richting aanstaande leraren").click()
    console.get_by_role("checkbox", name=t("rolechoice.all")).wait_for()
    console.screenshot(path=str(artifacts / "console-role-choice.png"))
    context.close()


def test_projector_opens_key_help_with_question_mark(kit_server: Any, browser: Any) -> None:
    context, console = open_console(kit_server, browser)
    with context.expect_page() as opened:
        console.get_by_role("button", name=t("ui.console.open_projector")).click()
    projector = opened.value
    projector.locator(".dk-step-area").wait_for()
    projector.locator("body").press("?")
    overlay = projector.locator("#dk-keyhelp")
    overlay.wait_for(state="visible")
    assert t("keys.next") in overlay.inner_text()  # this browser runs the session: all keys work here
    projector.keyboard.press("Escape")
    overlay.wait_for(state="hidden")
    context.close()


def test_dutch_session_shows_no_english_in_the_browser(kit_server: Any, browser: Any) -> None:
    context, console = open_console(kit_server, browser)
    with context.expect_page() as opened:
        console.get_by_role("button", name=t("ui.console.open_projector")).click()
    projector = opened.value
    projector.locator(".dk-step-area").wait_for()
    found: dict[str, list[str]] = {}
    for step in range(4):  # welcome, writing alone, the group step, the role choice
        for name, page in (("console", console), ("projector", projector)):
            assert page.evaluate("document.documentElement.lang") == "nl"
            if english := english_on(page):
                found[f"{name} step {step + 1}"] = english
        console.locator("body").press("p")
        console.wait_for_timeout(300)
        if english := english_on(console):
            found[f"console step {step + 1}, p pressed"] = english
        console.locator("body").press("ArrowRight")
        console.locator(".dk-step--current", has_text=f"{step + 2}. ").wait_for()
    context.close()
    assert not found, "\n".join(f"{where}: {lines}" for where, lines in found.items())
