"""The opinion groups the screens show, recomputed in the background at most every few seconds per step.

A screen that shows a step's opinion groups asks :meth:`OpinionsFeed.latest` on its own timer. The
feed notes every event that may change them (a reaction, a contribution, a participant, a reveal)
per session; a step it was asked about is computed again, in a worker thread
(:func:`nicegui.run.io_bound`), only when such an event came since, and at most every
``MIN_INTERVAL`` seconds: a burst of reactions costs one computation, however many screens watch.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from nicegui import run

from kit.core import events
from kit.core.engine import Engine
from kit.core.errors import Reason, Refused
from kit.opinions import OpinionGroups

MIN_INTERVAL = 3.0  # seconds between two computations of one step
_CHANGES = (
    events.ReactionChanged, events.ContributionAdded, events.ContributionChanged, events.ParticipantRemoved,
    events.StepStateChanged, events.StepsChanged, events.SessionDeleted, events.EventsMissed,
)
log = logging.getLogger(__name__)
_FEEDS: weakref.WeakKeyDictionary[Engine, OpinionsFeed] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class _Computed:
    version: int
    at: float
    result: OpinionGroups | None  # None: the step shows no contributions (or is gone)


class OpinionsFeed:
    """The latest opinion groups of the steps ``engine``'s screens watch."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.monotonic,
                 min_interval: float = MIN_INTERVAL) -> None:
        self.engine = engine
        self.clock = clock
        self.min_interval = min_interval
        self._lock = threading.Lock()
        self._versions: dict[str, int] = {}
        self._computed: dict[tuple[str, str], _Computed] = {}
        self._running: dict[tuple[str, str], asyncio.Task[None]] = {}
        engine.bus.subscribe(self._heard)

    def cached(self, session_id: str, step_key: str) -> OpinionGroups | None:
        """Return the last computed groups of the step without computing (None before the first)."""
        computed = self._computed.get((session_id, step_key))
        return computed.result if computed is not None else None

    async def latest(self, session_id: str, step_key: str) -> OpinionGroups | None:
        """Return the step's groups, computing them again first when due (off the event loop).

        Due: never computed, or a change was heard since the last computation and that was at least
        ``min_interval`` seconds ago. A computation under way is awaited, not repeated. None when
        the step shows no contributions.
        """
        key = (session_id, step_key)
        if self._due(key):
            task = self._running.get(key)
            if task is None:
                task = self._running[key] = asyncio.ensure_future(self._compute(key))
                task.add_done_callback(lambda _: self._running.pop(key, None))
            await asyncio.shield(task)
        return self.cached(session_id, step_key)

    def _due(self, key: tuple[str, str]) -> bool:
        computed = self._computed.get(key)
        if computed is None:
            return True
        with self._lock:
            version = self._versions.get(key[0], 0)
        return computed.version != version and self.clock() - computed.at >= self.min_interval

    async def _compute(self, key: tuple[str, str]) -> None:
        with self._lock:
            version = self._versions.get(key[0], 0)  # read first: a change during the computation shows
        try:
            result = await run.io_bound(self._read, *key)
        except Refused:  # the database cannot be read: the last groups stay, computed again when next asked
            log.warning("the opinion groups of %s %s wait for the database", *key)
            return
        self._computed[key] = _Computed(version, self.clock(), result)

    def _read(self, session_id: str, step_key: str) -> OpinionGroups | None:
        try:
            return self.engine.opinions.of_step(session_id, step_key)
        except Refused as refusal:
            if refusal.reason is Reason.NOT_STORED:
                raise
            log.debug("no opinion groups on %s %s", session_id, step_key)
            return None

    def _heard(self, event: events.Event) -> None:
        if isinstance(event, _CHANGES):
            with self._lock:
                self._versions[event.session_id] = self._versions.get(event.session_id, 0) + 1
        if isinstance(event, events.SessionDeleted):
            for key in [key for key in self._computed if key[0] == event.session_id]:
                self._computed.pop(key, None)


def opinions_feed(engine: Engine) -> OpinionsFeed:
    """Return the one feed of ``engine`` in this process (made on first use)."""
    feed = _FEEDS.get(engine)
    if feed is None:
        feed = _FEEDS[engine] = OpinionsFeed(engine)
    return feed
