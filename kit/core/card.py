"""The dialogue card as data: the pydantic models a card file is validated into.

A card is a YAML file in ``content/``; :mod:`kit.core.card_loader` reads and validates it, and
:mod:`kit.core.card_errors` words what is wrong with it. The validators here raise pydantic errors
whose type starts with ``card_``; their context names the place (``at``) for the error message.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kit.i18n import Language

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
