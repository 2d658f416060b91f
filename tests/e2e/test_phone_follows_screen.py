"""The phone page at 360×740 shows what the projector shows of a step's contributions (one rule,
``kit.core.screen.shown_on_screen``): at the group step the start answers, as soon as they are on the
screen; "not shown yet" only while the projector hides them; the groups once they are switched on."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_phone import no_horizontal_scroll, open_session
from test_phone_limits import PHONE_360

from kit.core.engine import Engine
from kit.core.screen import Shown, shown_on_screen
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEXTS = [
    "Tijd en ruimte om samen te leren met studenten.",
    "Studenten horen echt bij het team.",
    "We leren samen met de lerarenopleiding.",
]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh 360×740 touch phone tab."""
    context = browser.new_context(**PHONE_360)
    try:
        yield context.new_page()
    finally:
        context.close()


def screen_shows(engine: Engine, session_id: str) -> Shown:
    """What the projector shows now of the current step's contributions (its rule, read from the engine)."""
    session = engine.get_session(session_id)
    step = engine.current_step(session)
    return shown_on_screen(step, revealed=engine.step_state(session, step).revealed,
                           groups_shown=engine.boards.groups_shown(session_id, step.key))


def shown_texts(page: Any) -> list[str]:
    return list(page.eval_on_selector_all("#groups li .txt", "nodes => nodes.map(n => n.textContent)"))


def test_group_step_shows_the_answers_the_projector_shows(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    for text in TEXTS:
        someone = engine.join_participant(session.code).participant
        engine.add_contribution(session.id, someone.id, uuid.uuid4().hex, text)
    engine.jump_to_step(session.id, "start.group")
    page.goto(f"{phones_url}/j/{session.code}")

    assert screen_shows(engine, session.id) is Shown.WALL  # reveal stays on: the projector shows them all
    page.wait_for_selector("#board:not([hidden]) #card-txt")  # one at a time first
    page.click("#deck-switch")  # the whole wall is one tap away
    page.wait_for_selector("#board:not([hidden]) .wall li")
    assert shown_texts(page) == TEXTS  # in the order received, as on the projector
    assert page.is_hidden("#status")  # no "once the facilitator shows them" beside them
    assert page.text_content("#board-heading") == t("phone.board.heading", "nl")
    assert page.locator("#groups .wall button.mark").count() == 2 * len(TEXTS)
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "phone-360-group-step-wall.png"))

    engine.set_reveal(session.id, "start.group", False)
    assert screen_shows(engine, session.id) is Shown.HIDDEN
    page.wait_for_selector("#board", state="hidden")
    page.wait_for_selector("#status >> text=" + t("phone.discuss", "nl"))

    engine.set_reveal(session.id, "start.group", True)
    engine.boards.show_groups(session.id, "start.group", True)
    assert screen_shows(engine, session.id) is Shown.GROUPS
    page.wait_for_selector("#board:not([hidden]) .group h3")
    assert sorted(shown_texts(page)) == sorted(TEXTS)
    assert page.is_hidden("#status")

    engine.boards.show_groups(session.id, "start.group", False)  # back to the wall, on both
    page.wait_for_selector("#board:not([hidden]) .wall li")
    assert shown_texts(page) == TEXTS


def test_new_answer_appears_on_the_phone_while_the_screen_shows_them(
    page: Any, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    engine.set_reveal(session.id, "start.individual", True)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#conn.online")
    assert page.is_hidden("#board")

    page.fill("#text", TEXTS[0])
    page.click("#send")
    page.wait_for_selector("#groups .wall li >> text=" + TEXTS[0])
    someone = engine.join_participant(session.code).participant
    engine.add_contribution(session.id, someone.id, uuid.uuid4().hex, TEXTS[1])
    page.wait_for_selector("#card-txt >> text=" + TEXTS[1])  # someone else's: offered to mark
    page.click("#deck-switch")
    page.wait_for_selector("#groups .wall li >> text=" + TEXTS[1])
    assert shown_texts(page) == TEXTS[:2]

    engine.set_reveal(session.id, "start.individual", False)
    page.wait_for_selector("#board", state="hidden")
