"""The deck on a 360×740 phone: the others' contributions one at a time, those the room marked least first."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe import assert_accessible
from test_phone import no_horizontal_scroll, open_session
from test_phone_steps import OUTBOX_EMPTY

from kit.core.engine import Engine
from kit.core.models import Session
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE_360 = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
OWN = "Mijn eigen antwoord: ruimte in het rooster."
# Marks the room gave each block of ten contributions before this phone looks: the last ten have none.
MARKS = (3, 2, 1, 0)
CARD_TEXT = "document.getElementById('card').hidden ? '' : document.getElementById('card-txt').textContent"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh 360×740 touch phone tab."""
    context = browser.new_context(**PHONE_360)
    try:
        yield context.new_page()
    finally:
        context.close()


def others_wrote(engine: Engine, session: Session) -> dict[str, int]:
    """Forty others answer the start question and three more mark them as in ``MARKS``; text -> marks."""
    marks: dict[str, int] = {}
    ids: list[str] = []
    for number in range(40):
        text = f"Bijdrage {number + 1:02d} van een ander over samen opleiden."
        someone = engine.join_participant(session.code).participant
        ids.append(uuid.uuid4().hex)
        engine.add_contribution(session.id, someone.id, ids[-1], text)
        marks[text] = MARKS[number // 10]
    engine.jump_to_step(session.id, "start.group")  # revealed: the projector shows the wall
    markers = [engine.join_participant(session.code).participant for _ in range(max(MARKS))]
    for number, cid in enumerate(ids):
        for marker in markers[:MARKS[number // 10]]:
            engine.boards.react(session.id, marker.id, cid, "recognise")
    return marks


def card(page: Any) -> str:
    return str(page.evaluate(CARD_TEXT))


def next_card(page: Any, before: str) -> str:
    """Wait until the card on show is no longer ``before``; return the new one ('' at the end)."""
    page.wait_for_function(f"before => ({CARD_TEXT}) !== before", arg=before)
    return card(page)


def progress(page: Any) -> str:
    return str(page.text_content("#card-pos"))


def focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id"))


def box(page: Any, selector: str) -> dict[str, float]:
    return dict(page.eval_on_selector(selector, "n => n.getBoundingClientRect().toJSON()"))


def marks_of(engine: Engine, session: Session, participant_id: str) -> dict[str, str]:
    return {cid: kind.value for cid, kind in engine.boards.reactions_of(session.id, participant_id).items()}


def test_deck_offers_the_least_marked_first_one_at_a_time_and_never_ones_own(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    page.goto(f"{phones_url}/j/{session.code}")
    page.fill("#text", OWN)
    page.click("#send")
    page.wait_for_selector("#mine-list li >> text=" + OWN)
    page.wait_for_function(OUTBOX_EMPTY)
    me = engine.participants(session.id)[0].id
    page.goto("about:blank")  # the room writes and marks before this phone looks
    marks = others_wrote(engine, session)
    texts = {c.text: c.id for c in engine.contributions(session.id)}
    page.goto(f"{phones_url}/j/{session.code}")

    first = page.wait_for_selector("#card:not([hidden]) #card-txt").text_content()
    assert page.is_hidden("#groups li")  # no long list: one card
    assert progress(page) == t("phone.deck.progress", "nl", position=1, total=40)
    assert marks[first] == 0
    recognise, differ = box(page, "#d-recognise"), box(page, "#d-differ")
    skip, undo = box(page, "#d-skip"), box(page, "#d-undo")
    assert min(recognise["height"], differ["height"], skip["height"], undo["height"]) >= 44
    assert recognise["top"] >= 740 / 2
    assert skip["bottom"] <= 740
    assert page.get_by_role("button", name=t("board.recognise", "nl"), exact=True).is_visible()
    assert page.get_by_role("button", name=t("phone.deck.skip", "nl"), exact=True).is_visible()
    assert no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "phone-deck-360-first.png"))
    assert_accessible(page, "the deck")

    page.click("#d-recognise")
    second = next_card(page, first)
    assert progress(page) == t("phone.deck.progress", "nl", position=2, total=40)
    assert focused(page) == "card"  # the new card is read out
    page.click("#d-differ")
    third = next_card(page, second)
    page.click("#d-skip")
    fourth = next_card(page, third)
    assert progress(page) == t("phone.deck.progress", "nl", position=4, total=40)
    page.wait_for_function(OUTBOX_EMPTY)
    assert marks_of(engine, session, me) == {texts[first]: "recognise", texts[second]: "differ"}
    page.screenshot(path=str(artifacts / "phone-deck-360-fourth.png"))

    page.click("#d-undo")  # the skip: back to that card
    assert next_card(page, fourth) == third
    assert progress(page) == t("phone.deck.progress", "nl", position=3, total=40)
    page.click("#d-undo")  # the "Zie ik anders": taken back on the server too
    assert next_card(page, third) == second
    assert focused(page) == "card"
    page.wait_for_function(OUTBOX_EMPTY)
    assert marks_of(engine, session, me) == {texts[first]: "recognise"}

    page.click("#deck-switch")  # the whole list, one tap away, and back
    page.wait_for_selector("#groups .wall li >> nth=40")
    assert page.is_hidden("#deck")
    assert page.text_content("#deck-switch") == t("phone.deck.back", "nl")
    page.screenshot(path=str(artifacts / "phone-deck-360-list.png"))
    page.click("#deck-switch")
    page.wait_for_selector("#deck:not([hidden])")
    assert card(page) == second

    seen = [first]
    shown = second
    while shown:
        seen.append(shown)
        page.click("#d-recognise" if len(seen) % 2 else "#d-differ")
        shown = next_card(page, shown)
    assert OWN not in seen
    assert sorted(seen) == sorted(marks)
    assert [marks[text] for text in seen] == sorted(marks[text] for text in seen)  # least marked first

    page.wait_for_selector("#deck-end:not([hidden])")
    assert focused(page) == "end-head"
    assert page.text_content("#end-head") == t("phone.deck.done", "nl")
    assert page.text_content("#end-counts") == t("phone.deck.counts", "nl", recognise=20, differ=20, skipped=0)
    page.wait_for_function(OUTBOX_EMPTY)
    mine = marks_of(engine, session, me)
    assert len(mine) == 40
    assert list(mine.values()).count("recognise") == 20
    assert texts[OWN] not in mine
    assert engine.reactions.counts(session.id, "start.group")[texts[first]] == (1 + marks[first], 0)
    page.screenshot(path=str(artifacts / "phone-deck-360-done.png"))
    assert_accessible(page, "the end of the deck")

    page.click("#d-list")
    page.wait_for_selector("#groups .wall li >> nth=40")
    assert page.is_hidden("#deck")


def test_deck_keeps_a_mark_made_offline_and_speaks_the_sessions_language(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    engine.set_language(session.id, "en")
    others_wrote(engine, session)
    page.goto(f"{phones_url}/j/{session.code}")
    first = page.wait_for_selector("#card:not([hidden]) #card-txt").text_content()
    me = engine.participants(session.id)[-1].id
    assert page.text_content("#d-skip") == t("phone.deck.skip", "en")
    assert progress(page) == t("phone.deck.progress", "en", position=1, total=40)

    page.context.set_offline(True)
    page.wait_for_selector("#conn.offline")
    page.click("#d-recognise")
    next_card(page, first)
    assert not page.evaluate(OUTBOX_EMPTY)  # waiting in the phone's outbox
    page.screenshot(path=str(artifacts / "phone-deck-360-offline-en.png"))
    page.context.set_offline(False)
    page.wait_for_function(OUTBOX_EMPTY, timeout=30000)
    cid = next(c.id for c in engine.contributions(session.id) if c.text == first)
    assert marks_of(engine, session, me) == {cid: "recognise"}


def test_groups_come_as_a_list_with_the_deck_one_tap_away(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    marks = others_wrote(engine, session)
    engine.boards.show_groups(session.id, "start.group", True)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#board:not([hidden]) .group li")
    assert page.is_hidden("#deck")

    page.click("#deck-switch >> text=" + t("phone.deck.back", "nl"))
    first = page.wait_for_selector("#card:not([hidden]) #card-txt").text_content()
    assert marks[first] == 0
    assert progress(page) == t("phone.deck.progress", "nl", position=1, total=40)
    page.screenshot(path=str(artifacts / "phone-deck-360-groups.png"))


def test_long_card_keeps_its_buttons_in_reach_in_the_dark(
    browser: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    someone = engine.join_participant(session.code).participant
    long_text = ("Ruimte in het rooster om samen met studenten en collega's te leren, elke week opnieuw. " * 6)[:500]
    engine.add_contribution(session.id, someone.id, uuid.uuid4().hex, long_text)
    engine.jump_to_step(session.id, "start.group")
    context = browser.new_context(**PHONE_360, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(f"{phones_url}/j/{session.code}")
        page.wait_for_selector("#card:not([hidden]) #card-txt")
        recognise, skip = box(page, "#d-recognise"), box(page, "#d-skip")

        assert card(page) == long_text.strip()
        assert recognise["top"] >= 740 / 2
        assert skip["bottom"] <= 740  # the answers stay on screen below a long card
        assert no_horizontal_scroll(page)
        page.screenshot(path=str(artifacts / "phone-deck-360-long-dark.png"))
        assert_accessible(page, "the deck, dark")
        page.click("#d-skip")
        page.wait_for_selector("#deck-end:not([hidden])")
        assert page.text_content("#end-counts") == t("phone.deck.counts", "nl", recognise=0, differ=0, skipped=1)
        page.click("#d-again")  # the skipped one comes back
        page.wait_for_selector("#card:not([hidden])")
        assert card(page) == long_text.strip()
    finally:
        context.close()
