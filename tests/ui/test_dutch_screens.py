"""A Dutch session shows no English: every step and every state on the console and the projector.

Reconnecting is not walked here: that text is NiceGUI's own and is replaced in the shared theme.
The phone page has its own tests.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from console_page import open_console
from english_words import english_words
from nicegui.testing import User
from screen_text import page_texts
from ui_keys import press

from kit.core.card_loader import load_default_card
from kit.core.engine import Engine, OpenedSession
from kit.core.models import InputState
from kit.core.steps import StepKind

RemoteUser = Callable[..., User]
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL)


class Findings:
    """English words found, per screen and state; the card's own text (an English book title in its
    literature list) is the card's, quoted as published, and is not checked."""

    def __init__(self, card_text: str) -> None:
        self.card_text = card_text
        self.found: dict[str, list[str]] = {}

    def check(self, where: str, texts: list[str]) -> None:
        for text in texts:
            if " ".join(text.split()) in self.card_text:
                continue
            words = english_words(text)
            if words:
                self.found.setdefault(where, []).append(f"{text!r}: {words}")

    def assert_none(self) -> None:
        report = "\n".join(f"{where}:\n  " + "\n  ".join(lines) for where, lines in self.found.items())
        assert not self.found, f"English in a Dutch session:\n{report}"


def _fill(engine: Engine, opened: OpenedSession) -> dict[str, str]:
    sid = opened.session.id
    people = {name: engine.join_participant(opened.session.code, name).participant.id
              for name in ("Anna", "Bram", "Cor")}
    return people | {"sid": sid}


def _contribute(engine: Engine, sid: str, people: dict[str, str], step_key: str, kind: StepKind) -> None:
    texts = ("Tijd en ruimte om samen te leren", "Studenten horen bij het team", "Tijd voor begeleiding")
    for index, (name, text) in enumerate(zip(("Anna", "Bram", "Cor"), texts, strict=True)):
        fields = {"who": "de schoolopleider", "outcome": "een leerteam"} if step_key == "evaluation.action" else None
        contribution_id = f"contribution-{step_key}-{index}".replace(".", "-")
        engine.add_contribution(sid, people[name], contribution_id, text, fields=fields)
    if kind is StepKind.START_INDIVIDUAL:
        engine.set_reveal(sid, step_key, True)


def _strings(data: object) -> list[str]:
    """Return every string in ``data`` (a card as plain data), whitespace normalised."""
    if isinstance(data, str):
        return [" ".join(data.split())]
    if isinstance(data, dict):
        return [text for value in data.values() for text in _strings(value)]
    if isinstance(data, list | tuple):
        return [text for value in data for text in _strings(value)]
    return []


async def _look(user: User, path: str, findings: Findings, where: str) -> None:
    if user.client is not None:
        user.client.delete()  # a closed tab: its timers stop, so the walk does not slow down
    await user.open(path)
    findings.check(where, page_texts(user))


@pytest.mark.slow
async def test_dutch_session_console_and_projector_show_no_english(
    user: User, remote_user: RemoteUser, engine: Engine, opened: OpenedSession
) -> None:
    findings = Findings("\n".join(_strings(load_default_card().model_dump())))
    people = _fill(engine, opened)
    sid = people.pop("sid")
    session = opened.session
    console = f"/console/{sid}"
    projector = f"/projector/{sid}?view={session.view_key}"
    viewer = remote_user()
    await open_console(user, opened)
    index = 0
    while index < len(steps := engine.steps(engine.get_session(sid))):
        step = steps[index]
        index += 1
        engine.jump_to_step(sid, step.key)
        if step.collects:
            _contribute(engine, sid, people, step.key, step.kind)
        if step.kind is StepKind.START_GROUP:
            engine.boards.show_groups(sid, step.key, True)
        if step.kind is StepKind.ROLE_CHOICE:
            for name, role in zip(("Anna", "Bram"), (2, 3), strict=True):
                engine.cast_vote(sid, people[name], role)
            await _look(user, console, findings, "console role choice, open")
            user.find("2. Rol richting aanstaande leraren").click()
            user.find(marker="use-role").click()  # no question ticked: a notice
            findings.check("console role choice, notice", page_texts(user))
            engine.choose_role(sid, 0, 2)
        await _look(user, console, findings, f"console {step.key}")
        await _look(user, projector, findings, f"projector {step.key}")
        await _look(viewer, projector, findings, f"projector (viewer) {step.key}")
        if step.collects:
            for state in (InputState.PAUSED, InputState.CLOSED):
                engine.set_input_state(sid, step.key, state)
                await _look(user, console, findings, f"console {step.key} {state.value}")
                await _look(user, projector, findings, f"projector {step.key} {state.value}")
            engine.set_input_state(sid, step.key, InputState.OPEN)

    # what the facilitator's actions bring up: notices, the confirmation, a refusal
    await open_console(user, opened)
    user.find(marker="qr-large").click()
    user.find(marker="qr-large").click()
    user.find(marker=f"remove-{people['Cor']}").click()
    findings.check("console notices and confirmation", page_texts(user))
    user.find(marker="cancel").click()

    engine.end_session(sid)
    await _look(user, console, findings, "console ended")
    press(user, "ArrowRight")
    findings.check("console ended, after a key", page_texts(user))
    await _look(user, projector, findings, "projector ended")

    for path in (console, f"{console}?key=wrong", f"/projector/{sid}?view=wrong", "/console", "/projector/"):
        response = await viewer.http_client.get(path)
        assert response.status_code in (403, 404)
        findings.check(f"refused {path}", [html.unescape(_TAG.sub(" ", response.text))])
    findings.assert_none()


async def test_dutch_screens_check_catches_an_english_projector(user: User, engine: Engine) -> None:
    opened = engine.open_session("schoolleider", "Study day", language="en")
    engine.jump_to_step(opened.session.id, "start.individual")
    findings = Findings("")
    await _look(user, f"/projector/{opened.session.id}?view={opened.session.view_key}", findings, "projector")
    assert findings.found
