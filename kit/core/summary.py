"""The closing summary of a session: who took part, how much was said per step, roles and actions.

Reads only (``list_participants`` and ``list_contributions`` through :class:`EngineBase`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.core.engine_base import EngineBase
from kit.core.models import Contribution

ACTION_STEP = "evaluation.action"


@dataclass(frozen=True)
class StepCount:
    """How many contributions (not withdrawn) a collecting step received."""

    step_key: str
    count: int


@dataclass(frozen=True)
class Summary:
    """What the closing screen shows: who took part, what was said per step, roles and actions."""

    participants: int
    contributions: tuple[StepCount, ...]
    roles: tuple[int, ...]
    actions: tuple[Contribution, ...]


class SummaryMixin(EngineBase):
    """The session's closing summary."""

    def summarize_session(self, session_id: str) -> Summary:
        """Return the closing summary: participants, contributions per step, roles discussed, actions."""
        session = self.get_session(session_id)
        kept = [c for c in self.contributions(session_id) if not c.withdrawn]
        counts = tuple(
            StepCount(step.key, sum(1 for c in kept if c.step_key == step.key))
            for step in self.steps(session) if step.collects
        )
        actions = tuple(c for c in kept if c.step_key == ACTION_STEP and not c.hidden)
        roles = tuple(r.role for r in session.rounds if r.role is not None)
        return Summary(len(self.participants(session_id)), counts, roles, actions)
