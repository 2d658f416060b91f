"""A step's group board as the screens draw it, read from the engine in one go."""

from __future__ import annotations

from dataclasses import dataclass

from kit.core.difference import contested
from kit.core.engine import Engine
from kit.core.models import Contribution

ALONE = "alone"  # the key of the "eigen geluid" column; group ids are "g1", "g2", ...


@dataclass(frozen=True)
class GroupView:
    """One column: a group (``key`` its id) or the contributions on their own (``key`` is ALONE)."""

    key: str
    label: str
    members: tuple[Contribution, ...]
    recognise: int = 0  # people, each counted once on the side of most of their marks in the group
    differ: int = 0

    @property
    def people(self) -> int:
        """How many different participants wrote the members."""
        return len({member.participant_id for member in self.members})

    @property
    def contested(self) -> bool:
        """True when the room is divided on this group (``kit.core.difference.contested``)."""
        return contested(self.recognise, self.differ)


@dataclass(frozen=True)
class BoardView:
    """The groups, most participants first, then the ones on their own; reactions per contribution."""

    groups: tuple[GroupView, ...]
    alone: GroupView
    counts: dict[str, tuple[int, int]]
    differ: frozenset[str]

    @property
    def columns(self) -> tuple[GroupView, ...]:
        """Every column in the order shown: the groups, then "eigen geluid" when it holds any."""
        return (*self.groups, self.alone) if self.alone.members else self.groups


def read_board(engine: Engine, session_id: str, step_key: str, alone_label: str) -> BoardView | None:
    """Return the board of ``step_key`` (None when it has none yet).

    A contribution the board has not considered yet (it arrived after the last suggestion) is left
    out until the kit places it, so it does not first show up on its own and then jump to a group.
    """
    board = engine.boards.board(session_id, step_key)
    if board is None:
        return None
    by_id = {c.id: c for c in engine.contributions(session_id, board.step_key) if c.visible}
    sides = engine.boards.group_reactions(session_id, step_key)
    groups = tuple(
        GroupView(group.id, group.label, tuple(by_id[m] for m in group.members if m in by_id),
                  *sides.get(group.id, (0, 0)))
        for group in board.groups
    )
    considered = board.known | board.pinned.keys()
    alone = tuple(by_id[cid] for cid in engine.boards.alone(session_id, step_key) if cid in considered)
    counts = engine.reactions.counts(session_id, step_key)
    differ = frozenset(engine.reactions.points_of_difference(session_id, step_key))
    return BoardView(groups, GroupView(ALONE, alone_label, alone), counts, differ)
