"""The console's step list and the controls of the current step (input, reveal, another role)."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from kit.core.boards import groupable
from kit.core.engine import Engine
from kit.core.models import InputState
from kit.core.present import step_title
from kit.core.steps import StepKind
from kit.i18n import t
from kit.ui.shared.commands import SessionCommands
from kit.ui.shared.snapshot import StepSnapshot


def step_list(snapshot: StepSnapshot, commands: SessionCommands, lang: str, close: Callable[[], object]) -> None:
    """Show every step; the current one stands out, clicking one jumps there.

    On a narrow screen (the list lies over the console) a choice also calls ``close``.
    """
    with ui.row().classes("dk-drawer-turns w-full gap-2 no-wrap"):
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
            item.props('role="button" tabindex="0"')
            item.on("click", lambda event, key=step.key: _choose(commands, key, close, bool(event.args)),
                    js_handler=_NARROW_JS)
            item.on("keydown.enter", lambda _event, key=step.key: commands.jump(key))


_NARROW_JS = "() => emit(window.innerWidth < 1024)"


def _choose(commands: SessionCommands, step_key: str, close: Callable[[], object], narrow: bool) -> None:
    commands.jump(step_key)
    if narrow:
        close()


class StepPanel:
    """The current step's text with its controls (input, reveal, another role), kept while the step stays.

    A change of the step's state (input paused, a countdown, a reveal from the keys, the projector or
    another console) sets the controls' values in place instead of drawing them anew: a click on the
    switch that spans such a change (pressed on one element, released on its replacement) or reaches
    the laptop just after it would otherwise be lost.
    """

    def __init__(self, engine: Engine, commands: SessionCommands, lang: str, toggle_qr: Callable[[], None]) -> None:
        self.engine = engine
        self.commands = commands
        self.lang = lang
        self.toggle_qr = toggle_qr
        self.root = ui.column().classes("w-full gap-1")
        self._shape: tuple[object, ...] | None = None
        self._input: ui.toggle | None = None
        self._reveal: ui.switch | None = None
        self._following = False  # True while the controls take over the stored state (no command then)

    def show(self, snapshot: StepSnapshot) -> None:
        """Show ``snapshot``'s step: draw it when the step or its text changed, else set the controls' values."""
        shape = _shape(snapshot)
        if shape != self._shape:
            self._shape = shape
            self.root.clear()
            with self.root:
                self._draw(snapshot)
            return
        self._following = True
        try:
            if self._input is not None:
                self._input.set_value(snapshot.view.input_state.value)
            if self._reveal is not None:
                self._reveal.set_value(snapshot.revealed)
        finally:
            self._following = False

    def _draw(self, snapshot: StepSnapshot) -> None:
        lang, commands, step_key = self.lang, self.commands, snapshot.step.key
        view = snapshot.view
        self._input = self._reveal = None
        ui.label(t("ui.console.step_of", lang, index=view.index + 1, count=view.count)).classes("dk-muted")
        ui.label(view.heading).classes("text-lg font-bold text-primary").mark("current-heading")
        ui.label(f"{view.number}  {view.text}" if view.number else view.text).classes("text-xl").mark("current-text")
        if view.note:
            ui.label(view.note).classes("dk-muted text-sm")
        with ui.row().classes("items-center gap-6 mt-2"):
            if snapshot.collecting:
                options = {state.value: t(f"ui.console.input.{state.value}", lang) for state in InputState}
                self._input = ui.toggle(options, value=view.input_state.value).tooltip(t("keys.tip.pause", lang)) \
                    .mark("input-state")
                self._input.on_value_change(lambda event: self._chosen(
                    lambda: commands.set_input(step_key, InputState(event.value))))
            if snapshot.shows is not None:
                self._reveal = ui.switch(t("ui.console.reveal", lang), value=snapshot.revealed) \
                    .tooltip(t("keys.tip.reveal", lang)).mark("reveal")
                self._reveal.on_value_change(lambda event: self._chosen(
                    lambda: commands.set_reveal(step_key, bool(event.value))))
        if snapshot.shows is not None and groupable(snapshot.step):
            ui.label(t("ui.console.reveal_groups", lang)).classes("dk-muted text-sm").mark("reveal-groups")
        if snapshot.step.kind is StepKind.WELCOME:
            # On a narrow screen the preview's QR button is far below; the welcome is where the room needs it.
            ui.button(t("ui.console.qr_large", lang), icon="qr_code_2", on_click=self.toggle_qr) \
                .props("outline no-caps").classes("dk-narrow-only mt-2").mark("step-qr-large")
        if _another_role(snapshot):
            ui.button(t("ui.console.another_role", lang), icon="add",
                      on_click=lambda: commands.attempt(lambda: self.engine.add_role_round(snapshot.session.id))) \
                .props("outline").classes("mt-2").mark("another-role")

    def _chosen(self, command: Callable[[], None]) -> None:
        """Run ``command`` for a value the facilitator chose (not for one taken over from the store)."""
        if not self._following:
            command()


def _another_role(snapshot: StepSnapshot) -> bool:
    return snapshot.step.kind is StepKind.ROLE_CHOICE and snapshot.session.rounds[-1].role is not None


def _shape(snapshot: StepSnapshot) -> tuple[object, ...]:
    """What the panel draws apart from the controls' values: a change of any of it draws the panel anew."""
    view = snapshot.view
    return (snapshot.step.key, view.index, view.count, view.heading, view.text, view.number, view.note,
            snapshot.collecting, snapshot.shows, _another_role(snapshot))
