"""The session engine: every change to a session goes through these verb-noun methods.

Each method validates, commits the change to the store, then announces it on the event bus.
A refused action raises :class:`Refused` with a reason and changes nothing.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from kit.core import events
from kit.core.boards import Boards
from kit.core.card import Card
from kit.core.errors import Reason, Refused
from kit.core.events import EventBus
from kit.core.models import (
    Anonymity,
    Contribution,
    InputState,
    Participant,
    RoleRound,
    Session,
    StepState,
)
from kit.core.steps import Step, build_steps, order_questions
from kit.core.store import Store

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L look-alikes
CODE_LENGTH = 6
NAME_MAX = 40
TEXT_MAX = 500
CONTRIBUTION_ID_MAX = 64
ACTION_FIELDS = ("who", "outcome")
ACTION_FIELD_MAX = 300
NOTE_MAX = 10_000
TIMER_MINUTES = range(1, 11)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class OpenedSession:
    """A new session and its facilitator secret (shown once, stored only as a hash)."""

    session: Session
    secret: str


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


@dataclass(frozen=True)
class Joined:
    """A participant in a session and the token their phone keeps to be recognised."""

    participant: Participant
    token: str
    session: Session


class Engine:
    """Runs sessions of the cards in ``cards`` on ``store`` and announces changes on ``bus``."""

    def __init__(
        self,
        store: Store,
        cards: Mapping[str, Card],
        bus: EventBus | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.cards = dict(cards)
        self.bus = bus or EventBus()
        self._clock = clock
        self.boards = Boards(self)

    def now(self) -> float:
        """Return the engine's clock time (seconds since the epoch), as stamped on every change."""
        return self._clock()

    # sessions

    def open_session(
        self, card_id: str, title: str, anonymity: Anonymity = Anonymity.ANONYMOUS, language: str = "nl"
    ) -> OpenedSession:
        """Create and store a session with a fresh join code, view key and facilitator secret."""
        if card_id not in self.cards:
            raise Refused(Reason.UNKNOWN_CARD, card_id)
        title = " ".join(title.split()) or self.cards[card_id].title
        secret = secrets.token_urlsafe(24)
        session = Session(
            id=uuid.uuid4().hex, code=self._new_code(), title=title[:120], card_id=card_id,
            anonymity=Anonymity(anonymity), language=language, view_key=secrets.token_urlsafe(12),
            created_at=self._clock(), current_step="welcome",
        )
        self.store.insert_session(session, _hash(secret))
        self.bus.emit(events.SessionOpened(session.id))
        return OpenedSession(session, secret)

    def _new_code(self) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if self.store.active_session_by_code(code) is None:
                return code

    def get_session(self, session_id: str) -> Session:
        """Return the session, or refuse with ``unknown_session``."""
        session = self.store.get_session(session_id)
        if session is None:
            raise Refused(Reason.UNKNOWN_SESSION, session_id)
        return session

    def session_or_none(self, session_id: str) -> Session | None:
        """Return the session, or None when there is no such session."""
        return self.store.get_session(session_id)

    def find_session(self, code: str) -> Session:
        """Return the session a join code names (the live one, else the newest ended one)."""
        code = normalize_code(code)
        session = self.store.active_session_by_code(code) or self.store.latest_session_by_code(code)
        if session is None:
            raise Refused(Reason.UNKNOWN_SESSION, code)
        return session

    def list_sessions(self) -> list[Session]:
        return self.store.list_sessions()

    def card_of(self, session: Session) -> Card:
        return self.cards[session.card_id]

    def check_secret(self, session_id: str, secret: str) -> bool:
        """True when ``secret`` is the session's facilitator secret."""
        stored = self.store.secret_hash(session_id)
        return stored is not None and secrets.compare_digest(stored, _hash(secret))

    def end_session(self, session_id: str) -> Session:
        """Mark the session ended: phones can no longer join or send; its code becomes free."""
        session = self.get_session(session_id)
        if session.ended:
            return session
        session = replace(session, ended_at=self._clock())
        self.store.save_session(session)
        self.bus.emit(events.SessionEnded(session_id))
        return session

    def delete_session(self, session_id: str) -> None:
        """Delete the session with its participants and contributions."""
        self.get_session(session_id)
        self.store.delete_session(session_id)
        self.bus.emit(events.SessionDeleted(session_id))

    def rename_session(self, session_id: str, title: str) -> Session:
        """Change the session's title."""
        session = self.get_session(session_id)
        title = " ".join(title.split())
        if not title:
            raise Refused(Reason.EMPTY)
        session = replace(session, title=title[:120])
        self.store.save_session(session)
        self.bus.emit(events.SessionSettingsChanged(session_id))
        return session

    def set_language(self, session_id: str, language: str) -> Session:
        """Change the language phones and the projector use for this session."""
        session = self.get_session(session_id)
        session = replace(session, language=language)
        self.store.save_session(session)
        self.bus.emit(events.SessionSettingsChanged(session_id))
        return session

    # steps

    def steps(self, session: Session) -> list[Step]:
        return build_steps(self.card_of(session), session.rounds)

    def find_step(self, session: Session, step_key: str) -> Step:
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

    def step_shown(self, session: Session, step: Step) -> bool:
        """True once the step has been shown (it then has a stored state)."""
        return self.store.get_step_state(session.id, step.key) is not None

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
        self.bus.emit(events.StepChanged(session_id, step.key))
        return session

    def advance_step(self, session_id: str) -> Session:
        """Move to the next step (stays on the last one)."""
        session = self.get_session(session_id)
        steps = self.steps(session)
        index = steps.index(self.current_step(session))
        return self.jump_to_step(session_id, steps[min(index + 1, len(steps) - 1)].key)

    def go_back(self, session_id: str) -> Session:
        """Move to the previous step (stays on the first one)."""
        session = self.get_session(session_id)
        steps = self.steps(session)
        index = steps.index(self.current_step(session))
        return self.jump_to_step(session_id, steps[max(index - 1, 0)].key)

    def set_input_state(self, session_id: str, step_key: str, input_state: InputState) -> StepState:
        """Open, pause or close input on a collecting step."""
        session = self._live(session_id)
        step = self.find_step(session, step_key)
        if not (step.collects or step.takes_votes):
            raise Refused(Reason.NOT_A_QUESTION, step_key)
        state = replace(self.step_state(session, step), input_state=InputState(input_state))
        self.store.save_step_state(session_id, state)
        self.bus.emit(events.StepStateChanged(session_id, step_key))
        return state

    def set_reveal(self, session_id: str, step_key: str, revealed: bool) -> StepState:
        """Show or hide a step's contributions on shared screens."""
        session = self.get_session(session_id)
        step = self.find_step(session, step_key)
        state = replace(self.step_state(session, step), revealed=revealed)
        self.store.save_step_state(session_id, state)
        self.bus.emit(events.StepStateChanged(session_id, step_key))
        return state

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
        self.bus.emit(events.StepsChanged(session_id))
        voting = self.store.get_step_state(session_id, f"role_choice.{round_index}")
        if not was_chosen and voting is not None and voting.input_state is InputState.OPEN:
            self.store.save_step_state(session_id, replace(voting, input_state=InputState.CLOSED))
            self.bus.emit(events.StepStateChanged(session_id, voting.step_key))
        return session

    def add_role_round(self, session_id: str) -> Session:
        """Add a role choice after the last chosen role and move there (to discuss another role)."""
        session = self._live(session_id)
        if session.rounds[-1].role is not None:
            session = replace(session, rounds=(*session.rounds, RoleRound(None)))
            self.store.save_session(session)
            self.bus.emit(events.StepsChanged(session_id))
        return self.jump_to_step(session_id, f"role_choice.{len(session.rounds) - 1}")

    # participants and the room

    def join_participant(self, code: str, name: str | None = None, token: str | None = None) -> Joined:
        """Let a phone join by code; a known ``token`` rejoins as the same participant."""
        session = self.find_session(code)
        if session.ended:
            raise Refused(Reason.SESSION_ENDED)
        if token:
            known = self.store.participant_by_token(session.id, _hash(token))
            if known is not None:
                if known.removed:
                    raise Refused(Reason.REMOVED)
                return Joined(known, token, session)
        if session.locked:
            raise Refused(Reason.ROOM_LOCKED)
        clean = " ".join(clean_text(name or "").split())
        if session.anonymity is Anonymity.ANONYMOUS:
            clean = ""
        if len(clean) > NAME_MAX:
            raise Refused(Reason.NAME_TOO_LONG)
        if session.anonymity is Anonymity.REQUIRED and not clean:
            raise Refused(Reason.NAME_REQUIRED)
        token = secrets.token_urlsafe(24)
        participant = Participant(uuid.uuid4().hex, session.id, clean or None, self._clock())
        participant = self.store.insert_participant(participant, _hash(token))
        self.bus.emit(events.ParticipantJoined(session.id, participant.id))
        return Joined(participant, token, session)

    def participant_by_token(self, session_id: str, token: str) -> Participant | None:
        return self.store.participant_by_token(session_id, _hash(token))

    def get_participant(self, participant_id: str) -> Participant | None:
        """Return the participant (removed ones too), or None when there is no such participant."""
        return self.store.get_participant(participant_id)

    def participants(self, session_id: str, include_removed: bool = False) -> list[Participant]:
        found = self.store.list_participants(session_id)
        return found if include_removed else [p for p in found if not p.removed]

    def count_participants(self, session_id: str) -> int:
        """Return how many participants take part (not removed)."""
        return self.store.count_participants(session_id)

    def remove_participant(self, session_id: str, participant_id: str) -> Participant:
        """Remove a participant: they can no longer send, and their contributions stay stored."""
        participant = self._participant(session_id, participant_id)
        participant = replace(participant, removed=True)
        self.store.save_participant(participant)
        self.bus.emit(events.ParticipantRemoved(session_id, participant_id))
        return participant

    def lock_room(self, session_id: str, locked: bool = True) -> Session:
        """Lock (or unlock) the room against new joins; joined phones stay in."""
        session = self.get_session(session_id)
        session = replace(session, locked=locked)
        self.store.save_session(session)
        self.bus.emit(events.RoomLockChanged(session_id, locked))
        return session

    # contributions

    def add_contribution(
        self,
        session_id: str,
        participant_id: str,
        contribution_id: str,
        text: str,
        step_key: str | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> Contribution:
        """Store a participant's contribution to a step whose input is open.

        Sending the same ``contribution_id`` again returns the stored one and changes nothing.
        """
        session = self._live(session_id)
        participant = self._active_participant(session_id, participant_id)
        contribution_id = _check_id(contribution_id)
        existing = self.store.get_contribution(session_id, contribution_id)
        if existing is not None:
            if existing.participant_id != participant.id:
                raise Refused(Reason.NOT_YOURS)
            return existing
        step = self.find_step(session, step_key or session.current_step)
        self._check_open(session, step)
        clean = _check_text(text)
        if fields and not step.takes_action:
            raise Refused(Reason.INVALID, "fields outside the action step")
        fields = _check_fields(fields)
        now = self._clock()
        contribution = self.store.insert_contribution(
            Contribution(
                id=contribution_id, session_id=session_id, step_key=step.key, participant_id=participant.id,
                text=clean, seq=0, created_at=now, updated_at=now, kind="action" if step.takes_action else "text",
                fields=dict(fields or {}),
            )
        )
        self.bus.emit(events.ContributionAdded(session_id, contribution.id, step.key))
        return contribution

    def edit_contribution(
        self, session_id: str, participant_id: str, contribution_id: str, text: str,
        fields: Mapping[str, str] | None = None,
    ) -> Contribution:
        """Replace the text of the participant's own contribution while its step's input is open."""
        contribution = self._own(session_id, participant_id, contribution_id)
        clean = _check_text(text)
        changed = replace(
            contribution, text=clean, updated_at=self._clock(),
            fields=_check_fields(fields) if fields is not None else contribution.fields,
        )
        self.store.save_contribution(changed)
        self.bus.emit(events.ContributionChanged(session_id, contribution_id, contribution.step_key))
        return changed

    def withdraw_contribution(self, session_id: str, participant_id: str, contribution_id: str) -> Contribution:
        """Withdraw the participant's own contribution while its step's input is open (kept, not shown)."""
        contribution = self._own(session_id, participant_id, contribution_id)
        changed = replace(contribution, withdrawn=True, updated_at=self._clock())
        self.store.save_contribution(changed)
        self.bus.emit(events.ContributionChanged(session_id, contribution_id, contribution.step_key))
        return changed

    def hide_contribution(self, session_id: str, contribution_id: str, hidden: bool = True) -> Contribution:
        """Hide (or show again) a contribution on shared screens; the facilitator's moderation."""
        contribution = self.store.get_contribution(session_id, contribution_id)
        if contribution is None:
            raise Refused(Reason.UNKNOWN_CONTRIBUTION)
        changed = replace(contribution, hidden=hidden)
        self.store.save_contribution(changed)
        self.bus.emit(events.ContributionChanged(session_id, contribution_id, contribution.step_key))
        return changed

    def contributions(self, session_id: str, step_key: str | None = None) -> list[Contribution]:
        """Return the session's contributions (of one step) in the order received, withdrawn ones included."""
        return self.store.list_contributions(session_id, step_key)

    def count_responders(self, session_id: str, step_key: str) -> int:
        """Return how many participants still in the room sent something (not withdrawn) on a step."""
        return self.store.count_responders(session_id, step_key)

    def get_contribution(self, session_id: str, contribution_id: str) -> Contribution | None:
        return self.store.get_contribution(session_id, contribution_id)

    # role votes

    def cast_vote(self, session_id: str, participant_id: str, role: int) -> dict[int, int]:
        """Record (or change) the participant's vote for ``role`` on the current role choice.

        Returns the vote count per role for that round.
        """
        session = self._live(session_id)
        self._active_participant(session_id, participant_id)
        step = self.current_step(session)
        if not step.takes_votes or step.round is None:
            raise Refused(Reason.INPUT_CLOSED, "no role choice now")
        self._check_state(session, step)
        if role not in {r.number for r in self.card_of(session).roles}:
            raise Refused(Reason.UNKNOWN_ROLE, str(role))
        self.store.save_vote(session_id, step.round, participant_id, role, self._clock())
        self.bus.emit(events.VotesChanged(session_id, step.round))
        return self.vote_counts(session, step.round)

    def vote_counts(self, session: Session, round_index: int) -> dict[int, int]:
        """Return the number of votes per role (every role of the card, zero included) in a round."""
        counts = {role.number: 0 for role in self.card_of(session).roles}
        removed = {p.id for p in self.participants(session.id, include_removed=True) if p.removed}
        for participant_id, role in self.store.votes(session.id, round_index).items():
            if participant_id not in removed:
                counts[role] = counts.get(role, 0) + 1
        return counts

    def vote_of(self, session_id: str, round_index: int, participant_id: str) -> int | None:
        """Return the role the participant voted for in a round, if any."""
        return self.store.votes(session_id, round_index).get(participant_id)

    # facilitator notes

    def save_note(self, session_id: str, step_key: str, text: str) -> None:
        """Store the facilitator's note on a step (kept across restarts, never shown to the room)."""
        session = self.get_session(session_id)
        self.find_step(session, step_key)
        if len(text) > NOTE_MAX:
            raise Refused(Reason.TOO_LONG)
        self.store.save_note(session_id, step_key, text, self._clock())
        self.bus.emit(events.NoteSaved(session_id, step_key))

    def notes(self, session_id: str) -> dict[str, str]:
        """Return the facilitator's notes by step key."""
        return self.store.notes(session_id)

    # countdown

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
        self.bus.emit(events.StepStateChanged(session_id, step_key))
        return state

    def stop_timer(self, session_id: str, step_key: str) -> StepState:
        """Remove the countdown from a step."""
        session = self.get_session(session_id)
        step = self.find_step(session, step_key)
        state = replace(self.step_state(session, step), timer_ends_at=None, timer_seconds=None)
        self.store.save_step_state(session_id, state)
        self.bus.emit(events.StepStateChanged(session_id, step_key))
        return state

    # closing

    def summarize_session(self, session_id: str) -> Summary:
        """Return the closing summary: participants, contributions per step, roles discussed, actions."""
        session = self.get_session(session_id)
        kept = [c for c in self.contributions(session_id) if not c.withdrawn]
        counts = tuple(
            StepCount(step.key, sum(1 for c in kept if c.step_key == step.key))
            for step in self.steps(session) if step.collects
        )
        actions = tuple(c for c in kept if c.step_key == "evaluation.action" and not c.hidden)
        roles = tuple(r.role for r in session.rounds if r.role is not None)
        return Summary(len(self.participants(session_id)), counts, roles, actions)

    # checks

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

    def _own(self, session_id: str, participant_id: str, contribution_id: str) -> Contribution:
        session = self._live(session_id)
        self._active_participant(session_id, participant_id)
        contribution = self.store.get_contribution(session_id, contribution_id)
        if contribution is None or contribution.withdrawn:
            raise Refused(Reason.UNKNOWN_CONTRIBUTION)
        if contribution.participant_id != participant_id:
            raise Refused(Reason.NOT_YOURS)
        self._check_open(session, self.find_step(session, contribution.step_key))
        return contribution


def normalize_code(code: str) -> str:
    """Return a typed join code in canonical form (upper case, no spaces or dashes)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


# Control characters and bidirectional overrides would let one phone garble the projector.
_UNPRINTABLE = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def clean_text(text: str) -> str:
    """Return ``text`` without control characters (newlines and tabs stay) or direction overrides."""
    return text.replace("\r\n", "\n").translate(_UNPRINTABLE)


def _check_text(text: str) -> str:
    clean = clean_text(text).strip() if isinstance(text, str) else ""
    if not clean:
        raise Refused(Reason.EMPTY)
    if len(clean) > TEXT_MAX:
        raise Refused(Reason.TOO_LONG)
    return clean


def _check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    if not fields:
        return {}
    if not set(fields) <= set(ACTION_FIELDS):
        raise Refused(Reason.INVALID, "unknown action field")
    clean = {key: " ".join(clean_text(str(value)).split()) for key, value in fields.items()}
    if any(len(value) > ACTION_FIELD_MAX for value in clean.values()):
        raise Refused(Reason.TOO_LONG)
    return {key: value for key, value in clean.items() if value}


def _check_id(contribution_id: str) -> str:
    if not isinstance(contribution_id, str) or not 8 <= len(contribution_id) <= CONTRIBUTION_ID_MAX:
        raise Refused(Reason.INVALID, "contribution id")
    return contribution_id
