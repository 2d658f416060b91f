"""The "Over deze kaart" dialog: the card's introduction and sources, to prepare with the kit alone."""

from __future__ import annotations

from nicegui import ui

from kit.core.card import Card, IntroSection, Link
from kit.i18n import t


def about_dialog(card: Card, lang: str) -> ui.dialog:
    """Return a dialog with the card's introduction sections (headings, paragraphs, lists) and sources."""
    with ui.dialog() as dialog, ui.card().classes("p-6 gap-3 w-[56rem] max-w-full").mark("about"):
        with ui.row().classes("w-full items-center no-wrap"):
            ui.label(t("conv.about.title", lang)).classes("text-2xl font-bold text-primary grow")
            ui.button(icon="close", on_click=dialog.close).props("flat round").mark("about-close")
        ui.label(card.title).classes("text-lg font-bold")
        ui.label(card.publisher).classes("dk-muted")
        for section in card.introduction:
            _section(section, [link for link in card.sources.links if link.section == section.key])
        ui.label(t("conv.about.sources", lang)).classes("text-xl font-bold text-primary mt-4")
        ui.label(t("conv.about.books", lang)).classes("font-bold")
        with ui.element("ul").classes("list-disc pl-6"):
            for book in card.sources.books:
                with ui.element("li"):
                    ui.label(book)
        ui.label(t("conv.about.links", lang)).classes("font-bold")
        _links(card.sources.links)
    return dialog


def _section(section: IntroSection, links: list[Link]) -> None:
    with ui.column().classes("gap-1 w-full").mark(f"about-{section.key}"):
        if section.heading:
            ui.label(section.heading).classes("text-lg font-bold text-primary mt-2")
        for paragraph in section.paragraphs:
            ui.label(paragraph)
        if section.bullets:
            style = "list-decimal" if section.numbered else "list-disc"
            with ui.element("ol" if section.numbered else "ul").classes(f"{style} pl-6"):
                for bullet in section.bullets:
                    with ui.element("li"):
                        ui.label(bullet)
        for paragraph in section.closing:
            ui.label(paragraph)
        if links:
            _links(links)
        for footnote in section.footnotes:
            ui.label(f"{footnote.marker} {footnote.text}").classes("dk-muted text-sm")


def _links(links: list[Link]) -> None:
    with ui.element("ul").classes("list-disc pl-6"):
        for link in links:
            with ui.element("li"):
                ui.link(link.label, link.url, new_tab=True)
