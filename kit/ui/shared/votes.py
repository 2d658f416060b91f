"""The role choice: the four roles with the room's votes as live bars (the console's picker is in console/)."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from kit.core.card import Card
from kit.i18n import t


def vote_text(count: int, lang: str) -> str:
    """Return "1 stem" / "3 stemmen" in ``lang``."""
    return t("conv.votes.count_one", lang) if count == 1 else t("conv.votes.count", lang, count=count)


def bar_width(count: int, counts: dict[int, int]) -> float:
    """Return a bar's width in percent: the leading role fills the bar, the others in proportion."""
    most = max(counts.values(), default=0)
    return 100.0 * count / most if most else 0.0


@dataclass
class _Bar:
    fill: ui.element
    label: ui.label


class VoteBars:
    """One bar and count per role; ``show`` moves only the bars (no redraw of the tiles)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._bars: dict[int, _Bar] = {}

    def add(self, role: int, marker: str) -> None:
        """Draw the bar of ``role`` here (in the current layout context)."""
        with ui.element("div").classes("dk-vote"):
            with ui.element("div").classes("dk-vote-track"):
                fill = ui.element("div").classes("dk-vote-fill")
            label = ui.label().classes("dk-vote-count").mark(f"{marker}-{role}")
        self._bars[role] = _Bar(fill, label)

    def show(self, counts: dict[int, int]) -> None:
        """Set every bar to ``counts`` (votes per role)."""
        for role, bar in self._bars.items():
            count = counts.get(role, 0)
            bar.fill.style(f"width: {bar_width(count, counts):.0f}%")
            bar.label.set_text(vote_text(count, self.lang))


def role_tiles(card: Card, chosen: int | None, lang: str) -> VoteBars:
    """Show the card's roles (number, title, description) each with its vote bar; ``chosen`` stands out."""
    bars = VoteBars(lang)
    with ui.element("div").classes("dk-roles").mark("roles"):
        for role in card.roles:
            state = "" if chosen is None else (" dk-role--chosen" if role.number == chosen else " dk-role--other")
            with ui.element("div").classes(f"dk-role{state}").mark(f"role-{role.number}"):
                with ui.element("div").classes("dk-role-head"):
                    ui.label(str(role.number)).classes("dk-role-number")
                    ui.label(role.title).classes("dk-role-title")
                # The bar sits above the description so the votes stay in view when a description is cut short.
                bars.add(role.number, "votes")
                ui.label(role.description).classes("dk-role-description")
    return bars
