"""k-means and the silhouette for a few hundred points on a plane, with scikit-learn (seeded, one thread)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

STARTS = 4  # seeded k-means++ starts; the least inertia wins


def kmeans(
    points: NDArray[np.float64], k: int, seed: int = 0, starts: int = STARTS,
    centres: NDArray[np.float64] | None = None,
) -> NDArray[np.int_]:
    """Return the cluster index of each point: the best of ``starts`` seeded k-means++ runs.

    With ``centres`` (k rows) the one run starts from them instead, so clusters that live on keep
    their index: a recomputation with a few more people moves the groups, it does not redraw them.
    """
    if centres is not None and len(centres) == k:
        model = KMeans(n_clusters=k, init=centres, n_init=1, random_state=seed)
    else:
        model = KMeans(n_clusters=k, init="k-means++", n_init=starts, random_state=seed)
    return np.asarray(model.fit_predict(points), dtype=np.int_)


def silhouette(points: NDArray[np.float64], assignment: NDArray[np.int_]) -> float:
    """Return the mean silhouette of the partition (−1 to 1; higher is better separated)."""
    return float(silhouette_score(points, assignment))
