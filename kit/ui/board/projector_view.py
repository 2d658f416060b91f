"""The projector's discussion view, "Overeenkomsten en verschillen": an overview of group tiles, or one group large.

It replaces the wall while the console's "show groups" switch is on for the current step. The overview
shows every group as a numbered tile (label, contributions and people, one representative contribution,
how the room reacted) and "eigen geluid" in a column of its own; the facilitator opens one group to
show all of its cards. Both turn pages in the browser instead of scrolling (``pager.js``).

Tiles keep their place: reactions and late contributions change a tile's text, never its position. The
order is set when the view opens and when the facilitator sorts it ("most shared" or "most contested").
The page hands its event batches to ``apply``; the view redraws at most every ``FLUSH_INTERVAL`` seconds,
and at once when the facilitator opens a group or sorts (a :class:`~kit.core.events.DiscussionChanged`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nicegui import ui

from kit.core import events
from kit.core.difference import divided_by
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.core.events import DiscussionSort
from kit.core.models import Contribution
from kit.core.screen import Shown, shown_on_screen
from kit.i18n import t
from kit.ui.board.view import ALONE, BoardView, GroupView, read_board
from kit.ui.projector.fit import CARDS, GROUPS, fit_list
from kit.ui.shared.flags import ScreenFlags
from kit.ui.shared.hyphens import hyphenate
from kit.ui.shared.snapshot import StepSnapshot
from kit.ui.shared.theme import stylesheet

FLUSH_INTERVAL = 0.2
_EVENTS = (
    events.BoardChanged, events.GroupsShown, events.ReactionChanged, events.ContributionAdded,
    events.ContributionChanged, events.EventsMissed,
)
DIFFER_MARK = "≠"
ALONE_NUMBER = "0"


@dataclass
class _Summary:
    """The parts that describe one group: used by a tile and by the focused group's heading."""

    number: ui.label
    label: ui.label
    mark: ui.label
    meta: ui.label
    bar_yes: ui.element
    bar_no: ui.element
    split: ui.element
    split_text: ui.label


@dataclass
class _Tile:
    element: ui.element
    summary: _Summary
    quote: ui.label
    contested: bool = False


@dataclass
class _Card:
    element: ui.element
    text: ui.label
    split: ui.label
    contested: bool = False


@dataclass
class _Focus:
    key: str | None = None
    cards: dict[str, _Card] = field(default_factory=dict)


def group_order(groups: tuple[GroupView, ...], sort: DiscussionSort) -> list[str]:
    """Return the group keys in the overview's order for ``sort`` (ties keep the board's order)."""
    index = {group.key: number for number, group in enumerate(groups)}
    if sort is DiscussionSort.CONTESTED:
        ranked = sorted(groups, key=lambda g: (not g.contested, -divided_by(g.recognise, g.differ),
                                               -(g.recognise + g.differ), index[g.key]))
    else:
        ranked = sorted(groups, key=lambda g: (-g.recognise, -g.people, -len(g.members), index[g.key]))
    return [group.key for group in ranked]


def representative(group: GroupView, counts: dict[str, tuple[int, int]]) -> Contribution | None:
    """Return the member most people recognise (the first one on a tie), None for an empty group."""
    if not group.members:
        return None
    return max(group.members, key=lambda c: (counts.get(c.id, (0, 0))[0], -group.members.index(c)))


