"""The room's opinion groups per step, read from the stored reactions (see :mod:`kit.opinions`).

Read only: nothing is written or announced. A participant's marks on the visible contributions of
the step count (+1 recognise, −1 differ); no mark (their own contribution included) is unknown;
removed participants leave out, as in :mod:`kit.core.reactions`. The last result per step is kept
(for the ``KEPT_STEPS`` steps computed most recently), so asking again with unchanged reactions
costs two store reads and no computation, and a recomputation keeps the groups' letters (the
previous result is passed on).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from kit.core.engine_base import EngineBase
from kit.core.models import ReactionKind
from kit.core.reactions import Reactions
from kit.opinions import OpinionGroups, find_opinion_groups

Mark = tuple[str, str, int]
KEPT_STEPS = 256  # results kept, the most recently computed; enough for every open session's steps


class Opinions:
    """Opinion groups of the steps of ``engine``'s sessions, from the marks ``reactions`` reads."""

    def __init__(self, engine: EngineBase, reactions: Reactions) -> None:
        self.engine = engine
        self.reactions = reactions
        self._lock = threading.Lock()
        self._last: OrderedDict[tuple[str, str], tuple[frozenset[Mark], OpinionGroups]] = OrderedDict()

    def of_step(self, session_id: str, step_key: str) -> OpinionGroups:
        """Return the opinion groups on the contributions ``step_key`` shows (computed only when marks changed).

        Refuses with ``not_a_question`` for a step that shows no contributions.
        """
        marks = self.marks(session_id, step_key)
        session, key = self.engine.shown_step(session_id, step_key)
        with self._lock:
            last = self._last.get((session.id, key))
        if last is not None and last[0] == marks:
            return last[1]
        result = find_opinion_groups(sorted(marks), previous=last[1] if last is not None else None)
        with self._lock:
            self._last[(session.id, key)] = (marks, result)
            self._last.move_to_end((session.id, key))
            while len(self._last) > KEPT_STEPS:
                self._last.popitem(last=False)
        return result

    def marks(self, session_id: str, step_key: str) -> frozenset[Mark]:
        """Return the marks (participant id, contribution id, +1 or −1) on the step's visible contributions."""
        session, key = self.engine.shown_step(session_id, step_key)
        visible = {c.id for c in self.engine.store.list_contributions(session.id, key) if c.visible}
        return frozenset(
            (r.participant_id, r.contribution_id, 1 if r.kind is ReactionKind.RECOGNISE else -1)
            for r in self.reactions.of_step(session_id, step_key) if r.contribution_id in visible
        )
