"""The console's step list and the controls of the current step (input, reveal, role choice)."""

from __future__ import annotations

from nicegui import ui

from kit.core.engine import Engine
from kit.core.models import InputState
from kit.core.present import step_title
from kit.core.steps import StepKind
from kit.i18n import t
from kit.ui.shared.commands import SessionCommands
from kit.ui.shared.snapshot import StepSnapshot


def step_list(snapshot: StepSnapshot, commands: SessionCommands, lang: str) -> None:
    """Show every step; the current one stands out, clicking one jumps there."""
    with ui.row().classes("w-full gap-2 no-wrap"):
        ui.button(t("ui.console.previous", lang), icon="chevron_left", on_click=commands.previous) \
            .props("outline no-caps").classes("grow").mark("previous")
        ui.button(t("ui.console.next", lang), on_click=commands.next) \
            .props("icon-right=chevron_right no-caps").classes("grow").mark("next")
    with ui.column().classes("w-full gap-0 mt-2"):
        for index, step in enumerate(snapshot.steps):
            current = step.key == snapshot.step.key
            label = f"{index + 1}. {step_title(snapshot.card, step, lang)}"
            item = ui.label(label).classes("dk-step w-full" + (" dk-step--current" if current else ""))
            item.mark(f"step-{step.key}")
            item.on("click", lambda _event, key=step.key: commands.jump(key))


def step_panel(snapshot: StepSnapshot, engine: Engine, commands: SessionCommands, lang: str) -> None:
    """Show the current step's text with its controls."""
    view = snapshot.view
    ui.label(t("ui.console.step_of", lang, index=view.index + 1, count=view.count)).classes("dk-muted")
    ui.label(view.heading).classes("text-lg font-bold text-primary").mark("current-heading")
    ui.label(f"{view.number}  {view.text}" if view.number else view.text).classes("text-xl").mark("current-text")
    if view.note:
        ui.label(view.note).classes("dk-muted text-sm")
    with ui.row().classes("items-center gap-6 mt-2"):
        if snapshot.collecting:
            options = {state.value: t(f"ui.console.input.{state.value}", lang) for state in InputState}
            toggle = ui.toggle(options, value=view.input_state.value).mark("input-state")
            toggle.on_value_change(lambda event: commands.set_input(snapshot.step.key, InputState(event.value)))
        if snapshot.shows is not None:
            reveal = ui.switch(t("ui.console.reveal", lang), value=snapshot.revealed).mark("reveal")
            reveal.on_value_change(lambda event: commands.set_reveal(snapshot.step.key, bool(event.value)))
    if snapshot.step.kind is StepKind.ROLE_CHOICE:
        role_picker(snapshot, engine, commands, lang)
    if snapshot.step.kind is StepKind.ROLE_CHOICE and snapshot.session.rounds[-1].role:
        ui.button(t("ui.console.another_role", lang), icon="add",
                  on_click=lambda: commands.attempt(lambda: engine.add_role_round(snapshot.session.id))) \
            .props("outline").classes("mt-2").mark("another-role")


def role_picker(snapshot: StepSnapshot, engine: Engine, commands: SessionCommands, lang: str) -> None:
    """Let the facilitator choose this round's role and the questions to use (all by default)."""
    round_index = snapshot.step.round or 0
    chosen = snapshot.session.rounds[round_index]
    roles = {role.number: f"{role.number}. {role.title}" for role in snapshot.card.roles}
    ui.label(t("ui.console.choose_role", lang)).classes("font-bold mt-4")
    radio = ui.radio(roles, value=chosen.role).mark("role")
    questions_box = ui.column().classes("gap-0 ml-6")
    boxes: dict[str, ui.checkbox] = {}

    def show_questions() -> None:
        questions_box.clear()
        boxes.clear()
        if radio.value is None:
            return
        role = snapshot.card.role(int(radio.value))
        selected = set(chosen.questions) if chosen.role == role.number else {q.number for q in role.questions}
        with questions_box:
            for question in role.questions:
                box = ui.checkbox(f"{question.number}  {question.text}", value=question.number in selected)
                boxes[question.number] = box.mark(f"question-{question.number}")

    def choose() -> None:
        if radio.value is None:
            return
        picked = tuple(number for number, box in boxes.items() if box.value)
        commands.attempt(lambda: engine.choose_role(snapshot.session.id, round_index, int(radio.value), picked))

    radio.on_value_change(lambda _event: show_questions())
    show_questions()
    ui.button(t("ui.console.use_role", lang), on_click=choose).classes("mt-2").mark("use-role")
