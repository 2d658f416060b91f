"""Fixtures for the grouping tests: the card's concepts and the labelled sets in ``data/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.core.card import Card, Concept

DATA_DIR = Path(__file__).resolve().parent / "data"
DEV_SETS = ("evaluation_question", "expectations_question")
SELFMADE_SETS = (
    "selfmade_beliefs_question",
    "selfmade_dream_question",
    "selfmade_facilitate_question",
    "selfmade_welcome_question",
)


@pytest.fixture(scope="session")
def concepts(card: Card) -> list[Concept]:
    """The concept list written for the schoolleider card (the default card's concepts)."""
    return list(card.concepts)


@pytest.fixture
def data_dir() -> Path:
    """The folder with the labelled development sets (theme, text)."""
    return DATA_DIR
