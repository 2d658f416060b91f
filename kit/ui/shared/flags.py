"""Screen-only state shared by a session's consoles and projectors: not part of the session, not stored.

A change is published on the bus as an event carrying the new value (:class:`~kit.core.events.QrLargeChanged`,
:class:`~kit.core.events.DiscussionChanged`); the screens react to it in their live feed. Every instance
keeps the latest values it heard, so a page drawn again shows what the others show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kit.core import events
from kit.core.bus import Bus
from kit.core.events import DiscussionSort


@dataclass(frozen=True)
class Discussion:
    """What the projector's group view shows: the overview, or one opened group of one step."""

    step_key: str | None = None
    group_key: str | None = None  # a group id, or the "eigen geluid" key; None is the overview
    sort: DiscussionSort = DiscussionSort.SHARED

    def opened(self, step_key: str) -> str | None:
        """Return the group opened on ``step_key``, or None when that step shows the overview."""
        return self.group_key if self.step_key == step_key else None


class ScreenFlags:
    """The large QR code, the discussion view and the opinion groups view per session, as the bus last told them."""

    def __init__(self, bus: Bus) -> None:
        self._bus = bus
        self._qr_large: dict[str, bool] = {}
        self._discussion: dict[str, Discussion] = {}
        self._opinions: dict[str, str | None] = {}
        bus.subscribe(self._receive)

    def qr_large(self, session_id: str) -> bool:
        """True while the projector should show the join QR code large."""
        return self._qr_large.get(session_id, False)

    def toggle_qr(self, session_id: str) -> bool:
        """Show the large QR code on the session's projectors, or hide it again; return whether it is shown."""
        large = not self.qr_large(session_id)
        self._bus.publish(events.QrLargeChanged(session_id, large))
        return large

    def discussion(self, session_id: str) -> Discussion:
        """Return what the session's group view shows now."""
        return self._discussion.get(session_id, Discussion())

    def open_group(self, session_id: str, step_key: str, group_key: str | None) -> None:
        """Open ``group_key`` of ``step_key`` large on the projectors (None: back to the overview)."""
        self._publish(session_id, replace(self.discussion(session_id), step_key=step_key, group_key=group_key))

    def sort_overview(self, session_id: str, sort: DiscussionSort) -> None:
        """Order the group overview by ``sort``; the order then stays put until sorted again."""
        self._publish(session_id, replace(self.discussion(session_id), sort=sort))

    def opinions_step(self, session_id: str) -> str | None:
        """Return the step whose opinion groups the projectors show, None when they show none."""
        return self._opinions.get(session_id)

    def show_opinions(self, session_id: str, step_key: str | None) -> None:
        """Show the opinion groups of ``step_key`` on the session's projectors (None: hide them)."""
        self._bus.publish(events.OpinionsViewChanged(session_id, step_key))

    def toggle_opinions(self, session_id: str, step_key: str) -> bool:
        """Show the opinion groups of ``step_key`` on the projectors, or hide them; return whether shown."""
        shown = self.opinions_step(session_id) != step_key
        self.show_opinions(session_id, step_key if shown else None)
        return shown

    def _publish(self, session_id: str, shown: Discussion) -> None:
        self._bus.publish(events.DiscussionChanged(session_id, shown.step_key, shown.group_key, shown.sort))

    def _receive(self, event: events.Event) -> None:
        if isinstance(event, events.QrLargeChanged):
            self._qr_large[event.session_id] = event.large
        elif isinstance(event, events.DiscussionChanged):
            self._discussion[event.session_id] = Discussion(event.step_key, event.group_key, event.sort)
        elif isinstance(event, events.OpinionsViewChanged):
            self._opinions[event.session_id] = event.step_key
        elif isinstance(event, events.SessionDeleted):
            self._qr_large.pop(event.session_id, None)
            self._discussion.pop(event.session_id, None)
            self._opinions.pop(event.session_id, None)
