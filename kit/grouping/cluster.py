"""Deterministic average-linkage clustering of a similarity matrix with a distance threshold."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from kit.grouping.vectors import Matrix


def cluster(similarities: Matrix, order: Sequence[int], threshold: float) -> list[list[int]]:
    """Partition the items of ``similarities`` by average linkage on cosine distance.

    Clusters merge while their average distance stays at or below ``threshold``. Items are fed to
    the algorithm in ``order`` (a canonical order, e.g. sorted by text), so that shuffled input
    yields the same partition. Returns clusters of item indices, each sorted, sorted by first item.
    """
    count = similarities.shape[0]
    if count == 0:
        return []
    if count == 1:
        return [[0]]
    permutation = np.asarray(order)
    distances = 1.0 - similarities[np.ix_(permutation, permutation)]
    np.fill_diagonal(distances, 0.0)
    distances = np.maximum(distances, distances.T)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    labels = model.fit_predict(distances)
    clusters: dict[int, list[int]] = {}
    for position, label in enumerate(labels):
        clusters.setdefault(int(label), []).append(int(permutation[position]))
    return sorted((sorted(members) for members in clusters.values()), key=lambda members: members[0])
