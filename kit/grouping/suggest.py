"""Suggest groups of contributions to one question, and place late arrivals in existing groups."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kit.grouping.cluster import cluster
from kit.grouping.labels import group_concepts, word_label
from kit.grouping.lexicon import compiled_lexicon
from kit.grouping.model import ConceptLike, Grouping, GroupInput, SuggestedGroup
from kit.grouping.vectors import Features, Matrix, build_features, similarity

DEFAULT_THRESHOLD = 0.7
"""Average cosine distance up to which contributions still form a group (precision first)."""


def suggest_groups(
    items: Sequence[GroupInput], concepts: Sequence[ConceptLike], *, threshold: float | None = None
) -> Grouping:
    """Group the contributions ``items`` by the concepts and words they share; no side effects.

    ``threshold`` is the largest average cosine distance within a group (default
    :data:`DEFAULT_THRESHOLD`); a contribution that fits no group is returned in ``alone``.
    The result depends only on the input, not on its order.
    """
    if not items:
        return Grouping(groups=(), alone=())
    lexicon = compiled_lexicon(concepts)
    features = build_features([item.text for item in items], lexicon)
    matrix = similarity(features)
    order = sorted(range(len(items)), key=lambda i: (items[i].text, items[i].author or "", i))
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    clusters = cluster(matrix, order, limit)
    # Larger groups choose their label first, so they get their best concept.
    used: set[str] = set()
    groups = [
        _describe(members, items, features, matrix, lexicon.names, used)
        for members in sorted(clusters, key=lambda members: (-len(members), members[0]))
        if len(members) > 1
    ]
    groups.sort(key=lambda group: (-_authors(group.members, items), -len(group.members), group.members[0]))
    alone = tuple(sorted(members[0] for members in clusters if len(members) == 1))
    return Grouping(groups=tuple(groups), alone=alone)


def assign_to_groups(
    new_items: Sequence[GroupInput],
    existing_groups: Sequence[tuple[str, Sequence[GroupInput]]],
    concepts: Sequence[ConceptLike],
    *,
    threshold: float | None = None,
) -> list[int | None]:
    """Suggest, for each of ``new_items``, the index of the existing group it fits best, or ``None``.

    ``existing_groups`` are ``(label, members)`` pairs, e.g. groups the facilitator already
    arranged. A new item fits a group when its average distance to the members is within
    ``threshold``. Nothing is changed; the caller decides.
    """
    if not new_items:
        return []
    members = [member for _, group in existing_groups for member in group]
    lexicon = compiled_lexicon(concepts)
    features = build_features([item.text for item in [*members, *new_items]], lexicon)
    matrix = similarity(features)
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    spans: list[range] = []
    start = 0
    for _, group in existing_groups:
        spans.append(range(start, start + len(group)))
        start += len(group)
    result: list[int | None] = []
    for offset in range(len(new_items)):
        row = matrix[len(members) + offset]
        best: int | None = None
        best_distance = limit
        for index, span in enumerate(spans):
            if not span:
                continue
            distance = 1.0 - float(np.mean(row[span.start : span.stop]))
            if distance < best_distance:
                best, best_distance = index, distance
        result.append(best)
    return result


def _describe(
    members: list[int],
    items: Sequence[GroupInput],
    features: Features,
    matrix: Matrix,
    names: Sequence[str],
    used: set[str],
) -> SuggestedGroup:
    """Describe one cluster; its label is the first of its concepts not in ``used`` (then added)."""
    block = matrix[np.ix_(members, members)]
    cohesion = (block.sum(axis=1) - 1.0) / (len(members) - 1)
    representative = members[int(np.argmax(cohesion))]
    concept = next((names[c] for c in group_concepts(members, features, names) if names[c] not in used), None)
    label = concept or word_label(members, features, [item.text for item in items], representative)
    used.add(label)
    return SuggestedGroup(
        label=label,
        members=tuple(members),
        representative=representative,
        concept=concept,
        mixed_stance=len({features.negated[member] for member in members}) > 1,
    )


def _authors(members: Sequence[int], items: Sequence[GroupInput]) -> int:
    """Count distinct authors; a contribution without an author counts as its own author."""
    return len({(author, -1) if (author := items[m].author) is not None else ("", m) for m in members})
