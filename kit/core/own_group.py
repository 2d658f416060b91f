"""Whether participants may see their own opinion group on their phone: the facilitator's switch, off by default.

Like the screens' flags it is not stored: the bus carries each change, every instance keeps the value it
heard last, and a restarted kit starts with the switch off (the safe side). The projector never shows it.
"""

from __future__ import annotations

import threading

from kit.core import events
from kit.core.bus import Bus


class OwnGroupSwitch:
    """The switch "Laat deelnemers hun groep zien" per session, as the bus last told it."""

    def __init__(self, bus: Bus) -> None:
        self._bus = bus
        self._lock = threading.Lock()
        self._shown: dict[str, bool] = {}
        bus.subscribe(self._heard)

    def shown(self, session_id: str) -> bool:
        """True when the session's participants may see their own opinion group."""
        with self._lock:
            return self._shown.get(session_id, False)

    def set_shown(self, session_id: str, shown: bool) -> None:
        """Let the session's participants see their own group (``shown``) or not; announces the change."""
        self._bus.publish(events.OwnGroupShown(session_id, shown))

    def _heard(self, event: events.Event) -> None:
        with self._lock:
            if isinstance(event, events.OwnGroupShown):
                self._shown[event.session_id] = event.shown
            elif isinstance(event, events.SessionDeleted):
                self._shown.pop(event.session_id, None)
