"""Helpers the card tests share: write card data to a file, load it and return the error message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kit.core.card_errors import CardError, format_card_error
from kit.core.card_loader import load_card


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "card.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_of(path: Path, lang: str = "nl") -> str:
    with pytest.raises(CardError) as caught:
        load_card(path, lang)
    assert caught.value.path == path
    return format_card_error(caught.value, lang)
