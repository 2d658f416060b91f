"""The room's opinion groups per step, read from the stored reactions (see :mod:`kit.opinions`).

Read only: nothing is written or announced. A participant's marks on the visible contributions of
the step count (+1 recognise, −1 differ); no mark (their own contribution included) is unknown;
removed participants leave out, as in :mod:`kit.core.reactions`.

Cheap to ask again: the last result per step is kept (for the ``KEPT_STEPS`` steps computed most
recently) with the session's version, a count of the events the bus carried for the session since
(every change to reactions, contributions and participants is announced after its commit). While
the version stands, the kept result is returned without reading the store; after an event the
marks are read again and only computed when they differ, and a recomputation passes the last
result on so the groups keep their letters.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from kit.core.engine_base import EngineBase
from kit.core.events import Event
from kit.core.models import ReactionKind
from kit.core.own_group import OwnGroupSwitch
from kit.core.reactions import Reactions
from kit.opinions import OpinionGroups, find_opinion_groups

Mark = tuple[str, str, int]
KEPT_STEPS = 256  # results kept, the most recently computed; enough for every open session's steps


@dataclass(frozen=True)
class _Kept:
    version: int
    marks: frozenset[Mark]
    result: OpinionGroups


class Opinions:
    """Opinion groups of the steps of ``engine``'s sessions, from the marks ``reactions`` reads.

    ``own_group`` is the facilitator's switch that lets participants see their own group on their phone.
    """

    def __init__(self, engine: EngineBase, reactions: Reactions) -> None:
        self.engine = engine
        self.reactions = reactions
        self._lock = threading.Lock()
        self._versions: dict[str, int] = {}
        self._kept: OrderedDict[tuple[str, str], _Kept] = OrderedDict()
        self.own_group = OwnGroupSwitch(engine.bus)
        engine.bus.subscribe(self._heard)

    def of_step(self, session_id: str, step_key: str) -> OpinionGroups:
        """Return the opinion groups on the contributions ``step_key`` shows (computed only when marks changed).

        Refuses with ``not_a_question`` for a step that shows no contributions.
        """
        session, key = self.engine.shown_step(session_id, step_key)
        with self._lock:
            version = self._versions.get(session.id, 0)  # read before the marks: a later change shows
            kept = self._kept.get((session.id, key))
        if kept is not None and kept.version == version:
            return kept.result
        marks = self.marks(session_id, step_key)
        if kept is not None and kept.marks == marks:
            result = kept.result
        else:
            result = find_opinion_groups(sorted(marks), previous=kept.result if kept is not None else None)
        with self._lock:
            self._kept[(session.id, key)] = _Kept(version, marks, result)
            self._kept.move_to_end((session.id, key))
            while len(self._kept) > KEPT_STEPS:
                self._kept.popitem(last=False)
        return result

    def own_group_of(self, session_id: str, participant_id: str) -> str | None:
        """Return the participant's group letter on the current step, None unless the switch lets them see it.

        None too when the current step shows no contributions or the participant is in no group.
        """
        if not self.own_group.shown(session_id):
            return None
        session = self.engine.get_session(session_id)
        step = self.engine.current_step(session)
        if step.shows_step is None:
            return None
        return self.of_step(session_id, step.key).group_of(participant_id)

    def marks(self, session_id: str, step_key: str) -> frozenset[Mark]:
        """Return the marks (participant id, contribution id, +1 or −1) on the step's visible contributions."""
        session, key = self.engine.shown_step(session_id, step_key)
        visible = {c.id for c in self.engine.store.list_contributions(session.id, key) if c.visible}
        return frozenset(
            (r.participant_id, r.contribution_id, 1 if r.kind is ReactionKind.RECOGNISE else -1)
            for r in self.reactions.of_step(session_id, step_key) if r.contribution_id in visible
        )

    def _heard(self, event: Event) -> None:
        """Count an event of a session: its kept results must be checked against the store again."""
        with self._lock:
            self._versions[event.session_id] = self._versions.get(event.session_id, 0) + 1
