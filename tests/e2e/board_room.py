"""A room on its group step, written to a data folder before the kit starts: answers, groups and reactions.

The answers are the Dutch belief statements of the grouping test sets, so the board holds the groups
and label lengths a real room produces.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.core.models import Anonymity
from kit.store.sqlite import SqliteStore

ANSWER_STEP = "start.individual"
GROUP_STEP = "start.group"
_SOURCES = (
    "data/selfmade_beliefs_question.tsv", "heldout/heldout_beliefs.tsv", "blind/q2_1_why.tsv",
    "blind/q1_1_vision.tsv", "heldout/heldout_q2_5_learn_from_students.tsv", "blind/q2_9_all_colleagues.tsv",
)
_GROUPING = Path(__file__).resolve().parent.parent / "grouping"
_ELSEWHERE = "De koffieautomaat in de personeelskamer is al weken kapot."


@dataclass(frozen=True)
class BoardRoom:
    """The seeded session: its id, facilitator secret, projector view key and contribution ids."""

    session_id: str
    secret: str
    view_key: str
    contribution_ids: tuple[str, ...]


def answers(count: int) -> list[str]:
    """Return ``count`` different Dutch answers from the grouping test sets."""
    found: list[str] = []
    for source in _SOURCES:
        with (_GROUPING / source).open(encoding="utf-8") as rows:
            found += [row["text"] for row in csv.DictReader(rows, delimiter="\t") if row["text"] not in found]
        if len(found) >= count:
            return found[:count]
    raise ValueError(f"only {len(found)} answers available")


def seed_board_room(data_dir: Path, contributions: int, people: int, seed: int = 8) -> BoardRoom:
    """Write a session to ``data_dir``: ``people`` answer ``contributions`` times, grouped, with reactions.

    The session ends on the group step with its groups suggested and revealed; every participant marks
    a few answers (recognise mostly, some differ), so a few answers are contested.
    """
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, {card.id: card})
        opened = engine.open_session(card.id, "Studiedag schoolleiders", Anonymity.ANONYMOUS)
        sid = opened.session.id
        engine.jump_to_step(sid, ANSWER_STEP)
        joined = [engine.join_participant(opened.session.code).participant.id for _ in range(people)]
        ids = [
            engine.add_contribution(sid, joined[index % people], f"answer-{index:03d}", text).id
            for index, text in enumerate(answers(contributions))
        ]
        engine.jump_to_step(sid, GROUP_STEP)
        engine.set_reveal(sid, GROUP_STEP, True)
        engine.boards.suggest(sid, GROUP_STEP)
        chance = random.Random(seed)
        for person in joined:
            for cid in chance.sample(ids, min(len(ids), 6)):
                kind = "differ" if chance.random() < 0.3 else "recognise"
                engine.reactions.react(sid, person, cid, kind)
        return BoardRoom(sid, opened.secret, opened.session.view_key, tuple(ids))
    finally:
        store.close()


def seed_learning_room(data_dir: Path) -> BoardRoom:
    """Write a 30-answer room whose board offers something to the facilitator, then six late answers.

    The facilitator split the first group in two (so the kit offers to merge them again), seven answers
    arrived after the groups were made (the ones the kit is not sure of, at least the one about something
    else, wait in the "Nieuw" strip), and one author said where their own answer belongs while the
    groups were shown on phones.
    """
    room = seed_board_room(data_dir, 30, 30)
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, {card.id: card})
        sid, boards = room.session_id, engine.boards
        board = boards.board(sid, GROUP_STEP)
        assert board is not None
        first = board.groups[0]
        split = boards.split(sid, GROUP_STEP, first.id, list(first.members[3:]))
        apart = split.group_of(first.members[3])
        assert apart is not None
        boards.rename(sid, GROUP_STEP, apart, "Samen met de pabo")
        code = engine.get_session(sid).code
        for index, text in enumerate([*answers(36)[30:], _ELSEWHERE]):
            person = engine.join_participant(code).participant.id
            engine.add_contribution(sid, person, f"answer-late-{index:02d}", text, step_key=ANSWER_STEP)
        boards.place_new(sid, GROUP_STEP)
        boards.show_groups(sid, GROUP_STEP, True)
        author = engine.contributions(sid, ANSWER_STEP)[0]
        board = boards.board(sid, GROUP_STEP)
        assert board is not None
        target = next(group.id for group in board.groups[1:] if author.id not in group.members)
        boards.place_own(sid, author.participant_id, author.id, target)
        return room
    finally:
        store.close()
