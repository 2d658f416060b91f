"""Fixtures the card tests share: the shipped card as plain data, to break in one place per test."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from kit import paths


@pytest.fixture
def card_data() -> dict[str, Any]:
    """The shipped card as plain data, to break in one place per test."""
    data: dict[str, Any] = yaml.safe_load(paths.DEFAULT_CARD.read_text(encoding="utf-8"))
    return copy.deepcopy(data)
