"""The phone page and the front page for everyone: axe-core clean, named buttons, focus, dark theme, zoom."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from axe import assert_accessible, violations
from test_phone import PHONE, open_session

from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OTHERS = [
    "Tijd en ruimte om samen te leren met studenten, ook als het rooster vol zit en de week druk is.",
    "Studenten horen echt bij het team.",
]


def new_page(browser: Any, **options: Any) -> Any:
    return browser.new_context(**{**PHONE, **options}).new_page()


def add_others(engine: Engine, session_id: str, code: str) -> list[str]:
    """Let two other participants write on the start question; return their contribution ids."""
    ids = []
    for text in OTHERS:
        someone = engine.join_participant(code).participant
        ids.append(uuid.uuid4().hex)
        engine.add_contribution(session_id, someone.id, ids[-1], text)
    return ids


@pytest.mark.parametrize(("lang", "scheme"), [("nl", "light"), ("en", "light"), ("nl", "dark")])
def test_phone_steps_have_no_serious_axe_violations(
    browser: Any, artifacts: Path, engine: Engine, phones_url: str, lang: str, scheme: str
) -> None:
    session = open_session(engine, Anonymity.OPTIONAL)
    engine.set_language(session.id, lang)
    add_others(engine, session.id, session.code)
    page = new_page(browser, color_scheme=scheme)
    page.goto(f"{phones_url}/j/{session.code}")

    page.wait_for_selector("#v-join:not([hidden])")
    assert_accessible(page, f"phone, join ({lang}, {scheme})")
    page.fill("#name", "Anna")
    page.click("#join-form button")
    page.wait_for_selector("#compose:not([hidden])")
    page.fill("#text", "Samen leren kost tijd.")
    page.click("#send")
    page.wait_for_selector("#mine-list li >> text=Samen leren kost tijd.")
    assert_accessible(page, f"phone, question ({lang}, {scheme})")
    page.screenshot(path=str(artifacts / f"phone-question-{lang}-{scheme}.png"), full_page=True)

    engine.jump_to_step(session.id, "start.group")
    engine.boards.show_groups(session.id, "start.group", True)
    page.wait_for_selector("#board:not([hidden]) .group li button.mark")
    page.locator("#groups button.mark.recognise").first.click()
    page.wait_for_selector("#groups button.mark[aria-pressed=true]")
    assert_accessible(page, f"phone, group step ({lang}, {scheme})")
    page.screenshot(path=str(artifacts / f"phone-groups-{lang}-{scheme}.png"), full_page=True)

    engine.jump_to_step(session.id, "closing")
    page.wait_for_selector("#keep:not([hidden])")
    assert_accessible(page, f"phone, closing ({lang}, {scheme})")


def test_front_page_has_no_serious_axe_violations(browser: Any, kit_server: Any) -> None:
    page = new_page(browser)
    for lang in ("nl", "en"):
        page.goto(f"{kit_server.base_url}/?lang={lang}")
        page.wait_for_selector("main form")
        assert_accessible(page, f"front page ({lang})")
        # moderate in axe's scale, but named in the issue: everything sits in a main landmark
        assert {v["id"] for v in violations(page)}.isdisjoint({"landmark-one-main", "region"})


def test_mark_buttons_are_named_after_their_contribution(
    browser: Any, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    add_others(engine, session.id, session.code)
    engine.jump_to_step(session.id, "start.group")
    engine.boards.show_groups(session.id, "start.group", True)
    page = new_page(browser)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#groups li button.mark")

    names = page.eval_on_selector_all("#groups button.mark", "nodes => nodes.map(n => n.getAttribute('aria-label'))")
    assert len(names) == 2 * len(OTHERS)
    assert len(set(names)) == len(names)
    recognise = page.get_by_role("button", name=t("board.recognise", "nl") + ": Studenten horen echt bij het team.")
    assert recognise.count() == 1
    long_name = next(name for name in names if name.startswith(t("board.differ", "nl") + ": Tijd en ruimte"))
    assert long_name.endswith("…")
    assert len(long_name) < len(t("board.differ", "nl")) + 64


def test_focus_moves_to_the_confirmation_after_sending(browser: Any, engine: Engine, phones_url: str) -> None:
    session = open_session(engine)
    page = new_page(browser)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#conn.online")

    page.wait_for_selector("#step-heading:not(:empty)")
    page.focus("#text")
    page.keyboard.type("Met het toetsenbord verstuurd.")
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.id") == "text":
        # a push that arrived while typing drew the step again and put the cursor back in the text (seen
        # only on a loaded machine); the next Tab must still lead to Versturen
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "send"
    page.keyboard.press("Enter")

    page.wait_for_selector("#notice >> text=" + t("phone.sent", "nl"))
    assert page.evaluate("document.activeElement.id") == "notice"
    page.wait_for_selector("#notice", state="hidden", timeout=8000)
    assert page.evaluate("document.activeElement.id") == "text"  # back to writing, not to the page's top


def test_step_shows_section_and_question_number_not_a_changing_count(
    browser: Any, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    engine.choose_role(session.id, 0, 2, ("2.3", "2.7"))
    engine.jump_to_step(session.id, "role.0.2.3")
    page = new_page(browser)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#step-num:not([hidden])")

    assert page.text_content("#step-num") == t("phone.step.question", "nl", number="2.3")
    assert page.text_content("#step-pos") == t("phone.section.role_question", "nl")
    assert " van " not in page.text_content(".step-meta")


def test_header_keeps_title_whole_and_status_unbroken_at_200_percent_zoom(
    browser: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    title = "Studiedag schoolleiders regio Noord en Oost"
    engine.rename_session(session.id, title)
    # 200% zoom on a 320 px phone: the page lays out in 160 CSS pixels at twice the size.
    page = new_page(browser, viewport={"width": 160, "height": 320}, device_scale_factor=4)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#conn.online")
    page.screenshot(path=str(artifacts / "phone-zoom-200.png"))

    bar = page.evaluate("""() => {
      const title = document.getElementById('title');
      const text = document.getElementById('conn-text');
      const lines = new Set([...text.getClientRects()].map(r => Math.round(r.top))).size;
      return {full: title.scrollWidth <= title.clientWidth && title.scrollHeight <= title.clientHeight + 1,
              shown: title.textContent, statusLines: lines, statusHeight: text.getBoundingClientRect().height,
              lineHeight: parseFloat(getComputedStyle(text).lineHeight) || 20};
    }""")
    assert bar["shown"] == title
    assert bar["full"], "the session title is cut off"
    assert bar["statusHeight"] < 1.5 * bar["lineHeight"], "'Verbonden' breaks over two lines"
