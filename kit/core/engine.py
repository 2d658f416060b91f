"""The session engine: every change to a session goes through these verb-noun methods.

Each method validates and writes inside one store transaction on the session
(:meth:`~kit.core.engine_base.EngineBase.transaction`), commits, then announces the change on the
event bus. A refused action raises :class:`Refused` with a reason and changes nothing.

:class:`Engine` combines one mixin per concern, each in its own module on the shared
:class:`~kit.core.engine_base.EngineBase` (store, bus, clock, lookups, guards):
sessions, step flow, room, contributions, votes, notes and timers, summary.
This module also re-exports their results and limits, so callers import from one place.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from kit.core.boards import Boards
from kit.core.bus import Bus
from kit.core.card import Card
from kit.core.contributions import ACTION_FIELD_MAX, ACTION_FIELDS, CONTRIBUTION_ID_MAX, TEXT_MAX, ContributionsMixin
from kit.core.flow import StepFlowMixin
from kit.core.notes_timers import NOTE_MAX, TIMER_MINUTES, NotesTimersMixin
from kit.core.opinions import Opinions
from kit.core.reactions import Reactions
from kit.core.room import NAME_MAX, Joined, RoomMixin
from kit.core.sessions import CODE_ALPHABET, CODE_LENGTH, OpenedSession, SessionsMixin
from kit.core.store import Store
from kit.core.summary import StepCount, Summary, SummaryMixin
from kit.core.text import clean_text, normalize_code
from kit.core.votes import VotesMixin

__all__ = [
    "ACTION_FIELDS",
    "ACTION_FIELD_MAX",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "CONTRIBUTION_ID_MAX",
    "NAME_MAX",
    "NOTE_MAX",
    "TEXT_MAX",
    "TIMER_MINUTES",
    "Engine",
    "Joined",
    "OpenedSession",
    "StepCount",
    "Summary",
    "clean_text",
    "normalize_code",
]


class Engine(
    SessionsMixin, StepFlowMixin, RoomMixin, ContributionsMixin, VotesMixin, NotesTimersMixin, SummaryMixin
):
    """Runs sessions of the cards in ``cards`` on ``store`` and announces changes on ``bus``.

    ``reactions`` runs the room's marks on contributions (:class:`~kit.core.reactions.Reactions`),
    ``boards`` the group boards of these sessions (:class:`~kit.core.boards.Boards`), ``opinions``
    who thinks alike on a step's contributions (:class:`~kit.core.opinions.Opinions`).
    """

    def __init__(
        self,
        store: Store,
        cards: Mapping[str, Card],
        bus: Bus | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(store, cards, bus, clock)
        self.reactions = Reactions(self)
        self.boards = Boards(self, reactions=self.reactions)
        self.opinions = Opinions(self, self.reactions)
