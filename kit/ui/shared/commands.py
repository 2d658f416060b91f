"""What the facilitator can do to a running session, with refusals shown as a short notice."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from nicegui import ui

from kit.application import Refusal, refusal_message, run_engine
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.core.models import InputState

T = TypeVar("T")
P = ParamSpec("P")


def notify_refusal(refusal: Refused | Refusal, lang: str) -> None:
    """Tell the person at this screen in ``lang`` why the engine refused (a short warning notice)."""
    ui.notify(refusal_message(refusal.reason, lang), type="warning")


class SessionCommands:
    """The facilitator's actions on one session (the console's buttons and the keys)."""

    def __init__(self, engine: Engine, session_id: str, lang: str) -> None:
        self.engine = engine
        self.session_id = session_id
        self.lang = lang

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run ``action``; when the engine refuses, tell the facilitator why and return None."""
        try:
            return action()
        except Refused as refused:
            notify_refusal(refused, self.lang)
            return None

    async def run(self, action: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """Run the engine call ``action`` off the event loop; when the engine refuses, tell why and return None."""
        try:
            return await run_engine(action, *args, **kwargs)
        except Refused as refused:
            notify_refusal(refused, self.lang)
            return None

    def next(self) -> None:
        """Go to the next step."""
        self.attempt(lambda: self.engine.advance_step(self.session_id))

    def previous(self) -> None:
        """Go back one step."""
        self.attempt(lambda: self.engine.go_back(self.session_id))

    def jump(self, step_key: str) -> None:
        """Go to ``step_key``."""
        self.attempt(lambda: self.engine.jump_to_step(self.session_id, step_key))

    def set_input(self, step_key: str, state: InputState) -> None:
        """Open, pause or close input on ``step_key``."""
        self.attempt(lambda: self.engine.set_input_state(self.session_id, step_key, state))

    def set_reveal(self, step_key: str, revealed: bool) -> None:
        """Show or hide ``step_key``'s contributions on the projector."""
        self.attempt(lambda: self.engine.set_reveal(self.session_id, step_key, revealed))

    def toggle_pause(self) -> None:
        """Pause input on the current step, or open it again when paused or closed."""
        session = self.engine.get_session(self.session_id)
        step = self.engine.current_step(session)
        if not step.collects:
            return
        state = self.engine.step_state(session, step).input_state
        self.set_input(step.key, InputState.OPEN if state is not InputState.OPEN else InputState.PAUSED)

    def toggle_reveal(self) -> None:
        """Flip the reveal switch of the current step."""
        session = self.engine.get_session(self.session_id)
        step = self.engine.current_step(session)
        self.set_reveal(step.key, not self.engine.step_state(session, step).revealed)
