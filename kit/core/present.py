"""What a step says, in words: the heading, number and text every screen shows for it."""

from __future__ import annotations

from dataclasses import dataclass

from kit.core.card import Card
from kit.core.models import InputState, StepState
from kit.core.steps import Step, StepKind
from kit.i18n import t


@dataclass(frozen=True)
class StepView:
    """A step as people read it; the same for the projector, the console and the phones."""

    key: str
    kind: StepKind
    heading: str
    text: str
    number: str | None
    note: str | None
    collects: bool
    input_state: InputState
    revealed: bool
    index: int
    count: int

    def as_dict(self) -> dict[str, object]:
        """Return the view as plain JSON-ready data (for the phone channel)."""
        return {
            "key": self.key, "kind": self.kind.value, "heading": self.heading, "text": self.text,
            "number": self.number, "note": self.note, "collects": self.collects,
            "input": self.input_state.value, "revealed": self.revealed, "index": self.index, "count": self.count,
        }


def step_title(card: Card, step: Step, lang: str) -> str:
    """Return a short name for ``step`` (for step lists on the console)."""
    if step.kind is StepKind.ROLE_QUESTION and step.question:
        return t("step.short.role_question", lang, number=step.question)
    if step.kind is StepKind.ROLE_CHOICE and step.role is not None:
        return t("step.short.role_choice_done", lang, role=step.role, title=card.role(step.role).title)
    if step.kind is StepKind.EVALUATION and step.prompt:
        return t(f"step.short.evaluation.{step.prompt}", lang)
    return t(f"step.short.{step.kind.value}", lang)


def describe_step(card: Card, step: Step, state: StepState, index: int, count: int, lang: str) -> StepView:
    """Return the heading, number, text and note of ``step`` as the card has it."""
    number: str | None = None
    note: str | None = None
    if step.kind is StepKind.WELCOME:
        heading, text = card.title, card.section("purpose").paragraphs[0]
    elif step.kind is StepKind.START_INDIVIDUAL:
        heading, text = t("step.heading.start_individual", lang), card.start.individual
    elif step.kind is StepKind.START_GROUP:
        heading, text = card.start.group_heading, card.start.group
    elif step.kind is StepKind.ROLE_CHOICE:
        heading, text = t("step.heading.role_choice", lang), t("step.text.role_choice", lang)
    elif step.kind is StepKind.ROLE_QUESTION and step.question:
        role, question = card.question(step.question)
        heading, text, number = f"{role.number}. {role.title}", question.text, question.number
        note = " ".join(footnote.text for footnote in role.footnotes) or None
    elif step.kind is StepKind.DREAM:
        heading, text = card.dream.heading, f"{card.dream.lead} {card.dream.text}".strip()
    elif step.kind is StepKind.EVALUATION:
        prompt = next(p for p in card.evaluation.prompts if p.key == step.prompt)
        heading, text = card.evaluation.heading, prompt.text
    else:
        heading, text = t("step.heading.closing", lang), t("step.text.closing", lang)
    return StepView(
        key=step.key, kind=step.kind, heading=heading, text=text, number=number, note=note,
        collects=step.collects, input_state=state.input_state, revealed=state.revealed, index=index, count=count,
    )
