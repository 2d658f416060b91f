"""The actions of the evaluation (Actie / Wie betrek je / Wat moet het opleveren) on the projector."""

from __future__ import annotations

from nicegui import ui

from kit.core.models import Contribution
from kit.i18n import t
from kit.ui.projector.fit import ACTIONS, fit_list

# The action itself is the contribution's text; the other two lines are its fields.
_LINES = (("action", "conv.actions.action"), ("who", "conv.actions.who"), ("outcome", "conv.actions.outcome"))


def action_lines(contribution: Contribution) -> dict[str, str]:
    """Return the action's three parts (``action``, ``who``, ``outcome``); a missing part is empty."""
    return {"action": contribution.text, "who": contribution.fields.get("who", ""),
            "outcome": contribution.fields.get("outcome", "")}


def action_block(contribution: Contribution, lang: str, name: str | None = None) -> ui.element:
    """Draw one action with its labelled parts (empty parts left out), an item of a fitted list."""
    parts = action_lines(contribution)
    with ui.element("div").classes("dk-action dk-pitem").mark("action") as block:
        for key, label in _LINES:
            if parts[key]:
                with ui.element("div").classes(f"dk-action-line dk-action-line--{key}"):
                    ui.label(t(label, lang)).classes("dk-action-label")
                    ui.label(parts[key]).classes("dk-action-text").mark(f"action-{key}")
        if name:
            ui.label(name).classes("dk-card-name")
    return block


class ActionList:
    """The actions in the order received, fitted and paged; ``apply`` adds, redraws or removes the one that changed."""

    def __init__(self) -> None:
        self.lang = "nl"
        self.container = fit_list(ui.element("div").classes("dk-actions").mark("actions"), ACTIONS, self.lang)
        self._blocks: dict[str, tuple[ui.element, int]] = {}

    def __len__(self) -> int:
        return len(self._blocks)

    def reset(self, contributions: list[Contribution], names: dict[str, str | None], lang: str) -> None:
        """Show exactly the visible ones of ``contributions``, labelled in ``lang``."""
        self.lang = lang
        fit_list(self.container, ACTIONS, lang)
        self.clear()
        for contribution in contributions:
            self.apply(contribution, names.get(contribution.participant_id))

    def clear(self) -> None:
        """Remove every action."""
        self.container.clear()
        self._blocks = {}

    def apply(self, contribution: Contribution, name: str | None) -> None:
        """Bring one action up to date (added, edited, hidden or withdrawn), in the order received."""
        old = self._blocks.pop(contribution.id, None)
        if old is not None:
            old[0].delete()
        if not contribution.visible:
            return
        with self.container:
            block = action_block(contribution, self.lang, name)
        position = sum(1 for _, seq in self._blocks.values() if seq < contribution.seq)
        if position < len(self._blocks):
            block.move(self.container, target_index=position)
        self._blocks[contribution.id] = (block, contribution.seq)
