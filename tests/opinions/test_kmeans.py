"""k-means and the silhouette on a plane: separate clouds score near 1, and the same points give the same split."""

from __future__ import annotations

import numpy as np

from kit.opinions.kmeans import kmeans, silhouette


def _two_clouds() -> np.ndarray:
    rng = np.random.default_rng(3)
    return np.vstack([rng.normal((0, 0), 0.1, (15, 2)), rng.normal((4, 4), 0.1, (10, 2))])


def test_kmeans_splits_two_clouds_and_repeats_itself() -> None:
    points = _two_clouds()
    assignment = kmeans(points, 2)
    assert len(set(assignment[:15])) == 1
    assert len(set(assignment[15:])) == 1
    assert assignment[0] != assignment[15]
    assert np.array_equal(assignment, kmeans(points, 2))


def test_silhouette_is_near_one_for_separate_clouds_and_low_for_a_cut_cloud() -> None:
    points = _two_clouds()
    assert silhouette(points, kmeans(points, 2)) > 0.9
    one_cloud = np.random.default_rng(4).normal(0, 1, (40, 2))
    assert silhouette(one_cloud, kmeans(one_cloud, 2)) < 0.5
