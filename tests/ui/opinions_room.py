"""A room of 30 in two camps that reacted to the start question's answers, built through the engine.

Camp A (16 people) recognises the first five answers and sees the last five differently; camp B (14)
the other way round; everyone recognises the two in the middle. The answers are on the board in two
themes (the first five, the last five), so the console can tell which theme each camp recognises.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.core.engine import Engine, OpenedSession

STEP = "start.group"
FIRST_FIVE = (
    "Samen opleiden kost tijd die we in het rooster niet hebben.",
    "Er is te weinig tijd en ruimte om studenten goed te begeleiden.",
    "Het rooster laat geen ruimte voor gesprekken met de student.",
    "Begeleiden lukt alleen als er uren voor vrijgemaakt worden.",
    "De werkdruk is te hoog om er ook nog een student bij te nemen.",
)
SHARED = (
    "Studenten brengen nieuwe ideeën de school in, daar leren wij van.",
    "Het hele team moet zich verantwoordelijk voelen voor de student.",
)
LAST_FIVE = (
    "Een student is voor ons vooral een extra paar handen in de klas.",
    "De mentor kan het opleiden prima alleen af, het team hoeft niet mee te doen.",
    "Tijd is er genoeg, het gaat om willen.",
    "Studenten moeten vooral meedraaien zoals het altijd ging.",
    "Met de pabo afstemmen is niet nodig, de school weet zelf wat werkt.",
)
ANSWERS = FIRST_FIVE + SHARED + LAST_FIVE
CAMP_A = ("recognise",) * 5 + ("recognise",) * 2 + ("differ",) * 5
CAMP_B = ("differ",) * 5 + ("recognise",) * 2 + ("recognise",) * 5


@dataclass(frozen=True)
class OpinionRoom:
    """The session on its group step: the answers' ids, the camps' participant ids and names."""

    sid: str
    ids: tuple[str, ...]
    camp_a: tuple[str, ...]
    camp_b: tuple[str, ...]
    names: tuple[str, ...]


def opinion_room(engine: Engine, opened: OpenedSession, camp_a: int = 16, camp_b: int = 14,
                 themes: bool = True) -> OpinionRoom:
    """Let three writers answer, ``camp_a`` + ``camp_b`` people react, and move on to the group step."""
    sid = opened.session.id
    engine.jump_to_step(sid, "start.individual")
    writers = [engine.join_participant(opened.session.code, f"Schrijver {n}").participant.id for n in range(3)]
    ids = tuple(
        engine.add_contribution(sid, writers[number % 3], f"answer-{number:02d}", text).id
        for number, text in enumerate(ANSWERS)
    )
    engine.jump_to_step(sid, STEP)
    names: list[str] = []
    camps: list[list[str]] = [[], []]
    for camp, size, marks in ((0, camp_a, CAMP_A), (1, camp_b, CAMP_B)):
        for n in range(size):
            name = f"Deelnemer{camp}x{n:02d}"
            person = engine.join_participant(opened.session.code, name).participant.id
            names.append(name)
            camps[camp].append(person)
            for contribution_id, kind in zip(ids, marks, strict=True):
                engine.reactions.react(sid, person, contribution_id, kind)
    if themes:
        boards = engine.boards
        boards.suggest(sid, STEP)
        for label, members in (("Tijd en werkdruk", ids[:5]), ("Wat we samen doen", ids[5:7]),
                               ("Zo doen we het al", ids[7:])):
            board = boards.move_to_new_group(sid, STEP, members[0], label)
            group_id = board.group_of(members[0])
            assert group_id is not None
            for member in members[1:]:
                boards.move(sid, STEP, member, group_id)
    return OpinionRoom(sid, ids, tuple(camps[0]), tuple(camps[1]), tuple(names))
