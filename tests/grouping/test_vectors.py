"""Feature vectors: negation is never lost, empty texts match nothing."""

from __future__ import annotations

import numpy as np

from kit.core.card import Concept
from kit.grouping import GroupInput, suggest_groups
from kit.grouping.lexicon import ConceptLexicon
from kit.grouping.vectors import build_features, similarity

AFFIRM = "Samen opleiden kost veel tijd."
NEGATE = "Samen opleiden kost geen tijd."


def test_build_features_negation_changes_representation(concepts: list[Concept]) -> None:
    features = build_features([AFFIRM, NEGATE], ConceptLexicon(concepts))
    assert features.negated == (False, True)
    assert not np.allclose(features.vectors[0], features.vectors[1])
    assert similarity(features)[0, 1] < 0.99


def test_build_features_negation_changes_representation_without_concepts() -> None:
    features = build_features(["Studenten krijgen uren", "Studenten krijgen geen uren"], ConceptLexicon([]))
    assert similarity(features)[0, 1] < 0.99


def test_suggest_groups_marks_mixed_stance(concepts: list[Concept]) -> None:
    grouping = suggest_groups([GroupInput(AFFIRM), GroupInput(NEGATE)], concepts)
    groups = [group for group in grouping.groups if set(group.members) == {0, 1}]
    if groups:  # if the two are grouped at all, the group must say they differ in stance
        assert groups[0].mixed_stance


def test_build_features_text_without_content_is_zero() -> None:
    features = build_features(["niet", "...", "Niet doen"], ConceptLexicon([]))
    assert not features.vectors[1].any()
    assert similarity(features)[0, 1] == 0.0


def test_similarity_is_symmetric_with_unit_diagonal(concepts: list[Concept]) -> None:
    features = build_features([AFFIRM, NEGATE, "Studenten zijn collega's."], ConceptLexicon(concepts))
    matrix = similarity(features)
    assert np.allclose(matrix, matrix.T)
    assert np.allclose(np.diag(matrix), 1.0)
