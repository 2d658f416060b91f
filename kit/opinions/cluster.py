"""Opinion groups on the map: k-means for k from 2 to 5, the k with the best silhouette, labels kept stable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

from kit.opinions.kmeans import kmeans, silhouette

MAX_GROUPS = 5
MIN_GROUP_SIZE = 3  # a "group" of one or two would show single people's reactions
KEEP_MARGIN = 0.03  # keep the previous number of groups unless another is clearly better
SEED = 0
LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Clustering:
    """The cluster index of each point and the silhouette of that partition."""

    assignment: NDArray[np.int_]
    k: int
    silhouette: float


def clusterings(
    points: NDArray[np.float64], previous_k: int | None = None, centres: NDArray[np.float64] | None = None
) -> list[Clustering]:
    """Return the k-means partitions of ``points`` for k = 2..5, the most preferred first.

    Preferred is the best silhouette; ``previous_k`` comes first unless another k beats its
    silhouette by ``KEEP_MARGIN`` (groups should not flicker). For k = ``previous_k``, k-means
    starts from ``centres`` (where the previous groups' people stand now) when given. Only
    partitions whose every cluster holds ``MIN_GROUP_SIZE`` points are returned; the list is empty
    when none qualifies.
    """
    candidates: list[Clustering] = []
    distinct = len(np.unique(points, axis=0))
    for k in range(2, MAX_GROUPS + 1):
        if len(points) < k * MIN_GROUP_SIZE or distinct < k:  # people who reacted alike share one place
            break
        assignment = kmeans(points, k, SEED, centres=centres if k == previous_k else None)
        sizes = np.bincount(assignment, minlength=k)
        if sizes.min() < MIN_GROUP_SIZE:
            continue
        candidates.append(Clustering(assignment, k, silhouette(points, assignment)))
    candidates.sort(key=lambda c: (-c.silhouette, c.k))
    kept = next((c for c in candidates if c.k == previous_k), None)
    if kept is not None and candidates and kept.silhouette + KEEP_MARGIN >= candidates[0].silhouette:
        candidates.remove(kept)
        candidates.insert(0, kept)
    return candidates


def centres_of(points: NDArray[np.float64], rows: Sequence[NDArray[np.bool_]]) -> NDArray[np.float64] | None:
    """Return the mean point of each row mask (a previous group's people on today's map), None if one is empty."""
    if not rows or any(not mask.any() for mask in rows):
        return None
    return np.array([points[mask].mean(axis=0) for mask in rows])


def best_clustering(points: NDArray[np.float64]) -> Clustering | None:
    """Return the partition of ``points`` with the best silhouette (see :func:`clusterings`), None when none."""
    found = clusterings(points)
    return found[0] if found else None


def stable_labels(clusters: Sequence[frozenset[str]], previous: Sequence[tuple[str, frozenset[str]]]) -> list[str]:
    """Return a label per cluster: the label of the previous group it shares most people with, else a new letter.

    The matching is one-to-one and maximises the people kept in a group of the same label, so a
    recomputation that adds a few people leaves "A" as A; a new group takes a letter no previous
    group had, while one is left.
    """
    labels: list[str | None] = [None] * len(clusters)
    if previous:
        overlap = np.array([[len(c & members) for _, members in previous] for c in clusters])
        rows, cols = linear_sum_assignment(-overlap)
        for row, col in zip(rows, cols, strict=True):
            if overlap[row, col] > 0:
                labels[row] = previous[col][0]
    retired = {label for label, _ in previous}
    free = iter(sorted(set(LABELS) - set(labels), key=lambda label: (label in retired, label)))
    return [label if label is not None else next(free) for label in labels]
