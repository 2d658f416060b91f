"""Two processes on one database at once (an SQLite file, PostgreSQL): no lost board edit, no duplicate number."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kit.core.card import Card
from kit.core.engine import Engine
from kit.store.sql import SqlStore

WORKER = Path(__file__).with_name("two_process_worker.py")
STEP = "role.0.1.1"
PER_PROCESS = 200
SEEDS = ("Studenten horen bij het team", "Begeleiding kost veel tijd", "Samen leren met de opleiding",
         "De schoolleider maakt ruimte")


def _seeded_session(engine: Engine) -> tuple[str, list[str]]:
    """Open a session on a revealed question with four groups of one contribution each."""
    session_id = engine.open_session("schoolleider", "Studiedag").session.id
    engine.choose_role(session_id, 0, 1)
    engine.jump_to_step(session_id, STEP)
    author = engine.join_participant(engine.get_session(session_id).code).participant.id
    groups: list[str] = []
    for index, text in enumerate(SEEDS):
        contribution_id = f"seed-{index:04d}"
        engine.add_contribution(session_id, author, contribution_id, text, STEP)
        board = engine.boards.move_to_new_group(session_id, STEP, contribution_id, f"Groep {index}")
        group = board.group_of(contribution_id)
        assert group is not None
        groups.append(group)
    return session_id, groups


def test_two_processes_lose_no_edit_and_repeat_no_number(database: str, tmp_path: Path, card: Card) -> None:
    store = SqlStore(database)
    engine = Engine(store, {card.id: card})
    session_id, groups = _seeded_session(engine)
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), database, session_id, name, str(PER_PROCESS), ",".join(groups), str(go)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for name in ("a", "b")
    ]
    go.touch()
    outcomes = [worker.communicate(timeout=600) for worker in workers]
    for worker, (_, stderr) in zip(workers, outcomes, strict=True):
        assert worker.returncode == 0, stderr
        assert stderr == ""

    contributions = engine.contributions(session_id, STEP)
    sent = [c for c in contributions if not c.id.startswith("seed-")]
    assert len(sent) == 2 * PER_PROCESS
    assert sorted(c.seq for c in contributions) == list(range(1, len(contributions) + 1))
    numbers = [p.number for p in engine.participants(session_id)]
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    board = engine.boards.board(session_id, STEP)
    assert board is not None
    misplaced = [c.id for c in sent if board.group_of(c.id) != groups[int(c.id.split("-")[1]) % len(groups)]]
    assert misplaced == []
    counts = engine.reactions.counts(session_id, STEP)
    assert all(counts[c.id] == (1, 0) for c in sent)
    store.close()
