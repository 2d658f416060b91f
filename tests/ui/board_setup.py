"""A start question with Dutch answers, arranged on the board by the facilitator's own decisions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from nicegui import ui
from nicegui.testing import User

from kit.core.engine import Engine, OpenedSession

STEP = "start.group"
ANSWERS = (
    ("Anna", "Samen opleiden kost tijd die we in het rooster niet hebben."),
    ("Bram", "Er is te weinig tijd en ruimte om studenten goed te begeleiden."),
    ("Carla", "Studenten brengen nieuwe ideeën de school in, daar leren wij van."),
    ("Daan", "Van studenten leer ik zelf ook weer nieuwe dingen."),
    ("Eva", "Het hele team moet zich verantwoordelijk voelen voor de student."),
    ("Fleur", "Opleiden is niet alleen de taak van de mentor, maar van het hele team."),
    ("Gijs", "De samenwerking met de pabo kan beter afgestemd worden."),
    ("Hanna", "Ik zie opleiden vooral als een manier om nieuwe collega's te werven."),
)


@dataclass(frozen=True)
class Room:
    """The session on its group step: contribution ids c1..c8 and participant ids by name."""

    sid: str
    people: dict[str, str]
    ids: tuple[str, ...]


def answered(engine: Engine, opened: OpenedSession) -> Room:
    """Let eight participants answer the start question, then move on to the group step."""
    sid = opened.session.id
    engine.jump_to_step(sid, "start.individual")
    people: dict[str, str] = {}
    ids = []
    for number, (name, text) in enumerate(ANSWERS, start=1):
        joined = engine.join_participant(opened.session.code, name)
        people[name] = joined.participant.id
        ids.append(engine.add_contribution(sid, joined.participant.id, f"answer-{number:02d}", text).id)
    engine.jump_to_step(sid, STEP)
    return Room(sid, people, tuple(ids))


def arranged(engine: Engine, opened: OpenedSession) -> tuple[Room, dict[str, str]]:
    """Suggest, then place every answer by hand: three named pairs, two on their own.

    Returns the room and the group ids by label.
    """
    room = answered(engine, opened)
    boards = engine.boards
    boards.suggest(room.sid, STEP)
    c = room.ids
    groups: dict[str, str] = {}
    for first, second, label in ((0, 1, "Tijd en ruimte"), (2, 3, "Leren van studenten"), (4, 5, "Het hele team")):
        board = boards.move_to_new_group(room.sid, STEP, c[first], label)
        group_id = board.group_of(c[first])
        assert group_id is not None
        boards.move(room.sid, STEP, c[second], group_id)
        groups[label] = group_id
    boards.move(room.sid, STEP, c[6], None)
    boards.move(room.sid, STEP, c[7], None)
    return room, groups


async def until(check: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait until ``check()`` holds (board work runs in a worker thread)."""
    for _ in range(int(timeout / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    assert check(), "condition not reached in time"


def one(user: User, marker: str) -> ui.element:
    """Return the one element marked ``marker``."""
    elements = user.find(marker=marker).elements
    assert len(elements) == 1, marker
    return next(iter(elements))


def texts_in(user: User, marker: str) -> list[str]:
    """Return the texts of the visible labels inside the element marked ``marker`` (in page order).

    Soft hyphens (break opportunities the projector adds to long words) are left out.
    """
    element = one(user, marker)
    return [e.text.replace("\u00ad", "") for e in element.descendants() if isinstance(e, ui.label) and e.visible]
