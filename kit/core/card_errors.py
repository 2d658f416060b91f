"""What is wrong with a card file, in plain words: :class:`CardError` and its :class:`CardProblem` entries.

A problem names the place in the file (``roles[2].questions[4].text`` or ``line 3, column 5``) and says
what is wrong in Dutch or English via the string catalogue; :func:`translate_error` turns pydantic's
validation errors into such problems.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from kit.core.card import Card
from kit.i18n import DEFAULT_LANGUAGE, t


@dataclass(frozen=True)
class CardProblem:
    """One thing wrong with a card file: where (``location``, may be empty) and what (``message``).

    ``key``/``values`` (the catalogue text of the message) and ``position`` (1-based line and
    column, when the location is a place in the file) let the problem be shown in another language.
    """

    location: str
    message: str
    key: str | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    position: tuple[int, int] | None = None

    @classmethod
    def of(cls, message_key: str, location: str = "", /, *, position: tuple[int, int] | None = None,
           **values: object) -> CardProblem:
        """Return a problem with the catalogue text ``message_key`` filled with ``values``, in Dutch."""
        return cls(location, "", message_key, values, position).localised(DEFAULT_LANGUAGE)

    def localised(self, lang: str) -> CardProblem:
        """Return this problem with location and message in ``lang`` (as is when not from the catalogue)."""
        location = self.location
        if self.position is not None:
            location = t("card.location_position", lang, line=self.position[0], column=self.position[1])
        message = t(self.key, lang, **self.values) if self.key else self.message
        return replace(self, location=location, message=message)


class CardError(Exception):
    """A card file that cannot be loaded; ``problems`` says why, one entry per problem."""

    def __init__(self, path: Path, problems: list[CardProblem], lang: str = DEFAULT_LANGUAGE) -> None:
        self.path = path
        self.problems = [problem.localised(lang) for problem in problems]
        super().__init__(format_card_error(self, lang))


def format_card_error(err: CardError, lang: str = DEFAULT_LANGUAGE) -> str:
    """Return the error as lines of text: the file, then "location: message" for each problem."""
    lines = [t("card.error_header", lang, file=err.path)]
    for problem in (problem.localised(lang) for problem in err.problems):
        prefix = f"{problem.location}: " if problem.location else ""
        lines.append(f"  {prefix}{problem.message}")
    return "\n".join(lines)


def _format_location(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fields_at(loc: tuple[int | str, ...]) -> list[str]:
    """Return the field names of the model at ``loc`` (empty when ``loc`` leads to no model)."""
    model: type[BaseModel] = Card
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        inner = _model_in(info.annotation) if info else None
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


_TYPE_KEYS = {
    "string_type": "card.should_be_text",
    "int_type": "card.should_be_number",
    "int_parsing": "card.should_be_number",
    "int_from_float": "card.should_be_number",
    "list_type": "card.should_be_list",
    "model_type": "card.should_be_mapping",
    "model_attributes_type": "card.should_be_mapping",
    "dict_type": "card.should_be_mapping",
    "bool_type": "card.should_be_yes_no",
    "bool_parsing": "card.should_be_yes_no",
}


def translate_error(error: ErrorDetails) -> CardProblem:
    """Return a pydantic validation error as a problem in plain words."""
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    location = _format_location(loc)
    if kind.startswith("card_"):
        at = str(ctx.pop("at", ""))
        location = f"{location}.{at}" if location and at else location or at
        return CardProblem.of(f"card.{kind.removeprefix('card_')}", location, **ctx)
    if kind == "missing":
        return CardProblem.of("card.missing_field", location)
    if kind == "extra_forbidden":
        name = str(loc[-1])
        close = difflib.get_close_matches(name, _fields_at(loc[:-1]), n=1, cutoff=0.6)
        if close:
            return CardProblem.of("card.unknown_key_suggest", location, key=name, suggestion=close[0])
        return CardProblem.of("card.unknown_key", location, key=name)
    if kind in _TYPE_KEYS:
        if value is None:
            return CardProblem.of("card.no_value", location)
        if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
            return CardProblem.of("card.should_be_text_quoted", location, value=value)
        return CardProblem.of(_TYPE_KEYS[kind], location)
    if kind == "string_too_short":
        return CardProblem.of("card.empty_text", location)
    if kind == "too_short":
        return CardProblem.of("card.empty_list", location)
    if kind == "greater_than_equal":
        return CardProblem.of("card.too_small", location, minimum=ctx.get("ge"))
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace(" or ", ", ")  # pydantic joins the last two in English
        return CardProblem.of("card.not_one_of", location, allowed=allowed)
    return CardProblem.of("card.invalid_value", location, detail=error["msg"])
