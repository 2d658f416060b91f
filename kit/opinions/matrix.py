"""The participants × contributions matrix of reactions: +1 recognise, −1 differ, NaN unknown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

MIN_REACTIONS = 5


@dataclass(frozen=True)
class VoteMatrix:
    """Reactions of ``people`` (rows) on ``statements`` (columns); NaN where a person gave none."""

    people: tuple[str, ...]
    statements: tuple[str, ...]
    votes: NDArray[np.float64]

    @property
    def known(self) -> NDArray[np.bool_]:
        """Return where a reaction was given."""
        return ~np.isnan(self.votes)


def vote_matrix(marks: Iterable[tuple[str, str, int]], min_reactions: int = MIN_REACTIONS) -> VoteMatrix:
    """Return the matrix of ``marks`` (participant id, contribution id, +1 or −1) over people with ``min_reactions``.

    People are ordered by id, statements too, so the same marks always give the same matrix; a value
    other than +1 or −1 (a skip) counts as unknown. Statements only people with fewer reactions
    marked are left out.
    """
    by_person: dict[str, dict[str, float]] = {}
    for participant_id, contribution_id, value in marks:
        if value in (1, -1):
            by_person.setdefault(participant_id, {})[contribution_id] = float(value)
    kept = {p: row for p, row in by_person.items() if len(row) >= min_reactions}
    people = tuple(sorted(kept))
    statements = tuple(sorted({c for row in kept.values() for c in row}))
    column = {c: j for j, c in enumerate(statements)}
    votes = np.full((len(people), len(statements)), np.nan)
    for i, person in enumerate(people):
        row = kept[person]
        votes[i, [column[c] for c in row]] = list(row.values())
    return VoteMatrix(people, statements, votes)
