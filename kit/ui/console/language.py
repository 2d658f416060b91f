"""The session's language (projector and phones), switched from the console."""

from __future__ import annotations

from nicegui import ui

from kit.i18n import LANGUAGES, t
from kit.ui.shared.commands import SessionCommands


def session_language_toggle(commands: SessionCommands, current: str, lang: str) -> ui.toggle:
    """Show the session's language; switching it redraws the projector's texts (the card's text stays)."""
    engine, session_id = commands.engine, commands.session_id
    with ui.row().classes("items-center gap-2"):
        ui.icon("translate").classes("text-xl text-primary")
        ui.label(t("conv.language.label", lang))
        toggle = ui.toggle({code: t(f"conv.language.{code}", lang) for code in LANGUAGES}, value=current)
    toggle.on_value_change(lambda event: commands.attempt(lambda: engine.set_language(session_id, str(event.value))))
    return toggle.props("dense no-caps").mark("session-language")
