"""The room's reactions: each participant's mark ("I recognise this" or "I see this differently") on a contribution.

Like the engine's own methods, :meth:`Reactions.react` checks and writes in one transaction on the
session, commits, then announces :class:`~kit.core.events.ReactionChanged` on ``engine.bus``; a
refused mark raises :class:`Refused`. The reads need no board: they count the marks of the
participants still in the room, per contribution (:meth:`Reactions.counts`) or as the marks
themselves (:meth:`Reactions.of_step`), for the group board and anyone else who reads the room.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager

from kit.core import events
from kit.core.difference import contested, divided_by
from kit.core.engine_base import EngineBase, one_transaction
from kit.core.errors import Reason, Refused
from kit.core.models import Reaction, ReactionKind, Session
from kit.core.store import Store

_KINDS = frozenset(k.value for k in ReactionKind)


class Reactions:
    """The marks of the participants of ``engine``'s sessions on revealed, visible contributions."""

    def __init__(self, engine: EngineBase) -> None:
        self.engine = engine
        self.store: Store = engine.store

    def transaction(self, session_id: str | None) -> AbstractContextManager[None]:
        """Run the block as one transaction of the engine on the session (see ``EngineBase.transaction``)."""
        return self.engine.transaction(session_id)

    # marking

    @one_transaction
    def react(
        self, session_id: str, participant_id: str, contribution_id: str, kind: ReactionKind | str | None
    ) -> tuple[int, int]:
        """Record (change, or with None clear) the participant's mark on a revealed, visible contribution.

        Returns the contribution's counts (recognise, differ).
        """
        session, participant, contribution = self.engine.marked_contribution(
            session_id, participant_id, contribution_id
        )
        if kind is not None and (not isinstance(kind, str) or kind not in _KINDS):
            raise Refused(Reason.INVALID, "reaction kind")
        if not self._revealed(session, contribution.step_key):
            raise Refused(Reason.NOT_REVEALED, contribution.step_key)
        mark = ReactionKind(kind) if kind is not None else None
        self.store.save_reaction(session.id, contribution.id, participant.id, mark, self.engine.now())
        self.engine.announce(events.ReactionChanged(session.id, contribution.id))
        counted = self._counted(session.id, self.store.reactions(session.id, contribution_id=contribution.id))
        return _count(counted, contribution.id)

    # reading

    def reactions_of(self, session_id: str, participant_id: str) -> dict[str, ReactionKind]:
        """Return the participant's marks by contribution id (for their phone after a reload)."""
        return {
            r.contribution_id: r.kind for r in self.store.reactions(session_id)
            if r.participant_id == participant_id
        }

    def of_step(self, session_id: str, step_key: str) -> list[Reaction]:
        """Return the marks on the contributions ``step_key`` shows, by participants still in the room."""
        session, key = self.engine.shown_step(session_id, step_key)
        return self._counted(session.id, self.store.reactions(session.id, key))

    def counts(self, session_id: str, step_key: str) -> dict[str, tuple[int, int]]:
        """Return (recognise, differ) per visible contribution of the step; removed participants don't count."""
        session, key = self.engine.shown_step(session_id, step_key)
        tally = _tally(self._counted(session.id, self.store.reactions(session.id, key)))
        return {c.id: tally.get(c.id, (0, 0)) for c in self.store.list_contributions(session.id, key) if c.visible}

    def marked(self, session_id: str, step_key: str) -> dict[str, tuple[int, int]]:
        """Return (recognise, differ) per contribution of the step that has marks, hidden ones included.

        Unlike :meth:`counts` it reads no contributions, for a caller that has them already.
        """
        session, key = self.engine.shown_step(session_id, step_key)
        return _tally(self._counted(session.id, self.store.reactions(session.id, key)))

    def points_of_difference(self, session_id: str, step_key: str) -> tuple[str, ...]:
        """Return the visible contributions the room is divided on (``difference.contested``), most divided first."""
        counts = self.counts(session_id, step_key)
        order = {cid: index for index, cid in enumerate(counts)}
        split = [cid for cid, (yes, no) in counts.items() if contested(yes, no)]
        return tuple(sorted(split, key=lambda cid: (-divided_by(*counts[cid]), -sum(counts[cid]), order[cid])))

    # helpers

    def _revealed(self, session: Session, step_key: str) -> bool:
        """True when a step that shows ``step_key``'s contributions has been shown with them revealed."""
        for step in self.engine.steps(session):
            if step.shows_step == step_key:
                state = self.store.get_step_state(session.id, step.key)
                if state is not None and state.revealed:
                    return True
        return False

    def _counted(self, session_id: str, reactions: Sequence[Reaction]) -> list[Reaction]:
        if not reactions:
            return []
        removed = self.store.removed_participants(session_id)
        return [r for r in reactions if r.participant_id not in removed]


def _tally(reactions: Sequence[Reaction]) -> dict[str, tuple[int, int]]:
    """Return (recognise, differ) per contribution that has any of ``reactions``, in one pass."""
    counts: dict[str, list[int]] = {}
    for r in reactions:
        counts.setdefault(r.contribution_id, [0, 0])[0 if r.kind is ReactionKind.RECOGNISE else 1] += 1
    return {cid: (yes, no) for cid, (yes, no) in counts.items()}


def _count(reactions: Sequence[Reaction], contribution_id: str) -> tuple[int, int]:
    kinds = [r.kind for r in reactions if r.contribution_id == contribution_id]
    return kinds.count(ReactionKind.RECOGNISE), kinds.count(ReactionKind.DIFFER)
