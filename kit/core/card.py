"""The dialogue card as data: its schema, and loading a card file with errors in plain words.

A card is a YAML file in ``content/`` validated by the models below. Loading never raises anything
but :class:`CardError`, whose problems name the place in the file (``roles[2].questions[4].text``
or ``line 3, column 5``) and say what is wrong in Dutch or English via the string catalogue.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from kit import paths
from kit.i18n import DEFAULT_LANGUAGE, Language, t

_KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
_ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_STEP_PATTERN = re.compile(r"[1-9][0-9]*")


def _check_key(value: str) -> str:
    if not _KEY_PATTERN.fullmatch(value):
        raise PydanticCustomError("card_bad_key", "'{value}' is not a valid key", {"value": value})
    return value


def _check_id(value: str) -> str:
    if not _ID_PATTERN.fullmatch(value):
        raise PydanticCustomError("card_bad_id", "'{value}' is not a valid card id", {"value": value})
    return value


def _check_url(value: str) -> str:
    if not value.startswith(("http://", "https://")) or any(char.isspace() for char in value):
        raise PydanticCustomError("card_bad_url", "'{value}' is not a web address", {"value": value})
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[Text, AfterValidator(_check_key)]
CardId = Annotated[Text, AfterValidator(_check_id)]
Url = Annotated[Text, AfterValidator(_check_url)]
Number = Annotated[int, Strict(), Field(ge=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Footnote(_Model):
    """A footnote; ``marker`` is the number printed in the text it belongs to."""

    marker: Text
    text: Text


class IntroSection(_Model):
    """A block of the card's introduction: paragraphs, then an optional list, then closing paragraphs.

    ``heading`` is None when the card prints the block without a heading of its own.
    """

    key: Key
    heading: Text | None = None
    paragraphs: Annotated[list[Text], Field(min_length=1)]
    bullets: list[Text] = Field(default_factory=list)
    numbered: Annotated[bool, Strict()] = False
    closing: list[Text] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)


class Link(_Model):
    """A document the card links to; ``section`` is the introduction section whose text links it."""

    label: Text
    url: Url
    section: Key | None = None


class Sources(_Model):
    """The literature the card is based on and the documents it links to."""

    books: list[Text] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)


class StartQuestions(_Model):
    """The opening questions: one for each person, then one for the group."""

    heading: Text
    individual: Text
    group_heading: Text
    group: Text


class Question(_Model):
    """A question of a role; ``number`` is ``"<role number>.<n>"``, e.g. ``"2.4"``."""

    number: Text
    text: Text


class Role(_Model):
    """One of the roles of the school leader, with its description and questions."""

    number: Number
    title: Text
    description: Text
    questions: Annotated[list[Question], Field(min_length=1)]
    footnotes: list[Footnote] = Field(default_factory=list)

    @model_validator(mode="after")
    def _question_numbers_belong_to_role(self) -> Role:
        for index, question in enumerate(self.questions):
            head, dot, tail = question.number.partition(".")
            if head != str(self.number) or not dot or not _STEP_PATTERN.fullmatch(tail):
                raise PydanticCustomError(
                    "card_question_number_form",
                    "question number '{number}' must look like {role}.1, {role}.2, ...",
                    {"number": question.number, "role": self.number, "at": f"questions[{index}].number"},
                )
        return self


class DreamQuestion(_Model):
    """The closing 'dream' question about the partnership three years on."""

    heading: Text
    lead: Text
    text: Text


class EvaluationPrompt(_Model):
    """An evaluation question; ``kind`` "action" asks for an action someone will take."""

    key: Key
    kind: Literal["text", "action"]
    text: Text


class Evaluation(_Model):
    """The evaluation questions that end the conversation."""

    heading: Text
    prompts: Annotated[list[EvaluationPrompt], Field(min_length=1)]


class Concept(_Model):
    """A domain concept the card names, with the words and phrases that express it."""

    name: Text
    description: Text
    terms: Annotated[list[Text], Field(min_length=1)]


class Card(_Model):
    """A whole dialogue card."""

    id: CardId
    language: Language
    title: Text
    subtitle: Text
    publisher: Text
    introduction: Annotated[list[IntroSection], Field(min_length=1)]
    sources: Sources
    start: StartQuestions
    roles: Annotated[list[Role], Field(min_length=1)]
    dream: DreamQuestion
    evaluation: Evaluation
    concepts: list[Concept] = Field(default_factory=list)

    @model_validator(mode="after")
    def _names_are_unique(self) -> Card:
        checks: list[tuple[str, str, Iterable[tuple[Hashable, str]]]] = [
            ("card_duplicate_role", "number",
             ((role.number, f"roles[{i}].number") for i, role in enumerate(self.roles))),
            ("card_duplicate_question", "number",
             ((question.number, f"roles[{i}].questions[{j}].number")
              for i, role in enumerate(self.roles) for j, question in enumerate(role.questions))),
            ("card_duplicate_section", "key",
             ((section.key, f"introduction[{i}].key") for i, section in enumerate(self.introduction))),
            ("card_duplicate_prompt", "key",
             ((prompt.key, f"evaluation.prompts[{i}].key")
              for i, prompt in enumerate(self.evaluation.prompts))),
            ("card_duplicate_concept", "name",
             ((concept.name, f"concepts[{i}].name") for i, concept in enumerate(self.concepts))),
        ]
        for error_type, label, items in checks:
            seen: dict[Hashable, str] = {}
            for value, where in items:
                if value in seen:
                    raise PydanticCustomError(
                        error_type,
                        f"{{{label}}} occurs twice (also at {{other}})",
                        {label: value, "other": seen[value], "at": where},
                    )
                seen[value] = where
        keys = {section.key for section in self.introduction}
        for i, link in enumerate(self.sources.links):
            if link.section is not None and link.section not in keys:
                raise PydanticCustomError(
                    "card_unknown_section",
                    "refers to the section '{key}', which the introduction does not have",
                    {"key": link.section, "at": f"sources.links[{i}].section"},
                )
        return self

    def role(self, number: int) -> Role:
        """Return the role with ``number``; raise KeyError when the card has none."""
        for role in self.roles:
            if role.number == number:
                return role
        raise KeyError(number)

    def question(self, number: str) -> tuple[Role, Question]:
        """Return the question numbered ``number`` (e.g. ``"2.4"``) and its role; KeyError if absent."""
        for role, question in self.all_questions():
            if question.number == number:
                return role, question
        raise KeyError(number)

    def all_questions(self) -> list[tuple[Role, Question]]:
        """Return every question with its role, in card order."""
        return [(role, question) for role in self.roles for question in role.questions]

    def section(self, key: str) -> IntroSection:
        """Return the introduction section with ``key``; raise KeyError when the card has none."""
        for section in self.introduction:
            if section.key == key:
                return section
        raise KeyError(key)


# --- loading -------------------------------------------------------------------------------------


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


def _translate(error: ErrorDetails) -> CardProblem:
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
        raise CardError(path, [_translate(error) for error in exc.errors(include_url=False)], lang) from exc


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
