"""The console's "Medebegeleiders" (hosted kit): facilitator accounts added by e-mail to run this session too."""

from __future__ import annotations

from nicegui import ui

from kit.core.accounts import AccountRefused, add_co_facilitator, co_facilitators, remove_co_facilitator
from kit.core.engine import Engine
from kit.core.models import Facilitator
from kit.i18n import t
from kit.ui.shared.theme import heading
from kit.web.account_texts import refusal_message


def co_facilitator_panel(engine: Engine, session_id: str, lang: str) -> None:
    """Draw the session's co-facilitators, each with a button that takes it off, and the field that adds one
    (an unknown address is refused)."""
    heading(t("account.cofac.heading", lang))
    ui.label(t("account.cofac.hint", lang)).classes("dk-muted text-sm")

    @ui.refreshable
    def names() -> None:
        session = engine.session_or_none(session_id)
        found = co_facilitators(engine.store, session) if session is not None else []
        if not found:
            ui.label(t("account.cofac.none", lang)).classes("dk-muted text-sm")
        for facilitator in found:
            with ui.row().classes("w-full items-center justify-between gap-2 no-wrap"):
                ui.label(facilitator.email).classes("text-sm break-all").mark("co-facilitator")
                button = ui.button(t("account.cofac.remove", lang), on_click=lambda _, f=facilitator: remove(f)) \
                    .props("flat dense no-caps").mark("co-facilitator-remove")
                button.props["aria-label"] = t("account.cofac.remove_label", lang, email=facilitator.email)

    def remove(facilitator: Facilitator) -> None:
        session = engine.session_or_none(session_id)
        if session is None:
            return
        remove_co_facilitator(engine.store, session, facilitator.id)
        ui.notify(t("account.cofac.removed", lang, email=facilitator.email))
        names.refresh()

    names()
    with ui.row().classes("w-full items-center gap-2 no-wrap"):
        email = ui.input(t("account.cofac.email", lang)).props("type=email dense").classes("grow") \
            .mark("co-facilitator-email")

        def add() -> None:
            session = engine.session_or_none(session_id)
            if session is None:
                return
            try:
                added = add_co_facilitator(engine.store, session, email.value or "")
            except AccountRefused as refused:
                ui.notify(refusal_message(refused, lang), type="warning")
                return
            ui.notify(t("account.cofac.added", lang, email=added.email), type="positive")
            email.value = ""
            names.refresh()

        ui.button(t("account.cofac.add", lang), on_click=add).props("outline").mark("co-facilitator-add")
