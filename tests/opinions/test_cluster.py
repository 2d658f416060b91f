"""Clusters on the map: the number of groups follows the clouds, and a group keeps its letter."""

from __future__ import annotations

import numpy as np

from kit.opinions.cluster import clusterings, stable_labels


def _clouds(centres: list[tuple[float, float]], each: int = 10) -> np.ndarray:
    rng = np.random.default_rng(1)
    return np.vstack([rng.normal(centre, 0.2, size=(each, 2)) for centre in centres])


def test_clusterings_prefers_as_many_groups_as_there_are_clouds() -> None:
    best = clusterings(_clouds([(0, 0), (5, 0), (0, 5)]))[0]
    assert best.k == 3
    assert best.silhouette > 0.8


def test_clusterings_keeps_the_previous_number_when_it_is_nearly_as_good() -> None:
    points = _clouds([(0, 0), (5, 0), (5.6, 0)])
    assert clusterings(points, previous_k=2)[0].k == 2


def test_clusterings_leaves_out_groups_of_fewer_than_three() -> None:
    points = np.vstack([_clouds([(0, 0)]), [[9.0, 9.0], [9.1, 9.0]]])
    assert all(np.bincount(c.assignment).min() >= 3 for c in clusterings(points))


def test_stable_labels_follows_the_people_not_the_order() -> None:
    previous = [("A", frozenset({"p1", "p2", "p3"})), ("B", frozenset({"p4", "p5", "p6"}))]
    now = [frozenset({"p4", "p5", "p6", "p7", "p8"}), frozenset({"p1", "p2", "p3"})]
    assert stable_labels(now, previous) == ["B", "A"]


def test_stable_labels_gives_a_new_group_an_unused_letter() -> None:
    previous = [("A", frozenset({"p1", "p2"})), ("B", frozenset({"p3", "p4"}))]
    now = [frozenset({"p1", "p2"}), frozenset({"p5", "p6"})]
    assert stable_labels(now, previous) == ["A", "C"]


def test_stable_labels_without_history_goes_in_order() -> None:
    assert stable_labels([frozenset({"x"}), frozenset({"y"})], []) == ["A", "B"]


def test_clusterings_starting_from_previous_centres_keeps_each_cluster_index() -> None:
    points = _clouds([(0, 0), (5, 0)])
    centres = np.array([[5.0, 0.0], [0.0, 0.0]])
    kept = next(c for c in clusterings(points, previous_k=2, centres=centres) if c.k == 2)
    assert set(kept.assignment[:10]) == {1}
    assert set(kept.assignment[10:]) == {0}
