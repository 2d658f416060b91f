"""Find who thinks alike from the room's reactions: the map, the groups, what they share, where they differ."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray
from sklearn import config_context
from threadpoolctl import threadpool_limits

from kit.opinions.cluster import Clustering, centres_of, clusterings, stable_labels
from kit.opinions.matrix import MIN_REACTIONS, VoteMatrix, vote_matrix
from kit.opinions.model import Absence, OpinionGroup, OpinionGroups, Position, nothing_to_say
from kit.opinions.null import beats_chance
from kit.opinions.project import project
from kit.opinions.statements import ROOM_SHARE, consensus, representative

MIN_PEOPLE = 8
MIN_SILHOUETTE = 0.45  # below: no clouds at all
CLEAR_SILHOUETTE = 0.6  # from here the clouds of a large room are plain; below, they must beat shuffled rooms
MIN_APART = 2  # statements that must set each group apart: one alone can be a handful of people by chance
SMALL_ROOM = 100  # a room this small always faces the shuffled rooms (chance draws clouds there; it is cheap)


def find_opinion_groups(
    marks: Iterable[tuple[str, str, int]], previous: OpinionGroups | None = None
) -> OpinionGroups:
    """Return the opinion groups of the people behind ``marks`` (participant id, contribution id, +1 or −1).

    Only people with ``MIN_REACTIONS`` reactions are placed; with fewer than ``MIN_PEOPLE`` of them,
    a map without separate clouds (silhouette below ``MIN_SILHOUETTE``) or groups that no statement
    sets apart, the result has no groups and says why (:class:`Absence`). Labels follow
    ``previous`` where its groups live on. Pure and deterministic: the same marks give the same result.
    """
    # One thread for the linear algebra and k-means: the matrices are small, and on a laptop whose cores
    # are busy serving the room, BLAS or OpenMP threads waiting for each other cost ten times the computation.
    # The inputs are ours and finite: scikit-learn's checks of each call cost more than a small room's k-means.
    with threadpool_limits(1), config_context(assume_finite=True, skip_parameter_validation=True):
        return _find(vote_matrix(marks, MIN_REACTIONS), previous)


def _find(matrix: VoteMatrix, previous: OpinionGroups | None) -> OpinionGroups:
    """Return the groups of ``matrix``: the most preferred partition whose every group something sets apart."""
    counted = len(matrix.people)
    if counted < MIN_PEOPLE:
        return nothing_to_say(counted)
    points = project(matrix)
    previous_k = len(previous.groups) if previous is not None and previous.found else None
    candidates = clusterings(points, previous_k, _previous_centres(matrix, points, previous))
    best = max((c.silhouette for c in candidates), default=None)
    if best is None or best < MIN_SILHOUETTE or (_doubtful(best, counted) and not beats_chance(matrix, best)):
        return _without_groups(matrix, points, Absence.NO_STRUCTURE, best)
    earlier = [(g.label, frozenset(g.participants)) for g in previous.groups] if previous is not None else []
    for clustering in candidates:
        if clustering.silhouette < MIN_SILHOUETTE:
            continue
        groups = _groups(matrix, clustering, earlier)
        if all(len(g.representative) >= MIN_APART for g in groups):
            return _result(matrix, points, groups, clustering.silhouette)
    return _without_groups(matrix, points, Absence.NO_DIFFERENCE, best)


def _previous_centres(
    matrix: VoteMatrix, points: NDArray[np.float64], previous: OpinionGroups | None
) -> NDArray[np.float64] | None:
    """Return where each previous group's people stand on the new map, None without previous groups."""
    if previous is None or not previous.found:
        return None
    rows = [np.isin(np.array(matrix.people), g.participants) for g in previous.groups]
    return centres_of(points, rows)


def _doubtful(silhouette: float, people: int) -> bool:
    """True when clouds this clear, in a room this size, could be chance (see :mod:`kit.opinions.null`)."""
    return silhouette < CLEAR_SILHOUETTE or people < SMALL_ROOM


def _groups(
    matrix: VoteMatrix, clustering: Clustering, earlier: list[tuple[str, frozenset[str]]]
) -> tuple[OpinionGroup, ...]:
    """Return the partition as labelled groups with their representative statements, by label."""
    clusters = _clusters(clustering.assignment, clustering.k)
    members = [frozenset(matrix.people[i] for i in np.flatnonzero(rows)) for rows in clusters]
    labels = stable_labels(members, earlier)
    return tuple(sorted(
        (OpinionGroup(label, tuple(sorted(people)), representative(matrix, rows))
         for label, people, rows in zip(labels, members, clusters, strict=True)),
        key=lambda g: g.label,
    ))


def _result(
    matrix: VoteMatrix, points: NDArray[np.float64], groups: tuple[OpinionGroup, ...], silhouette: float
) -> OpinionGroups:
    """Return the result with ``groups``: what they all recognise and the map with each dot's group."""
    row = {person: i for i, person in enumerate(matrix.people)}
    masks = []
    for group in groups:
        mask = np.zeros(len(matrix.people), dtype=bool)
        mask[[row[p] for p in group.participants]] = True
        masks.append(mask)
    label_of = {person: g.label for g in groups for person in g.participants}
    return OpinionGroups(
        groups=groups,
        consensus=consensus(matrix, masks),
        positions=_positions(matrix, points, label_of),
        counted=len(matrix.people),
        absence=None,
        silhouette=round(silhouette, 3),
    )


def _clusters(assignment: NDArray[np.int_], k: int) -> list[NDArray[np.bool_]]:
    """Return a row mask per cluster, largest first (ties: the one with the earliest person), for new labels."""
    masks = [assignment == index for index in range(k)]
    return sorted(masks, key=lambda rows: (-int(rows.sum()), int(np.argmax(rows))))


def _without_groups(
    matrix: VoteMatrix, points: NDArray[np.float64], absence: Absence, silhouette: float | None
) -> OpinionGroups:
    """Return the result without groups: the map, and what the placed people as a whole recognise."""
    everyone = np.ones(len(matrix.people), dtype=bool)
    return OpinionGroups(
        groups=(), consensus=consensus(matrix, [everyone], ROOM_SHARE), positions=_positions(matrix, points, {}),
        counted=len(matrix.people), absence=absence,
        silhouette=round(silhouette, 3) if silhouette is not None else None,
    )


def _positions(matrix: VoteMatrix, points: NDArray[np.float64], label_of: dict[str, str]) -> tuple[Position, ...]:
    return tuple(
        Position(person, round(float(x), 4), round(float(y), 4), label_of.get(person))
        for person, (x, y) in zip(matrix.people, points, strict=True)
    )
