"""What the groups share and what sets each apart, from the reactions per group (Polis's tests).

Proportions are smoothed as Polis does, (n + 1) / (reacted + 2), so a statement few people saw
counts as undecided rather than unanimous.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from kit.opinions.matrix import VoteMatrix
from kit.opinions.model import Representative, Stance

Z_90 = 1.2816  # one-sided significance at 90 %
Z_95 = 1.6449  # and at 95 %
CONSENSUS_SHARE = 0.6  # per group: the product must reach this to the power of the number of groups
ROOM_SHARE = 0.8  # the share a room without groups must reach: a large camp alone must not pass for all
MAX_REPRESENTATIVE = 5


def sides(matrix: VoteMatrix, members: NDArray[np.bool_]) -> tuple[NDArray[np.int_], NDArray[np.int_]]:
    """Return per statement how many of the ``members`` rows recognise it and how many see it differently."""
    votes = matrix.votes[members]
    return (votes == 1).sum(axis=0), (votes == -1).sum(axis=0)


def consensus(
    matrix: VoteMatrix, groups: Sequence[NDArray[np.bool_]], share: float = CONSENSUS_SHARE
) -> tuple[str, ...]:
    """Return the statements every group recognises, most shared first (group-informed consensus).

    A statement is shared when the product over groups of the smoothed share recognising it reaches
    ``share`` to the power of the number of groups, and in each group most people recognise it
    (significant at 90 %: two of three is not yet a majority one can count on).
    """
    if not groups:
        return ()
    product = np.ones(len(matrix.statements))
    majority = np.ones(len(matrix.statements), dtype=bool)
    for members in groups:
        yes, no = sides(matrix, members)
        reacted = yes + no
        smoothed = (yes + 1) / (reacted + 2)
        product *= smoothed
        majority &= (reacted > 0) & ((smoothed - 0.5) * np.sqrt(4 * np.maximum(reacted, 1)) >= Z_90)
    shared = np.flatnonzero(majority & (product >= share ** len(groups)))
    ordered = sorted(shared, key=lambda j: (-product[j], matrix.statements[j]))
    return tuple(matrix.statements[j] for j in ordered)


def representative(matrix: VoteMatrix, members: NDArray[np.bool_]) -> tuple[Representative, ...]:
    """Return the statements that set the ``members`` apart from the rest of the room, strongest first.

    For each side (recognise, differ) a statement counts when most of the group take that side
    (a one-proportion test against one half) and the group takes it more often than the rest of
    the room (a two-proportion z-test), both significant at 90 %. At most ``MAX_REPRESENTATIVE``.
    """
    found: list[Representative] = []
    in_yes, in_no = sides(matrix, members)
    out_yes, out_no = sides(matrix, ~members)
    for stance, agree, rest_agree in ((Stance.RECOGNISE, in_yes, out_yes), (Stance.DIFFER, in_no, out_no)):
        for j, contribution_id in enumerate(matrix.statements):
            reacted, rest_reacted = int(in_yes[j] + in_no[j]), int(out_yes[j] + out_no[j])
            z = _two_proportions(int(agree[j]), reacted, int(rest_agree[j]), rest_reacted)
            if z >= Z_90 and _majority_z(int(agree[j]), reacted) >= Z_90:
                found.append(Representative(
                    contribution_id, stance, int(agree[j]), reacted, int(rest_agree[j]), rest_reacted,
                    round(z, 3), 95 if z >= Z_95 else 90,
                ))
    found.sort(key=lambda r: (-r.z, r.contribution_id, r.stance))
    return tuple(found[:MAX_REPRESENTATIVE])


def _two_proportions(agree: int, reacted: int, rest_agree: int, rest_reacted: int) -> float:
    """Return the z-score of the group's smoothed share above the rest's (0 when either side is empty)."""
    if reacted == 0 or rest_reacted == 0:
        return 0.0
    p_in, p_out = (agree + 1) / (reacted + 2), (rest_agree + 1) / (rest_reacted + 2)
    pooled = (agree + rest_agree + 1) / (reacted + rest_reacted + 2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / reacted + 1 / rest_reacted))
    return (p_in - p_out) / spread if spread > 0 else 0.0


def _majority_z(agree: int, reacted: int) -> float:
    """Return the z-score of the smoothed share above one half."""
    if reacted == 0:
        return 0.0
    return ((agree + 1) / (reacted + 2) - 0.5) / math.sqrt(0.25 / reacted)
