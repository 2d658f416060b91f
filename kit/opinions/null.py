"""Is the map's structure more than chance? Compare with the same room, its reactions shuffled.

Small rooms show clouds by chance: thirty people who all think alike still split into two
"groups" with a fair silhouette. Shuffling each statement's reactions among the people who gave
them keeps how much each statement is recognised and how many reactions each person gave, and
removes any opinion structure; a real room must beat every shuffled one.
"""

from __future__ import annotations

import numpy as np

from kit.opinions.cluster import best_clustering
from kit.opinions.matrix import VoteMatrix
from kit.opinions.project import project

SHUFFLES = 19  # beating all 19 is a permutation test at 95 %
SEED = 0


def beats_chance(matrix: VoteMatrix, silhouette: float, shuffles: int = SHUFFLES) -> bool:
    """True when ``silhouette`` is higher than that of each of ``shuffles`` seeded shuffles of the reactions."""
    rng = np.random.default_rng(SEED)
    known = matrix.known
    for _ in range(shuffles):
        votes = matrix.votes.copy()
        for column in range(votes.shape[1]):
            rows = np.flatnonzero(known[:, column])
            votes[rows, column] = rng.permutation(votes[rows, column])
        shuffled = VoteMatrix(matrix.people, matrix.statements, votes)
        clustering = best_clustering(project(shuffled))
        if clustering is not None and clustering.silhouette >= silhouette:
            return False
    return True
