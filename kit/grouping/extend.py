"""Extend a board the facilitator arranged: keep their groups whole and place every other contribution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kit.grouping.learn import ExampleGroup, place_into_groups
from kit.grouping.model import ConceptLike, GroupInput
from kit.grouping.suggest import suggest_groups


@dataclass(frozen=True)
class ArrangedGroup:
    """A group the facilitator made: its label and member indices."""

    label: str
    members: tuple[int, ...]


@dataclass(frozen=True)
class Extension:
    """Where the contributions not on the board go.

    ``placed`` maps an index to the arranged group (its position in the board) it joins;
    ``groups`` are new suggested groups of the rest (label, members); ``alone`` stand alone.
    """

    placed: dict[int, int]
    groups: tuple[tuple[str, tuple[int, ...]], ...]
    alone: tuple[int, ...]


def extend_board(
    items: Sequence[GroupInput], board: Sequence[ArrangedGroup], concepts: Sequence[ConceptLike]
) -> Extension:
    """Place every item not on ``board`` into an arranged group, a new group, or alone; no side effects.

    The arranged groups are examples (see :mod:`kit.grouping.learn`) and are never changed: they
    only receive the items that fit them surely. The rest is grouped from scratch among itself.
    """
    on_board = {member for group in board for member in group.members}
    rest = [index for index in range(len(items)) if index not in on_board]
    examples = [ExampleGroup(group.members, frozenset(group.members)) for group in board]
    fits = place_into_groups(items, examples, rest, concepts)
    placed = {i: fit.group for i, fit in zip(rest, fits, strict=True) if fit.confident and fit.group is not None}
    left = [index for index in rest if index not in placed]
    grouping = suggest_groups([items[i] for i in left], concepts)
    groups = tuple((group.label, tuple(left[m] for m in group.members)) for group in grouping.groups)
    return Extension(placed=placed, groups=groups, alone=tuple(left[m] for m in grouping.alone))
