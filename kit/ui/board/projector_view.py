"""The projector's grouped view, "Overeenkomsten en verschillen": groups as labelled tiles.

It replaces the wall while the console's "show groups" switch is on for the current step. Switch,
board, reaction and contribution events are collected and applied at most every 0.2 s, and an update
only touches the tiles and cards that changed (cards move between tiles, they are not redrawn).
"""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from kit.core import events
from kit.core.boards import groupable
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.i18n import t
from kit.ui.board.view import ALONE, BoardView, GroupView, read_board
from kit.ui.shared.live import LiveFeed, for_session
from kit.ui.shared.snapshot import StepSnapshot
from kit.ui.shared.theme import stylesheet

FLUSH_INTERVAL = 0.2
_EVENTS = (
    events.BoardChanged, events.GroupsShown, events.ReactionChanged, events.ContributionAdded,
    events.ContributionChanged,
)
DIFFER_MARK = "≠"
ROOMY_MOST = 30  # up to this many cards the view uses larger type in wider columns


@dataclass
class _Tile:
    element: ui.element
    label: ui.label
    count: ui.label
    recognised: ui.label
    cards: ui.element


@dataclass
class _Card:
    element: ui.element
    text: ui.label
    split: ui.label
    differ: bool = False


class GroupedWall:
    """The grouped view of the projector's current step; hides ``wall`` while it is shown."""

    def __init__(self, engine: Engine, session_id: str, *, screen: ui.element, wall: ui.element) -> None:
        self.engine = engine
        self.session_id = session_id
        self.screen = screen
        self.wall = wall
        self.snapshot: StepSnapshot | None = None
        self.active = False
        self._tiles: dict[str, _Tile] = {}
        self._cards: dict[str, _Card] = {}
        ui.add_css(stylesheet("board/projector.css"))
        with ui.element("div").classes("dk-grouped").mark("grouped") as self.root:
            with ui.element("div").classes("dk-grouped-head"):
                self.title = ui.label().classes("dk-grouped-title")
                with ui.element("div").classes("dk-legend"):
                    ui.label(DIFFER_MARK).classes("dk-differ-mark")
                    self.legend = ui.label().classes("dk-legend-text").mark("differ-legend")
            self.tiles = ui.element("div").classes("dk-tiles").mark("tiles")
        self.root.set_visibility(False)
        LiveFeed(engine.bus, for_session(session_id), self._on_batch, interval=FLUSH_INTERVAL)

    def follow(self, snapshot: StepSnapshot) -> None:
        """Take the projector's current step (after it was drawn again) and show or hide the view."""
        self.snapshot = snapshot
        lang = snapshot.session.language
        self.title.set_text(t("boardui.title", lang))
        self.legend.set_text(t("boardui.legend_difference", lang))
        self._clear()
        self._refresh()

    def _on_batch(self, batch: list[events.Event]) -> None:
        if self.snapshot is not None and any(isinstance(event, _EVENTS) for event in batch):
            self._refresh()

    def _shown(self) -> bool:
        snapshot = self.snapshot
        if snapshot is None or not groupable(snapshot.step) or not snapshot.revealed:
            return False
        try:
            return self.engine.boards.groups_shown(self.session_id, snapshot.step.key)
        except Refused:
            return False

    def _refresh(self) -> None:
        """Show the board as it is now, or give the screen back to the wall."""
        snapshot = self.snapshot
        view = None
        if snapshot is not None and self._shown():
            try:
                view = read_board(self.engine, self.session_id, snapshot.step.key,
                                  t("board.alone", snapshot.session.language))
            except Refused:
                view = None
        self.active = view is not None
        self.root.set_visibility(self.active)
        self.wall.set_visibility(not self.active)
        if self.active:
            self.screen.classes(add="dk-screen--grouped")
        else:
            self.screen.classes(remove="dk-screen--grouped")
            self._clear()
        if view is not None:
            self._apply(view)

    def _apply(self, view: BoardView) -> None:
        lang = self.snapshot.session.language if self.snapshot else "nl"
        columns = view.columns
        wanted = {column.key for column in columns}
        for index, column in enumerate(columns):
            tile = self._tiles.get(column.key) or self._add_tile(column.key)
            _move_to(tile.element, self.tiles, index)
            self._fill_tile(tile, column, view, lang)
        placed = {c.id for column in columns for c in column.members}
        if len(placed) <= ROOMY_MOST:
            self.tiles.classes(add="dk-tiles--roomy")
        else:
            self.tiles.classes(remove="dk-tiles--roomy")
        for cid in [cid for cid in self._cards if cid not in placed]:
            self._cards.pop(cid).element.delete()
        for key in [key for key in self._tiles if key not in wanted]:
            self._tiles.pop(key).element.delete()

    def _fill_tile(self, tile: _Tile, column: GroupView, view: BoardView, lang: str) -> None:
        _set_text(tile.label, column.label)
        _set_text(tile.count, str(len(column.members)))
        tile.count.props(f'aria-label="{_count_text(len(column.members), lang)}"')
        recognised = t("board.recognised_by", lang, count=column.recognise) if column.recognise else ""
        _set_text(tile.recognised, recognised)
        tile.recognised.set_visibility(bool(recognised))
        for index, contribution in enumerate(column.members):
            card = self._cards.get(contribution.id)
            if card is None:
                card = self._add_card(contribution.id, tile)
            _move_to(card.element, tile.cards, index)
            _set_text(card.text, contribution.text)
            differ = contribution.id in view.differ
            if differ != card.differ:
                card.differ = differ
                card.element.classes(**{"add" if differ else "remove": "dk-gcard--differ"})
            yes, no = view.counts.get(contribution.id, (0, 0))
            _set_text(card.split, t("boardui.card_split", lang, recognise=yes, differ=no) if differ else "")
            card.split.set_visibility(differ)

    def _add_tile(self, key: str) -> _Tile:
        alone = " dk-group--alone" if key == ALONE else ""
        with self.tiles, ui.element("div").classes(f"dk-group{alone}").mark(f"tile-{key}") as element:
            with ui.element("div").classes("dk-group-head"):
                label = ui.label().classes("dk-group-label").mark("group-label")
                count = ui.label().classes("dk-group-count").mark("group-count")
            recognised = ui.label().classes("dk-group-recognised").mark("group-recognised")
            cards = ui.element("div").classes("dk-group-cards")
        tile = self._tiles[key] = _Tile(element, label, count, recognised, cards)
        return tile

    def _add_card(self, contribution_id: str, tile: _Tile) -> _Card:
        with tile.cards, ui.element("div").classes("dk-gcard").mark(f"gcard-{contribution_id}") as element:
            text = ui.label().classes("dk-gcard-text")
            split = ui.label().classes("dk-gcard-split").mark("differ-counts")
            ui.label(DIFFER_MARK).classes("dk-differ-mark dk-gcard-mark")
        card = self._cards[contribution_id] = _Card(element, text, split)
        return card

    def _clear(self) -> None:
        self.tiles.clear()
        self._tiles = {}
        self._cards = {}


def _move_to(element: ui.element, container: ui.element, index: int) -> None:
    """Put ``element`` at ``index`` in ``container`` unless it is already there (moves are sent to the browser)."""
    children = container.default_slot.children
    if element.parent_slot is container.default_slot and index < len(children) and children[index] is element:
        return
    element.move(container, target_index=index)


def _set_text(label: ui.label, text: str) -> None:
    if label.text != text:
        label.set_text(text)


def _count_text(count: int, lang: str) -> str:
    return t("boardui.count_one", lang) if count == 1 else t("boardui.count", lang, count=count)
