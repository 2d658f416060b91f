"""What every part of the session engine shares: the store, the bus, the clock, lookups and guards.

The parts (:mod:`~kit.core.sessions`, :mod:`~kit.core.flow`, :mod:`~kit.core.room`,
:mod:`~kit.core.contributions`, :mod:`~kit.core.votes`, :mod:`~kit.core.notes_timers`,
:mod:`~kit.core.summary`) are mixins on :class:`EngineBase`; :class:`kit.core.engine.Engine`
combines them. Lookups here change nothing; a guard raises :class:`Refused` or returns what it checked.

Store methods used here: ``get_session``, ``active_session_by_code``, ``latest_session_by_code``,
``get_step_state``, ``get_participant``, ``list_participants``, ``list_contributions``, ``get_contribution``.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from functools import wraps
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from kit.core.bus import Bus, InProcessBus
from kit.core.card import Card
from kit.core.errors import Reason, Refused
from kit.core.events import Event
from kit.core.models import Contribution, InputState, Participant, Session, StepState
from kit.core.steps import Step, build_steps
from kit.core.store import Store
from kit.core.text import normalize_code


class Transactional(Protocol):
    """What opens a transaction on a session: the engine, and the parts that run on it."""

    def transaction(self, session_id: str | None) -> AbstractContextManager[None]: ...


_Self = TypeVar("_Self", bound=Transactional)
_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


def one_transaction(
    verb: Callable[Concatenate[_Self, str, _Params], _Result],
) -> Callable[Concatenate[_Self, str, _Params], _Result]:
    """Run ``verb`` (whose first argument is the session id) with its checks and writes in one transaction."""

    @wraps(verb)
    def run(self: _Self, session_id: str, /, *args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        with self.transaction(session_id):
            return verb(self, session_id, *args, **kwargs)

    return run


def hash_secret(secret: str) -> str:
    """Return the hash stored in place of a facilitator secret or a phone's token."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class EngineBase:
    """Runs sessions of the cards in ``cards`` on ``store`` and announces changes on ``bus``.

    ``bus`` is the one the composition root built; without one the engine has an in-process bus of its own.
    """

    def __init__(
        self,
        store: Store,
        cards: Mapping[str, Card],
        bus: Bus | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.cards = dict(cards)
        self.bus: Bus = bus or InProcessBus()
        self._clock = clock
        self._local = threading.local()  # the events a thread's open transaction will announce

    @contextmanager
    def transaction(self, session_id: str | None, *, shared: bool = False) -> Iterator[None]:
        """Run the block's checks and writes as one store transaction on the session.

        Everything the block stores is committed when it ends, or nothing when it raises (a
        :class:`Refused` too). The events it announces are published only after the commit, in order.
        A nested block joins the outer one. ``shared``: the block only adds beside others (see
        :meth:`Store.transaction`).
        """
        pending: list[Event] | None = getattr(self._local, "pending", None)
        if pending is not None:
            with self.store.transaction(session_id, shared=shared):
                yield
            return
        self._local.pending = pending = []
        try:
            with self.store.transaction(session_id, shared=shared):
                yield
        finally:
            self._local.pending = None
        for event in pending:
            self.bus.publish(event)

    def in_transaction(self) -> bool:
        """Whether this thread is inside a :meth:`transaction` block (changes nothing)."""
        return getattr(self._local, "pending", None) is not None

    def announce(self, event: Event) -> None:
        """Publish ``event`` on the bus, or once the open transaction is committed when inside one."""
        pending: list[Event] | None = getattr(self._local, "pending", None)
        if pending is None:
            self.bus.publish(event)
        else:
            pending.append(event)

    def now(self) -> float:
        """Return the engine's clock time (seconds since the epoch), as stamped on every change."""
        return self._clock()

    # sessions

    def get_session(self, session_id: str) -> Session:
        """Return the session, or refuse with ``unknown_session``."""
        session = self.store.get_session(session_id)
        if session is None:
            raise Refused(Reason.UNKNOWN_SESSION, session_id)
        return session

    def find_session(self, code: str) -> Session:
        """Return the session a join code names (the live one, else the newest ended one)."""
        code = normalize_code(code)
        session = self.store.active_session_by_code(code) or self.store.latest_session_by_code(code)
        if session is None:
            raise Refused(Reason.UNKNOWN_SESSION, code)
        return session

    def card_of(self, session: Session) -> Card:
        """Return the card the session runs."""
        return self.cards[session.card_id]

    # steps

    def steps(self, session: Session) -> list[Step]:
        """Return the session's steps in order (they depend on the roles chosen so far)."""
        return build_steps(self.card_of(session), session.rounds)

    def find_step(self, session: Session, step_key: str) -> Step:
        """Return the session's step with ``step_key``, or refuse with ``unknown_step``."""
        for step in self.steps(session):
            if step.key == step_key:
                return step
        raise Refused(Reason.UNKNOWN_STEP, step_key)

    def current_step(self, session: Session) -> Step:
        """Return the step the session is on (the role choice of its round if that step vanished)."""
        steps = self.steps(session)
        for step in steps:
            if step.key == session.current_step:
                return step
        return next(step for step in steps if step.key.startswith("role_choice."))

    def step_state(self, session: Session, step: Step) -> StepState:
        """Return the step's input state and reveal switch (its defaults before it was first shown)."""
        stored = self.store.get_step_state(session.id, step.key)
        if stored is not None:
            return stored
        input_state, revealed = step.default_state()
        return StepState(step.key, input_state, revealed)

    def shown_step(self, session_id: str, step_key: str) -> tuple[Session, str]:
        """Return the session and the key of the step whose contributions ``step_key`` shows.

        Refuses with ``not_a_question`` when ``step_key`` shows no contributions.
        """
        session = self.get_session(session_id)
        shown = self.find_step(session, step_key).shows_step
        if shown is None:
            raise Refused(Reason.NOT_A_QUESTION, step_key)
        return session, shown

    # records other parts read

    def participants(self, session_id: str, include_removed: bool = False) -> list[Participant]:
        """Return the session's participants in the order they joined (removed ones only when asked)."""
        found = self.store.list_participants(session_id)
        return found if include_removed else [p for p in found if not p.removed]

    def contributions(self, session_id: str, step_key: str | None = None) -> list[Contribution]:
        """Return the session's contributions (of one step) in the order received, withdrawn ones included."""
        return self.store.list_contributions(session_id, step_key)

    # guards

    def _live(self, session_id: str) -> Session:
        session = self.get_session(session_id)
        if session.ended:
            raise Refused(Reason.SESSION_ENDED)
        return session

    def _participant(self, session_id: str, participant_id: str) -> Participant:
        participant = self.store.get_participant(participant_id)
        if participant is None or participant.session_id != session_id:
            raise Refused(Reason.UNKNOWN_PARTICIPANT)
        return participant

    def _active_participant(self, session_id: str, participant_id: str) -> Participant:
        participant = self._participant(session_id, participant_id)
        if participant.removed:
            raise Refused(Reason.REMOVED)
        return participant

    def marked_contribution(
        self, session_id: str, participant_id: str, contribution_id: str
    ) -> tuple[Session, Participant, Contribution]:
        """Return the live session, the present participant and the visible contribution they mark (or refuse)."""
        session = self._live(session_id)
        participant = self._active_participant(session.id, participant_id)
        contribution = self.store.get_contribution(session.id, contribution_id)
        if contribution is None or not contribution.visible:
            raise Refused(Reason.UNKNOWN_CONTRIBUTION)
        return session, participant, contribution

    def _check_open(self, session: Session, step: Step) -> None:
        if not step.collects:
            raise Refused(Reason.INPUT_CLOSED, step.key)
        self._check_state(session, step)

    def _check_state(self, session: Session, step: Step) -> None:
        stored = self.store.get_step_state(session.id, step.key)
        if stored is None:  # a step not shown yet takes no input
            raise Refused(Reason.INPUT_CLOSED, step.key)
        if stored.input_state is InputState.PAUSED:
            raise Refused(Reason.INPUT_PAUSED)
        if stored.input_state is InputState.CLOSED:
            raise Refused(Reason.INPUT_CLOSED)
