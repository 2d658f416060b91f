"""Screen-only state shared by a session's console and projectors: not part of the session, not stored.

The console writes it; projectors compare ``version`` on their timer and redraw what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    """The large QR code and the discussion view per session, with a version that counts changes."""

    def __init__(self) -> None:
        self._qr_large: dict[str, bool] = {}
        self._discussion: dict[str, Discussion] = {}
        self._version: dict[str, int] = {}

    def version(self, session_id: str) -> int:
        """Return a number that grows with every change to ``session_id``'s flags."""
        return self._version.get(session_id, 0)

    def qr_large(self, session_id: str) -> bool:
        """True while the projector should show the join QR code large."""
        return self._qr_large.get(session_id, False)

    def toggle_qr(self, session_id: str) -> None:
        """Show the large QR code on the session's projectors, or hide it again."""
        self._qr_large[session_id] = not self.qr_large(session_id)
        self._bump(session_id)

    def discussion(self, session_id: str) -> Discussion:
        """Return what the session's group view shows now."""
        return self._discussion.get(session_id, Discussion())

    def open_group(self, session_id: str, step_key: str, group_key: str | None) -> None:
        """Open ``group_key`` of ``step_key`` large on the projectors (None: back to the overview)."""
        self._discussion[session_id] = replace(self.discussion(session_id), step_key=step_key, group_key=group_key)
        self._bump(session_id)

    def sort_overview(self, session_id: str, sort: DiscussionSort) -> None:
        """Order the group overview by ``sort``; the order then stays put until sorted again."""
        self._discussion[session_id] = replace(self.discussion(session_id), sort=sort)
        self._bump(session_id)

    def _bump(self, session_id: str) -> None:
        self._version[session_id] = self.version(session_id) + 1
