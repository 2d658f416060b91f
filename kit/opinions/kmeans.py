"""k-means and the silhouette for a few hundred points on a plane, in numpy: small, seeded, no thread pools."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

_ITERATIONS = 100


def kmeans(points: NDArray[np.float64], k: int, seed: int = 0, starts: int = 4) -> NDArray[np.int_]:
    """Return the cluster index of each point: the best (least inertia) of ``starts`` seeded k-means++ runs."""
    rng = np.random.default_rng(seed)
    best: tuple[float, NDArray[np.int_]] | None = None
    for _ in range(starts):
        assignment, inertia = _lloyd(points, _plus_plus(points, k, rng))
        if best is None or inertia < best[0] - 1e-12:
            best = (inertia, assignment)
    assert best is not None
    return best[1]


def silhouette(points: NDArray[np.float64], assignment: NDArray[np.int_]) -> float:
    """Return the mean silhouette of the partition (−1 to 1; higher is better separated)."""
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    labels = np.unique(assignment)
    sizes = np.array([(assignment == label).sum() for label in labels])
    mean_to = np.stack([distances[:, assignment == label].sum(axis=1) for label in labels], axis=1)
    own = np.searchsorted(labels, assignment)
    rows = np.arange(len(points))
    own_size = sizes[own]
    inside = np.where(own_size > 1, mean_to[rows, own] / np.maximum(own_size - 1, 1), 0.0)
    others = mean_to / sizes
    others[rows, own] = np.inf
    nearest = others.min(axis=1)
    scores = np.where(own_size > 1, (nearest - inside) / np.maximum(np.maximum(nearest, inside), 1e-12), 0.0)
    return float(scores.mean())


def _plus_plus(points: NDArray[np.float64], k: int, rng: np.random.Generator) -> NDArray[np.float64]:
    centres = [points[rng.integers(len(points))]]
    for _ in range(1, k):
        gaps = np.min([((points - c) ** 2).sum(axis=1) for c in centres], axis=0)
        total = gaps.sum()
        index = rng.choice(len(points), p=gaps / total) if total > 0 else rng.integers(len(points))
        centres.append(points[index])
    return np.array(centres)


def _lloyd(points: NDArray[np.float64], centres: NDArray[np.float64]) -> tuple[NDArray[np.int_], float]:
    k = len(centres)
    assignment = np.full(len(points), -1)
    for _ in range(_ITERATIONS):
        gaps = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        following = gaps.argmin(axis=1)
        if np.array_equal(following, assignment):
            break
        assignment = following
        counts = np.bincount(assignment, minlength=k)
        sums = np.stack([np.bincount(assignment, points[:, axis], minlength=k) for axis in range(2)], axis=1)
        centres = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centres)
    gaps = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    assignment = gaps.argmin(axis=1)
    return assignment, float(gaps[np.arange(len(points)), assignment].sum())
