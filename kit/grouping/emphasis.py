"""Terms a facilitator's groups share gain weight: the session's own examples teach what separates."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

EMPHASIS = 3.0
"""How much a column shared inside one example group may gain (1 + EMPHASIS at most)."""


def shared_term_weights(
    presence: npt.NDArray[np.float64], examples: Sequence[Sequence[int]], emphasis: float = EMPHASIS
) -> npt.NDArray[np.float64]:
    """Return one weight per column of ``presence`` (rows: texts; > 0 where a text has the term).

    A term found in at least two members of an example group gains in proportion to the share of
    the group that has it times the share of its occurrences that fall inside the group; other
    terms keep weight 1. ``examples`` are groups of row indices.
    """
    weights = np.ones(presence.shape[1])
    if not examples or presence.shape[1] == 0:
        return weights
    present = (presence > 0).astype(float)
    total = np.maximum(present.sum(axis=0), 1.0)
    for members in examples:
        if len(members) < 2:
            continue
        inside = present[list(members)].sum(axis=0)
        boost = np.where(inside >= 2, (inside / len(members)) * (inside / total), 0.0)
        weights = np.maximum(weights, 1.0 + emphasis * boost)
    return weights
