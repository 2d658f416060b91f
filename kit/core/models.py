"""The session's records: sessions, step states, participants, contributions and reactions."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# The facilitator at this laptop: whoever holds the login link the kit prints. They own the sessions
# opened here, and every session of a database from before sessions had an owner.
LOCAL_OWNER_ID = "local"


class Anonymity(StrEnum):
    """Whether participants give a name."""

    ANONYMOUS = "anonymous"
    OPTIONAL = "optional"
    REQUIRED = "required"


class InputState(StrEnum):
    """Whether phones may send contributions for a step."""

    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


@dataclass(frozen=True)
class RoleRound:
    """A role the group chose and the question numbers it uses, in card order."""

    role: int | None
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Session:
    id: str
    code: str
    title: str
    card_id: str
    anonymity: Anonymity
    language: str
    view_key: str
    created_at: float
    current_step: str
    locked: bool = False
    ended_at: float | None = None
    rounds: tuple[RoleRound, ...] = (RoleRound(None),)
    owner_id: str = LOCAL_OWNER_ID
    # The facilitator accounts (hosted mode) the owner asked to run the session with them.
    co_facilitator_ids: tuple[str, ...] = ()

    @property
    def ended(self) -> bool:
        return self.ended_at is not None


@dataclass(frozen=True)
class Facilitator:
    """A facilitator's account on a hosted kit; ``password_hash`` is None until an invite was accepted."""

    id: str
    email: str
    created_at: float
    admin: bool = False
    disabled: bool = False
    password_hash: str | None = None
    last_login: float | None = None


@dataclass(frozen=True)
class Invite:
    """A one-time invite to choose a password; only the hash of its token is stored."""

    token_hash: str
    facilitator_id: str
    expires_at: float
    used_at: float | None = None


@dataclass(frozen=True)
class StepState:
    step_key: str
    input_state: InputState
    revealed: bool
    timer_ends_at: float | None = None
    timer_seconds: int | None = None


@dataclass(frozen=True)
class Participant:
    id: str
    session_id: str
    name: str | None
    joined_at: float
    removed: bool = False
    number: int = 0  # join order in the session, from 1; given by the store when the participant is stored


@dataclass(frozen=True)
class Contribution:
    id: str
    session_id: str
    step_key: str
    participant_id: str
    text: str
    seq: int
    created_at: float
    updated_at: float
    hidden: bool = False
    withdrawn: bool = False
    kind: str = "text"
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def visible(self) -> bool:
        """True when shared screens may show it once its step is revealed."""
        return not self.hidden and not self.withdrawn


class ReactionKind(StrEnum):
    """A participant's mark on a contribution: "I recognise this" or "I see this differently"."""

    RECOGNISE = "recognise"
    DIFFER = "differ"


@dataclass(frozen=True)
class Reaction:
    """One participant's mark on one contribution."""

    contribution_id: str
    participant_id: str
    kind: ReactionKind
