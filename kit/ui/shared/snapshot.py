"""The current step of a session as a screen shows it, read from the engine in one go."""

from __future__ import annotations

from dataclasses import dataclass

from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.models import Session
from kit.core.present import StepView, describe_step
from kit.core.steps import Step


@dataclass(frozen=True)
class StepSnapshot:
    """A session, its steps, the current one in words, and whose contributions the screen shows."""

    session: Session
    card: Card
    steps: list[Step]
    step: Step
    view: StepView
    shows: str | None
    revealed: bool

    @property
    def collecting(self) -> bool:
        """True when the current step takes input from phones."""
        return self.step.collects


def take_snapshot(engine: Engine, session_id: str, lang: str) -> StepSnapshot:
    """Return the session's current step as screens show it (raises Refused for an unknown session)."""
    session = engine.get_session(session_id)
    card = engine.card_of(session)
    steps = engine.steps(session)
    step = engine.current_step(session)
    state = engine.step_state(session, step)
    view = describe_step(card, step, state, steps.index(step), len(steps), lang)
    return StepSnapshot(session, card, steps, step, view, step.shows_step, state.revealed)
