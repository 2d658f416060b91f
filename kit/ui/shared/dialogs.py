"""A confirmation dialog for actions that cannot be undone."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import ui

from kit.i18n import t


def confirm(message: str, action_label: str, on_confirm: Callable[[], object], lang: str) -> None:
    """Ask ``message``; run ``on_confirm`` only when the facilitator presses ``action_label``."""
    with ui.dialog() as dialog, ui.card().classes("p-6 gap-4").style("max-width: 32rem"):
        ui.label(message).classes("text-lg")
        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(t("ui.cancel", lang), on_click=dialog.close).props("flat").mark("cancel")

            def accept() -> object:
                dialog.close()
                return on_confirm()  # NiceGUI awaits what an async action returns

            ui.button(action_label, on_click=accept).props("color=negative").mark("confirm")
    dialog.on("hide", dialog.delete)
    dialog.open()
