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


def browser_language(accept_language: str | None) -> str:
    """Return the kit's language a browser prefers by its ``Accept-Language`` header (Dutch by default).

    Tags are taken in the order of their quality (``q``); ``en-GB`` counts as ``en``; a language the
    kit does not speak is passed over.
    """
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, index, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE
