"""A room of 20 that splits into two camps at the dream question, for the report's opinion groups.

Two people write fourteen dream contributions; eleven people then recognise the first six and see the
last six differently, seven others the other way round, and all eighteen recognise the two in the middle
(``SHARED``). At the start question only five people react: too few to say anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.core.engine import Engine
from kit.core.models import Anonymity, ReactionKind

STEP = "dream"
FEW_STEP = "start.individual"
TEXTS = tuple(f"Droom {n}: {'samen' if n in (6, 7) else 'anders'} leren in de school" for n in range(14))
SHARED = (TEXTS[6], TEXTS[7])
CAMPS = (11, 7)


@dataclass
class OpinionRoom:
    """The session, the two camps (participant ids) and the ids of the dream contributions by their text."""

    engine: Engine
    sid: str
    camps: tuple[list[str], list[str]] = ([], [])
    ids: dict[str, str] = field(default_factory=dict)


def run_opinion_room(engine: Engine) -> OpinionRoom:
    """Open a session, let two camps react to the dream contributions and five people to the start; end it."""
    opened = engine.open_session("schoolleider", "Studiedag, twee kampen", Anonymity.ANONYMOUS)
    sid, code = opened.session.id, opened.session.code
    people = [engine.join_participant(code, None).participant.id for _ in range(2 + sum(CAMPS))]
    room = OpinionRoom(engine, sid, (people[2:2 + CAMPS[0]], people[2 + CAMPS[0]:]))
    engine.jump_to_step(sid, FEW_STEP)
    few = [engine.add_contribution(sid, people[0], f"opinion-start-{n}", f"Start {n}", FEW_STEP).id for n in range(6)]
    engine.set_reveal(sid, FEW_STEP, True)
    for person in people[2:7]:
        for contribution_id in few:
            engine.reactions.react(sid, person, contribution_id, ReactionKind.RECOGNISE)
    engine.jump_to_step(sid, STEP)
    for n, text in enumerate(TEXTS):
        room.ids[text] = engine.add_contribution(sid, people[n % 2], f"opinion-dream-{n}", text, STEP).id
    engine.set_reveal(sid, STEP, True)
    for camp, sides in zip(room.camps, ((1, -1), (-1, 1)), strict=True):
        for person in camp:
            for n, text in enumerate(TEXTS):
                recognises = n in (6, 7) or (sides[0] == 1) == (n < 6)
                kind = ReactionKind.RECOGNISE if recognises else ReactionKind.DIFFER
                engine.reactions.react(sid, person, room.ids[text], kind)
    engine.end_session(sid)
    return room
