"""Labels are short Dutch phrases a facilitator would write: no stop words at the edges, no fragments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.core.card import Concept
from kit.grouping import GroupInput, suggest_groups, text_label
from kit.grouping.bench import read_labelled
from kit.grouping.labels import FALLBACK_LABEL

from .conftest import DATA_DIR, DEV_SETS

# An independent list of Dutch words that must not start or end a label.
_EDGE_STOP_TEXT = (
    "de het een en of maar dat die dit deze er ook nog als om te van voor naar met bij in op aan uit "
    "ik je jij hij zij ze we wij mijn hun ons onze niet geen wel moet moeten samen zijn is heeft"
)
EDGE_STOP_WORDS = set(_EDGE_STOP_TEXT.split())


def assert_label(label: str) -> None:
    words = label.split()
    assert 1 <= len(words) <= 4, label
    assert words[0].lower() not in EDGE_STOP_WORDS, label
    assert words[-1].lower() not in EDGE_STOP_WORDS, label
    for word in words:
        assert re.fullmatch(r"[A-Za-zÀ-ÿ]+(['’-][a-zà-ÿ]+)?", word), label
    assert words[0][0].isupper(), label


@pytest.mark.parametrize("name", DEV_SETS)
def test_group_labels_are_short_dutch_phrases(name: str, concepts: list[Concept]) -> None:
    rows = read_labelled(DATA_DIR / f"{name}.tsv")
    for chosen in (concepts, []):
        grouping = suggest_groups([GroupInput(text) for _, text in rows], chosen)
        for group in grouping.groups:
            assert_label(group.label)
            assert 2 <= len(group.label.split()) <= 4, group.label


@pytest.mark.parametrize("name", DEV_SETS)
def test_group_labels_are_unique(name: str, concepts: list[Concept]) -> None:
    rows = read_labelled(DATA_DIR / f"{name}.tsv")
    grouping = suggest_groups([GroupInput(text) for _, text in rows], concepts)
    labels = [group.label for group in grouping.groups]
    assert len(labels) == len(set(labels))


def test_text_label_uses_clear_concept(concepts: list[Concept]) -> None:
    assert text_label("We hebben meer taakuren nodig.", concepts) == "Tijd en uren"


def test_text_label_without_concept_uses_own_words() -> None:
    label = text_label("Dat ze hun laptop en lesmateriaal netjes opruimen.")
    assert_label(label)
    assert label == "Laptop en lesmateriaal"


def test_text_label_keeps_adjacent_words_as_phrase() -> None:
    assert text_label("Volwaardige collega's") == "Volwaardige collega's"


def test_text_label_without_content_falls_back() -> None:
    assert text_label("en dat is het") == FALLBACK_LABEL


def test_text_label_every_dev_contribution_is_a_label(concepts: list[Concept]) -> None:
    for path in sorted(Path(DATA_DIR).glob("*.tsv")):
        for _, text in read_labelled(path):
            assert_label(text_label(text, concepts))
            assert_label(text_label(text))
