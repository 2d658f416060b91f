"""Suggests contributions that arrive after the groups were made into the existing groups.

One placer per kit process (not per page): it notes the steps that received contributions and,
at most once per interval, asks the engine to place them, in a worker thread because grouping
takes up to a few hundred milliseconds.
"""

from __future__ import annotations

import logging
import threading

from nicegui import app, run

from kit.core import events
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused

PLACE_INTERVAL = 1.0
log = logging.getLogger(__name__)


class BoardPlacer:
    """Places new (or shown again) contributions of steps that have a board."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._due: set[tuple[str, str]] = set()
        engine.bus.subscribe(self._receive)

    def _receive(self, event: events.Event) -> None:
        if isinstance(event, events.ContributionAdded | events.ContributionChanged):
            with self._lock:
                self._due.add((event.session_id, event.step_key))

    async def flush(self) -> None:
        """Place the contributions noted since the last flush, one step at a time."""
        with self._lock:
            due, self._due = self._due, set()
        for session_id, step_key in sorted(due):
            await run.io_bound(self._place, session_id, step_key)

    def _place(self, session_id: str, step_key: str) -> None:
        try:
            if self.engine.boards.has_board(session_id, step_key):
                self.engine.boards.place_new(session_id, step_key)
        except Refused as refusal:
            if refusal.reason is Reason.NOT_STORED:  # the database is away: try again on a later flush
                log.warning("placing new contributions waits for the database (%s %s)", session_id, step_key)
                with self._lock:
                    self._due.add((session_id, step_key))
                return
            # the session or step went away in the meantime
            log.debug("not placing on %s %s", session_id, step_key)


def start_board_placer(engine: Engine, interval: float = PLACE_INTERVAL) -> BoardPlacer:
    """Start placing late contributions for ``engine``'s sessions while the app runs."""
    placer = BoardPlacer(engine)
    app.timer(interval, placer.flush)
    return placer
