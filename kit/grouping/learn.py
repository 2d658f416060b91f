"""Learning from the facilitator's board: place contributions into their groups, find groups alike.

The groups the facilitator arranged (and the places authors chose for their own contribution)
are examples for this question only: the concepts and words they share gain weight, and a
contribution joins the group it is on average most similar to, when it is similar enough to be
sure. Pure functions; the caller decides what to do with the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kit.grouping.lexicon import compiled_lexicon
from kit.grouping.model import ConceptLike, GroupInput
from kit.grouping.vectors import Matrix, build_features, similarity

PLACE_CONFIDENCE = 0.17
"""Mean cosine similarity to a group's members from which a placement is sure enough to make."""
MERGE_SIMILARITY = 0.25
"""Mean cosine similarity between two groups' members from which they are offered for merging."""
MERGE_LIMIT = 3
STRONG = 2.0
"""Weight of a strong example (pinned by the facilitator, or placed by its author) in a group's mean."""


@dataclass(frozen=True)
class ExampleGroup:
    """A group of the board as an example: member indices, and which of them are strong examples."""

    members: tuple[int, ...]
    strong: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Placement:
    """Where one contribution fits best: the group's position (None: no group), its score, and
    whether the score is sure enough to place it without asking."""

    group: int | None
    score: float
    confident: bool


@dataclass(frozen=True)
class MergeCandidate:
    """Two groups (positions in the board) whose members are alike, with their mean similarity."""

    first: int
    second: int
    score: float


def learned_similarity(
    items: Sequence[GroupInput], groups: Sequence[ExampleGroup], concepts: Sequence[ConceptLike]
) -> Matrix:
    """Return the similarity matrix of ``items`` with the terms ``groups`` share emphasised."""
    examples = [group.members for group in groups if len(group.members) > 1]
    features = build_features([item.text for item in items], compiled_lexicon(concepts), examples)
    return similarity(features)


def place_into_groups(
    items: Sequence[GroupInput],
    groups: Sequence[ExampleGroup],
    candidates: Sequence[int],
    concepts: Sequence[ConceptLike],
    *,
    confidence: float = PLACE_CONFIDENCE,
    matrix: Matrix | None = None,
) -> list[Placement]:
    """Return, for each index in ``candidates``, the group of ``groups`` it fits best; no side effects.

    ``items`` are all contributions to the question (the batch sets the words' rarity); ``groups``
    index them. Strong examples count :data:`STRONG` times in a group's mean similarity.
    """
    if not candidates:
        return []
    usable = [(position, group) for position, group in enumerate(groups) if group.members]
    if not usable:
        return [Placement(None, 0.0, False) for _ in candidates]
    sims = learned_similarity(items, groups, concepts) if matrix is None else matrix
    weights = np.zeros((len(usable), len(items)))
    for row, (_, group) in enumerate(usable):
        for member in group.members:
            weights[row, member] = STRONG if member in group.strong else 1.0
    rows = np.asarray(candidates)
    # A candidate that is itself a member does not count towards its own group's mean.
    own = weights[:, rows].T
    totals = weights.sum(axis=1)[None, :] - own
    sums = sims[rows] @ weights.T - own * sims[rows, rows][:, None]
    means = np.divide(sums, totals, out=np.full_like(sums, -1.0), where=totals > 0)
    result: list[Placement] = []
    for line in means:
        best = int(np.argmax(line))
        score = max(float(line[best]), 0.0)
        position = usable[best][0] if line[best] > -1.0 else None
        result.append(Placement(position, round(score, 4), position is not None and score >= confidence))
    return result


def merge_candidates(
    items: Sequence[GroupInput],
    groups: Sequence[ExampleGroup],
    concepts: Sequence[ConceptLike],
    *,
    threshold: float = MERGE_SIMILARITY,
    limit: int = MERGE_LIMIT,
    matrix: Matrix | None = None,
) -> list[MergeCandidate]:
    """Return up to ``limit`` pairs of groups alike enough to offer merging them, most alike first.

    Two groups are alike when the mean similarity between their members reaches ``threshold`` and
    is at least half their own mean cohesion. Plain similarity is used (no emphasis), so that the
    facilitator's own separation does not hide a likeness.
    """
    if len(groups) < 2:
        return []
    if matrix is None:
        matrix = similarity(build_features([item.text for item in items], compiled_lexicon(concepts)))
    sims = matrix
    cohesion = [_cohesion(sims, group.members) for group in groups]
    found: list[MergeCandidate] = []
    for first in range(len(groups)):
        for second in range(first + 1, len(groups)):
            a, b = list(groups[first].members), list(groups[second].members)
            if not a or not b:
                continue
            between = float(sims[np.ix_(a, b)].mean())
            own = min(cohesion[first], cohesion[second])
            if between >= threshold and between >= 0.5 * own:
                found.append(MergeCandidate(first, second, round(between, 4)))
    found.sort(key=lambda candidate: (-candidate.score, candidate.first, candidate.second))
    return found[:limit]


def _cohesion(sims: Matrix, members: Sequence[int]) -> float:
    if len(members) < 2:
        return 1.0
    block = sims[np.ix_(list(members), list(members))]
    return float((block.sum() - np.trace(block)) / (len(members) * (len(members) - 1)))
