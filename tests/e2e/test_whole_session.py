"""A whole session end to end: a facilitator and three phones from the welcome to the closing.

The real kit runs as a server; the facilitator drives it from the console (buttons and keys), the
projector (1920×1080) and three phones (360×740, each its own browser context) follow. One role is
chosen with two of its questions. Every step of the projector and of one phone is saved as a
screenshot in ``tests/artifacts/`` (``whole-projector-NN-step.png``, ``whole-phone-NN-step.png``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_live_room import join_url_from_qr, open_session_as_facilitator, send_from_phone

from kit.core.card import Card
from kit.core.card_loader import load_default_card
from kit.i18n import t
from kit.ui.shared.votes import vote_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
TITLE = "Studiedag schoolleiders, groep B"
ROLE = 2
QUESTIONS = ("2.3", "2.7")
ACTION = {
    "text": "Een leerteam met studenten en mentoren starten.",
    "who": "De opleidingsschool en de pabo",
    "outcome": "Dat studenten echt meedoen in het team",
}
# What each phone sends at each collecting step (phone 0 is the one on the screenshots).
SENDS = {
    "start.individual": (
        "Samen opleiden is een gedeelde verantwoordelijkheid van school en opleiding.",
        "Studenten horen erbij, als collega in het team.",
        "Het kost tijd, maar het levert ons nieuwe ideeën op.",
    ),
    "2.3": (
        "Dat ze nieuwsgierig zijn en vragen durven stellen.",
        "Eigen initiatief en meedenken in de sectie.",
        "Dat ze hun ervaringen van de opleiding meebrengen.",
    ),
    "2.7": (
        "Met een vaste buddy en een rooster op de eerste dag.",
        "We stellen ze voor in de teamvergadering.",
        "Een welkomstpakket en een eigen plek in de teamkamer.",
    ),
    "dream": (
        "Elk team heeft studenten die echt meedraaien.",
        "Onderzoek van studenten verandert onze lessen.",
        "Mentoren zijn trots op wat ze samen bereiken.",
    ),
    "yield": (
        "Inzicht in hoe verschillend we naar studenten kijken.",
        "Het idee om een leerteam te starten.",
        "De vraag hoe we mentoren tijd geven.",
    ),
}


class Recorder:
    """Saves numbered screenshots of the projector and one phone, one pair per step."""

    def __init__(self, folder: Path, projector: Any, phone: Any) -> None:
        self.folder = folder
        self.projector = projector
        self.phone = phone
        self.number = 0
        for old in folder.glob("whole-*.png"):
            old.unlink()

    def shoot(self, step: str) -> None:
        self.number += 1
        # Arriving cards fade in and vote bars grow: finish those animations so each picture shows the end state.
        self.projector.screenshot(path=str(self.folder / f"whole-projector-{self.number:02d}-{step}.png"),
                                  animations="disabled")
        self.phone.evaluate("window.scrollTo(0, 0)")  # a scrolled page draws its sticky bar mid-page
        self.phone.screenshot(path=str(self.folder / f"whole-phone-{self.number:02d}-{step}.png"), full_page=True,
                              animations="disabled")


def press(page: Any, key: str) -> None:
    """Press a session key; the kit ignores keys while a button or field has the focus, so blur it first."""
    page.evaluate("document.activeElement && document.activeElement.blur && document.activeElement.blur()")
    page.keyboard.press(key)


def click_next(console: Any) -> None:
    console.get_by_role("button", name=t("ui.console.next"), exact=True).click()


def in_step_list(console: Any, number: str) -> Any:
    """The console's step-list entry of question ``number`` ("9. Vraag 2.3")."""
    short = t("step.short.role_question", number=number)
    return console.get_by_text(re.compile(r"^\d+\. " + re.escape(short) + "$"))


def visible_text(page: Any, selector: str) -> str:
    """The rendered text of the first visible ``selector`` (as a reader sees it: CSS transforms apply)."""
    locator = page.locator(f"{selector}:visible").first
    locator.wait_for()
    return str(locator.inner_text()).strip()


def wait_for_step(projector: Any, phones: list[Any], heading: str, text: str) -> None:
    """Wait until the projector and every phone show the step with ``heading`` and ``text``."""
    projector.locator(".dk-step-area .dk-heading", has_text=heading).first.wait_for()
    projector.locator(".dk-step-area .dk-text, .dk-step-area .dk-lead").filter(
        has_text=re.compile("^" + re.escape(text[:40]))).first.wait_for()
    for phone in phones:
        phone.wait_for_function(
            "expected => document.getElementById('step-text').textContent === expected", arg=text)


