"""The facilitator's group boards, run on top of the session engine.

Like the engine's own methods, each method here validates and writes in one transaction on the
session, commits, then announces it on ``engine.bus`` (:class:`~kit.core.events.BoardChanged`,
:class:`~kit.core.events.GroupsShown`); a refused action raises :class:`Refused`. The room's
reactions are their own part (:mod:`kit.core.reactions`); a board reads them to count its groups.

A board belongs to the step whose contributions it arranges: ``start.group`` shows (and groups)
the contributions of ``start.individual``, so both steps share that board.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kit.core import board_ops as ops
from kit.core import events
from kit.core.board_learning import BoardLearning
from kit.core.board_ops import AuthorPlacement, Board
from kit.core.difference import people_sides
from kit.core.engine_base import EngineBase, one_transaction
from kit.core.errors import Reason, Refused
from kit.core.models import Contribution, ReactionKind, Session
from kit.core.reactions import Reactions
from kit.core.steps import Step, StepKind
from kit.core.store import Store
from kit.grouping import GroupInput, suggest_groups, text_label

LABEL_MAX = 60
HISTORY_LIMIT = 50
_ONE_GROUP = 2.0  # above any cosine distance: suggest_groups then keeps all items together
# Question steps; the evaluation steps collect too, but their answers are not discussed in groups.
_GROUPING_KINDS = frozenset({StepKind.START_INDIVIDUAL, StepKind.START_GROUP, StepKind.ROLE_QUESTION, StepKind.DREAM})


def groupable(step: Step) -> bool:
    """True on a question step, whose contributions the facilitator can group and show grouped."""
    return step.kind in _GROUPING_KINDS


class Boards(BoardLearning):
    """Group boards of the steps of ``engine``'s sessions, counting the ``reactions`` of each group."""

    def __init__(
        self, engine: EngineBase, *, threshold: float | None = None, reactions: Reactions | None = None
    ) -> None:
        self.engine: EngineBase = engine
        self.store: Store = engine.store
        self.threshold = threshold
        self.reactions = reactions if reactions is not None else Reactions(engine)

    # reading

    def board(self, session_id: str, step_key: str) -> Board | None:
        """Return the step's board as it applies now (hidden or withdrawn contributions left out)."""
        session, key = self._step(session_id, step_key)
        stored = self.store.get_board(session.id, key)
        return ops.settle(stored, self._contributions(session.id, key)) if stored else None

    def alone(self, session_id: str, step_key: str, *, waiting: bool = False) -> tuple[str, ...]:
        """Return the ids of the step's visible contributions in no group ("eigen geluid").

        Those waiting in the "Nieuw" strip are left out (the facilitator has not placed them yet),
        unless ``waiting``: then they count as on their own, as in the report after the session.
        """
        session, key = self._step(session_id, step_key)
        return ops.alone(self.board(session_id, step_key), self._contributions(session.id, key), waiting=waiting)

    def has_board(self, session_id: str, step_key: str) -> bool:
        """True when a board was stored for ``step_key``, the step whose contributions it arranges."""
        return self.store.get_board(session_id, step_key) is not None

    def can_undo(self, session_id: str, step_key: str) -> bool:
        """True when :meth:`undo` has an earlier board of the step to restore."""
        session, key = self._step(session_id, step_key)
        return self.store.board_history_size(session.id, key) > 0

    # suggestions

    def suggest(self, session_id: str, step_key: str) -> Board:
        """Recompute suggested groups from the step's visible contributions and store the board.

        Manual decisions survive: moved contributions stay put, renamed groups keep their name.
        Contributions waiting in the "Nieuw" strip are suggested with the rest (the strip empties;
        :class:`~kit.core.events.NewContributionsChanged` is announced when it had any).
        """
        session, key = self._step(session_id, step_key)
        contributions = self._contributions(session.id, key)
        visible = [c for c in contributions if c.visible]
        # Grouping takes up to a few hundred milliseconds: outside the transaction, so phones are not held
        # up; the board it merges into is read inside, so no decision made meanwhile is lost.
        grouping = suggest_groups(
            [GroupInput(c.text, c.participant_id) for c in visible],
            self.engine.card_of(session).concepts,
            threshold=self.threshold,
        )
        with self.transaction(session_id):
            session, key = self._step(session_id, step_key)
            previous = self.store.get_board(session.id, key)
            board = ops.merge_suggestion(previous, grouping, visible, step_key=key)
            committed = self._commit(session.id, previous, board, contributions)
            if previous is not None and previous.pending:
                self.engine.announce(events.NewContributionsChanged(session.id, key))
            return committed

    def place_new(self, session_id: str, step_key: str) -> Board:
        """Place the contributions that arrived since the last suggestion, learning from the board.

        The board's groups are examples (see :mod:`kit.core.board_learning`): a late arrival joins
        the group it surely fits; one the kit is not sure of waits in the "Nieuw" strip with its best
        guess (:meth:`new_contributions`), and so does one whose author said where it belongs. The
        waiting ones are guessed again each time. Without a board yet, this is :meth:`suggest`.
        Announces :class:`~kit.core.events.NewContributionsChanged` when the strip changed.
        """
        session, key = self._step(session_id, step_key)
        previous = self.store.get_board(session.id, key)
        if previous is None:
            return self.suggest(session_id, step_key)
        planned = self._plan_new(session, key, previous)  # the slow part, outside the transaction
        with self.transaction(session_id):
            session, key = self._step(session_id, step_key)
            stored = self.store.get_board(session.id, key)
            if stored is None:
                return self.suggest(session_id, step_key)
            if stored != planned.previous or self.store.author_placements(session.id, key) != planned.authors:
                planned = self._plan_new(session, key, stored)  # changed meanwhile: plan on what is stored now
            if not planned.candidates:
                return planned.current
            placed = ops.place(planned.current, planned.placements, planned.contributions, pending=planned.waiting)
            board = self._commit(session.id, stored, placed, planned.contributions)
            if board.pending != planned.current.pending:
                self.engine.announce(events.NewContributionsChanged(session.id, key))
            return board

    # the facilitator's decisions

    @one_transaction
    def move(self, session_id: str, step_key: str, contribution_id: str, group_id: str | None) -> Board:
        """Put a contribution in group ``group_id`` (None: on its own); kept when suggestions are recomputed."""
        session, contributions, current = self._load(session_id, step_key)
        self._contribution(contributions, contribution_id)
        if group_id is not None:
            self._group(current, group_id)
        board = ops.move(current, contribution_id, group_id, contributions)
        return self._commit(session.id, current, board, contributions)

    @one_transaction
    def move_to_new_group(
        self, session_id: str, step_key: str, contribution_id: str, label: str | None = None
    ) -> Board:
        """Put a contribution in a new group of its own, named ``label`` or after its text."""
        session, contributions, current = self._load(session_id, step_key)
        contribution = self._contribution(contributions, contribution_id)
        name = _check_label(label) if label is not None else _short(text_label(contribution.text))
        board = ops.move_to_new_group(
            current, contribution_id, name, contributions, label_pinned=label is not None
        )
        return self._commit(session.id, current, board, contributions)

    @one_transaction
    def rename(self, session_id: str, step_key: str, group_id: str, label: str) -> Board:
        """Name a group ``label`` (1–60 characters); the name is kept when suggestions are recomputed."""
        session, contributions, current = self._load(session_id, step_key)
        self._group(current, group_id)
        board = ops.rename(current, group_id, _check_label(label))
        return self._commit(session.id, current, board, contributions)

    @one_transaction
    def merge(self, session_id: str, step_key: str, group_ids: Sequence[str]) -> Board:
        """Join the groups ``group_ids`` (at least two) into the first, which keeps its label."""
        session, contributions, current = self._load(session_id, step_key)
        if len(group_ids) < 2 or len(set(group_ids)) != len(group_ids):
            raise Refused(Reason.INVALID, "merge needs two or more different groups")
        for group_id in group_ids:
            self._group(current, group_id)
        board = ops.merge(current, list(group_ids), contributions)
        return self._commit(session.id, current, board, contributions)

    @one_transaction
    def split(self, session_id: str, step_key: str, group_id: str, contribution_ids: Sequence[str]) -> Board:
        """Take ``contribution_ids`` (some, not all, members of a group) out into a new group."""
        session, contributions, current = self._load(session_id, step_key)
        group = self._group(current, group_id)
        chosen = set(contribution_ids)
        if not chosen or not chosen < set(group.members):
            raise Refused(Reason.INVALID, "split needs some, not all, members of the group")
        members = [c for c in contributions if c.id in chosen]
        board = ops.split(current, group_id, sorted(chosen), self._label_for(session, members), contributions)
        return self._commit(session.id, current, board, contributions)

    @one_transaction
    def undo(self, session_id: str, step_key: str) -> Board | None:
        """Restore the step's board as it was before its last change (None: there was no board)."""
        session, key = self._step(session_id, step_key)
        if not self.store.restore_board(session.id, key, self.engine.now()):
            raise Refused(Reason.NOTHING_TO_UNDO, key)
        self.engine.announce(events.NewContributionsChanged(session.id, key))
        self.engine.announce(events.BoardChanged(session.id, key))
        return self.board(session_id, step_key)

    # the grouped view (the "show groups" switch of a step, for the projector and the phones)

    def groups_shown(self, session_id: str, step_key: str) -> bool:
        """True when the grouped view of the step is switched on (never on a step that cannot be grouped)."""
        session = self.engine.get_session(session_id)
        step = self.engine.find_step(session, step_key)
        return groupable(step) and self.store.groups_shown(session.id, step.key)

    @one_transaction
    def show_groups(self, session_id: str, step_key: str, shown: bool) -> None:
        """Switch the grouped view of a question step on or off, announcing :class:`~kit.core.events.GroupsShown`.

        Switching it on while the step has no board first suggests one (announced as a board change).
        Switching to the state the step already has changes and announces nothing.
        """
        if not isinstance(shown, bool):
            raise Refused(Reason.INVALID, "shown")
        session = self.engine.get_session(session_id)
        step = self.engine.find_step(session, step_key)
        if not groupable(step) or step.shows_step is None:
            raise Refused(Reason.NOT_A_QUESTION, step_key)
        if shown and self.store.get_board(session.id, step.shows_step) is None:
            self.suggest(session.id, step.key)
        if self.store.groups_shown(session.id, step.key) == shown:
            return
        self.store.save_groups_shown(session.id, step.key, shown, self.engine.now())
        self.engine.announce(events.GroupsShown(session.id, step.key, shown))

    # reactions (run by :class:`~kit.core.reactions.Reactions`; the board only groups them)

    def react(
        self, session_id: str, participant_id: str, contribution_id: str, kind: ReactionKind | str | None
    ) -> tuple[int, int]:
        """Record the participant's mark on a contribution: :meth:`kit.core.reactions.Reactions.react`."""
        return self.reactions.react(session_id, participant_id, contribution_id, kind)

    def reactions_of(self, session_id: str, participant_id: str) -> dict[str, ReactionKind]:
        """Return the participant's marks by contribution id: :meth:`kit.core.reactions.Reactions.reactions_of`."""
        return self.reactions.reactions_of(session_id, participant_id)

    def group_reactions(self, session_id: str, step_key: str) -> dict[str, tuple[int, int]]:
        """Return (recognise, differ) in people per group of the board (see ``difference.people_sides``)."""
        board = self.board(session_id, step_key)
        if board is None:
            return {}
        group_of = {member: group.id for group in board.groups for member in group.members}
        marks: dict[str, list[tuple[str, bool]]] = {group.id: [] for group in board.groups}
        for r in self.reactions.of_step(session_id, step_key):
            if r.contribution_id in group_of:
                marks[group_of[r.contribution_id]].append((r.participant_id, r.kind is ReactionKind.RECOGNISE))
        return {group_id: people_sides(sides) for group_id, sides in marks.items()}

    # helpers

    def _plan_new(self, session: Session, key: str, previous: Board) -> _NewPlan:
        """Work out, without storing anything, where :meth:`place_new` would put the late arrivals."""
        contributions = self._contributions(session.id, key)
        authors = self.store.author_placements(session.id, key)
        current = ops.settle(previous, contributions)
        visible = [c for c in contributions if c.visible]
        candidates = [
            c.id for c in visible
            if (c.id not in current.known and c.id not in current.pinned and current.group_of(c.id) is None)
            or c.id in current.pending
        ]
        placements, waiting = self._learned(session, key, current, visible, candidates, authors) if candidates \
            else ({}, {})
        return _NewPlan(previous, authors, contributions, current, candidates, placements, waiting)

    def _step(self, session_id: str, step_key: str) -> tuple[Session, str]:
        return self.engine.shown_step(session_id, step_key)

    def _contributions(self, session_id: str, key: str) -> list[Contribution]:
        return self.store.list_contributions(session_id, key)

    def _load(self, session_id: str, step_key: str) -> tuple[Session, list[Contribution], Board]:
        session, key = self._step(session_id, step_key)
        contributions = self._contributions(session.id, key)
        stored = self.store.get_board(session.id, key) or Board(key)
        return session, contributions, ops.settle(stored, contributions)

    def _contribution(self, contributions: Sequence[Contribution], contribution_id: str) -> Contribution:
        found = next((c for c in contributions if c.id == contribution_id and c.visible), None)
        if found is None:
            raise Refused(Reason.UNKNOWN_CONTRIBUTION, contribution_id)
        return found

    def _group(self, board: Board, group_id: str) -> ops.BoardGroup:
        group = board.group(group_id)
        if group is None:
            raise Refused(Reason.UNKNOWN_GROUP, group_id)
        return group

    def _label_for(self, session: Session, members: Sequence[Contribution]) -> str:
        grouping = suggest_groups(
            [GroupInput(c.text, c.participant_id) for c in members], self.engine.card_of(session).concepts,
            threshold=_ONE_GROUP,
        )
        if len(grouping.groups) == 1 and not grouping.alone:
            return _short(grouping.groups[0].label)
        return _short(text_label(members[0].text))

    def _commit(
        self, session_id: str, previous: Board | None, board: Board, contributions: Sequence[Contribution]
    ) -> Board:
        """Store ``board`` and announce it, unless it equals the board it would replace."""
        if previous is not None and ops.settle(previous, contributions) == board:
            return board
        self.store.save_board(session_id, board, self.engine.now(), HISTORY_LIMIT)
        self.engine.announce(events.BoardChanged(session_id, board.step_key))
        return board


@dataclass(frozen=True)
class _NewPlan:
    """Where :meth:`Boards.place_new` puts late arrivals, and what it read to decide."""

    previous: Board
    authors: list[AuthorPlacement]
    contributions: list[Contribution]
    current: Board
    candidates: list[str]
    placements: dict[str, str | None]
    waiting: dict[str, str | None]


def _check_label(label: str) -> str:
    clean = " ".join(label.split()) if isinstance(label, str) else ""
    if not clean:
        raise Refused(Reason.EMPTY)
    if len(clean) > LABEL_MAX:
        raise Refused(Reason.LABEL_TOO_LONG)
    return clean


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"
