"""The room's votes per role as live bars (the projector's tiles are in projector/roles.py, the picker in console/)."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

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

