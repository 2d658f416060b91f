"""Learning from the facilitator's board: place contributions into their groups, find groups alike.

The groups the facilitator arranged (and the places authors chose for their own contribution)
are examples for this question only: a contribution joins the group whose members it is on
average most like, when it is more alike than the average contribution to this question by a
margin. Likeness combines the card's concepts with the spelling of the words (letter n-grams,
which match Dutch compounds and typing errors), measured against the whole batch. Pure
functions; the caller decides what to do with the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kit.grouping.lexicon import compiled_lexicon
from kit.grouping.model import ConceptLike, GroupInput
from kit.grouping.spelling import spelling_vectors
from kit.grouping.vectors import Matrix, build_features, similarity

PLACE_CONFIDENCE = 0.05
"""Mean placement likeness to a group's members from which a placement is sure enough to make
(0: as alike as two unrelated answers to the question, 1: the same)."""
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


def placement_similarity(items: Sequence[GroupInput], concepts: Sequence[ConceptLike]) -> Matrix:
    """Return how alike each pair of ``items`` is for placement; no side effects.

    Each text is its concept vector beside its letter n-gram vector (both of unit length, equal
    weight). The batch's mean vector is subtracted, so what every answer to the question shares
    separates nothing; the cosine there is rescaled so that 0 is what two unrelated texts of this
    batch score (-1/(n-1) for n texts with nothing in common) and 1 is the same text.
    """
    texts = [item.text for item in items]
    concept = build_features(texts, compiled_lexicon(concepts)).vectors
    spelling = spelling_vectors(texts)
    # Centring works on the Gram matrix, so the wide, sparse spelling block is never made dense.
    gram = concept @ concept.T + np.asarray((spelling @ spelling.T).toarray())
    concept_mean = concept.mean(axis=0)
    spelling_mean = np.asarray(spelling.mean(axis=0)).ravel()
    to_mean = concept @ concept_mean + np.asarray(spelling @ spelling_mean).ravel()
    mean_norm = float(concept_mean @ concept_mean + spelling_mean @ spelling_mean)
    centred = gram - to_mean[:, None] - to_mean[None, :] + mean_norm
    norms = np.sqrt(np.clip(np.diag(centred), 0.0, None))
    outer = np.outer(norms, norms)
    unrelated = 1.0 / max(len(texts) - 1, 1)
    cosine = np.divide(centred, outer, out=np.full_like(centred, -unrelated), where=outer > 1e-12)
    sims: Matrix = (cosine + unrelated) / (1.0 + unrelated)
    # A text with nothing to compare (no word, no letter) is alike to nothing, also after centring.
    empty = np.diag(gram) <= 1e-12
    sims[empty, :] = 0.0
    sims[:, empty] = 0.0
    np.fill_diagonal(sims, 1.0)
    return sims


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
    index them. Strong examples count :data:`STRONG` times in a group's mean similarity. A candidate
    no more alike to any group than two unrelated answers fits none (``group`` None).
    """
    if not candidates:
        return []
    usable = [(position, group) for position, group in enumerate(groups) if group.members]
    if not usable:
        return [Placement(None, 0.0, False) for _ in candidates]
    sims = placement_similarity(items, concepts) if matrix is None else matrix
    weights = np.zeros((len(usable), len(items)))
    for row, (_, group) in enumerate(usable):
        for member in group.members:
            weights[row, member] = STRONG if member in group.strong else 1.0
    rows = np.asarray(candidates)
    # A candidate that is itself a member does not count towards its own group's mean.
    own = weights[:, rows].T
    totals = weights.sum(axis=1)[None, :] - own
    sums = sims[rows] @ weights.T - own * sims[rows, rows][:, None]
    means = np.divide(sums, totals, out=np.full_like(sums, -np.inf), where=totals > 0)
    result: list[Placement] = []
    for line in means:
        best = int(np.argmax(line))
        if not np.isfinite(line[best]):
            result.append(Placement(None, 0.0, False))
            continue
        score = round(float(line[best]), 4)
        # No more alike than two unrelated answers of the batch: the best guess is "on its own".
        fits = usable[best][0] if score > 0 else None
        result.append(Placement(fits, score, fits is not None and score >= confidence))
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
    is at least half their own mean cohesion. Plain similarity is used (not the placement likeness), so that the
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
