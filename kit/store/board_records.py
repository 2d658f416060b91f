"""The records around the contributions: role votes, notes, group boards with undo, reactions, what boards learn."""

from __future__ import annotations

import json

import sqlalchemy as sa

from kit.core.board_ops import AuthorPlacement, Board, PlacementState
from kit.core.models import Reaction, ReactionKind
from kit.store.connections import Connections
from kit.store.tables import (
    author_placements,
    board_dismissed_merges,
    board_history,
    board_views,
    boards,
    contributions,
    notes,
    reactions,
    votes,
)


def _step(table: sa.Table, session_id: str, step_key: str) -> sa.ColumnElement[bool]:
    """The rows of ``table`` on one step of a session."""
    return sa.and_(table.c.session_id == session_id, table.c.step_key == step_key)


class BoardRecords(Connections):
    """Votes, notes, boards, reactions and the board's learning, on the store's connections."""

    def _upsert(self, table: sa.Table, keys: tuple[str, ...], **values: object) -> sa.Executable:
        """An INSERT of ``values`` that replaces the other columns of the row with the same ``keys``."""
        insert = self.insert(table).values(**values)
        changed = {name: insert.excluded[name] for name in values if name not in keys}
        return insert.on_conflict_do_update(index_elements=list(keys), set_=changed)  # type: ignore[no-any-return]

    # role votes

    def save_vote(self, session_id: str, round_index: int, participant_id: str, role: int, at: float) -> None:
        """Store a participant's vote in a role round, replacing their earlier one."""
        with self.write() as db:
            db.execute(self._upsert(
                votes, ("session_id", "round", "participant_id"), session_id=session_id, round=round_index,
                participant_id=participant_id, role=role, updated_at=at,
            ))

    def votes(self, session_id: str, round_index: int) -> dict[str, int]:
        """Return ``{participant id: role}`` for a role round."""
        found = self.all(sa.select(votes.c.participant_id, votes.c.role).where(
            votes.c.session_id == session_id, votes.c.round == round_index
        ))
        return {row["participant_id"]: int(row["role"]) for row in found}

    # facilitator notes

    def save_note(self, session_id: str, step_key: str, text: str, at: float) -> None:
        """Store the facilitator's note on a step."""
        with self.write() as db:
            db.execute(self._upsert(
                notes, ("session_id", "step_key"), session_id=session_id, step_key=step_key, text=text, updated_at=at,
            ))

    def notes(self, session_id: str) -> dict[str, str]:
        """Return ``{step key: note}`` for a session."""
        found = self.all(sa.select(notes.c.step_key, notes.c.text).where(notes.c.session_id == session_id))
        return {row["step_key"]: row["text"] for row in found}

    # group boards (the facilitator's arrangement of a step's contributions) and their undo history

    def get_board(self, session_id: str, step_key: str) -> Board | None:
        data = self.scalar(sa.select(boards.c.data).where(_step(boards, session_id, step_key)))
        return Board.from_data(json.loads(data)) if data is not None else None

    def save_board(self, session_id: str, board: Board, at: float, history_limit: int) -> None:
        """Store ``board`` for its step, keeping the board it replaces (or its absence) for undo.

        Only the last ``history_limit`` replaced boards of the step are kept.
        """
        step_key = board.step_key
        with self.write() as db:
            old = db.execute(sa.select(boards.c.data).where(_step(boards, session_id, step_key))).scalar()
            seq = int(db.execute(
                sa.select(sa.func.coalesce(sa.func.max(board_history.c.seq), 0) + 1)
                .where(_step(board_history, session_id, step_key))
            ).scalar_one())
            db.execute(sa.insert(board_history).values(session_id=session_id, step_key=step_key, seq=seq, data=old))
            db.execute(sa.delete(board_history).where(
                _step(board_history, session_id, step_key), board_history.c.seq <= seq - history_limit
            ))
            db.execute(self._upsert(
                boards, ("session_id", "step_key"), session_id=session_id, step_key=step_key,
                data=json.dumps(board.to_data()), updated_at=at,
            ))

    def board_history_size(self, session_id: str, step_key: str) -> int:
        """Return how many earlier boards of the step can be restored."""
        return int(self.scalar(
            sa.select(sa.func.count()).select_from(board_history).where(_step(board_history, session_id, step_key))
        ) or 0)

    def restore_board(self, session_id: str, step_key: str, at: float) -> bool:
        """Put back the board the last save replaced (none: remove the board) and forget that save.

        Returns False, changing nothing, when the step has no earlier board to restore.
        """
        with self.write() as db:
            last = db.execute(
                sa.select(board_history.c.seq, board_history.c.data)
                .where(_step(board_history, session_id, step_key)).order_by(board_history.c.seq.desc()).limit(1)
            ).mappings().first()
            if last is None:
                return False
            db.execute(sa.delete(board_history).where(
                _step(board_history, session_id, step_key), board_history.c.seq == last["seq"]
            ))
            if last["data"] is None:
                db.execute(sa.delete(boards).where(_step(boards, session_id, step_key)))
            else:
                db.execute(self._upsert(
                    boards, ("session_id", "step_key"), session_id=session_id, step_key=step_key,
                    data=last["data"], updated_at=at,
                ))
        return True

    # reactions (a participant recognises a contribution, or sees it differently)

    def save_reaction(
        self, session_id: str, contribution_id: str, participant_id: str, kind: ReactionKind | None, at: float
    ) -> None:
        """Store a participant's mark on a contribution, replacing their earlier one; None removes it."""
        with self.write() as db:
            if kind is None:
                db.execute(sa.delete(reactions).where(
                    reactions.c.session_id == session_id, reactions.c.contribution_id == contribution_id,
                    reactions.c.participant_id == participant_id,
                ))
            else:
                db.execute(self._upsert(
                    reactions, ("session_id", "contribution_id", "participant_id"), session_id=session_id,
                    contribution_id=contribution_id, participant_id=participant_id, kind=kind.value, updated_at=at,
                ))

    def reactions(
        self, session_id: str, step_key: str | None = None, contribution_id: str | None = None
    ) -> list[Reaction]:
        """Return the marks on a session's contributions (of one step or one contribution when given)."""
        query = (
            sa.select(reactions.c.contribution_id, reactions.c.participant_id, reactions.c.kind)
            .join(contributions, sa.and_(contributions.c.session_id == reactions.c.session_id,
                                         contributions.c.id == reactions.c.contribution_id))
            .where(reactions.c.session_id == session_id)
        )
        if step_key is not None:
            query = query.where(contributions.c.step_key == step_key)
        if contribution_id is not None:
            query = query.where(reactions.c.contribution_id == contribution_id)
        found = self.all(query.order_by(contributions.c.seq, reactions.c.participant_id))
        return [Reaction(row["contribution_id"], row["participant_id"], ReactionKind(row["kind"])) for row in found]

    # the facilitator's "show groups" switch per step

    def groups_shown(self, session_id: str, step_key: str) -> bool:
        """True when the step's grouped view is switched on (off when never switched)."""
        return bool(self.scalar(sa.select(board_views.c.shown).where(_step(board_views, session_id, step_key))))

    def save_groups_shown(self, session_id: str, step_key: str, shown: bool, at: float) -> None:
        """Store whether the step's grouped view is switched on."""
        with self.write() as db:
            db.execute(self._upsert(
                board_views, ("session_id", "step_key"), session_id=session_id, step_key=step_key, shown=shown,
                updated_at=at,
            ))

    # what the board learns from: dismissed merge suggestions and authors' own placements

    def dismissed_merges(self, session_id: str, step_key: str) -> set[frozenset[str]]:
        """Return the pairs of group ids whose merge suggestion the facilitator dismissed."""
        found = self.all(sa.select(board_dismissed_merges.c.first_group, board_dismissed_merges.c.second_group)
                         .where(_step(board_dismissed_merges, session_id, step_key)))
        return {frozenset({row["first_group"], row["second_group"]}) for row in found}

    def save_dismissed_merge(self, session_id: str, step_key: str, first: str, second: str, at: float) -> None:
        """Remember that the facilitator dismissed merging groups ``first`` and ``second``."""
        low, high = sorted((first, second))
        with self.write() as db:
            db.execute(self.insert(board_dismissed_merges).values(
                session_id=session_id, step_key=step_key, first_group=low, second_group=high, dismissed_at=at,
            ).on_conflict_do_nothing())

    def author_placements(self, session_id: str, step_key: str) -> list[AuthorPlacement]:
        """Return the authors' placements of their own contributions on a step, oldest first."""
        table = author_placements
        found = self.all(
            sa.select(table.c.contribution_id, table.c.participant_id, table.c.group_id, table.c.state)
            .where(_step(table, session_id, step_key)).order_by(table.c.updated_at, table.c.contribution_id)
        )
        return [
            AuthorPlacement(
                row["contribution_id"], row["participant_id"], row["group_id"], PlacementState(row["state"])
            )
            for row in found
        ]

    def save_author_placement(self, session_id: str, step_key: str, placement: AuthorPlacement, at: float) -> None:
        """Store an author's placement of their contribution, replacing an earlier one for it."""
        with self.write() as db:
            db.execute(self._upsert(
                author_placements, ("session_id", "contribution_id"), session_id=session_id,
                contribution_id=placement.contribution_id, step_key=step_key,
                participant_id=placement.participant_id, group_id=placement.group_id,
                state=placement.state.value, updated_at=at,
            ))
