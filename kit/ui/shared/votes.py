"""The role choice: the four roles with the room's votes as live bars, and the console's voting controls."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from kit.core.card import Card
from kit.core.models import InputState
from kit.i18n import t
from kit.ui.shared.commands import SessionCommands


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


class VotePanel:
    """The console's view of the vote: counts per role (live) and voting open or closed."""

    def __init__(self, commands: SessionCommands, card: Card, step_key: str, input_state: InputState,
                 lang: str) -> None:
        self.lang = lang
        with ui.column().classes("w-full gap-1").mark("vote-panel"):
            with ui.row().classes("items-center gap-4"):
                ui.label(t("conv.votes.title", lang)).classes("font-bold")
                voting = ui.switch(t("conv.votes.open", lang), value=input_state is InputState.OPEN).mark("voting")
                voting.on_value_change(lambda event: commands.set_input(
                    step_key, InputState.OPEN if event.value else InputState.CLOSED))
            self.bars = VoteBars(lang)
            for role in card.roles:
                with ui.row().classes("w-full items-center no-wrap gap-2"):
                    ui.label(f"{role.number}. {role.title}").classes("w-64 shrink-0")
                    self.bars.add(role.number, "console-votes")
            self.total = ui.label().classes("dk-muted text-sm").mark("vote-total")
            ui.label(t("conv.votes.advice", lang)).classes("dk-muted text-sm")

    def show(self, counts: dict[int, int], participants: int) -> None:
        """Show ``counts`` and how many of the ``participants`` voted."""
        self.bars.show(counts)
        self.total.set_text(t("conv.votes.total", self.lang, count=sum(counts.values()), total=participants))
