"""The actions of the evaluation (Actie / Wie betrek je / Wat moet het opleveren) on the projector."""

from __future__ import annotations

from nicegui import ui

from kit.core.models import Contribution
from kit.i18n import t

MANY = 5  # from this many actions on, three narrower columns with smaller type

# The action itself is the contribution's text; the other two lines are its fields.
_LINES = (("action", "conv.actions.action"), ("who", "conv.actions.who"), ("outcome", "conv.actions.outcome"))


def action_lines(contribution: Contribution) -> dict[str, str]:
    """Return the action's three parts (``action``, ``who``, ``outcome``); a missing part is empty."""
    return {"action": contribution.text, "who": contribution.fields.get("who", ""),
            "outcome": contribution.fields.get("outcome", "")}


def action_block(contribution: Contribution, lang: str, name: str | None = None) -> ui.element:
    """Draw one action with its labelled parts (empty parts left out)."""
    parts = action_lines(contribution)
    with ui.element("div").classes("dk-action").mark("action") as block:
        for key, label in _LINES:
            if parts[key]:
                with ui.element("div").classes(f"dk-action-line dk-action-line--{key}"):
                    ui.label(t(label, lang)).classes("dk-action-label")
                    ui.label(parts[key]).classes("dk-action-text").mark(f"action-{key}")
        if name:
            ui.label(name).classes("dk-card-name")
    return block


class ActionList:
    """The actions in the order received; ``apply`` adds, redraws or removes the one that changed."""

    def __init__(self) -> None:
        self.container = ui.element("div").classes("dk-actions").mark("actions")
        self.lang = "nl"
        self._blocks: dict[str, tuple[ui.element, int]] = {}

    def __len__(self) -> int:
        return len(self._blocks)

    def reset(self, contributions: list[Contribution], names: dict[str, str | None], lang: str) -> None:
        """Show exactly the visible ones of ``contributions``, labelled in ``lang``."""
        self.lang = lang
        self.clear()
        for contribution in contributions:
            self.apply(contribution, names.get(contribution.participant_id))

    def clear(self) -> None:
        """Remove every action."""
        self.container.clear()
        self._blocks = {}
        self._resize()

    def apply(self, contribution: Contribution, name: str | None) -> None:
        """Bring one action up to date (added, edited, hidden or withdrawn), in the order received."""
        old = self._blocks.pop(contribution.id, None)
        if old is not None:
            old[0].delete()
        if not contribution.visible:
            self._resize()
            return
        with self.container:
            block = action_block(contribution, self.lang, name)
        position = sum(1 for _, seq in self._blocks.values() if seq < contribution.seq)
        if position < len(self._blocks):
            block.move(self.container, target_index=position)
        self._blocks[contribution.id] = (block, contribution.seq)
        self._resize()

    def _resize(self) -> None:
        if len(self._blocks) >= MANY:
            self.container.classes(add="dk-actions--many")
        else:
            self.container.classes(remove="dk-actions--many")
