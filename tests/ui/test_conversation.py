"""A whole session of the card on the console and projector: every step in order, as the room sees it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from console_page import open_console
from nicegui import ui
from nicegui.testing import User

from kit.core.card import Card
from kit.core.engine import Engine, OpenedSession
from kit.core.errors import Refused
from kit.core.models import InputState

RemoteUser = Callable[..., User]


async def open_projector(user: User, opened: OpenedSession) -> None:
    await user.open(f"/projector/{opened.session.id}?view={opened.session.view_key}")


def current(engine: Engine, opened: OpenedSession) -> str:
    return engine.get_session(opened.session.id).current_step


def only(user: User, marker: str) -> Any:
    elements = user.find(marker=marker).elements
    assert len(elements) == 1, f"{marker}: {len(elements)} elements"
    return next(iter(elements))


def set_value(user: User, marker: str, value: object) -> None:
    element = only(user, marker)
    with user:
        element.value = value


async def shows_text(user: User, marker: str, text: str, retries: int = 40) -> None:
    """Wait until the one element marked ``marker`` says ``text``."""
    said: list[str] = []
    for _ in range(retries):
        try:
            said = [element.text for element in user.find(marker=marker).elements]  # type: ignore[attr-defined]
        except AssertionError:
            said = []
        if said == [text]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{marker} says {said!r}, not {text!r}")


async def test_conversation_walks_every_step_in_order(
    user: User, remote_user: RemoteUser, engine: Engine, opened: OpenedSession, card: Card
) -> None:
    sid = opened.session.id
    screen = remote_user()
    await open_projector(screen, opened)
    await screen.should_see("Doel van de dialoogkaart")
    await screen.should_see(card.subtitle)
    await screen.should_see(card.section("purpose").paragraphs[0])
    await screen.should_see(marker="join-large")
    people = {name: engine.join_participant(opened.session.code, name).participant.id
              for name in ("Anna", "Bram", "Cor")}
    await open_console(user, opened)

    # start question, individually: silent writing, then reveal
    user.find(marker="next").click()
    assert current(engine, opened) == "start.individual"
    await screen.should_see(card.start.individual, retries=30)
    engine.add_contribution(sid, people["Anna"], "contribution-a1", "Opleiden is teamwerk")
    await screen.should_see("1 van 3 hebben gereageerd", retries=30)
    await screen.should_not_see("Opleiden is teamwerk")
    user.find(marker="reveal").click()
    await screen.should_see("Opleiden is teamwerk", retries=30)

    # start question for the group shows the start contributions
    user.find(marker="next").click()
    await screen.should_see(card.start.group, retries=30)
    await screen.should_see("Opleiden is teamwerk")

    # role choice: four roles, live votes counted once per phone, the facilitator chooses
    user.find(marker="next").click()
    assert current(engine, opened) == "role_choice.0"
    for role in card.roles:
        await screen.should_see(role.title, retries=30)
        await screen.should_see(role.description)
    engine.cast_vote(sid, people["Anna"], 2)
    engine.cast_vote(sid, people["Bram"], 2)
    engine.cast_vote(sid, people["Cor"], 1)
    engine.cast_vote(sid, people["Anna"], 3)
    engine.cast_vote(sid, people["Anna"], 2)
    await shows_text(screen, "votes-2", "2 stemmen")
    await shows_text(screen, "votes-1", "1 stem")
    await shows_text(screen, "votes-3", "0 stemmen")
    await screen.should_see("3 van 3 deelnemers hebben gestemd")
    await user.should_see("3 van 3 deelnemers hebben gestemd", retries=30)
    user.find(marker="voting").click()
    session = engine.get_session(sid)
    assert engine.step_state(session, engine.current_step(session)).input_state is InputState.CLOSED
    try:
        engine.cast_vote(sid, people["Cor"], 2)
        raise AssertionError("a vote after voting closed was accepted")
    except Refused:
        pass
    user.find("2. Rol richting aanstaande leraren").click()
    for number in ("2.1", "2.5"):
        user.find(marker=f"question-{number}").click()
    user.find(marker="use-role").click()
    assert engine.get_session(sid).rounds[0].questions == ("2.1", "2.5")

    # a role question: one per screen, as on the card, with the footnote; collected or discussed aloud
    user.find(marker="next").click()
    assert current(engine, opened) == "role.0.2.1"
    _, question = card.question("2.1")
    await screen.should_see(question.text, retries=30)
    await screen.should_see("2. Rol richting aanstaande leraren")
    await screen.should_see(card.role(2).footnotes[0].text)
    set_value(user, "question-mode", "aloud")
    session = engine.get_session(sid)
    assert engine.step_state(session, engine.current_step(session)).input_state is InputState.CLOSED
    await screen.should_see("We bespreken deze vraag samen", retries=30)
    await user.should_not_see(marker="after-last-question")
    user.find(marker="next").click()
    assert current(engine, opened) == "role.0.2.5"
    await screen.should_see(card.question("2.5")[1].text, retries=30)
    await screen.should_not_see("We bespreken deze vraag samen")

    # after the last question: a second role, with one question
    await user.should_see(marker="after-last-question", retries=30)
    user.find(marker="another-role-round").click()
    assert current(engine, opened) == "role_choice.1"
    await user.should_see("3. De faciliterende rol", retries=30)
    user.find("3. De faciliterende rol").click()
    user.find(marker="question-3.1").click()
    user.find(marker="use-role").click()
    user.find(marker="next").click()
    assert current(engine, opened) == "role.1.3.1"
    await screen.should_see(card.question("3.1")[1].text, retries=30)
    await user.should_see(marker="go-on", retries=30)
    user.find(marker="go-on").click()

    # dream question: silent writing and reveal
    assert current(engine, opened) == "dream"
    await screen.should_see(card.dream.text.split("?")[0], retries=30)
    engine.add_contribution(sid, people["Bram"], "contribution-d1", "Iedereen leidt op")
    await screen.should_see("1 van 3 hebben gereageerd", retries=30)
    await screen.should_not_see("Iedereen leidt op")
    user.find(marker="reveal").click()
    await screen.should_see("Iedereen leidt op", retries=30)

    # evaluation: the card's prompts; actions arrive one by one with their three parts
    user.find(marker="next").click()
    await screen.should_see(card.evaluation.prompts[0].text, retries=30)
    user.find(marker="next").click()
    assert current(engine, opened) == "evaluation.action"
    await screen.should_see(card.evaluation.prompts[1].text, retries=30)
    engine.add_contribution(sid, people["Cor"], "contribution-x1", "Een leerteam starten",
                            fields={"who": "de schoolopleider", "outcome": "Studenten horen erbij"})
    await screen.should_see("Een leerteam starten", retries=30)
    for text in ("Actie", "Wie betrek je", "Wat moet het opleveren", "de schoolopleider", "Studenten horen erbij"):
        await screen.should_see(text)
    engine.add_contribution(sid, people["Anna"], "contribution-x2", "Visie op opleiden delen",
                            fields={"who": "het bestuur"})
    await screen.should_see("Visie op opleiden delen", retries=30)
    await screen.should_see("het bestuur")
    assert len(screen.find(marker="action").elements) == 2

    # closing: the summary in numbers
    user.find(marker="next").click()
    assert current(engine, opened) == "closing"
    await shows_text(screen, "summary-participants", "3")
    await shows_text(screen, "summary-count-start.individual", "1")
    await screen.should_not_see(marker="summary-count-role.0.2.1")  # discussed aloud: nothing sent
    await shows_text(screen, "summary-count-dream", "1")
    await shows_text(screen, "summary-count-evaluation.action", "2")
    await screen.should_see("Startvraag (individueel)")
    await screen.should_see("2. Rol richting aanstaande leraren")
    await screen.should_see("3. De faciliterende rol")
    await screen.should_see("Een leerteam starten")
    assert len(screen.find(marker="summary-role").elements) == 2


async def test_conversation_countdown_starts_and_stops_from_console(
    user: User, remote_user: RemoteUser, engine: Engine, opened: OpenedSession
) -> None:
    engine.jump_to_step(opened.session.id, "start.individual")
    screen = remote_user()
    await open_projector(screen, opened)
    await open_console(user, opened)
    await screen.should_not_see(marker="countdown")
    set_value(user, "timer-minutes", 2)
    user.find(marker="timer-start").click()
    session = engine.get_session(opened.session.id)
    state = engine.step_state(session, engine.current_step(session))
    assert state.timer_seconds == 120
    await shows_text(screen, "countdown-time", "02:00")
    await user.should_see(marker="timer-stop", retries=30)
    user.find(marker="timer-stop").click()
    await screen.should_not_see(marker="countdown", retries=30)


async def test_conversation_countdown_says_time_is_up_and_input_stays_open(
    user: User, engine: Engine, opened: OpenedSession
) -> None:
    from dataclasses import replace
    from time import time

    sid = opened.session.id
    engine.jump_to_step(sid, "dream")
    session = engine.get_session(sid)
    state = engine.step_state(session, engine.current_step(session))
    engine.store.save_step_state(sid, replace(state, timer_ends_at=time() + 0.4, timer_seconds=60))
    await open_projector(user, opened)
    await user.should_see(marker="countdown")
    await user.should_see("Tijd is om", retries=40)
    assert engine.step_state(session, engine.current_step(session)).input_state is InputState.OPEN
    await user.should_see("Stuur je antwoord met je telefoon")


async def test_conversation_language_switch_changes_projector_not_card(
    user: User, remote_user: RemoteUser, engine: Engine, opened: OpenedSession, card: Card
) -> None:
    engine.jump_to_step(opened.session.id, "role_choice.0")
    screen = remote_user()
    await open_projector(screen, opened)
    await screen.should_see("0 deelnemers")
    await open_console(user, opened)
    set_value(user, "session-language", "en")
    assert engine.get_session(opened.session.id).language == "en"
    await screen.should_see("0 participants", retries=30)
    await screen.should_see("Which role do we discuss?")
    await screen.should_see(card.role(1).title)


async def test_conversation_about_card_shows_introduction_and_sources(
    user: User, opened: OpenedSession, card: Card
) -> None:
    await open_console(user, opened)
    user.find(marker="about-open").click()
    await user.should_see(marker="about")
    approach = card.section("approach")
    await user.should_see("Doel van de dialoogkaart")
    await user.should_see(approach.heading or "")
    for bullet in approach.bullets:
        await user.should_see(bullet)
    for book in card.sources.books:
        await user.should_see(book)
    for link in card.sources.links:
        await user.should_see(link.label)
    assert any(isinstance(e, ui.link) for e in user.find(card.sources.links[0].label).elements)
