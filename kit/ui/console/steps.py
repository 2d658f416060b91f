"""The console's step list and the controls of the current step (input, reveal, another role)."""

from __future__ import annotations

from nicegui import ui

from kit.core.boards import groupable
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
            .props("outline no-caps").classes("grow").tooltip(t("keys.tip.previous", lang)).mark("previous")
        ui.button(t("ui.console.next", lang), on_click=commands.next) \
            .props("icon-right=chevron_right no-caps").classes("grow").tooltip(t("keys.tip.next", lang)).mark("next")
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
            toggle = ui.toggle(options, value=view.input_state.value).tooltip(t("keys.tip.pause", lang)) \
                .mark("input-state")
            toggle.on_value_change(lambda event: commands.set_input(snapshot.step.key, InputState(event.value)))
        if snapshot.shows is not None:
            reveal = ui.switch(t("ui.console.reveal", lang), value=snapshot.revealed) \
                .tooltip(t("keys.tip.reveal", lang)).mark("reveal")
            reveal.on_value_change(lambda event: commands.set_reveal(snapshot.step.key, bool(event.value)))
    if snapshot.shows is not None and groupable(snapshot.step):
        ui.label(t("ui.console.reveal_groups", lang)).classes("dk-muted text-sm").mark("reveal-groups")
    if snapshot.step.kind is StepKind.ROLE_CHOICE and snapshot.session.rounds[-1].role:
        ui.button(t("ui.console.another_role", lang), icon="add",
                  on_click=lambda: commands.attempt(lambda: engine.add_role_round(snapshot.session.id))) \
            .props("outline").classes("mt-2").mark("another-role")
