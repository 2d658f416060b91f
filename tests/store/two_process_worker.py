"""One of the processes in the two-process test: adds, moves and marks contributions in a shared database.

Run as ``python two_process_worker.py DATABASE_URL SESSION_ID WORKER COUNT GROUPS GO_FILE``; waits for
``GO_FILE`` to exist so both processes start at once, then exits 0 (or with a traceback on stderr).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kit.core.card_loader import load_default_card
from kit.core.engine import Engine
from kit.store.sql import SqlStore

STEP = "role.0.1.1"


def main(database: str, session_id: str, worker: str, count: int, groups: list[str], go_file: str) -> None:
    """Join two phones, then add ``count`` contributions, moving each to a group and marking it."""
    card = load_default_card()
    store = SqlStore(database)
    engine = Engine(store, {card.id: card})
    while not Path(go_file).exists():
        time.sleep(0.01)
    code = engine.get_session(session_id).code
    author = engine.join_participant(code).participant.id
    reactor = engine.join_participant(code).participant.id
    for index in range(count):
        contribution_id = f"w{worker}-{index:05d}"
        text = f"Bijdrage {index} van groep {worker}: samen opleiden kost tijd en aandacht"
        engine.add_contribution(session_id, author, contribution_id, text, STEP)
        engine.boards.move(session_id, STEP, contribution_id, groups[index % len(groups)])
        engine.reactions.react(session_id, reactor, contribution_id, "recognise")
    store.close()


if __name__ == "__main__":
    database, session_id, worker, count, groups, go_file = sys.argv[1:7]
    main(database, session_id, worker, int(count), groups.split(","), go_file)
