"""Bus events for one page, collected as they come and handed over in batches on the page's timer."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from nicegui import context, ui

from kit.core.bus import Bus
from kit.core.errors import Reason, Refused
from kit.core.events import Event

FLUSH_INTERVAL = 0.1
log = logging.getLogger(__name__)


class LiveFeed:
    """Subscribes a page to ``bus`` until the page's client is gone.

    The bus may call in from any thread (a phone's handler); the callback only queues the event.
    ``on_batch`` runs on the page's own timer, in the page's context, at most every ``interval``
    seconds, so a burst of 50 contributions becomes one update. A batch the database could not be read
    for (``Refused(NOT_STORED)``) is handed over again, whole, on a later tick: ``on_batch`` must bear
    applying events twice.
    """

    def __init__(
        self,
        bus: Bus,
        accept: Callable[[Event], bool],
        on_batch: Callable[[list[Event]], object],
        interval: float = FLUSH_INTERVAL,
    ) -> None:
        self._accept = accept
        self._on_batch = on_batch
        self._lock = threading.Lock()
        self._pending: list[Event] = []
        self._unreadable = False
        self._unsubscribe = bus.subscribe(self._receive)
        self._timer = ui.timer(interval, self.flush)
        context.client.on_delete(self.close)

    def _receive(self, event: Event) -> None:
        if self._accept(event):
            with self._lock:
                self._pending.append(event)

    def flush(self) -> None:
        """Hand the events queued so far to ``on_batch`` (nothing happens when none are queued).

        When the database cannot be read meanwhile, the batch goes back in front of the queue.
        """
        with self._lock:
            batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            self._on_batch(batch)
        except Refused as refusal:
            if refusal.reason is not Reason.NOT_STORED:
                raise
            with self._lock:
                self._pending[:0] = batch
            if not self._unreadable:
                log.warning("a page waits for the database to show %d change(s)", len(batch))
            self._unreadable = True
            return
        if self._unreadable:
            log.info("a page shows its waiting changes again")
        self._unreadable = False

    def close(self) -> None:
        """Stop listening to the bus and stop the timer."""
        self._unsubscribe()
        self._timer.cancel()


def for_session(session_id: str) -> Callable[[Event], bool]:
    """Return a filter that accepts the events of one session."""
    return lambda event: event.session_id == session_id
