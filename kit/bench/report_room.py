"""A full room to report on: 30 people, 120 contributions, grouped questions, reactions, a role vote, two actions.

Used by ``dialoogkaart bench report`` and by the report tests. It follows the whole-session test's
path (role 2 with questions 2.3 and 2.7) and is deterministic: the same texts, groups and
reactions every time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.core.engine import Engine
from kit.core.models import Anonymity, ReactionKind

PEOPLE = 30
ROLE = 2
QUESTIONS = ("2.3", "2.7")
ACTIONS = (
    ("Een leerteam met studenten en mentoren starten.", "De opleidingsschool en de pabo",
     "Dat studenten echt meedoen in het team"),
    ("Vaste overlegtijd met de opleiding in het jaarrooster zetten.", "De opleider in de school",
     "Een rooster voor het hele jaar"),
)
# Per step: themes, each with phrasings; the room's texts cycle through them with a varying ending.
_THEMES: dict[str, tuple[tuple[str, ...], ...]] = {
    "start.individual": (
        ("Samen opleiden is een gedeelde verantwoordelijkheid van school en opleiding",
         "School en pabo zijn samen verantwoordelijk voor het opleiden"),
        ("Studenten horen erbij, als collega in het team", "De student is een collega in ons team"),
        ("Het kost tijd, maar het levert ons nieuwe ideeën op", "Opleiden kost veel tijd en uren"),
        ("We leren zelf ook van de studenten", "Studenten brengen nieuwe kennis de school in"),
    ),
    "role.0.2.3": (
        ("Dat ze nieuwsgierig zijn en vragen durven stellen", "Nieuwsgierige studenten die veel vragen stellen"),
        ("Eigen initiatief en meedenken in de sectie", "Studenten die zelf initiatief nemen"),
        ("Dat ze hun ervaringen van de opleiding meebrengen", "Ze brengen actuele kennis van de opleiding mee"),
        ("Een open houding naar feedback", "Feedback durven vragen en gebruiken"),
    ),
    "role.0.2.7": (
        ("Met een vaste buddy en een rooster op de eerste dag", "Een buddy die de eerste weken meeloopt"),
        ("We stellen ze voor in de teamvergadering", "Voorstellen aan het hele team in de vergadering"),
        ("Een welkomstpakket en een eigen plek in de teamkamer", "Een eigen werkplek en een sleutel"),
        ("De schoolleider heet ze zelf welkom", "Een welkomstgesprek met de directeur"),
    ),
    "dream": (
        ("Elk team heeft studenten die echt meedraaien", "Studenten draaien volledig mee in elk team"),
        ("Onderzoek van studenten verandert onze lessen", "Het onderzoek van studenten verbetert ons onderwijs"),
    ),
}
_ENDINGS = ("", " in onze school", " voor iedereen", " elke week", " vanaf het begin", " in elk team",
            " zonder uitzondering", " met de mentoren", " samen met de pabo", " als vanzelfsprekend")
_COUNTS = {"start.individual": 30, "role.0.2.3": 40, "role.0.2.7": 40, "dream": 8}


@dataclass
class ReportRoom:
    """The room's session id and code, its people (participant ids) and the ids of what they sent."""

    engine: Engine
    sid: str
    code: str
    people: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def texts_for(step_key: str, count: int) -> list[str]:
    """Return ``count`` distinct texts for ``step_key``, cycling through its themes and phrasings."""
    themes = _THEMES[step_key]
    texts = []
    for index in range(count):
        theme = themes[index % len(themes)]
        phrase = theme[(index // len(themes)) % len(theme)]
        ending = _ENDINGS[(index // (len(themes) * len(theme))) % len(_ENDINGS)]
        texts.append(f"{phrase}{ending}.")
    return texts


def run_report_room(engine: Engine, title: str = "Studiedag schoolleiders, groep B") -> ReportRoom:
    """Open a named session and let 30 people send 120 contributions, group, react, vote and act; then end it."""
    opened = engine.open_session("schoolleider", title, Anonymity.OPTIONAL)
    room = ReportRoom(engine, opened.session.id, opened.session.code)
    for number in range(PEOPLE):
        room.people.append(engine.join_participant(room.code, f"Deelnemer {number + 1:02d}").participant.id)
    _send(room, "start.individual")
    engine.save_note(room.sid, "start.individual", "Veel herkenning: opleiden doen we samen.")
    engine.jump_to_step(room.sid, "role_choice.0")
    for index, person in enumerate(room.people):
        engine.cast_vote(room.sid, person, (ROLE, ROLE, 1, 3, ROLE, 4)[index % 6])
    engine.choose_role(room.sid, 0, ROLE, QUESTIONS)
    for step_key in ("role.0.2.3", "role.0.2.7"):
        _send(room, step_key)
        engine.boards.suggest(room.sid, step_key)
        _react(room, step_key)
    engine.save_note(room.sid, "role.0.2.7", "Buddy-systeem uitwerken in de werkgroep.")
    _send(room, "dream")
    engine.jump_to_step(room.sid, "evaluation.action")
    for index, (text, who, outcome) in enumerate(ACTIONS):
        cid = f"room-action-{index:03d}"
        engine.add_contribution(room.sid, room.people[index], cid, text, "evaluation.action",
                                fields={"who": who, "outcome": outcome})
        room.texts[cid] = text
    engine.end_session(room.sid)
    return room


def _send(room: ReportRoom, step_key: str) -> None:
    room.engine.jump_to_step(room.sid, step_key)
    for index, text in enumerate(texts_for(step_key, _COUNTS[step_key])):
        cid = f"room-{step_key}-{index:04d}"
        room.engine.add_contribution(room.sid, room.people[index % PEOPLE], cid, text, step_key)
        room.texts[cid] = text


def _react(room: ReportRoom, step_key: str) -> None:
    """Let every third person react to a few contributions: mostly recognising, sometimes differing."""
    ids = [cid for cid in room.texts if cid.startswith(f"room-{step_key}-")]
    for index, person in enumerate(room.people[::3]):
        for offset in range(4):
            cid = ids[(index * 3 + offset * 7) % len(ids)]
            kind = ReactionKind.DIFFER if (index + offset) % 4 == 0 else ReactionKind.RECOGNISE
            room.engine.reactions.react(room.sid, person, cid, kind)
