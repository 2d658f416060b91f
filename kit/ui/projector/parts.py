"""Pieces of the projector screen: the join box, the step text and the welcome."""

from __future__ import annotations

from nicegui import ui

from kit.core.steps import StepKind
from kit.i18n import t
from kit.ui.shared.qr import qr_svg
from kit.ui.shared.snapshot import StepSnapshot
from kit.ui.shared.urls import short_address


def join_box(join_url: str, base_url: str, code: str, lang: str, *, variant: str) -> ui.element:
    """Show the QR code of ``join_url``, the address to type and the code (``variant``: corner/large/overlay)."""
    with ui.element("div").classes(f"dk-join dk-join--{variant}").mark(f"join-{variant}") as box:
        ui.html(qr_svg(join_url, label=t("ui.qr.join", lang, address=short_address(base_url))), sanitize=False) \
            .classes("dk-join-qr")
        with ui.element("div").classes("dk-join-text"):
            ui.label(t("ui.projector.join_at", lang)).classes("dk-join-caption")
            ui.label(short_address(base_url)).classes("dk-join-address")
            ui.label(t("ui.projector.code", lang)).classes("dk-join-caption")
            ui.label(code).classes("dk-join-code").mark("join-code")
    return box


def step_text(snapshot: StepSnapshot) -> None:
    """Show the step's heading, question number, text and footnote note."""
    view = snapshot.view
    ui.label(view.heading).classes("dk-heading").mark("step-heading")
    # The role choice text is an instruction above four role tiles: it gives them room.
    size = " dk-text--instruction" if snapshot.step.kind is StepKind.ROLE_CHOICE else ""
    with ui.element("div").classes("dk-question"):
        if view.number:
            ui.label(view.number).classes("dk-number")
        ui.label(view.text).classes("dk-text" + size).mark("step-text")
    if view.note:
        ui.label(view.note).classes("dk-note")


def welcome(snapshot: StepSnapshot, join_url: str, base_url: str, lang: str, *, inviting: bool = True) -> None:
    """Show the welcome step: session and card title, the card's purpose, the join box large beside it.

    Without ``inviting`` (an ended session) neither the join box nor the hint to join is shown.
    """
    with ui.element("div").classes("dk-welcome"):
        with ui.element("div").classes("dk-welcome-text"):
            ui.label(snapshot.session.title).classes("dk-heading").mark("step-heading")
            ui.label(card_kicker(snapshot.card.title, snapshot.card.subtitle)).classes("dk-kicker")
            ui.label(snapshot.card.subtitle).classes("dk-title")
            ui.label(snapshot.card.section("purpose").heading or "").classes("dk-lead-heading")
            ui.label(snapshot.view.text).classes("dk-lead").mark("step-text")
            if inviting:
                ui.label(t("ui.projector.welcome_hint", lang)).classes("dk-hint")
        if inviting:
            join_box(join_url, base_url, snapshot.session.code, lang, variant="large")


def card_kicker(title: str, subtitle: str) -> str:
    """Return what the card's title says besides its subtitle ("Dialoogkaart" of "Dialoogkaart | ...")."""
    return title.removesuffix(subtitle).strip(" |") or title


def is_welcome(snapshot: StepSnapshot) -> bool:
    """True on the step that greets the room (where the join box is large)."""
    return snapshot.step.kind is StepKind.WELCOME
