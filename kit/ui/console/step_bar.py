"""The console's step bar for one hand: "Vorige", the step's short name and number, "Volgende".

It shows below 1024 px only (the console's stylesheet), fixed at the bottom of the screen, where a
thumb reaches it; the page leaves room for it, so it never covers content. On a wider screen the
step list in the drawer holds the same two buttons.
"""

from __future__ import annotations

from nicegui import ui

from kit.core.present import step_title
from kit.i18n import t
from kit.ui.shared.commands import SessionCommands
from kit.ui.shared.snapshot import StepSnapshot


class StepBar:
    """The bar at the bottom of a narrow console; ``show`` names the current step."""

    def __init__(self, commands: SessionCommands, lang: str) -> None:
        self.lang = lang
        with ui.element("nav").classes("dk-stepbar").props(f'aria-label="{t("ui.console.step_bar", lang)}"') \
                .mark("step-bar"):
            ui.button(t("ui.console.previous", lang), icon="chevron_left", on_click=commands.previous) \
                .props("outline no-caps").classes("dk-stepbar-turn").mark("bar-previous")
            with ui.element("div").classes("dk-stepbar-step").props('aria-live="polite"'):
                self.name = ui.label().classes("dk-stepbar-name").mark("bar-name")
                self.count = ui.label().classes("dk-stepbar-count").mark("bar-count")
            ui.button(t("ui.console.next", lang), on_click=commands.next) \
                .props("icon-right=chevron_right no-caps").classes("dk-stepbar-turn").mark("bar-next")

    def show(self, snapshot: StepSnapshot) -> None:
        """Name ``snapshot``'s step and its place ("3 van 8") in the bar."""
        view = snapshot.view
        name = step_title(snapshot.card, snapshot.step, self.lang)
        count = t("ui.console.step_count", self.lang, index=view.index + 1, count=view.count)
        if self.name.text != name:
            self.name.set_text(name)
        if self.count.text != count:
            self.count.set_text(count)