class GroupedWall:
    """The discussion view of the projector's current step; hides ``wall`` while it is shown."""

    def __init__(self, engine: Engine, session_id: str, flags: ScreenFlags, *, screen: ui.element,
                 wall: ui.element) -> None:
        self.engine = engine
        self.session_id = session_id
        self.flags = flags
        self.screen = screen
        self.wall = wall
        self.snapshot: StepSnapshot | None = None
        self.text_lang = "nl"  # the card's language: labels and contributions are hyphenated by it
        self.view: BoardView | None = None
        self.active = False
        self.order: list[str] = []
        self._sorted_by: DiscussionSort | None = None
        self._tiles: dict[str, _Tile] = {}
        self._focus = _Focus()
        self._dirty = False
        ui.add_css(stylesheet("board/projector.css"))
        with ui.element("div").classes("dk-grouped").mark("grouped") as self.root:
            with ui.element("div").classes("dk-grouped-head"):
                self.sorted_label = ui.label().classes("dk-grouped-sort").mark("overview-sort")
                with ui.element("div").classes("dk-legend").mark("legend"):
                    with ui.element("div").classes("dk-legend-item"):
                        ui.label(DIFFER_MARK).classes("dk-differ-mark")
                        self.legend = ui.label().classes("dk-legend-text").mark("differ-legend")
                    with ui.element("div").classes("dk-legend-item"):
                        ui.element("span").classes("dk-alone-swatch")
                        self.legend_alone = ui.label().classes("dk-legend-text").mark("alone-legend")
            with ui.element("div").classes("dk-overview").mark("overview") as self.overview:
                self.tiles = ui.element("div").classes("dk-tiles").mark("tiles")
                self.alone_tile = self._build_tile(ALONE, self.overview)
            with ui.element("div").classes("dk-focus").mark("focus") as self.focus:
                with ui.element("div").classes("dk-focus-head"):
                    self.focus_summary = self._build_summary("dk-focus")
                    self.focus_position = ui.label().classes("dk-focus-position").mark("focus-position")
                self.focus_cards = ui.element("div").classes("dk-focus-cards").mark("focus-cards")
        self.root.set_visibility(False)
        self.focus.set_visibility(False)
        ui.timer(FLUSH_INTERVAL, self._flush)

    # the page's contract

    def follow(self, snapshot: StepSnapshot) -> None:
        """Take the projector's current step (after it was drawn again) and show or hide the view.

        The tiles stay, in their order, while the board stays the same (a pause or a reveal redraws the
        page; stepping to the start question and back hides and shows them).
        """
        if self.snapshot is None or self.snapshot.shows != snapshot.shows:
            self._clear()
        self.snapshot = snapshot
        self.text_lang = snapshot.card.language
        lang = snapshot.session.language
        self.legend.set_text(t("disc.legend_contested", lang))
        self.legend_alone.set_text(t("disc.legend_alone", lang))
        fit_list(self.tiles, GROUPS, lang)
        fit_list(self.focus_cards, CARDS, lang)
        self._refresh()

    def apply(self, batch: list[events.Event]) -> None:
        """Take a batch of the session's events; a new discussion view shows at once, other changes on the next tick.

        A group opened or closed, or another order, is drawn now; board, reaction and contribution
        changes are caught up at most every ``FLUSH_INTERVAL`` seconds.
        """
        if any(isinstance(event, events.DiscussionChanged) for event in batch) and self.snapshot is not None:
            self._dirty = False
            self._refresh()
        elif any(isinstance(event, _EVENTS) for event in batch):
            self._dirty = True

    # keys (the facilitator's, on the projector)

    def keys(self) -> list[str]:
        """Return the keys of what can be opened, in the order shown: the groups, then "eigen geluid"."""
        if self.view is None:
            return []
        return [*self.order, *([ALONE] if self.view.alone.members else [])]

    def open_number(self, number: int) -> bool:
        """Open the group numbered ``number`` on the tiles (0 is "eigen geluid"); False when there is none."""
        keys = self.keys()
        if not self.active or self.snapshot is None:
            return False
        if number == 0:
            key = ALONE if ALONE in keys else None
        else:
            key = self.order[number - 1] if 0 < number <= len(self.order) else None
        if key is None:
            return False
        self.flags.open_group(self.session_id, self.snapshot.step.key, key)
        return True

    def opened(self) -> str | None:
        """Return the key of the group open on this step, or None on the overview."""
        if self.snapshot is None or not self.active:
            return None
        key = self.flags.discussion(self.session_id).opened(self.snapshot.step.key)
        return key if key in self.keys() else None

    def step_focus(self, delta: int) -> bool:
        """Open the next (``delta`` 1) or previous (-1) group while one is open; False on the overview."""
        key = self.opened()
        if key is None or self.snapshot is None:
            return False
        keys = self.keys()
        self.flags.open_group(self.session_id, self.snapshot.step.key, keys[(keys.index(key) + delta) % len(keys)])
        return True

    def close(self) -> bool:
        """Go back to the overview; False when no group was open."""
        if self.opened() is None or self.snapshot is None:
            return False
        self.flags.open_group(self.session_id, self.snapshot.step.key, None)
        return True

    # drawing

    def _flush(self) -> None:
        if self._dirty and self.snapshot is not None:
            self._dirty = False
            self._refresh()

    def _shown(self) -> bool:
        """True when the screen shows the groups (the rule phones follow too: kit/core/screen.py)."""
        snapshot = self.snapshot
        if snapshot is None:
            return False
        try:
            groups = self.engine.boards.groups_shown(self.session_id, snapshot.step.key)
        except Refused:
            return False
        return shown_on_screen(snapshot.step, revealed=snapshot.revealed, groups_shown=groups) is Shown.GROUPS

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
        self.view = view
        self.active = view is not None
        self.root.set_visibility(self.active)
        self.wall.set_visibility(not self.active)
        if self.active:
            self.screen.classes(add="dk-screen--grouped")
        else:
            self.screen.classes(remove="dk-screen--grouped")
        if view is not None and snapshot is not None:
            self._draw(view, snapshot.session.language)

    def _draw(self, view: BoardView, lang: str) -> None:
        sort = self.flags.discussion(self.session_id).sort
        self._place_tiles(view, sort)
        self.sorted_label.set_text(t(f"disc.sorted.{sort.value}", lang))
        by_key = {group.key: group for group in view.groups}
        for number, key in enumerate(self.order, start=1):
            self._fill_tile(self._tiles[key], by_key[key], str(number), view, lang)
        self._fill_tile(self.alone_tile, view.alone, ALONE_NUMBER, view, lang)
        self.alone_tile.element.set_visibility(bool(view.alone.members))
        opened = self.opened()
        if opened is None and not view.groups and view.alone.members:
            opened = ALONE  # no groups yet: the overview would be one tile, so show its cards
        self.overview.set_visibility(opened is None)
        self.focus.set_visibility(opened is not None)
        if opened is None:
            self._clear_focus()
        else:
            group = view.alone if opened == ALONE else by_key[opened]
            self._draw_focus(group, view, lang)

    def _place_tiles(self, view: BoardView, sort: DiscussionSort) -> None:
        """Keep each tile where it is; a new group goes at the end, a re-sort sets a new order."""
        keys = [group.key for group in view.groups]
        if sort is not self._sorted_by or not self.order:
            self.order = group_order(view.groups, sort)
            self._sorted_by = sort
            self.tiles.props(f'data-epoch="{sort.value}-{len(self.order)}"')
        else:
            self.order = [key for key in self.order if key in keys] + [key for key in keys if key not in self.order]
        for key in [key for key in self._tiles if key not in self.order]:
            self._tiles.pop(key).element.delete()
        for index, key in enumerate(self.order):
            tile = self._tiles.get(key)
            if tile is None:
                tile = self._tiles[key] = self._build_tile(key, self.tiles)
            _move_to(tile.element, self.tiles, index)

    def _fill_tile(self, tile: _Tile, group: GroupView, number: str, view: BoardView, lang: str) -> None:
        self._fill_summary(tile.summary, group, number, lang, split="disc.split_short")
        chosen = representative(group, view.counts)
        _set_text(tile.quote, hyphenate(chosen.text, self.text_lang) if chosen else "")
        contested = group.contested and group.key != ALONE
        if contested != tile.contested:  # the tile's colour; the mark itself is in the summary
            tile.contested = contested
            tile.element.classes(**{"add" if contested else "remove": "dk-tile--contested"})

    def _fill_summary(self, summary: _Summary, group: GroupView, number: str, lang: str, *, split: str) -> None:
        _set_text(summary.number, number)
        _set_text(summary.label, hyphenate(group.label, self.text_lang))
        count = len(group.members)
        if group.key == ALONE:
            meta = t("disc.alone_count_one", lang) if count == 1 else t("disc.alone_count", lang, count=count)
        else:
            meta = " · ".join((
                t("disc.contributions_one", lang) if count == 1 else t("disc.contributions", lang, count=count),
                t("disc.people_one", lang) if group.people == 1 else t("disc.people", lang, count=group.people),
            ))
        _set_text(summary.meta, meta)
        summary.mark.set_visibility(group.contested and group.key != ALONE)
        reacted = group.recognise + group.differ
        summary.split.set_visibility(reacted > 0 and group.key != ALONE)
        if reacted:
            summary.bar_yes.style(f"flex-grow:{group.recognise}")
            summary.bar_no.style(f"flex-grow:{group.differ}")
            _set_text(summary.split_text, t(split, lang, recognise=group.recognise, differ=group.differ))

    def _draw_focus(self, group: GroupView, view: BoardView, lang: str) -> None:
        if self._focus.key != group.key:
            self._clear_focus()
            self._focus.key = group.key
            self.focus_cards.props(f'data-epoch="{group.key}"')
        keys = self.keys()
        number = ALONE_NUMBER if group.key == ALONE else str(self.order.index(group.key) + 1)
        self._fill_summary(self.focus_summary, group, number, lang, split="disc.split")
        self.focus.classes(**{"add" if group.contested and group.key != ALONE else "remove": "dk-focus--contested"})
        self.focus.classes(**{"add" if group.key == ALONE else "remove": "dk-focus--alone"})
        _set_text(self.focus_position, t("disc.focus_position", lang, number=keys.index(group.key) + 1,
                                         total=len(keys)) + " · " + t("disc.focus_back", lang))
        wanted = {member.id for member in group.members}
        for cid in [cid for cid in self._focus.cards if cid not in wanted]:
            self._focus.cards.pop(cid).element.delete()
        for index, member in enumerate(group.members):
            card = self._focus.cards.get(member.id)
            if card is None:
                card = self._focus.cards[member.id] = self._build_card(member.id)
            _move_to(card.element, self.focus_cards, index)
            _set_text(card.text, hyphenate(member.text, self.text_lang))
            yes, no = view.counts.get(member.id, (0, 0))
            _set_text(card.split, t("disc.split_short", lang, recognise=yes, differ=no) if yes or no else "")
            card.split.set_visibility(bool(yes or no))
            contested = member.id in view.differ
            if contested != card.contested:
                card.contested = contested
                card.element.classes(**{"add" if contested else "remove": "dk-fcard--contested"})

    def _build_summary(self, prefix: str) -> _Summary:
        with ui.element("div").classes(f"{prefix}-title dk-summary-title"):
            number = ui.label().classes("dk-group-number").mark("group-number")
            label = ui.label().classes("dk-group-label").mark("group-label")
            mark = ui.label(DIFFER_MARK).classes("dk-differ-mark").mark("contested-mark")
        meta = ui.label().classes("dk-group-meta").mark("group-meta")
        with ui.element("div").classes("dk-split").mark("group-split") as split:
            with ui.element("div").classes("dk-split-bar"):
                yes = ui.element("span").classes("dk-split-yes")
                no = ui.element("span").classes("dk-split-no")
            split_text = ui.label().classes("dk-split-text")
        return _Summary(number, label, mark, meta, yes, no, split, split_text)

    def _build_tile(self, key: str, parent: ui.element) -> _Tile:
        alone = " dk-tile--alone" if key == ALONE else " dk-pitem"
        with parent, ui.element("div").classes(f"dk-tile{alone}").mark(f"tile-{key}") as element:
            summary = self._build_summary("dk-tile")
            quote = ui.label().classes("dk-tile-quote").mark("tile-quote")
        return _Tile(element, summary, quote)

    def _build_card(self, contribution_id: str) -> _Card:
        with self.focus_cards, ui.element("div").classes("dk-fcard dk-pitem").mark(f"fcard-{contribution_id}") as el:
            text = ui.label().classes("dk-fcard-text")
            split = ui.label().classes("dk-fcard-split").mark("card-split")
            ui.label(DIFFER_MARK).classes("dk-differ-mark dk-fcard-mark")
        return _Card(el, text, split)

    def _clear_focus(self) -> None:
        if self._focus.cards:
            self.focus_cards.clear()
        self._focus = _Focus()

    def _clear(self) -> None:
        self.tiles.clear()
        self._tiles = {}
        self.order = []
        self._sorted_by = None
        self._clear_focus()


def _move_to(element: ui.element, container: ui.element, index: int) -> None:
    """Put ``element`` at ``index`` in ``container`` unless it is already there (moves are sent to the browser)."""
    children = container.default_slot.children
    if element.parent_slot is container.default_slot and index < len(children) and children[index] is element:
        return
    element.move(container, target_index=index)


def _set_text(label: ui.label, text: str) -> None:
    if label.text != text:
        label.set_text(text)
