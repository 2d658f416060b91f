"""The language of the facilitator's own pages, kept per browser."""

from __future__ import annotations

from nicegui import app, ui

from kit.i18n import DEFAULT_LANGUAGE, LANGUAGES

_STORAGE_KEY = "lang"


def facilitator_lang() -> str:
    """Return the language this browser chose for the home and console (Dutch by default)."""
    lang = app.storage.user.get(_STORAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def language_toggle(lang: str) -> ui.toggle:
    """Show NL/EN; switching stores the choice and reloads the page in that language."""

    def switch(value: object) -> None:
        if value in LANGUAGES and value != lang:
            app.storage.user[_STORAGE_KEY] = value
            ui.navigate.reload()

    toggle = ui.toggle({code: code.upper() for code in LANGUAGES}, value=lang)
    toggle.on_value_change(lambda event: switch(event.value))
    return toggle.props("dense color=white text-color=primary toggle-color=amber toggle-text-color=black")

