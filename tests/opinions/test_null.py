"""Clouds against chance: a room of two camps beats its shuffled copies, a room of one mind does not."""

from __future__ import annotations

from kit.bench.planted_room import planted_room
from kit.opinions.cluster import best_clustering
from kit.opinions.matrix import vote_matrix
from kit.opinions.null import beats_chance
from kit.opinions.project import project


def _verdict(camps: int, seed: int) -> bool:
    matrix = vote_matrix(planted_room(camps, 30, 40, 0.5, seed=seed).marks)
    clustering = best_clustering(project(matrix))
    assert clustering is not None
    return beats_chance(matrix, clustering.silhouette)


def test_beats_chance_for_two_camps() -> None:
    assert all(_verdict(2, seed) for seed in (600, 601, 602))


def test_beats_chance_not_for_a_room_of_one_mind() -> None:
    assert not any(_verdict(1, seed) for seed in (600, 601, 602))
