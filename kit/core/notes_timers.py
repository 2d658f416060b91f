"""The facilitator's own tools on a step: private notes and a countdown shown to the room.

Store methods used: ``save_note``, ``notes``, ``save_step_state`` (``get_step_state`` through
:meth:`EngineBase.step_state`).
"""

from __future__ import annotations

from dataclasses import replace

from kit.core import events
from kit.core.engine_base import EngineBase, one_transaction
from kit.core.errors import Reason, Refused
from kit.core.models import StepState

NOTE_MAX = 10_000
TIMER_MINUTES = range(1, 11)


class NotesTimersMixin(EngineBase):
    """Facilitator notes per step, and the countdown on a collecting step."""

    @one_transaction
    def save_note(self, session_id: str, step_key: str, text: str) -> None:
        """Store the facilitator's note on a step (kept across restarts, never shown to the room)."""
        session = self.get_session(session_id)
        self.find_step(session, step_key)
        if len(text) > NOTE_MAX:
            raise Refused(Reason.TOO_LONG)
        self.store.save_note(session_id, step_key, text, self._clock())
        self.announce(events.NoteSaved(session_id, step_key))

    def notes(self, session_id: str) -> dict[str, str]:
        """Return the facilitator's notes by step key."""
        return self.store.notes(session_id)

    @one_transaction
    def start_timer(self, session_id: str, step_key: str, minutes: int) -> StepState:
        """Start a countdown of 1–10 minutes on a collecting step; input stays open when it ends."""
        if minutes not in TIMER_MINUTES:
            raise Refused(Reason.INVALID, "timer minutes")
        session = self._live(session_id)
        step = self.find_step(session, step_key)
        if not step.collects:
            raise Refused(Reason.NOT_A_QUESTION, step_key)
        state = replace(
            self.step_state(session, step), timer_ends_at=self._clock() + minutes * 60, timer_seconds=minutes * 60
        )
        self.store.save_step_state(session_id, state)
        self.announce(events.StepStateChanged(session_id, step_key))
        return state

    @one_transaction
    def stop_timer(self, session_id: str, step_key: str) -> StepState:
        """Remove the countdown from a step."""
        session = self.get_session(session_id)
        step = self.find_step(session, step_key)
        state = replace(self.step_state(session, step), timer_ends_at=None, timer_seconds=None)
        self.store.save_step_state(session_id, state)
        self.announce(events.StepStateChanged(session_id, step_key))
        return state
