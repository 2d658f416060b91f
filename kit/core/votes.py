"""The room's votes on which role to discuss next, one vote per participant per role round.

Store methods used: ``save_vote``, ``votes`` (``list_participants`` through :meth:`EngineBase.participants`).
"""

from __future__ import annotations

from kit.core import events
from kit.core.engine_base import EngineBase, one_transaction
from kit.core.errors import Reason, Refused
from kit.core.models import Session


class VotesMixin(EngineBase):
    """Role votes: cast (or change) a vote on the current role choice, count them per role."""

    @one_transaction
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
        self.announce(events.VotesChanged(session_id, step.round))
        return self.vote_counts(session, step.round)

    def vote_counts(self, session: Session, round_index: int) -> dict[int, int]:
        """Return the number of votes per role (every role of the card, zero included) in a round."""
        counts = {role.number: 0 for role in self.card_of(session).roles}
        removed = self.store.removed_participants(session.id)
        for participant_id, role in self.store.votes(session.id, round_index).items():
            if participant_id not in removed:
                counts[role] = counts.get(role, 0) + 1
        return counts

    def vote_of(self, session_id: str, round_index: int, participant_id: str) -> int | None:
        """Return the role the participant voted for in a round, if any."""
        return self.store.votes(session_id, round_index).get(participant_id)
