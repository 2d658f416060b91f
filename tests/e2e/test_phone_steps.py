"""The phone page at 320 px on the conversation's steps: ballot, action form, closing and the group board."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_phone import PHONE, no_horizontal_scroll, open_session

from kit.core.engine import Engine
from kit.core.models import InputState
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MIN_TARGET_PX = 44
OUTBOX_EMPTY = """() => !Object.keys(localStorage).some(
    k => k.endsWith('.outbox') && JSON.parse(localStorage.getItem(k)).length)"""


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh 320×640 touch phone tab."""
    context = browser.new_context(**PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        yield context.new_page()
    finally:
        context.close()


def snap(page: Any, path: Path) -> None:
    """Save a full-page screenshot from the top (a scrolled page draws its sticky bar mid-page)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=True)


def smallest_target(page: Any, selector: str) -> float:
    """The smallest height among the visible buttons matching ``selector``."""
    return float(page.evaluate(
        """sel => Math.min(...[...document.querySelectorAll(sel)].filter(b => b.offsetParent)
             .map(b => b.getBoundingClientRect().height))""",
        selector,
    ))


def test_ballot_vote_survives_reload_and_closes(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    engine.jump_to_step(session.id, "role_choice.0")
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#ballot:not([hidden]) button.role")

    page.click("#roles button.role >> nth=1")
    page.wait_for_selector("#roles button.role[aria-pressed=true] >> text=2")
    page.wait_for_function(OUTBOX_EMPTY)
    participant = engine.participants(session.id)[0]
    assert engine.vote_of(session.id, 0, participant.id) == 2
    assert smallest_target(page, "#roles button.role") >= MIN_TARGET_PX
    assert no_horizontal_scroll(page)
    snap(page, artifacts / "phone-ballot.png")

    page.reload()
    page.wait_for_selector("#roles button.role[aria-pressed=true] >> text=2")
    page.click("#roles button.role >> nth=3")
    page.wait_for_selector("#roles button.role[aria-pressed=true] >> text=4")
    page.wait_for_function(OUTBOX_EMPTY)

    engine.set_input_state(session.id, "role_choice.0", InputState.CLOSED)
    page.wait_for_selector("#status.closed")
    assert page.text_content("#status") == t("phone.ballot.closed", "nl")
    assert page.is_disabled("#roles button.role >> nth=0")
    assert engine.vote_counts(engine.get_session(session.id), 0) == {1: 0, 2: 0, 3: 0, 4: 1}

    engine.set_language(session.id, "en")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.text_content("#status") == t("phone.ballot.closed", "en")
    assert page.text_content("#ballot h2") == t("phone.ballot.label", "en")


def test_action_form_sends_three_fields_and_closing_keeps_it(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    engine.jump_to_step(session.id, "evaluation.action")
    engine.start_timer(session.id, "evaluation.action", 5)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#action-extra:not([hidden])")
    page.wait_for_selector("#timer:not([hidden])")
    assert page.text_content("#timer") in {t("phone.timer.left", "nl", time=f"{m}:{s:02d}")
                                            for m in (4, 5) for s in range(60)}

    page.fill("#text", "Een leerteam met studenten starten.")
    page.fill("#who", "De opleidingsschool en de pabo")
    page.fill("#outcome", "Dat studenten echt meedoen in het team")
    page.click("#send")
    page.wait_for_selector("#mine-list li >> text=Een leerteam")
    assert page.is_visible("#mine-list li >> text=De opleidingsschool en de pabo")
    assert no_horizontal_scroll(page)
    snap(page, artifacts / "phone-action.png")
    stored = engine.contributions(session.id, "evaluation.action")
    assert [(c.text, c.fields) for c in stored] == [("Een leerteam met studenten starten.", {
        "who": "De opleidingsschool en de pabo", "outcome": "Dat studenten echt meedoen in het team",
    })]

    engine.advance_step(session.id)
    page.wait_for_selector("#keep:not([hidden]) >> text=Een leerteam met studenten starten.")
    assert page.is_visible("#keep >> text=Dat studenten echt meedoen in het team")
    page.click("#copy")
    page.wait_for_selector("#copy-note:not([hidden])")
    assert page.text_content("#copy-note") == t("phone.keep.copied", "nl")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Een leerteam met studenten starten." in copied
    assert "De opleidingsschool en de pabo" in copied
    assert no_horizontal_scroll(page)
    snap(page, artifacts / "phone-closing.png")

    engine.end_session(session.id)
    page.wait_for_selector("#v-stop:not([hidden])")
    page.reload()
    page.wait_for_selector("#keep:not([hidden]) >> text=Een leerteam met studenten starten.")


def test_timer_end_says_sending_stays_open(page: Any, engine: Engine, phones_url: str) -> None:
    session = open_session(engine)
    engine.start_timer(session.id, "start.individual", 1)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#timer:not([hidden])")
    # The phone's clock jumps two minutes ahead: by its own clock the minute is over ...
    page.evaluate("() => { const now = Date.now; Date.now = () => now() + 120000; }")
    page.wait_for_selector("#timer.over")
    assert page.text_content("#timer") == t("phone.timer.over", "nl")
    assert page.is_visible("#compose")
    # ... until the next state push brings the server's clock along: a minute to go again.
    engine.set_input_state(session.id, "start.individual", InputState.OPEN)
    page.wait_for_selector("#timer:not(.over)")
    shown = {t("phone.timer.left", "nl", time=f"{s // 60}:{s % 60:02d}") for s in range(50, 61)}
    assert page.text_content("#timer") in shown

    engine.stop_timer(session.id, "start.individual")
    page.wait_for_selector("#timer", state="hidden")
    state = engine.step_state(engine.get_session(session.id), engine.find_step(
        engine.get_session(session.id), "start.individual"))
    assert state.timer_ends_at is None


def test_grouped_step_shows_groups_and_a_mark_toggles(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    texts = [
        "Tijd en ruimte om samen te leren met studenten.",
        "Studenten horen echt bij het team.",
        "We leren samen met de lerarenopleiding.",
        "Ik wil vaker in de klas zijn.",
    ]
    ids = [uuid.uuid4().hex for _ in texts]
    for cid, text in zip(ids, texts, strict=True):
        someone = engine.join_participant(session.code).participant
        engine.add_contribution(session.id, someone.id, cid, text)
    engine.jump_to_step(session.id, "start.group")
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#board:not([hidden]) #card-txt")  # the wall, one at a time

    engine.boards.show_groups(session.id, "start.group", True)  # suggests first: no board yet
    page.wait_for_selector("#board:not([hidden]) .group li")
    board = engine.boards.move_to_new_group(session.id, "start.group", ids[0], "Samen leren")
    engine.boards.move(session.id, "start.group", ids[2], board.group_of(ids[0]))
    page.wait_for_selector("#groups h3 >> text=Samen leren")
    assert page.is_hidden("#status")
    shown = page.eval_on_selector_all("#groups li .txt", "nodes => nodes.map(n => n.textContent)")
    assert sorted(shown) == sorted(texts)
    labels = page.eval_on_selector_all("#groups h3", "nodes => nodes.map(n => n.textContent)")
    assert labels[0] == "Samen leren"
    assert labels[-1] == t("board.alone", "nl")

    first = page.locator("#groups li").first
    cid = first.get_attribute("data-id")
    first.locator("button.mark.recognise").click()
    page.wait_for_selector(f"#groups li[data-id='{cid}'] .recognise[aria-pressed=true]")
    page.wait_for_function(OUTBOX_EMPTY)
    assert engine.reactions.counts(session.id, "start.group")[cid] == (1, 0)
    assert smallest_target(page, "#groups button.mark") >= MIN_TARGET_PX
    assert no_horizontal_scroll(page)
    snap(page, artifacts / "phone-groups.png")

    page.reload()
    page.wait_for_selector(f"#groups li[data-id='{cid}'] .recognise[aria-pressed=true]")
    page.locator(f"#groups li[data-id='{cid}'] .recognise").click()
    page.wait_for_selector(f"#groups li[data-id='{cid}'] .recognise[aria-pressed=false]")
    page.wait_for_function(OUTBOX_EMPTY)
    assert engine.reactions.counts(session.id, "start.group")[cid] == (0, 0)
