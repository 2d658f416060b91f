"""Loading cards: reading a card file, parsing its YAML strictly, validating it into a :class:`Card`.

Loading never raises anything but :class:`~kit.core.card_errors.CardError`. Also reads the
``concepts:`` list alone (for grouping) and lists the card files the kit ships with.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kit import paths
from kit.core.card import Card, Concept
from kit.core.card_errors import CardError, CardProblem, translate_error
from kit.i18n import DEFAULT_LANGUAGE


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, mark: yaml.Mark, first: yaml.Mark) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key, self.mark, self.first = key, mark, first


class _CardLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key twice in one mapping (PyYAML would silently keep the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: dict[Hashable, yaml.Mark] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                continue  # the base class reports unhashable keys itself
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark, seen[key])
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CardError(path, [CardProblem.of("card.file_missing")]) from None
    except IsADirectoryError:
        raise CardError(path, [CardProblem.of("card.file_is_folder")]) from None
    except OSError as exc:
        raise CardError(path, [CardProblem.of("card.file_unreadable", reason=exc.strerror or exc)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problem = CardProblem.of("card.not_utf8", position=(line, column), byte=f"{raw[exc.start]:02X}")
        raise CardError(path, [problem]) from None


def _parse_yaml(path: Path, text: str) -> object:
    try:
        return yaml.load(text, Loader=_CardLoader)  # _CardLoader is a SafeLoader
    except _DuplicateKey as exc:
        problem = CardProblem.of("card.yaml_duplicate_key", position=_position(exc.mark), key=exc.key,
                                 first_line=exc.first.line + 1)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or str(exc)
        position = _position(mark) if mark else None
        if "'\\t'" in detail:
            problem = CardProblem.of("card.yaml_tab", position=position)
        else:
            problem = CardProblem.of("card.yaml_syntax", position=position, problem=detail)
    except yaml.YAMLError as exc:
        problem = CardProblem.of("card.yaml_syntax", problem=str(exc))
    except RecursionError:
        problem = CardProblem.of("card.yaml_syntax", problem="nested too deeply")
    raise CardError(path, [problem])


def load_card(path: Path | str, lang: str = DEFAULT_LANGUAGE) -> Card:
    """Read and validate the card file at ``path``.

    Raises CardError (and nothing else) with every problem found, worded in ``lang``.
    """
    path = Path(path)
    try:
        text = _read_text(path)
        if not text.strip():
            raise CardError(path, [CardProblem.of("card.empty_file")])
        data = _parse_yaml(path, text)
        if data is None:
            raise CardError(path, [CardProblem.of("card.empty_file")])
        if not isinstance(data, dict):
            raise CardError(path, [CardProblem.of("card.not_a_mapping")])
        return Card.model_validate(data)
    except CardError as exc:
        raise CardError(path, exc.problems, lang) from None
    except ValidationError as exc:
        raise CardError(path, [translate_error(error) for error in exc.errors(include_url=False)], lang) from exc


def load_default_card(lang: str = DEFAULT_LANGUAGE) -> Card:
    """Load the card the kit ships with (``kit.paths.DEFAULT_CARD``); raise CardError if it is broken."""
    return load_card(paths.DEFAULT_CARD, lang)


_CONCEPT_KEYS = frozenset({"name", "description", "terms"})


def load_concepts(path: Path | str) -> list[Concept]:
    """Read the top-level ``concepts:`` list of a YAML file (a card or a concept file) without the rest.

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
    if not isinstance(entry, Mapping) or set(entry) != _CONCEPT_KEYS:
        raise ValueError(f"concept {number} must have exactly the keys name, description, terms")
    terms = entry["terms"]
    if not isinstance(terms, list) or not all(isinstance(term, str) for term in terms):
        raise ValueError(f"concept {number}: 'terms' must be a list of strings")
    return Concept(name=str(entry["name"]), description=str(entry["description"]), terms=list(terms))


def available_cards() -> list[Path]:
    """Return the card files (``*.yaml``) in the content folder, sorted by name."""
    return sorted(paths.CONTENT_DIR.glob("*.yaml"))
