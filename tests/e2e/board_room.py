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
                engine.boards.react(sid, person, cid, kind)
        return BoardRoom(sid, opened.secret, opened.session.view_key, tuple(ids))
    finally:
        store.close()