def send_all(phones: list[Any], texts: tuple[str, ...]) -> None:
    """Each phone sends its text; wait until each phone lists it as arrived."""
    for phone in phones:
        phone.locator("#compose").wait_for(state="visible")
    for phone, text in zip(phones, texts, strict=True):
        send_from_phone(phone, text)
    for phone, text in zip(phones, texts, strict=True):
        phone.locator("#mine-list li", has_text=text).wait_for()


def wait_for_cards(projector: Any, texts: tuple[str, ...]) -> None:
    for text in texts:
        projector.locator(".dk-card:visible", has_text=text).first.wait_for()


def dream_text(card: Card) -> str:
    return f"{card.dream.lead} {card.dream.text}".strip()


def prompt_text(card: Card, key: str) -> str:
    return next(prompt.text for prompt in card.evaluation.prompts if prompt.key == key)


def test_whole_session_from_welcome_to_closing(kit_server: Any, browser: Any, artifacts: Path) -> None:
    card = load_default_card()
    role = card.role(ROLE)

    # Welcome: the facilitator starts the session and opens the projector; three phones join by QR code.
    console, projector = open_session_as_facilitator(kit_server, browser, TITLE)
    join_url = join_url_from_qr(kit_server, projector)
    phones = []
    for _ in range(3):
        phone = browser.new_context(**PHONE).new_page()
        phone.goto(join_url)
        phone.locator("#v-room:not([hidden])").wait_for()
        phone.locator("#conn.online").wait_for()
        phones.append(phone)
    projector.locator(".dk-participants", has_text=t("ui.projector.participants", count=3)).wait_for()
    assert visible_text(projector, ".dk-step-area .dk-heading") == TITLE
    shots = Recorder(artifacts, projector, phones[0])
    shots.shoot("welcome")

    # Start question, each on their own: silent writing, then the console's reveal switch.
    press(console, "ArrowRight")
    wait_for_step(projector, phones, t("step.heading.start_individual"), card.start.individual)
    send_all(phones, SENDS["start.individual"])
    projector.locator(".dk-silent", has_text=t("ui.projector.responded", count=3, total=3)).wait_for()
    assert projector.locator(".dk-card:visible").count() == 0  # nothing on the wall before the reveal
    shots.shoot("start-individual-silent")
    console.get_by_role("switch", name=t("ui.console.reveal")).click()
    wait_for_cards(projector, SENDS["start.individual"])
    shots.shoot("start-individual-revealed")

    # Start question as a group: the same contributions stay on the wall.
    click_next(console)
    wait_for_step(projector, phones, card.start.group_heading, card.start.group)
    wait_for_cards(projector, SENDS["start.individual"])
    shots.shoot("start-group")

    # Role choice: the phones vote (two for role 2, one for role 3); the projector moves the bars.
    click_next(console)
    wait_for_step(projector, phones, t("step.heading.role_choice"), t("step.text.role_choice"))
    for phone, vote in zip(phones, (2, 2, 3), strict=True):
        phone.locator("#ballot:not([hidden]) button.role").first.wait_for()
        phone.locator("#roles button.role").nth(vote - 1).click()
        phone.locator("#roles button.role[aria-pressed=true]", has_text=str(vote)).wait_for()
    projector.locator(".dk-vote-total", has_text=t("conv.votes.total", count=3, total=3)).wait_for()
    tiles = projector.locator(".dk-role")
    tiles.nth(1).locator(".dk-vote-count", has_text=vote_text(2, "nl")).wait_for()
    tiles.nth(2).locator(".dk-vote-count", has_text=vote_text(1, "nl")).wait_for()
    assert [tiles.nth(i).locator(".dk-vote-count").inner_text() for i in range(4)] == [
        vote_text(n, "nl") for n in (0, 2, 1, 0)]
    widths = [tiles.nth(i).locator(".dk-vote-fill").evaluate("n => n.style.width") for i in range(4)]
    assert widths == ["0%", "100%", "50%", "0%"]
    shots.shoot("role-choice-votes")

    # The facilitator chooses role 2 with exactly two of its questions.
    console.get_by_role("radio", name=f"{role.number}. {role.title}").click()
    for question in role.questions:
        box = console.get_by_role("checkbox", name=f"{question.number}  {question.text}")
        box.wait_for()
        if (box.get_attribute("aria-checked") == "true") != (question.number in QUESTIONS):
            box.click()
    for question in role.questions:  # the ticks go through the server: wait until each has settled
        ticked = "true" if question.number in QUESTIONS else "false"
        console.get_by_role("checkbox", name=f"{question.number}  {question.text}") \
            .and_(console.locator(f"[aria-checked={ticked}]")).wait_for()
    console.get_by_role("button", name=t("ui.console.use_role")).click()
    projector.locator(".dk-role--chosen .dk-role-number", has_text=str(ROLE)).wait_for()
    for number in QUESTIONS:
        in_step_list(console, number).wait_for()
    assert [q.number for q in role.questions if in_step_list(console, q.number).count()] == list(QUESTIONS)
    shots.shoot("role-choice-chosen")

    # The role's two questions: each exactly as the card has it, number and text.
    for number in QUESTIONS:
        press(console, "ArrowRight")
        question_role, question = card.question(number)
        wait_for_step(projector, phones, f"{question_role.number}. {question_role.title}", question.text)
        assert visible_text(projector, ".dk-step-area .dk-number") == question.number
        assert visible_text(projector, ".dk-step-area .dk-text") == card.question(number)[1].text
        assert visible_text(phones[0], "#step-num") == t("phone.step.question", number=question.number)
        send_all(phones, SENDS[number])
        wait_for_cards(projector, SENDS[number])
        shots.shoot(f"question-{number}")

    # The dream question: silent writing again, revealed with the R key.
    console.get_by_role("button", name=t("conv.round.go_on")).click()
    wait_for_step(projector, phones, card.dream.heading, dream_text(card))
    send_all(phones, SENDS["dream"])
    projector.locator(".dk-silent", has_text=t("ui.projector.responded", count=3, total=3)).wait_for()
    press(console, "r")
    wait_for_cards(projector, SENDS["dream"])
    shots.shoot("dream")

    # Evaluation: what it yields (shown right away), then the action with its three parts.
    press(console, "ArrowRight")
    wait_for_step(projector, phones, card.evaluation.heading, prompt_text(card, "yield"))
    send_all(phones, SENDS["yield"])
    wait_for_cards(projector, SENDS["yield"])
    shots.shoot("evaluation-yield")

    click_next(console)
    wait_for_step(projector, phones, card.evaluation.heading, prompt_text(card, "action"))
    sender = phones[0]
    sender.locator("#action-extra:not([hidden])").wait_for()
    sender.fill("#who", ACTION["who"])
    sender.fill("#outcome", ACTION["outcome"])
    send_from_phone(sender, ACTION["text"])
    sender.locator("#mine-list li", has_text=ACTION["text"]).wait_for()
    action = projector.locator(".dk-action:visible", has_text=ACTION["text"]).first
    action.wait_for()
    for part, key in (("text", "action"), ("who", "who"), ("outcome", "outcome")):
        assert action.locator(f".dk-action-line--{key} .dk-action-text").inner_text() == ACTION[part]
    shots.shoot("evaluation-action")

    # Closing: the summary counts three participants and shows the action; the phone keeps its own.
    click_next(console)
    wait_for_step(projector, phones, t("step.heading.closing"), t("step.text.closing"))
    summary = projector.locator(".dk-summary")
    summary.wait_for()
    participants = summary.locator(".dk-summary-block", has_text=t("conv.summary.participants")).first
    assert participants.locator(".dk-summary-number").inner_text() == "3"
    summary.locator(".dk-summary-role", has_text=f"{role.number}. {role.title}").wait_for()
    summary_action = summary.locator(".dk-summary-actions .dk-action", has_text=ACTION["text"])
    summary_action.wait_for()
    assert ACTION["outcome"] in summary_action.inner_text()
    keep = sender.locator("#keep:not([hidden])")
    keep.locator("li", has_text=ACTION["text"]).wait_for()
    kept = keep.inner_text()
    assert ACTION["who"] in kept
    assert ACTION["outcome"] in kept
    shots.shoot("closing")

    for phone in phones:
        phone.context.close()
    console.context.close()
