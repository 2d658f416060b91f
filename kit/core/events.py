"""Small typed events announced after each committed change, and the bus screens subscribe to."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Something changed in one session (already committed to the store)."""

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


Subscriber = Callable[[Event], None]


class EventBus:
    """Delivers each event to every subscriber in subscription order."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add ``subscriber``; return a function that removes it again."""
        self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            if subscriber in self._subscribers:
                self._subscribers.remove(subscriber)

        return unsubscribe

    def emit(self, event: Event) -> None:
        """Call every subscriber with ``event``; a failing subscriber is logged and skipped."""
        for subscriber in list(self._subscribers):
            try:
                subscriber(event)
            except Exception:  # one broken screen must not stop the others or the caller
                log.exception("event subscriber failed on %r", event)
