"""A room of 30 that is split down the middle on one theme, for the report's "Hier verschillen we" tests.

At the dream question, four contributions: "Tijd" holds two of them, "Team" one, and one stands on its
own. On "Tijd" every person counts once: 15 recognise it and 15 see it differently (divided), although
the marks on its two contributions add up to 25 against 16. Its first contribution is split 15 against
15 (divided), its second 10 against 1 (shared); "Team" is 10 against 1; the one on its own 3 against 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.core.engine import Engine
from kit.core.models import Anonymity, ReactionKind

STEP = "dream"
SPLIT = "Elke student krijgt een vaste dag in de week voor het onderzoek"
SHARED_IN_SPLIT = "Er is tijd ingeroosterd voor de werkplekbegeleiders"
TEAM = "Het hele team voelt zich opleider"
ALONE = "De koffieautomaat werkt eindelijk"
TIME_LABEL = "Tijd"
TEAM_LABEL = "Team"


@dataclass
class DividedRoom:
    """The session id and code, its people and the ids of the four contributions by their text."""

    engine: Engine
    sid: str
    code: str
    people: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)


def run_divided_room(engine: Engine) -> DividedRoom:
    """Open a session of 30 people, group four dream contributions and let the room react; then end it."""
    opened = engine.open_session("schoolleider", "Studiedag, verdeelde zaal", Anonymity.ANONYMOUS)
    room = DividedRoom(engine, opened.session.id, opened.session.code)
    room.people = [engine.join_participant(room.code, None).participant.id for _ in range(30)]
    engine.jump_to_step(room.sid, STEP)
    for index, text in enumerate((SPLIT, SHARED_IN_SPLIT, TEAM, ALONE)):
        room.ids[text] = engine.add_contribution(room.sid, room.people[index], f"divided-{index}", text, STEP).id
    engine.boards.suggest(room.sid, STEP)
    board = engine.boards.move_to_new_group(room.sid, STEP, room.ids[SPLIT], TIME_LABEL)
    engine.boards.move(room.sid, STEP, room.ids[SHARED_IN_SPLIT], board.group_of(room.ids[SPLIT]))
    board = engine.boards.move_to_new_group(room.sid, STEP, room.ids[TEAM], TEAM_LABEL)
    engine.boards.move(room.sid, STEP, room.ids[ALONE], None)
    for group in board.groups:  # leave only the two groups made here
        if group.label not in (TIME_LABEL, TEAM_LABEL):
            for member in group.members:
                engine.boards.move(room.sid, STEP, member, None)
    engine.set_reveal(room.sid, STEP, True)
    _marks(room, SPLIT, range(0, 15), range(15, 30))
    _marks(room, SHARED_IN_SPLIT, range(0, 10), range(15, 16))
    _marks(room, TEAM, range(0, 10), range(10, 11))
    _marks(room, ALONE, range(20, 23), range(23, 26))
    engine.end_session(room.sid)
    return room


def _marks(room: DividedRoom, text: str, recognise: range, differ: range) -> None:
    for person in recognise:
        room.engine.reactions.react(room.sid, room.people[person], room.ids[text], ReactionKind.RECOGNISE)
    for person in differ:
        room.engine.reactions.react(room.sid, room.people[person], room.ids[text], ReactionKind.DIFFER)
