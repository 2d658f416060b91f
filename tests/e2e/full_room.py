"""A full room through the whole card, seeded into a data folder before the kit starts.

30 people, 60 start answers (grouped, with reactions), 29 role votes, role 2 with questions 2.3 and
2.7, 30 dream answers (one of them 500 characters long), 20 yields and 12 actions. The session is
left on the welcome step, so a browser test can walk every step with the keys.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from kit.bench.discussion_room import statements
from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.store.sqlite import SqliteStore

PEOPLE = 30
ROLE = 2
QUESTIONS = ("2.3", "2.7")
_SETS = Path(__file__).resolve().parent.parent / "grouping"
LONG = ("Dit is een lange bijdrage over samen opleiden in onze school. " * 9)[:497].rstrip() + " ok"
_WHO = ("De pabo", "De mentoren en de schoolopleider van onze school",
        "Het hele team, de studenten en de opleiders van de lerarenopleiding samen")
_OUTCOME = ("Een plan", "Dat studenten zich vanaf de eerste dag welkom voelen in het team",
            "Een vaste plek in het jaarrooster voor overleg tussen school en opleiding, met tijd voor mentoren")
# Steps that show cards on the projector, with how many each holds.
COUNTS = {"start.individual": 60, "role.0.2.3": 15, "role.0.2.7": 12, "dream": 30, "evaluation.yield": 20,
          "evaluation.action": 12}


@dataclass(frozen=True)
class FullRoom:
    """The seeded session: its id, code, projector key and the facilitator's secret."""

    session_id: str
    code: str
    view_key: str
    secret: str

    def projector_path(self) -> str:
        """Return the projector page's path with its view key."""
        return f"/projector/{self.session_id}?view={self.view_key}"


def _texts(*names: str) -> list[str]:
    found: list[str] = []
    for name in names:
        with (_SETS / name).open(encoding="utf-8", newline="") as rows:
            found += [row["text"].strip() for row in csv.DictReader(rows, delimiter="\t")]
    return list(dict.fromkeys(found))


def _send(engine: Engine, sid: str, people: list[str], step_key: str, texts: list[str]) -> None:
    engine.jump_to_step(sid, step_key)
    engine.set_reveal(sid, step_key, True)
    for index, text in enumerate(texts[:COUNTS[step_key]]):
        engine.add_contribution(sid, people[index % len(people)], f"{step_key}-{index:03d}", text, step_key)


def seed_full_room(data_dir: Path, *, language: str = "nl") -> FullRoom:
    """Store a session whose room went through the whole card; it stands on the welcome step."""
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, {card.id: card})
        opened = engine.open_session(card.id, "Studiedag schoolleiders, groep B", language=language)
        sid = opened.session.id
        people = [engine.join_participant(opened.session.code, None).participant.id for _ in range(PEOPLE)]
        _send(engine, sid, people, "start.individual", random.Random(3).sample(statements(), 60))
        engine.jump_to_step(sid, "start.group")
        engine.set_reveal(sid, "start.group", True)
        engine.boards.show_groups(sid, "start.group", True)
        ids = [contribution.id for contribution in engine.contributions(sid, "start.individual")]
        pattern = random.Random(11)
        for person in people:
            for cid in pattern.sample(ids, 8):
                engine.reactions.react(sid, person, cid, "recognise" if pattern.random() < 0.7 else "differ")
        engine.jump_to_step(sid, "role_choice.0")
        for index, person in enumerate(people[:29]):
            engine.cast_vote(sid, person, (ROLE, ROLE, 1, 3, ROLE, 4)[index % 6])
        engine.choose_role(sid, 0, ROLE, QUESTIONS)
        _send(engine, sid, people, "role.0.2.3", _texts("data/expectations_question.tsv"))
        _send(engine, sid, people, "role.0.2.7", _texts("blind/q2_9_all_colleagues.tsv"))
        _send(engine, sid, people, "dream", [LONG, *_texts("blind2/dream.tsv", "heldout/heldout_dream.tsv")])
        _send(engine, sid, people, "evaluation.yield", _texts("blind/eval_yield.tsv"))
        engine.jump_to_step(sid, "evaluation.action")
        for index, text in enumerate(_texts("heldout/heldout_eval_action.tsv")[:COUNTS["evaluation.action"]]):
            fields = {"who": _WHO[index % 3], "outcome": _OUTCOME[(index // 3) % 3]}
            engine.add_contribution(sid, people[index], f"action-{index:03d}", text, "evaluation.action",
                                    fields=fields)
        engine.jump_to_step(sid, "welcome")
        return FullRoom(sid, opened.session.code, opened.session.view_key, opened.secret)
    finally:
        store.close()


def seed_wall(data_dir: Path, texts: list[str]) -> tuple[str, str, str]:
    """Store a session on the revealed start question with ``texts``, one person each.

    Returns the session's id, its projector view key and its join code.
    """
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, {card.id: card})
        opened = engine.open_session(card.id, "Studiedag schoolleiders")
        sid = opened.session.id
        engine.jump_to_step(sid, "start.individual")
        engine.set_reveal(sid, "start.individual", True)
        for number, text in enumerate(texts):
            person = engine.join_participant(opened.session.code, None).participant.id
            engine.add_contribution(sid, person, f"seed-{number:03d}", text)
        return sid, opened.session.view_key, opened.session.code
    finally:
        store.close()
