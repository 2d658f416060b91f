"""The home page's "Alles wissen": erase every session on this laptop after a confirmation."""

from __future__ import annotations

from nicegui import ui

from kit.core.engine import Engine
from kit.core.permissions import Actor
from kit.core.retention import Retention
from kit.i18n import t, tn
from kit.ui.shared.access import forget_facilitator
from kit.ui.shared.dialogs import confirm


def retention_footer(engine: Engine, retention: Retention, lang: str, actor: Actor) -> None:
    """Draw how long sessions are kept and the "Alles wissen" button (asks first; erases ``actor``'s sessions)."""

    def wipe() -> None:
        sessions = engine.list_sessions(actor.id)
        count = engine.delete_all_sessions(actor.id)
        for session in sessions:
            forget_facilitator(session.id)
        ui.notify(tn("home.wiped", count, lang))

    def ask() -> None:
        count = len(engine.list_sessions(actor.id))
        if count:
            confirm(tn("home.wipe_confirm", count, lang), t("home.wipe", lang), wipe, lang)

    with ui.row().classes("w-full items-center gap-4 mt-4 no-wrap"):
        ui.label(t("home.keep_hint", lang, days=retention.keep_days, hours=f"{retention.idle_hours:g}"))\
            .classes("dk-muted text-sm grow")
        ui.button(t("home.wipe", lang), icon="delete_forever", on_click=ask)\
            .props("flat no-wrap color=negative").classes("shrink-0").mark("wipe-all")
