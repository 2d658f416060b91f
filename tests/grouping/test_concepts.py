"""The shape of the schoolleider concept list."""

from __future__ import annotations

from kit.core.card import Concept
from kit.grouping.text import LABEL_UNFIT


def test_schoolleider_concepts_are_many_and_rich(concepts: list[Concept]) -> None:
    assert 30 <= len(concepts) <= 60
    assert len({concept.name for concept in concepts}) == len(concepts)
    for concept in concepts:
        assert concept.description.strip(), concept.name
        assert len(concept.terms) >= 8, concept.name


def test_schoolleider_concept_names_are_short_labels(concepts: list[Concept]) -> None:
    for concept in concepts:
        words = concept.name.split()
        assert 2 <= len(words) <= 4, concept.name
        assert words[0].lower() not in LABEL_UNFIT, concept.name
        assert words[-1].lower() not in LABEL_UNFIT, concept.name
