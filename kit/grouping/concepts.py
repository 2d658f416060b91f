"""Read a card's concept list from YAML."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from kit.grouping.model import Concept

_KEYS = frozenset({"name", "description", "terms"})


def load_concepts(path: str | Path) -> list[Concept]:
    """Read the top-level ``concepts:`` list of a YAML file (a card or a concept file).

    Returns an empty list when the file has no ``concepts:``. Raises ``ValueError`` when an entry
    is not a mapping with exactly ``name``, ``description`` and ``terms``; ``OSError`` and
    ``yaml.YAMLError`` pass through.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    entries = data.get("concepts") if isinstance(data, Mapping) else None
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ValueError("'concepts' must be a list")
    return [_concept(entry, number) for number, entry in enumerate(entries, start=1)]


def _concept(entry: object, number: int) -> Concept:
    if not isinstance(entry, Mapping) or set(entry) != _KEYS:
        raise ValueError(f"concept {number} must have exactly the keys name, description, terms")
    terms = entry["terms"]
    if not isinstance(terms, list) or not all(isinstance(term, str) for term in terms):
        raise ValueError(f"concept {number}: 'terms' must be a list of strings")
    return Concept(name=str(entry["name"]), description=str(entry["description"]), terms=tuple(terms))
