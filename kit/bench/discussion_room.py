"""A room that has answered the start question, seeded into a data folder before the kit starts.

The contributions are Dutch belief statements from the labelled grouping sets; the kit suggests the
groups itself, the group view is on, and the people react with a fixed random pattern, so a test or
``dialoogkaart bench projector`` sees what a projector shows after a real round of 30, 120 or 300
contributions.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.paths import PROJECT_ROOT
from kit.store.sqlite import SqliteStore

GROUP_STEP = "start.group"
ANSWER_STEP = "start.individual"
_SETS = PROJECT_ROOT / "tests" / "grouping"


@dataclass(frozen=True)
class SeededRoom:
    """The session as seeded: its id, join code, projector key and the facilitator's secret."""

    session_id: str
    code: str
    view_key: str
    secret: str
    contribution_ids: tuple[str, ...]

    def projector_path(self) -> str:
        """Return the projector page's path with its view key."""
        return f"/projector/{self.session_id}?view={self.view_key}"


def statements() -> list[str]:
    """Return the distinct labelled statements the room draws its answers from, in a fixed order."""
    seen: dict[str, None] = {}
    for folder in ("data", "heldout"):
        for path in sorted((_SETS / folder).glob("*.tsv")):
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    seen.setdefault(row["text"].strip(), None)
    return list(seen)


def seed_room(
    data_dir: Path, contributions: int, people: int | None = None, *, react: bool = True, language: str = "nl"
) -> SeededRoom:
    """Store a session on the group step with ``contributions`` answers from ``people`` participants.

    Input on the answer step stays open (late answers can still arrive); the group view is on.
    """
    texts = statements()
    if contributions > len(texts):
        raise ValueError(f"only {len(texts)} statements to draw from")
    people = people or max(min(contributions, 30), contributions // 4)
    card = load_default_card()
    store = SqliteStore.in_folder(data_dir)
    try:
        engine = Engine(store, {card.id: card})
        opened = engine.open_session(card.id, "Studiedag schoolleiders", language=language)
        sid = opened.session.id
        engine.jump_to_step(sid, ANSWER_STEP)
        engine.set_reveal(sid, ANSWER_STEP, True)
        members = [engine.join_participant(opened.session.code, None).participant.id for _ in range(people)]
        ids = [
            engine.add_contribution(sid, members[number % people], f"seed-{number:04d}", text).id
            for number, text in enumerate(random.Random(3).sample(texts, contributions))
        ]
        engine.jump_to_step(sid, GROUP_STEP)
        engine.set_reveal(sid, GROUP_STEP, True)
        engine.boards.show_groups(sid, GROUP_STEP, True)
        if react:
            pattern = random.Random(11)
            for member in members:
                for cid in pattern.sample(ids, min(len(ids), 8)):
                    kind = "recognise" if pattern.random() < 0.7 else "differ"
                    engine.reactions.react(sid, member, cid, kind)
        return SeededRoom(sid, opened.session.code, opened.session.view_key, opened.secret, tuple(ids))
    finally:
        store.close()
