"""Moving through a session's steps: jump, advance, go back, open or close input, reveal, choose roles.

Store methods used: ``get_step_state``, ``save_step_state``, ``move_to_step``, ``save_session``.
"""

from __future__ import annotations

from dataclasses import replace

from kit.core import events
from kit.core.engine_base import EngineBase, one_transaction
from kit.core.errors import Reason, Refused
from kit.core.models import InputState, RoleRound, Session, StepState
from kit.core.steps import Step, order_questions


class StepFlowMixin(EngineBase):
    """The session's current step, each step's input state and reveal switch, and its role rounds."""

    def step_shown(self, session: Session, step: Step) -> bool:
        """True once the step has been shown (it then has a stored state)."""
        return self.store.get_step_state(session.id, step.key) is not None

    @one_transaction
    def jump_to_step(self, session_id: str, step_key: str) -> Session:
        """Make ``step_key`` the current step; a step shown for the first time gets its default state."""
        session = self._live(session_id)
        step = self.find_step(session, step_key)
        state = None
        if self.store.get_step_state(session_id, step.key) is None:
            input_state, revealed = step.default_state()
            state = StepState(step.key, input_state, revealed)
        session = replace(session, current_step=step.key)
        self.store.move_to_step(session, state)
        self.announce(events.StepChanged(session_id, step.key))
        return session

    @one_transaction
    def advance_step(self, session_id: str) -> Session:
        """Move to the next step (stays on the last one)."""
        session = self.get_session(session_id)
        steps = self.steps(session)
        index = steps.index(self.current_step(session))
        return self.jump_to_step(session_id, steps[min(index + 1, len(steps) - 1)].key)

    @one_transaction
    def go_back(self, session_id: str) -> Session:
        """Move to the previous step (stays on the first one)."""
        session = self.get_session(session_id)
        steps = self.steps(session)
        index = steps.index(self.current_step(session))
        return self.jump_to_step(session_id, steps[max(index - 1, 0)].key)

    @one_transaction
    def set_input_state(self, session_id: str, step_key: str, input_state: InputState) -> StepState:
        """Open, pause or close input on a collecting step."""
        session = self._live(session_id)
        step = self.find_step(session, step_key)
        if not (step.collects or step.takes_votes):
            raise Refused(Reason.NOT_A_QUESTION, step_key)
        state = replace(self.step_state(session, step), input_state=InputState(input_state))
        self.store.save_step_state(session_id, state)
        self.announce(events.StepStateChanged(session_id, step_key))
        return state

    @one_transaction
    def set_reveal(self, session_id: str, step_key: str, revealed: bool) -> StepState:
        """Show or hide a step's contributions on shared screens."""
        session = self.get_session(session_id)
        step = self.find_step(session, step_key)
        state = replace(self.step_state(session, step), revealed=revealed)
        self.store.save_step_state(session_id, state)
        self.announce(events.StepStateChanged(session_id, step_key))
        return state

    @one_transaction
    def choose_role(
        self, session_id: str, round_index: int, role: int, questions: tuple[str, ...] | None = None
    ) -> Session:
        """Set the role (and question subset, all by default) the group discusses in round ``round_index``.

        Voting on that round's role choice closes: the facilitator has decided (it can be reopened).
        """
        session = self._live(session_id)
        card = self.card_of(session)
        if not 0 <= round_index < len(session.rounds):
            raise Refused(Reason.UNKNOWN_STEP, f"round {round_index}")
        try:
            ordered = order_questions(card, role, questions)
        except KeyError as missing:
            raise Refused(Reason.UNKNOWN_ROLE, str(missing)) from None
        if not ordered:
            raise Refused(Reason.EMPTY, "no questions chosen")
        rounds = list(session.rounds)
        was_chosen = rounds[round_index].role is not None
        rounds[round_index] = RoleRound(role, ordered)
        session = replace(session, rounds=tuple(rounds))
        self.store.save_session(session)
        self.announce(events.StepsChanged(session_id))
        voting = self.store.get_step_state(session_id, f"role_choice.{round_index}")
        if not was_chosen and voting is not None and voting.input_state is InputState.OPEN:
            self.store.save_step_state(session_id, replace(voting, input_state=InputState.CLOSED))
            self.announce(events.StepStateChanged(session_id, voting.step_key))
        return session

    @one_transaction
    def add_role_round(self, session_id: str) -> Session:
        """Add a role choice after the last chosen role and move there (to discuss another role)."""
        session = self._live(session_id)
        if session.rounds[-1].role is not None:
            session = replace(session, rounds=(*session.rounds, RoleRound(None)))
            self.store.save_session(session)
            self.announce(events.StepsChanged(session_id))
        return self.jump_to_step(session_id, f"role_choice.{len(session.rounds) - 1}")
