"""The records around the contributions: role votes, notes, group boards with undo, reactions, what boards learn.

Every statement is built once, here, with its parameters named (``b_…``); SQLAlchemy compiles each once.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy import bindparam as param

from kit.core.board_ops import AuthorPlacement, Board, PlacementState
from kit.core.models import Reaction, ReactionKind
from kit.store.connections import Connections, inserts_if_new, upserts
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


def step_of(table: sa.Table) -> sa.ColumnElement[bool]:
    """The rows of ``table`` on the step ``b_step`` of the session ``b_session``."""
    return sa.and_(table.c.session_id == param("b_session"), table.c.step_key == param("b_step"))


_SAVE_VOTE = upserts(votes, ("session_id", "round", "participant_id"), ("role", "updated_at"))
_VOTES = sa.select(votes.c.participant_id, votes.c.role).where(
    votes.c.session_id == param("b_session"), votes.c.round == param("b_round")
)
_SAVE_NOTE = upserts(notes, ("session_id", "step_key"), ("text", "updated_at"))
_NOTES = sa.select(notes.c.step_key, notes.c.text).where(notes.c.session_id == param("b_session"))

_BOARD = sa.select(boards.c.data).where(step_of(boards))
_SAVE_BOARD = upserts(boards, ("session_id", "step_key"), ("data", "updated_at"))
_DELETE_BOARD = sa.delete(boards).where(step_of(boards))
_NEXT_HISTORY_SEQ = sa.select(sa.func.coalesce(sa.func.max(board_history.c.seq), 0) + 1).where(step_of(board_history))
_INSERT_HISTORY = sa.insert(board_history)
_FORGET_HISTORY = sa.delete(board_history).where(step_of(board_history), board_history.c.seq <= param("b_seq"))
_HISTORY_SIZE = sa.select(sa.func.count()).select_from(board_history).where(step_of(board_history))
_LAST_HISTORY = (sa.select(board_history.c.seq, board_history.c.data).where(step_of(board_history))
                 .order_by(board_history.c.seq.desc()).limit(1))
_DELETE_HISTORY = sa.delete(board_history).where(step_of(board_history), board_history.c.seq == param("b_seq"))

_SAVE_REACTION = upserts(reactions, ("session_id", "contribution_id", "participant_id"), ("kind", "updated_at"))
_DELETE_REACTION = sa.delete(reactions).where(
    reactions.c.session_id == param("b_session"), reactions.c.contribution_id == param("b_contribution"),
    reactions.c.participant_id == param("b_participant"),
)
_REACTIONS = (
    sa.select(reactions.c.contribution_id, reactions.c.participant_id, reactions.c.kind)
    .join(contributions, sa.and_(contributions.c.session_id == reactions.c.session_id,
                                 contributions.c.id == reactions.c.contribution_id))
    .where(reactions.c.session_id == param("b_session"))
)
_REACTIONS_BY = {
    (False, False): _REACTIONS,
    (True, False): _REACTIONS.where(contributions.c.step_key == param("b_step")),
    (False, True): _REACTIONS.where(reactions.c.contribution_id == param("b_contribution")),
    (True, True): _REACTIONS.where(contributions.c.step_key == param("b_step"),
                                   reactions.c.contribution_id == param("b_contribution")),
}
_REACTIONS_BY = {key: query.order_by(contributions.c.seq, reactions.c.participant_id)
                 for key, query in _REACTIONS_BY.items()}

_GROUPS_SHOWN = sa.select(board_views.c.shown).where(step_of(board_views))
_SAVE_GROUPS_SHOWN = upserts(board_views, ("session_id", "step_key"), ("shown", "updated_at"))
_DISMISSED = sa.select(board_dismissed_merges.c.first_group, board_dismissed_merges.c.second_group).where(
    step_of(board_dismissed_merges)
)
_SAVE_DISMISSED = inserts_if_new(board_dismissed_merges)
_PLACEMENTS = (
    sa.select(author_placements.c.contribution_id, author_placements.c.participant_id, author_placements.c.group_id,
              author_placements.c.state)
    .where(step_of(author_placements)).order_by(author_placements.c.updated_at, author_placements.c.contribution_id)
)
_SAVE_PLACEMENT = upserts(
    author_placements, ("session_id", "contribution_id"),
    ("participant_id", "group_id", "state", "updated_at"),
)


class BoardRecords(Connections):
    """Votes, notes, boards, reactions and the board's learning, on the store's connections."""

    # role votes

    def save_vote(self, session_id: str, round_index: int, participant_id: str, role: int, at: float) -> None:
        """Store a participant's vote in a role round, replacing their earlier one."""
        self.execute(_SAVE_VOTE, {"session_id": session_id, "round": round_index, "participant_id": participant_id,
                                  "role": role, "updated_at": at})

    def votes(self, session_id: str, round_index: int) -> dict[str, int]:
        """Return ``{participant id: role}`` for a role round."""
        found = self.all(_VOTES, {"b_session": session_id, "b_round": round_index})
        return {row["participant_id"]: int(row["role"]) for row in found}

    # facilitator notes

    def save_note(self, session_id: str, step_key: str, text: str, at: float) -> None:
        """Store the facilitator's note on a step."""
        self.execute(_SAVE_NOTE, {"session_id": session_id, "step_key": step_key, "text": text, "updated_at": at})

    def notes(self, session_id: str) -> dict[str, str]:
        """Return ``{step key: note}`` for a session."""
        return {row["step_key"]: row["text"] for row in self.all(_NOTES, {"b_session": session_id})}

    # group boards (the facilitator's arrangement of a step's contributions) and their undo history

    def get_board(self, session_id: str, step_key: str) -> Board | None:
        data = self.scalar(_BOARD, {"b_session": session_id, "b_step": step_key})
        return Board.from_data(json.loads(data)) if data is not None else None

    def save_board(self, session_id: str, board: Board, at: float, history_limit: int) -> None:
        """Store ``board`` for its step, keeping the board it replaces (or its absence) for undo.

        Only the last ``history_limit`` replaced boards of the step are kept.
        """
        step = {"b_session": session_id, "b_step": board.step_key}
        with self.write() as db:
            old = db.execute(_BOARD, step).scalar()
            seq = int(db.execute(_NEXT_HISTORY_SEQ, step).scalar_one())
            db.execute(_INSERT_HISTORY, {"session_id": session_id, "step_key": board.step_key, "seq": seq, "data": old})
            db.execute(_FORGET_HISTORY, {**step, "b_seq": seq - history_limit})
            db.execute(_SAVE_BOARD[self.dialect], {"session_id": session_id, "step_key": board.step_key,
                                                  "data": json.dumps(board.to_data()), "updated_at": at})

    def board_history_size(self, session_id: str, step_key: str) -> int:
        """Return how many earlier boards of the step can be restored."""
        return int(self.scalar(_HISTORY_SIZE, {"b_session": session_id, "b_step": step_key}) or 0)

    def restore_board(self, session_id: str, step_key: str, at: float) -> bool:
        """Put back the board the last save replaced (none: remove the board) and forget that save.

        Returns False, changing nothing, when the step has no earlier board to restore.
        """
        step = {"b_session": session_id, "b_step": step_key}
        with self.write() as db:
            last = db.execute(_LAST_HISTORY, step).mappings().first()
            if last is None:
                return False
            db.execute(_DELETE_HISTORY, {**step, "b_seq": last["seq"]})
            if last["data"] is None:
                db.execute(_DELETE_BOARD, step)
            else:
                db.execute(_SAVE_BOARD[self.dialect], {"session_id": session_id, "step_key": step_key,
                                                      "data": last["data"], "updated_at": at})
        return True

    # reactions (a participant recognises a contribution, or sees it differently)

    def save_reaction(
        self, session_id: str, contribution_id: str, participant_id: str, kind: ReactionKind | None, at: float
    ) -> None:
        """Store a participant's mark on a contribution, replacing their earlier one; None removes it."""
        with self.write() as db:
            if kind is None:
                db.execute(_DELETE_REACTION, {"b_session": session_id, "b_contribution": contribution_id,
                                              "b_participant": participant_id})
            else:
                db.execute(_SAVE_REACTION[self.dialect], {
                    "session_id": session_id, "contribution_id": contribution_id, "participant_id": participant_id,
                    "kind": kind.value, "updated_at": at,
                })

    def reactions(
        self, session_id: str, step_key: str | None = None, contribution_id: str | None = None
    ) -> list[Reaction]:
        """Return the marks on a session's contributions (of one step or one contribution when given)."""
        query = _REACTIONS_BY[step_key is not None, contribution_id is not None]
        found = self.all(query, {"b_session": session_id, "b_step": step_key, "b_contribution": contribution_id})
        return [Reaction(row["contribution_id"], row["participant_id"], ReactionKind(row["kind"])) for row in found]

    # the facilitator's "show groups" switch per step

    def groups_shown(self, session_id: str, step_key: str) -> bool:
        """True when the step's grouped view is switched on (off when never switched)."""
        return bool(self.scalar(_GROUPS_SHOWN, {"b_session": session_id, "b_step": step_key}))

    def save_groups_shown(self, session_id: str, step_key: str, shown: bool, at: float) -> None:
        """Store whether the step's grouped view is switched on."""
        self.execute(_SAVE_GROUPS_SHOWN, {"session_id": session_id, "step_key": step_key, "shown": shown,
                                          "updated_at": at})

    # what the board learns from: dismissed merge suggestions and authors' own placements

    def dismissed_merges(self, session_id: str, step_key: str) -> set[frozenset[str]]:
        """Return the pairs of group ids whose merge suggestion the facilitator dismissed."""
        found = self.all(_DISMISSED, {"b_session": session_id, "b_step": step_key})
        return {frozenset({row["first_group"], row["second_group"]}) for row in found}

    def save_dismissed_merge(self, session_id: str, step_key: str, first: str, second: str, at: float) -> None:
        """Remember that the facilitator dismissed merging groups ``first`` and ``second``."""
        low, high = sorted((first, second))
        self.execute(_SAVE_DISMISSED, {"session_id": session_id, "step_key": step_key, "first_group": low,
                                       "second_group": high, "dismissed_at": at})

    def author_placements(self, session_id: str, step_key: str) -> list[AuthorPlacement]:
        """Return the authors' placements of their own contributions on a step, oldest first."""
        return [
            AuthorPlacement(
                row["contribution_id"], row["participant_id"], row["group_id"], PlacementState(row["state"])
            )
            for row in self.all(_PLACEMENTS, {"b_session": session_id, "b_step": step_key})
        ]

    def save_author_placement(self, session_id: str, step_key: str, placement: AuthorPlacement, at: float) -> None:
        """Store an author's placement of their contribution, replacing an earlier one for it."""
        self.execute(_SAVE_PLACEMENT, {
            "session_id": session_id, "contribution_id": placement.contribution_id, "step_key": step_key,
            "participant_id": placement.participant_id, "group_id": placement.group_id,
            "state": placement.state.value, "updated_at": at,
        })
