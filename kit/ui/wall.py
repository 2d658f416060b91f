"""The wall of contribution cards on the projector, changed one card at a time."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from kit.core.models import Contribution

# (most cards, size class): fewer cards get larger type; a wall of hundreds keeps readable type and scrolls.
_SIZES = ((6, "dk-cards--xl"), (16, "dk-cards--l"), (40, "dk-cards--m"))
_SMALLEST = "dk-cards--s"
# Cards live in blocks of this many (laid out as one grid): adding a card sends and re-renders one
# block, not a wall of hundreds, so the cost of a new card does not grow with the wall.
BLOCK_SIZE = 40


def size_class(count: int) -> str:
    """Return the CSS class that sizes a wall of ``count`` cards."""
    return next((name for most, name in _SIZES if count <= most), _SMALLEST)


@dataclass
class _Card:
    element: ui.element
    text: ui.label
    seq: int
    block: ui.element


class CardWall:
    """Cards in the order received; ``apply`` adds, updates or removes the one card that changed."""

    def __init__(self) -> None:
        self.container = ui.element("div").classes("dk-cards").mark("wall")
        self._cards: dict[str, _Card] = {}
        self._blocks: list[ui.element] = []
        self._size = ""
        self._resize()

    def __len__(self) -> int:
        return len(self._cards)

    def reset(self, contributions: list[Contribution], names: dict[str, str | None]) -> None:
        """Show exactly the visible ones of ``contributions`` (a new step, or reveal switched on)."""
        self.container.clear()
        self._cards = {}
        self._blocks = []
        for contribution in contributions:
            if contribution.visible:
                self._add(contribution, names.get(contribution.participant_id))
        self._resize()

    def clear(self) -> None:
        """Remove every card."""
        self.reset([], {})

    def apply(self, contribution: Contribution, name: str | None) -> None:
        """Bring one card up to date with ``contribution`` (added, edited, hidden or withdrawn)."""
        card = self._cards.get(contribution.id)
        if not contribution.visible:
            if card is not None:
                card.block.remove(card.element)
                del self._cards[contribution.id]
        elif card is not None:
            card.text.set_text(contribution.text)
        else:
            self._add(contribution, name)
        self._resize()

    def _add(self, contribution: Contribution, name: str | None) -> None:
        later = [card for card in self._cards.values() if card.seq > contribution.seq]
        if later:  # a card shown again after hiding goes back to its place in the order received
            following = min(later, key=lambda card: card.seq)
            block = following.block
        else:
            if not self._blocks or len(self._blocks[-1].default_slot.children) >= BLOCK_SIZE:
                with self.container:
                    self._blocks.append(ui.element("div").classes("dk-cards-block"))
            block = self._blocks[-1]
        with block, ui.element("div").classes("dk-card").mark("card") as element:
            text = ui.label(contribution.text).classes("dk-card-text")
            if name:
                ui.label(name).classes("dk-card-name")
        if later:
            element.move(block, target_index=block.default_slot.children.index(following.element))
        self._cards[contribution.id] = _Card(element, text, contribution.seq, block)

    def _resize(self) -> None:
        size = size_class(len(self._cards))
        if size != self._size:
            self.container.classes(add=size, remove=self._size or None)
            self._size = size
