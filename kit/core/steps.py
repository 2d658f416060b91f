"""The steps of a session, derived from the card and the roles the group chose."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kit.core.card import Card
from kit.core.models import InputState, RoleRound


class StepKind(StrEnum):
    WELCOME = "welcome"
    START_INDIVIDUAL = "start_individual"
    START_GROUP = "start_group"
    ROLE_CHOICE = "role_choice"
    ROLE_QUESTION = "role_question"
    DREAM = "dream"
    EVALUATION = "evaluation"
    CLOSING = "closing"


COLLECTING = frozenset({StepKind.START_INDIVIDUAL, StepKind.ROLE_QUESTION, StepKind.DREAM, StepKind.EVALUATION})
SILENT_WRITING = frozenset({StepKind.START_INDIVIDUAL, StepKind.DREAM})


@dataclass(frozen=True)
class Step:
    """One screen of the session. ``key`` is stable when rounds are added or questions chosen."""

    key: str
    kind: StepKind
    round: int | None = None
    role: int | None = None
    question: str | None = None
    prompt: str | None = None

    @property
    def collects(self) -> bool:
        """True when phones can send contributions on this step."""
        return self.kind in COLLECTING

    @property
    def shows_step(self) -> str | None:
        """The step whose contributions this step shows (itself when it collects)."""
        if self.kind is StepKind.START_GROUP:
            return "start.individual"
        return self.key if self.collects else None

    @property
    def takes_votes(self) -> bool:
        """True on a role choice, where phones vote for a role while input is open."""
        return self.kind is StepKind.ROLE_CHOICE

    @property
    def takes_action(self) -> bool:
        """True on the evaluation prompt that collects a structured action."""
        return self.kind is StepKind.EVALUATION and self.prompt == "action"

    def default_state(self) -> tuple[InputState, bool]:
        """Input state and reveal switch a step gets when it is first shown."""
        if self.takes_votes:
            return InputState.OPEN, True
        if not self.collects:
            return InputState.CLOSED, True
        return InputState.OPEN, self.kind not in SILENT_WRITING


def build_steps(card: Card, rounds: tuple[RoleRound, ...]) -> list[Step]:
    """Return the session's steps in order for ``card`` and the chosen role ``rounds``."""
    steps = [
        Step("welcome", StepKind.WELCOME),
        Step("start.individual", StepKind.START_INDIVIDUAL),
        Step("start.group", StepKind.START_GROUP),
    ]
    for index, role_round in enumerate(rounds or (RoleRound(None),)):
        steps.append(Step(f"role_choice.{index}", StepKind.ROLE_CHOICE, round=index, role=role_round.role))
        for number in role_round.questions:
            steps.append(
                Step(f"role.{index}.{number}", StepKind.ROLE_QUESTION, round=index, role=role_round.role,
                     question=number)
            )
    steps.append(Step("dream", StepKind.DREAM))
    steps.extend(
        Step(f"evaluation.{prompt.key}", StepKind.EVALUATION, prompt=prompt.key) for prompt in card.evaluation.prompts
    )
    steps.append(Step("closing", StepKind.CLOSING))
    return steps


def order_questions(card: Card, role: int, chosen: tuple[str, ...] | None) -> tuple[str, ...]:
    """Return the chosen question numbers of ``role`` in card order (all when ``chosen`` is None).

    Raises KeyError for a role or question number the card does not have.
    """
    numbers = [question.number for question in card.role(role).questions]
    if chosen is None:
        return tuple(numbers)
    unknown = set(chosen) - set(numbers)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return tuple(number for number in numbers if number in set(chosen))
