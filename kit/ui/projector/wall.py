"""The wall of contribution cards on the projector, changed one card at a time."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from kit.core.models import Contribution
from kit.i18n import t
from kit.ui.projector.fit import CARDS, fit_list
from kit.ui.shared.hyphens import hyphenate

# The browser chooses the cards' type size and columns to fill the screen, and turns pages where they do
# not fit (kit/ui/projector/fit.py, pager.js), never shrinking the type below what the back of the room reads.
# Cards live in blocks of this many (laid out as one grid): adding a card sends and re-renders one
# block, not a wall of hundreds, so the cost of a new card does not grow with the wall.
BLOCK_SIZE = 40
# The wall shows the newest this many; older ones are counted above it. Nobody reads more from the
# back of a room, and the browser's layout work grows with every card on the page.
MAX_CARDS = 500
# Past the limit the oldest tenth goes at once: each removal makes the projector's pager measure the
# whole wall again, which it then does once per 50 new cards instead of once per card.
DROP_SHARE = 10


@dataclass
class _Card:
    element: ui.element
    text: ui.label
    seq: int
    block: ui.element
    name: str | None


class CardWall:
    """Cards in the order received; ``apply`` adds, updates or removes the one card that changed."""

    def __init__(self, lang: str = "nl", limit: int | None = None) -> None:
        self.lang = lang
        self.text_lang = "nl"  # the card's language: the room's texts are hyphenated by it
        self.limit = limit if limit is not None else MAX_CARDS
        self.container = fit_list(ui.element("div").classes("dk-cards").mark("wall"), CARDS, lang)
        self._cards: dict[str, _Card] = {}
        self._blocks: list[ui.element] = []
        self._visible: set[str] = set()
        self._earlier: ui.label | None = None
        self._epoch = ""
        self._shown = ("", "")
        self._turns = 0  # a new number each time the wall shows another step: the pager starts at page 1
        self._show_earlier()

    def __len__(self) -> int:
        return len(self._cards)

    def reset(
        self, contributions: list[Contribution], names: dict[str, str | None], epoch: str = "", view: str = ""
    ) -> None:
        """Show exactly the visible ones of ``contributions`` (a new step, or reveal switched on).

        ``epoch`` names whose contributions the wall shows: while it stays the same, the cards stay and
        only the ones that changed are touched (stepping between the start question and its group view
        sends nothing but a class). ``view`` names the step showing them; the pager starts at its first
        page when either changes.
        """
        if (epoch, view) != self._shown:
            self._shown, self._turns = (epoch, view), self._turns + 1
        fit_list(self.container, CARDS, self.lang).props(f'data-epoch="{self._turns}"')
        if epoch != self._epoch or not epoch:
            self._epoch = epoch
            self.container.clear()
            self._cards = {}
            self._blocks = []
            self._earlier = None
            self._visible = set()
        for contribution in self._kept(contributions):
            self.apply(contribution, names.get(contribution.participant_id), count=False)
        self._show_earlier()

    def _kept(self, contributions: list[Contribution]) -> list[Contribution]:
        """Return ``contributions`` with the newest ``limit`` visible ones last, so none is added and dropped."""
        visible = [contribution for contribution in contributions if contribution.visible]
        self._visible = {contribution.id for contribution in visible}
        gone = [contribution for contribution in contributions if not contribution.visible]
        return [*gone, *visible[-self.limit:]]

    def holds(self, epoch: str) -> bool:
        """True when the wall holds the cards of ``epoch`` (the step whose contributions it shows)."""
        return bool(epoch) and self._epoch == epoch

    def clear(self) -> None:
        """Remove every card."""
        self.reset([], {})

    def apply(self, contribution: Contribution, name: str | None, *, count: bool = True) -> None:
        """Bring one card up to date with ``contribution`` (added, edited, hidden or withdrawn)."""
        card = self._cards.get(contribution.id)
        if card is not None and (not contribution.visible or card.name != name):
            card.block.remove(card.element)
            del self._cards[contribution.id]
            card = None
        if not contribution.visible:
            self._visible.discard(contribution.id)
        elif card is not None:
            text = hyphenate(contribution.text, self.text_lang)
            if card.text.text != text:
                card.text.set_text(text)
        else:
            self._visible.add(contribution.id)
            oldest = min((other.seq for other in self._cards.values()), default=0)
            if len(self._cards) < self.limit or contribution.seq > oldest:
                self._add(contribution, name)
                if len(self._cards) > self.limit:
                    self._drop_oldest(len(self._cards) - self.limit + self.limit // DROP_SHARE)
        if count:
            self._show_earlier()

    def _drop_oldest(self, count: int) -> None:
        dropped = sorted(self._cards.items(), key=lambda item: item[1].seq)[:count]
        for key, _ in dropped:
            del self._cards[key]
        gone = {card.element.id for _, card in dropped}
        for block in {card.block.id: card.block for _, card in dropped}.values():
            if block not in self._blocks:
                continue
            if all(child.id in gone for child in block.default_slot.children):
                self._blocks.remove(block)  # a whole block goes in one change of the wall
                self.container.remove(block)
            else:
                for child in [child for child in block.default_slot.children if child.id in gone]:
                    block.remove(child)

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
        shown = hyphenate(contribution.text, self.text_lang)
        with block:
            if name:
                with ui.element("div").classes("dk-card dk-pitem").mark("card") as element:
                    text = ui.label(shown).classes("dk-card-text")
                    ui.label(name).classes("dk-card-name")
            else:  # one element: the browser renders every element of the page again on each change
                element = text = ui.label(shown).classes("dk-card dk-pitem dk-card-text").mark("card")
        if later:
            element.move(block, target_index=block.default_slot.children.index(following.element))
        self._cards[contribution.id] = _Card(element, text, contribution.seq, block, name)

    def _show_earlier(self) -> None:
        earlier = len(self._visible) - len(self._cards)
        if earlier > 0:
            if self._earlier is None:
                with self.container:
                    self._earlier = ui.label().classes("dk-cards-earlier").mark("earlier")
                self._earlier.move(self.container, target_index=0)
            key = "ui.projector.earlier_one" if earlier == 1 else "ui.projector.earlier"
            self._earlier.set_text(t(key, self.lang, count=earlier))
        elif self._earlier is not None:
            self.container.remove(self._earlier)
            self._earlier = None
