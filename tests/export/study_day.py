"""A study-day session run through every kind of step, for the report tests (and their ids)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC

from kit.core.engine import Engine
from kit.core.models import Anonymity, ReactionKind
from kit.export.report import SessionReport, build_report

QUESTIONS = ("1.1", "1.2")
START = ("Wij leiden samen op met de pabo", "Studenten zijn écht collega's in ons team")
TIME = (
    "Begeleiding kost veel tijd",
    "We hebben te weinig uren voor werkplekbegeleiders",
    "De student is een collega in het team",
)


@dataclass
class StudyDay:
    """A session run through every kind of step; ids of what the tests look for."""

    engine: Engine
    sid: str
    code: str
    secret: str
    people: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    serial: int = 0

    def say(self, step: str, text: str, person: int, fields: dict[str, str] | None = None) -> str:
        self.serial += 1
        cid = f"contrib-{self.serial:04d}"
        self.engine.add_contribution(self.sid, self.people[person], cid, text, step, fields=fields)
        self.ids[text] = cid
        return cid

    def report(self, lang: str | None = None) -> SessionReport:
        return build_report(self.engine, self.sid, lang, tz=UTC)


def run_study_day(engine: Engine, anonymity: Anonymity) -> StudyDay:
    """Open a session, let three named people take part in every step, then end it."""
    opened = engine.open_session("schoolleider", "Studiedag groep A", anonymity)
    day = StudyDay(engine, opened.session.id, opened.session.code, opened.secret)
    for name in ("Anja", "Bram", "Cees"):
        day.people.append(engine.join_participant(day.code, name).participant.id)
    engine.jump_to_step(day.sid, "start.individual")
    day.say("start.individual", START[0], 0)
    day.say("start.individual", START[1], 1)
    hidden = day.say("start.individual", "Dit hoort hier niet", 2)
    engine.hide_contribution(day.sid, hidden)
    withdrawn = day.say("start.individual", "Ingetrokken gedachte", 2)
    engine.withdraw_contribution(day.sid, day.people[2], withdrawn)
    engine.save_note(day.sid, "start.individual", "Veel herkenning rond collegialiteit.")

    engine.jump_to_step(day.sid, "role_choice.0")
    engine.cast_vote(day.sid, day.people[0], 1)
    engine.cast_vote(day.sid, day.people[1], 1)
    engine.cast_vote(day.sid, day.people[2], 3)
    engine.choose_role(day.sid, 0, 1, QUESTIONS)

    engine.jump_to_step(day.sid, "role.0.1.1")
    for person, text in enumerate(TIME):
        day.say("role.0.1.1", text, person)
    engine.boards.suggest(day.sid, "role.0.1.1")
    board = engine.boards.move_to_new_group(day.sid, "role.0.1.1", day.ids[TIME[0]], "Tijd en middelen")
    time_group = next(g.id for g in board.groups if g.label == "Tijd en middelen")
    engine.boards.move(day.sid, "role.0.1.1", day.ids[TIME[1]], time_group)
    engine.boards.move(day.sid, "role.0.1.1", day.ids[TIME[2]], None)
    engine.reactions.react(day.sid, day.people[1], day.ids[TIME[0]], ReactionKind.RECOGNISE)
    engine.reactions.react(day.sid, day.people[2], day.ids[TIME[0]], ReactionKind.RECOGNISE)
    engine.reactions.react(day.sid, day.people[0], day.ids[TIME[0]], ReactionKind.DIFFER)

    engine.jump_to_step(day.sid, "evaluation.action")
    day.say("evaluation.action", "Vaste overlegtijd met de pabo plannen", 0,
            {"who": "De opleider in de school", "outcome": "Een rooster voor het hele jaar"})
    day.say("evaluation.action", "Studenten uitnodigen voor de teamvergadering", 1)
    engine.save_note(day.sid, "evaluation.action", "Actie 1 volgt Anja op.\nTweede regel.")
    engine.end_session(day.sid)
    return day
