"""Small typed events announced after each committed change, and the screens' own shared state.

They travel on the :class:`~kit.core.bus.Bus`; every field is a string, a number, a truth value, None
or a string enum, so an event crosses between instances as JSON (:mod:`kit.core.envelope`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Event:
    """Something changed in one session: committed to the store, or (the screen events) on its screens."""

    session_id: str


@dataclass(frozen=True)
class SessionOpened(Event):
    pass


@dataclass(frozen=True)
class SessionEnded(Event):
    pass


@dataclass(frozen=True)
class SessionDeleted(Event):
    pass


@dataclass(frozen=True)
class SessionSettingsChanged(Event):
    """Title, language or anonymity setting changed."""


@dataclass(frozen=True)
class StepChanged(Event):
    step_key: str


@dataclass(frozen=True)
class StepsChanged(Event):
    """The list of steps changed (a role was chosen, a round added)."""


@dataclass(frozen=True)
class StepStateChanged(Event):
    """Input state or reveal switch of one step changed."""

    step_key: str


@dataclass(frozen=True)
class RoomLockChanged(Event):
    locked: bool


@dataclass(frozen=True)
class ParticipantJoined(Event):
    participant_id: str


@dataclass(frozen=True)
class ParticipantRemoved(Event):
    participant_id: str


@dataclass(frozen=True)
class ContributionAdded(Event):
    contribution_id: str
    step_key: str


@dataclass(frozen=True)
class ContributionChanged(Event):
    """A contribution was edited, withdrawn, hidden or unhidden."""

    contribution_id: str
    step_key: str


@dataclass(frozen=True)
class VotesChanged(Event):
    """A participant voted (or changed their vote) for a role."""

    round: int


@dataclass(frozen=True)
class NoteSaved(Event):
    """The facilitator's note on a step was saved (never shown to the room)."""

    step_key: str


@dataclass(frozen=True)
class BoardChanged(Event):
    """The facilitator's group board of a step changed (``step_key``: the step whose contributions it holds)."""

    step_key: str


@dataclass(frozen=True)
class ReactionChanged(Event):
    """A participant marked a contribution (recognise or differ), changed or cleared that mark."""

    contribution_id: str


@dataclass(frozen=True)
class GroupsShown(Event):
    """The facilitator switched the grouped view of a step on or off (``step_key``: the switched step)."""

    step_key: str
    shown: bool


@dataclass(frozen=True)
class NewContributionsChanged(Event):
    """The late arrivals waiting in the "Nieuw" strip of a step's board, or their best guesses, changed."""

    step_key: str


@dataclass(frozen=True)
class MergeSuggestionsChanged(Event):
    """The offered merges of a step's board may have changed (a pair was dismissed, or the board changed)."""

    step_key: str


@dataclass(frozen=True)
class AuthorPlacementChanged(Event):
    """A participant said where their own contribution belongs, or the facilitator accepted or dismissed it."""

    step_key: str
    contribution_id: str


# What the session's projectors show besides the session itself: never stored, the bus carries the new value.


class DiscussionSort(StrEnum):
    """The order of the group overview: the two questions of the discussion step."""

    SHARED = "shared"  # most people recognise it first
    CONTESTED = "contested"  # most divided first


@dataclass(frozen=True)
class QrLargeChanged(Event):
    """The facilitator showed the join QR code large on the session's projectors (``large``), or hid it."""

    large: bool


@dataclass(frozen=True)
class DiscussionChanged(Event):
    """The projectors' discussion view changed: a group of ``step_key`` opened or closed, or another order.

    ``group_key`` is the opened group (or the "eigen geluid" key); None is the overview.
    """

    step_key: str | None
    group_key: str | None
    sort: DiscussionSort


@dataclass(frozen=True)
class OpinionsViewChanged(Event):
    """The projectors show the opinion groups of ``step_key`` (what we share, where we differ), or not (None)."""

    step_key: str | None


@dataclass(frozen=True)
class OwnGroupShown(Event):
    """The facilitator let participants see their own opinion group on their phone (``shown``), or not."""

    shown: bool


@dataclass(frozen=True)
class EventsMissed(Event):
    """Other instances' events of the session may not have reached this one (the bus between them was away).

    Announced on this instance only: what it shows or keeps of the session is read from the store again.
    """
