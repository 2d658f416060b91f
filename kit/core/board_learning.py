"""What the group board learns from the facilitator: late arrivals, merge suggestions, authors' placements.

Mixed into :class:`~kit.core.boards.Boards`. The facilitator's groups are examples: a late
arrival joins a group only when the kit is sure, otherwise it waits in the "Nieuw" strip with a
best guess for one tap. Groups that look alike are offered for merging (a dismissed pair is
remembered). A participant may say where their own contribution belongs while groups are shown;
that waits for the facilitator and never reaches the projector before it is accepted.
Nothing the facilitator decided is undone by a suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager

from kit.core import board_ops as ops
from kit.core import events
from kit.core.board_ops import AuthorPlacement, Board, MergeSuggestion, NewContribution, PlacementState
from kit.core.engine_base import EngineBase, one_transaction
from kit.core.errors import Reason, Refused
from kit.core.models import Contribution, Session
from kit.core.store import Store
from kit.grouping import GroupInput
from kit.grouping.learn import ExampleGroup, merge_candidates, place_into_groups


class BoardLearning:
    """The board verbs that learn from the facilitator (see the module docstring)."""

    engine: EngineBase
    store: Store

    def transaction(self, session_id: str | None) -> AbstractContextManager[None]:
        """Run the block as one transaction of the engine on the session (see ``EngineBase.transaction``)."""
        return self.engine.transaction(session_id)

    # the "Nieuw" strip

    def new_contributions(self, session_id: str, step_key: str) -> list[NewContribution]:
        """Return the late arrivals waiting for the facilitator, in the order received, with best guesses."""
        session, key = self._step(session_id, step_key)
        board = self.board(session.id, step_key)
        if board is None:
            return []
        order = [c.id for c in self._contributions(session.id, key) if c.visible]
        return [NewContribution(cid, board.pending[cid]) for cid in order if cid in board.pending]

    @one_transaction
    def place_one(self, session_id: str, step_key: str, contribution_id: str, group_id: str | None) -> Board:
        """Place one contribution (e.g. from the "Nieuw" strip) in ``group_id`` (None: on its own).

        It is the facilitator's decision: pinned, kept when suggestions are recomputed. Announces
        :class:`~kit.core.events.BoardChanged` and :class:`~kit.core.events.NewContributionsChanged`.
        """
        board = self.move(session_id, step_key, contribution_id, group_id)
        self.engine.announce(events.NewContributionsChanged(session_id, board.step_key))
        return board

    @one_transaction
    def accept_guess(self, session_id: str, step_key: str, contribution_id: str) -> Board:
        """Place a waiting contribution in the group the kit guessed (on its own when it had no guess)."""
        waiting = self.new_contributions(session_id, step_key)
        guess = next((n.guess for n in waiting if n.contribution_id == contribution_id), None)
        return self.place_one(session_id, step_key, contribution_id, guess)

    # merge suggestions

    def merge_suggestions(self, session_id: str, step_key: str) -> list[MergeSuggestion]:
        """Return pairs of groups that look alike, most alike first, leaving out dismissed pairs.

        Computed from the board as it is: re-read after :class:`~kit.core.events.BoardChanged` or
        :class:`~kit.core.events.MergeSuggestionsChanged`.
        """
        session, key = self._step(session_id, step_key)
        board = self.board(session.id, step_key)
        if board is None or len(board.groups) < 2:
            return []
        visible = [c for c in self._contributions(session.id, key) if c.visible]
        index = {c.id: i for i, c in enumerate(visible)}
        groups = [ExampleGroup(tuple(index[m] for m in g.members if m in index)) for g in board.groups]
        dismissed = self.store.dismissed_merges(session.id, key)
        found = merge_candidates(
            [GroupInput(c.text, c.participant_id) for c in visible], groups, self.engine.card_of(session).concepts
        )
        pairs = [(board.groups[f.first].id, board.groups[f.second].id, f.score) for f in found]
        return [MergeSuggestion(a, b, score) for a, b, score in pairs if frozenset({a, b}) not in dismissed]

    @one_transaction
    def accept_merge(self, session_id: str, step_key: str, first: str, second: str) -> Board:
        """Merge group ``second`` into ``first`` (which keeps its label); the facilitator's decision."""
        board = self.merge(session_id, step_key, [first, second])
        self.engine.announce(events.MergeSuggestionsChanged(session_id, board.step_key))
        return board

    @one_transaction
    def dismiss_merge(self, session_id: str, step_key: str, first: str, second: str) -> None:
        """Stop offering to merge ``first`` and ``second`` (remembered in the store for the session)."""
        session, key = self._step(session_id, step_key)
        board = self.board(session.id, step_key) or Board(key)
        if first == second or board.group(first) is None or board.group(second) is None:
            raise Refused(Reason.UNKNOWN_GROUP, f"{first} {second}")
        self.store.save_dismissed_merge(session.id, key, first, second, self.engine.now())
        self.engine.announce(events.MergeSuggestionsChanged(session.id, key))

    # authors place their own contribution

    @one_transaction
    def place_own(
        self, session_id: str, participant_id: str, contribution_id: str, group_id: str | None
    ) -> AuthorPlacement:
        """Record a participant's word on where their own contribution belongs (None: "eigen geluid").

        Allowed while the contribution's groups are shown on phones. Stored as a suggestion for the
        facilitator (the board does not change) and announced as
        :class:`~kit.core.events.AuthorPlacementChanged`.
        """
        session, participant, contribution = self.engine.marked_contribution(
            session_id, participant_id, contribution_id
        )
        if contribution.participant_id != participant.id:
            raise Refused(Reason.NOT_YOURS)
        if group_id is not None and not isinstance(group_id, str):
            raise Refused(Reason.INVALID, "group")
        key = contribution.step_key
        if not self._shown_on_phones(session, key):
            raise Refused(Reason.GROUPS_HIDDEN, key)
        board = self._settled(session.id, key)
        if group_id is not None and (board is None or board.group(group_id) is None):
            raise Refused(Reason.UNKNOWN_GROUP, group_id)
        placement = AuthorPlacement(contribution.id, participant.id, group_id)
        earlier = {p.contribution_id: p for p in self.store.author_placements(session.id, key)}
        if earlier.get(contribution.id) != placement:
            self.store.save_author_placement(session.id, key, placement, self.engine.now())
            self.engine.announce(events.AuthorPlacementChanged(session.id, key, contribution.id))
        return placement

    def author_placements(self, session_id: str, step_key: str) -> list[AuthorPlacement]:
        """Return the authors' placements still waiting for the facilitator (their group still exists)."""
        session, key = self._step(session_id, step_key)
        board = self._settled(session.id, key)
        visible = {c.id for c in self._contributions(session.id, key) if c.visible}
        return [
            p for p in self.store.author_placements(session.id, key)
            if p.state is PlacementState.PENDING and p.contribution_id in visible
            and (p.group_id is None or (board is not None and board.group(p.group_id) is not None))
        ]

    def own_placements(self, session_id: str, participant_id: str, step_key: str) -> dict[str, str | None]:
        """Return ``{contribution id: group id}`` of the participant's waiting or accepted placements on a step."""
        session, key = self._step(session_id, step_key)
        return {
            p.contribution_id: p.group_id for p in self.store.author_placements(session.id, key)
            if p.participant_id == participant_id and p.state is not PlacementState.DISMISSED
        }

    @one_transaction
    def accept_author_placement(self, session_id: str, step_key: str, contribution_id: str) -> Board:
        """Put the contribution where its author said (pinned, as the facilitator's decision)."""
        placement = self._waiting_placement(session_id, step_key, contribution_id)
        board = self.move(session_id, step_key, contribution_id, placement.group_id)
        accepted = AuthorPlacement(
            placement.contribution_id, placement.participant_id, placement.group_id, PlacementState.ACCEPTED
        )
        self.store.save_author_placement(session_id, board.step_key, accepted, self.engine.now())
        self.engine.announce(events.AuthorPlacementChanged(session_id, board.step_key, contribution_id))
        self.engine.announce(events.NewContributionsChanged(session_id, board.step_key))
        return board

    @one_transaction
    def dismiss_author_placement(self, session_id: str, step_key: str, contribution_id: str) -> None:
        """Set an author's placement aside; the board does not change."""
        placement = self._waiting_placement(session_id, step_key, contribution_id)
        _, key = self._step(session_id, step_key)
        dismissed = AuthorPlacement(
            placement.contribution_id, placement.participant_id, placement.group_id, PlacementState.DISMISSED
        )
        self.store.save_author_placement(session_id, key, dismissed, self.engine.now())
        self.engine.announce(events.AuthorPlacementChanged(session_id, key, contribution_id))

    # learning, used by place_new

    def _learned(
        self, session: Session, key: str, board: Board, visible: Sequence[Contribution], candidates: Sequence[str],
        placements_by_authors: Sequence[AuthorPlacement],
    ) -> tuple[dict[str, str | None], dict[str, str | None]]:
        """Return (sure placements, waiting guesses) for ``candidates`` from the board's examples."""
        index = {c.id: i for i, c in enumerate(visible)}
        authors = {
            p.contribution_id: p.group_id for p in placements_by_authors
            if p.state is not PlacementState.DISMISSED and p.contribution_id in index
        }
        examples: list[ExampleGroup] = []
        for group in board.groups:
            members = [m for m in group.members if m in index]
            members += [cid for cid, gid in authors.items() if gid == group.id and cid not in members]
            strong = {index[m] for m in members if m in board.pinned or m in authors}
            examples.append(ExampleGroup(tuple(index[m] for m in members), frozenset(strong)))
        fits = place_into_groups(
            [GroupInput(c.text, c.participant_id) for c in visible], examples,
            [index[cid] for cid in candidates], self.engine.card_of(session).concepts,
        )
        placed: dict[str, str | None] = {}
        waiting: dict[str, str | None] = {}
        for cid, fit in zip(candidates, fits, strict=True):
            guess = None if fit.group is None else board.groups[fit.group].id
            if cid in authors:
                waiting[cid] = authors[cid]
            elif fit.confident:
                placed[cid] = guess
            else:
                waiting[cid] = guess
        return placed, waiting

    def _waiting_placement(self, session_id: str, step_key: str, contribution_id: str) -> AuthorPlacement:
        waiting = self.author_placements(session_id, step_key)
        found = next((p for p in waiting if p.contribution_id == contribution_id), None)
        if found is None:
            raise Refused(Reason.UNKNOWN_CONTRIBUTION, contribution_id)
        return found

    def _shown_on_phones(self, session: Session, key: str) -> bool:
        return any(
            step.shows_step == key and self.store.groups_shown(session.id, step.key)
            for step in self.engine.steps(session)
        )

    def _settled(self, session_id: str, key: str) -> Board | None:
        stored = self.store.get_board(session_id, key)
        return ops.settle(stored, self._contributions(session_id, key)) if stored else None

    # provided by Boards

    def _step(self, session_id: str, step_key: str) -> tuple[Session, str]:
        raise NotImplementedError

    def _contributions(self, session_id: str, key: str) -> list[Contribution]:
        raise NotImplementedError

    def board(self, session_id: str, step_key: str) -> Board | None:
        raise NotImplementedError

    def move(self, session_id: str, step_key: str, contribution_id: str, group_id: str | None) -> Board:
        raise NotImplementedError

    def merge(self, session_id: str, step_key: str, group_ids: Sequence[str]) -> Board:
        raise NotImplementedError
