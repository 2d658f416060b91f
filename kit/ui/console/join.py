"""The console's join information: address, code, QR code, and what to do when phones cannot reach us."""

from __future__ import annotations

import asyncio

from nicegui import ui

from kit.app import KitContext
from kit.core.models import Session
from kit.i18n import t
from kit.ui.shared.access import remember_facilitator
from kit.ui.shared.commands import SessionCommands
from kit.ui.shared.qr import qr_svg
from kit.ui.shared.urls import short_address


def join_panel(ctx: KitContext, session: Session, lang: str) -> None:
    """Show where phones join, with a plain warning when this laptop has no network address."""
    with ui.row().classes("items-center gap-4 no-wrap"):
        label = t("ui.qr.join", lang, address=short_address(ctx.join.base_url))
        ui.html(qr_svg(ctx.join_url(session.code), label=label), sanitize=False).classes("dk-qr w-28 h-28 shrink-0")
        with ui.column().classes("gap-0"):
            ui.label(t("ui.console.join_at", lang)).classes("dk-muted text-sm")
            ui.label(short_address(ctx.join.base_url)).classes("font-bold").mark("join-address")
            ui.label(session.code).classes("dk-code").mark("join-code")
    if ctx.join.loopback_only:
        ui.label(t("ui.console.loopback_only", lang)).classes("dk-warning text-sm").mark("loopback-warning")


def tablet_dialog(ctx: KitContext, session: Session, secret: str | None, lang: str,
                  commands: SessionCommands, key_turn: asyncio.Lock) -> ui.dialog:
    """Return a dialog with the QR code of the console link (with its key) for a tablet or phone.

    **Nieuwe link** gives the session a new key: every link and tablet with the old one stops driving it,
    and this browser keeps driving with the new one. ``key_turn`` is held while the key changes.
    """
    title = t("ui.console.tablet_title", lang)
    with ui.dialog().props(f'aria-label="{title}"') as dialog, \
            ui.card().classes("items-center p-6 gap-3").style("max-width: 30rem"):
        ui.label(title).classes("text-lg font-bold")
        body = ui.column().classes("items-center gap-3 w-full")

        def draw(known: str | None) -> None:
            body.clear()
            with body:
                if known is None:
                    ui.label(t("ui.console.tablet_unknown_key", lang)).classes("dk-warning")
                else:
                    link = f"{ctx.join.base_url}/console/{session.id}?key={known}"
                    ui.html(qr_svg(link, label=t("ui.qr.console", lang)), sanitize=False) \
                        .classes("dk-qr w-72 h-72").mark("tablet-qr")
                    ui.label(t("ui.console.tablet_hint", lang)).classes("text-sm text-center")
                    ui.input(t("ui.console.tablet_link", lang), value=link).props("readonly outlined dense") \
                        .classes("w-full").mark("tablet-link")

        async def renew() -> None:
            async with key_turn:
                made = await commands.run(ctx.engine.new_secret, session.id)
                if made is not None:
                    remember_facilitator(session.id, made)
            if made is not None:
                draw(made)
                ui.notify(t("ui.console.tablet_renewed", lang), type="positive")

        draw(secret)
        ui.label(t("ui.console.tablet_new_hint", lang)).classes("dk-muted text-sm text-center")
        with ui.row().classes("gap-2"):
            ui.button(t("ui.console.tablet_new", lang), icon="autorenew", on_click=renew) \
                .props("outline no-caps").mark("tablet-new")
            ui.button(t("ui.close", lang), on_click=dialog.close).props("flat no-caps")
    return dialog
