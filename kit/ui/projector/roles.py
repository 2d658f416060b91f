"""The role choice on the projector: every role whole (number, title, votes, description), fitted and paged."""

from __future__ import annotations

from nicegui import ui

from kit.core.card import Card
from kit.ui.projector.fit import ROLES, fit_list
from kit.ui.shared.votes import VoteBars


def role_tiles(card: Card, chosen: int | None, lang: str) -> VoteBars:
    """Draw the card's roles, each with its vote bar and its whole description; ``chosen`` stands out.

    The tiles are a fitted list (``fit.py``): the browser gives the descriptions the largest type at
    which all four fit, and pages them where they do not, so no description is ever cut short.
    """
    bars = VoteBars(lang)
    with fit_list(ui.element("div").classes("dk-roles").mark("roles"), ROLES, lang):
        for role in card.roles:
            state = "" if chosen is None else (" dk-role--chosen" if role.number == chosen else " dk-role--other")
            with ui.element("div").classes(f"dk-role dk-pitem{state}").mark(f"role-{role.number}"):
                with ui.element("div").classes("dk-role-head"):
                    ui.label(str(role.number)).classes("dk-role-number")
                    ui.label(role.title).classes("dk-role-title")
                bars.add(role.number, "votes")
                ui.label(role.description).classes("dk-role-description")
    return bars
