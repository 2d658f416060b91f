"""Loading concept lists, and the shape of the schoolleider concept list."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.grouping import Concept, load_concepts
from kit.grouping.text import LABEL_UNFIT


def test_load_concepts_reads_card_with_other_keys(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text(
        "id: demo\ntitle: Demo\nconcepts:\n"
        "  - name: Tijd en middelen\n    description: Uren.\n    terms: [uur, geld]\n",
        encoding="utf-8",
    )
    assert load_concepts(card) == [Concept("Tijd en middelen", "Uren.", ("uur", "geld"))]


def test_load_concepts_without_concepts_gives_empty_list(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text("id: demo\n", encoding="utf-8")
    assert load_concepts(card) == []


def test_load_concepts_rejects_extra_key(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text("concepts:\n  - {name: a, description: b, terms: [c], weight: 2}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="exactly"):
        load_concepts(card)


def test_load_concepts_rejects_terms_not_a_list(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text("concepts:\n  - {name: a, description: b, terms: c}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="terms"):
        load_concepts(card)


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
