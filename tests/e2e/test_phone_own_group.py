"""A phone shows its participant their own opinion group, only while the facilitator's switch is on (360×740)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe import assert_accessible
from test_phone import no_horizontal_scroll, open_session
from test_phone_deck import PHONE_360

from kit.core.engine import Engine
from kit.core.models import Session
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEP = "start.group"
CAMP_ONE = ("recognise",) * 6 + ("differ",) * 6
CAMP_TWO = ("differ",) * 6 + ("recognise",) * 6
LINE = "document.getElementById('own-group').textContent"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh 360×740 touch phone tab."""
    context = browser.new_context(**PHONE_360)
    try:
        yield context.new_page()
    finally:
        context.close()


def camps(engine: Engine, session: Session) -> list[str]:
    """Twelve answers by someone else, then ten others react in two camps on the discussion; the answers' ids."""
    writer = engine.join_participant(session.code).participant.id
    ids = [engine.add_contribution(session.id, writer, uuid.uuid4().hex, f"Uitspraak {n + 1} over samen leren").id
           for n in range(12)]
    engine.jump_to_step(session.id, STEP)
    for index in range(10):
        person = engine.join_participant(session.code).participant.id
        for contribution_id, kind in zip(ids, CAMP_ONE if index % 2 else CAMP_TWO, strict=True):
            engine.reactions.react(session.id, person, contribution_id, kind)
    return ids


def line_is(page: Any, text: str, timeout: float = 10000) -> None:
    page.wait_for_function(f"text => ({LINE}) === text", arg=text, timeout=timeout)


def test_phone_shows_its_own_group_only_while_the_switch_is_on(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#v-room:not([hidden])")
    me = engine.participants(session.id)[0].id
    ids = camps(engine, session)
    page.wait_for_selector("#card:not([hidden]) #card-txt")
    page.wait_for_timeout(500)
    assert page.evaluate(LINE) == ""  # off by default

    engine.opinions.own_group.set_shown(session.id, True)
    line_is(page, t("phone.own_group.none", "nl"))  # this phone marked nothing yet

    for contribution_id, kind in zip(ids, CAMP_ONE, strict=True):
        engine.reactions.react(session.id, me, contribution_id, kind)
    letter = engine.opinions.of_step(session.id, STEP).group_of(me)
    assert letter is not None
    line_is(page, t("phone.own_group.in", "nl", group=letter), timeout=25000)  # asked again within 15 s
    assert page.get_attribute("#own-group", "aria-live") == "polite"
    line, card = page.locator("#own-group p").bounding_box(), page.locator("#board").bounding_box()
    assert line is not None
    assert card is not None
    assert line["y"] + line["height"] <= card["y"]  # one line above the deck
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "phone-own-group-360.png"))
    assert_accessible(page, "the phone with its own group")

    engine.set_language(session.id, "en")
    line_is(page, t("phone.own_group.in", "en", group=letter))

    engine.opinions.own_group.set_shown(session.id, False)
    line_is(page, "")
    assert page.locator("#own-group p").count() == 0
