"""Average-linkage clustering with a threshold, independent of input order."""

from __future__ import annotations

import numpy as np

from kit.grouping.cluster import cluster


def test_cluster_joins_close_items_only() -> None:
    similarities = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.1], [0.1, 0.1, 1.0]])
    assert cluster(similarities, [0, 1, 2], threshold=0.5) == [[0, 1], [2]]


def test_cluster_same_partition_for_any_order() -> None:
    similarities = np.array([[1.0, 0.6, 0.6], [0.6, 1.0, 0.6], [0.6, 0.6, 1.0]])
    assert cluster(similarities, [2, 0, 1], threshold=0.5) == cluster(similarities, [0, 1, 2], threshold=0.5)


def test_cluster_average_linkage_keeps_outlier_out() -> None:
    # 3 is close to 2 only; on average it is too far from the group {0, 1, 2}.
    similarities = np.array(
        [
            [1.0, 0.9, 0.9, 0.0],
            [0.9, 1.0, 0.9, 0.0],
            [0.9, 0.9, 1.0, 0.7],
            [0.0, 0.0, 0.7, 1.0],
        ]
    )
    assert cluster(similarities, [0, 1, 2, 3], threshold=0.5) == [[0, 1, 2], [3]]


def test_cluster_small_inputs() -> None:
    assert cluster(np.zeros((0, 0)), [], threshold=0.5) == []
    assert cluster(np.ones((1, 1)), [0], threshold=0.5) == [[0]]
