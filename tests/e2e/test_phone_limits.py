"""The phone page at 360×740 with text over a limit: nothing typed or pasted is cut, the page says how
much is too long, and sending waits until it fits (the answer, the action's fields, an edit, a name)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_phone import no_horizontal_scroll, open_session

from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE_360 = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
             "has_touch": True}
# 688 characters, as long as the text in the report of the cut.
LONG = (
    "Samen opleiden betekent voor mij dat de school en de opleiding elkaar echt kennen en vertrouwen. "
    "Een student is geen extra handje in de klas maar een collega in opleiding die meedoet aan het "
    "gesprek over onderwijs, over de leerlingen en over wat goed lesgeven hier in deze wijk betekent. "
    "Dat vraagt tijd van de mentoren en ruimte in het rooster, en die tijd moet de schoolleider "
    "organiseren en beschermen, ook als het druk is. Wat ik zie als schoolleider is dat het betekent voor "
    "het hele team dat we van elkaar leren: de student brengt nieuwe kennis mee van de opleiding, "
    "de mentor brengt ervaring mee, en samen kijken ze kritisch naar wat werkt. "
    "Zo wordt het hele team nu samen sterker."
)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh 360×740 touch phone tab that may use the clipboard (to paste as a person does)."""
    context = browser.new_context(**PHONE_360)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        yield context.new_page()
    finally:
        context.close()


def paste(page: Any, selector: str, text: str) -> None:
    """Paste ``text`` into the field at ``selector`` through the clipboard, as a person would."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.focus(selector)
    page.keyboard.press("Control+V")


def limit_text(page: Any, field: str) -> str:
    """The message under the field with id ``field`` (empty while the text fits)."""
    return str(page.text_content(f"#{field}-limit .over"))


def snap(page: Any, path: Path) -> None:
    """A screenshot of the viewport with ``selector`` scrolled into it, as the thumb sees it."""
    page.screenshot(path=str(path))


def test_pasted_answer_over_the_limit_stays_whole_says_how_much_and_waits(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    assert len(LONG) == 688
    session = open_session(engine)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#conn.online")

    paste(page, "#text", LONG)

    assert page.input_value("#text") == LONG  # nothing cut
    over = t("phone.limit.over.other", "nl", count=188, max=500)
    page.wait_for_selector(f"#text-limit .over >> text={over}")
    assert page.text_content("#text-limit .counter") == t("phone.limit.count", "nl", count=688, max=500)
    assert page.get_attribute("#text", "aria-invalid") == "true"
    assert page.get_attribute("#text", "aria-describedby") == "text-limit"
    page.click("#send")
    page.wait_for_selector("#notice >> text=" + t("phone.limit.refused", "nl"))
    assert page.evaluate("document.activeElement.id") == "text"
    assert engine.contributions(session.id) == []
    assert page.input_value("#text") == LONG
    assert no_horizontal_scroll(page)
    page.evaluate("document.getElementById('text-limit').scrollIntoView({block: 'center'})")
    snap(page, artifacts / "phone-360-too-long.png")

    page.fill("#text", LONG[:480].rstrip() + ".")
    assert limit_text(page, "text") == ""
    page.click("#send")
    page.wait_for_selector("#notice >> text=" + t("phone.sent", "nl"))
    assert [c.text for c in engine.contributions(session.id)] == [LONG[:480].rstrip() + "."]


def test_action_fields_are_several_lines_with_counters_and_over_long_is_not_sent(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine)
    engine.jump_to_step(session.id, "evaluation.action")
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#action-extra:not([hidden])")
    page.wait_for_selector("#conn.online")
    who = "De opleidingsschool, de pabo, de mentoren van groep 5 tot en met 8 en de intern begeleider. " * 4

    page.fill("#text", "Een leerteam met studenten starten.")
    paste(page, "#who", who)

    assert page.evaluate("document.getElementById('who').tagName") == "TEXTAREA"
    assert page.evaluate("document.getElementById('outcome').tagName") == "TEXTAREA"
    assert page.input_value("#who") == who
    counted = len(" ".join(who.split()))
    page.wait_for_selector("#who-limit .over >> text=" + t("phone.limit.over.other", "nl", count=counted - 300,
                                                          max=300))
    assert page.text_content("#outcome-limit .counter") == t("phone.limit.count", "nl", count=0, max=300)
    page.click("#send")
    page.wait_for_selector("#notice >> text=" + t("phone.limit.refused", "nl"))
    assert page.evaluate("document.activeElement.id") == "who"
    assert engine.contributions(session.id) == []
    assert no_horizontal_scroll(page)
    page.evaluate("document.getElementById('who').scrollIntoView({block: 'start'})")
    snap(page, artifacts / "phone-360-action-too-long.png")

    page.fill("#who", "De opleidingsschool en de pabo")
    page.click("#send")
    page.wait_for_selector("#mine-list li >> text=Een leerteam")
    stored = engine.contributions(session.id)
    assert [(c.text, c.fields) for c in stored] == [
        ("Een leerteam met studenten starten.", {"who": "De opleidingsschool en de pabo"})
    ]

    # Editing it: the same fields with the same limits; an over-long edit is kept, not saved.
    page.click("#mine-list li button >> text=" + t("phone.mine.edit", "nl"))
    edit = page.locator("#mine-list li textarea").first
    edit.fill(LONG)
    page.click("#mine-list li button >> text=" + t("phone.mine.save", "nl"))
    assert edit.input_value() == LONG
    assert page.locator("#mine-list li .over").first.text_content() == t(
        "phone.limit.over.other", "nl", count=188, max=500)
    assert engine.contributions(session.id)[0].text == "Een leerteam met studenten starten."


def test_over_long_name_stays_whole_and_joining_waits(
    page: Any, artifacts: Path, engine: Engine, phones_url: str
) -> None:
    session = open_session(engine, Anonymity.REQUIRED)
    page.goto(f"{phones_url}/j/{session.code}")
    page.wait_for_selector("#v-join:not([hidden])")
    name = "Anna Maria Johanna van den Berg-de Vries tot Oosterhout"

    paste(page, "#name", name)
    page.click("#join-form button")

    assert page.input_value("#name") == name
    page.wait_for_selector("#join-error >> text=" + t("phone.limit.refused_name", "nl"))
    assert limit_text(page, "name") == t("phone.limit.over.other", "nl", count=len(name) - 40, max=40)
    assert engine.participants(session.id) == []
    snap(page, artifacts / "phone-360-name-too-long.png")
