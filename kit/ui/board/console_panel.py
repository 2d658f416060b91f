"""The console's group board: a workspace to arrange the room's contributions and drive the screen.

The facilitator has the last word: every change goes through ``engine.boards``, which keeps
manual decisions when suggestions are recomputed. Board work runs in a worker thread (a
suggestion takes up to a few hundred milliseconds, and holds the board's lock meanwhile). The page
hands over its bus batches; the board marks itself stale and catches up at most every 0.3 s,
moving tiles and cards that changed place and touching only texts that changed.
"""

from __future__ import annotations

from collections.abc import Callable

from nicegui import run, ui
from nicegui.events import ValueChangeEventArguments

from kit.core import events
from kit.core.boards import groupable
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.core.models import Contribution
from kit.i18n import t
from kit.ui.board.console_learning import LearningLists
from kit.ui.board.console_pieces import NEW_GROUP, BoardCard, GroupTile, move_to, new_group_zone
from kit.ui.board.console_screen import ScreenControls
from kit.ui.board.view import ALONE, BoardView, GroupView, read_board
from kit.ui.shared.commands import notify_refusal
from kit.ui.shared.flags import ScreenFlags
from kit.ui.shared.snapshot import StepSnapshot
from kit.ui.shared.theme import stylesheet

FLUSH_INTERVAL = 0.3
_CHANGES = (events.BoardChanged, events.ContributionAdded, events.ContributionChanged, events.ReactionChanged,
            events.EventsMissed)
_NUMBERED = 9  # groups 1-9 have a key; "eigen geluid" is 0, a new group N


class BoardPanel:
    """The group board of the console's current step (hidden on steps without one)."""

    def __init__(self, engine: Engine, session_id: str, lang: str, flags: ScreenFlags) -> None:
        self.engine = engine
        self.session_id = session_id
        self.lang = lang
        self.flags = flags
        self.step_key: str | None = None
        self.board_key: str | None = None  # the step whose contributions the board holds
        self.view: BoardView | None = None
        self.selected_groups: set[str] = set()
        self.picked: set[str] = set()
        self.chosen: str | None = None  # the card chosen with the keyboard
        self._dragged: str | None = None
        self._stale = False
        self._focus_after: str | None = None
        self._keys: dict[str, str] = {}
        self._tiles: dict[str, GroupTile] = {}
        self._cards: dict[str, BoardCard] = {}
        self._renaming: str | None = None
        self.unfolded: set[str] = set()  # tiles showing all their cards
        self._order: list[str] = []  # group keys in the order their tiles first appeared
        ui.add_css(stylesheet("board/console.css"))
        with ui.column().classes("dk-panel dk-board w-full gap-2").mark("board") as self.root:
            self.screen = ScreenControls(self)
            self._toolbar()
            self._pending()
            self.learning = LearningLists(self)  # late arrivals, merge suggestions, authors' placements
            with ui.element("div").classes("w-full").mark("board-body"):
                self.empty = ui.label(t("boardui.empty", lang)).classes("dk-muted").mark("board-empty")
                self.grid = ui.element("div").classes("dk-bgrid").mark("board-grid")
            self._dialogs()
        self.new_zone = new_group_zone(self, self.grid)
        self.working.set_visibility(False)
        self.root.set_visibility(False)
        ui.timer(FLUSH_INTERVAL, self._catch_up)

    def _toolbar(self) -> None:
        lang = self.lang
        with ui.row().classes("w-full items-center gap-x-3 gap-y-2"):
            self.suggest_button = ui.button(icon="auto_awesome", on_click=self.suggest).props("no-caps") \
                .mark("suggest")
            self.merge_button = ui.button(t("boardui.merge", lang), icon="merge", on_click=self.merge) \
                .props("outline no-caps").mark("merge")
            self.undo_button = ui.button(t("boardui.undo", lang), icon="undo", on_click=self.undo) \
                .props("outline no-caps").mark("undo")
            self.working = ui.spinner(size="md")
            ui.label(t("boardws.keys_hint", lang)).classes("dk-bhint")

    def _pending(self) -> None:
        """What waits for a second tap, kept in sight while scrolling: the chosen card, the ticked groups."""
        lang = self.lang
        with ui.element("div").classes("dk-bpending w-full").props('aria-live="polite"').mark("board-pending"):
            with ui.element("div").classes("dk-bchosen").mark("board-chosen") as self.chosen_box:
                self.chosen_label = ui.label()
                ui.label(t("boardws.selected_keys", lang)).classes("dk-bkeys-only text-sm font-normal")
            self.let_go_button = ui.button(t("boardui.let_go", lang), icon="close", on_click=self.let_go) \
                .props("flat no-caps").mark("let-go")
            # named and hidden from the start: it shows once two groups are ticked (_update_buttons)
            self.merge_now = ui.button(t("boardui.merge_count", lang, count=2), icon="merge", on_click=self.merge) \
                .props("unelevated no-caps").mark("merge-selected")
            self.merge_now.set_visibility(False)

    def _dialogs(self) -> None:
        with ui.dialog() as self.rename_dialog, ui.card().classes("p-6 gap-3").style("min-width: 28rem"):
            self.rename_field = ui.input(t("boardui.label", self.lang)).props("outlined autofocus") \
                .classes("w-full").mark("rename-input")
            self.rename_field.on("keydown.enter", self._save_rename)
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("ui.cancel", self.lang), on_click=self.rename_dialog.close).props("flat")
                ui.button(t("boardws.save", self.lang), on_click=self._save_rename).mark("rename-save")

    # the page's contract

    def follow(self, snapshot: StepSnapshot) -> None:
        """Show the board of the console's current step (after the step was drawn again).

        Steps that show one board (the start question and its group step) keep its tiles and cards:
        only a step with another board draws them anew.
        """
        available = groupable(snapshot.step)
        self.root.set_visibility(available)
        key = snapshot.step.key if available else None
        board_key = snapshot.shows if available else None
        if key != self.step_key:
            self.step_key = key
            self.chosen = None
            self.learning.follow()
        if board_key != self.board_key:
            self.board_key = board_key
            self.selected_groups, self.picked, self.chosen = set(), set(), None
            self._order, self.unfolded = [], set()
            self._clear()
        if key is None:
            self.view = None
            return
        self._sync_switch()
        self.refresh()

    def apply(self, batch: list[events.Event]) -> None:
        """Take a batch of the session's events: board, contribution and reaction changes are caught up soon."""
        if self.step_key is None:
            return
        self.learning.apply(batch)
        if any(isinstance(event, events.DiscussionChanged) for event in batch):
            self.show_screen()  # opened or sorted here, on another console or with the projector's keys
        if any(isinstance(event, events.GroupsShown) and event.step_key == self.step_key for event in batch):
            self._sync_switch()  # switched here or on another console
            self.screen.show()
        if any(isinstance(event, _CHANGES) for event in batch):
            self._stale = True

    def show_screen(self) -> None:
        """Show again what the projector shows (the discussion view changed)."""
        if self.step_key is not None and self.view is not None:
            self._draw(self.view)
        self.screen.show()

    def refresh(self) -> None:
        """Read the board from the engine and bring every tile and card up to date."""
        self._stale = False
        if self.step_key is None:
            return
        try:
            view = read_board(self.engine, self.session_id, self.step_key, t("board.alone", self.lang))
            can_undo = self.engine.boards.can_undo(self.session_id, self.step_key)
        except Refused:
            view, can_undo = None, False
        self.view = view
        self.suggest_button.set_text(t("boardui.resuggest" if view else "boardui.suggest", self.lang))
        self.undo_button.set_enabled(can_undo)
        self.empty.set_visibility(view is None)
        self.grid.set_visibility(view is not None)
        if view is None:
            self._clear()
        else:
            self._draw(view)
        self.screen.show()
        # A card moved from the keyboard keeps the focus in its new place.
        focus, self._focus_after = self._focus_after, None
        if focus in self._cards:
            self._cards[focus].focus()

    def _catch_up(self) -> None:
        if self._stale:
            self.refresh()

    # drawing: tiles and cards by id, moved into place

    def _draw(self, view: BoardView) -> None:
        self.selected_groups &= {group.key for group in view.groups}
        # Tiles keep the place they first had on this step, so group keys do not change under the hand.
        self._order += [group.key for group in view.groups if group.key not in self._order]
        columns = (*sorted(view.groups, key=lambda group: self._order.index(group.key)), view.alone)
        self.picked &= {c.id for group in view.groups for c in group.members}
        placed = {c.id for column in columns for c in column.members}
        if self.chosen not in placed:
            self.chosen = None
        opened = self.opened()
        self._keys = {"0": ALONE, "n": NEW_GROUP}
        for index, column in enumerate(columns):
            number = "0" if column.key == ALONE else (str(index + 1) if index < _NUMBERED else "")
            if number:
                self._keys[number] = column.key
            tile = self._tiles.get(column.key) or self._add_tile(column.key)
            move_to(tile.element, self.grid, index)
            placing = self.chosen is not None and all(c.id != self.chosen for c in column.members)
            tile.fill(column, number, opened=opened == column.key, selected=column.key in self.selected_groups,
                      unfolded=column.key in self.unfolded, placing=placing)
            self._draw_cards(tile, column, view)
        move_to(self.new_zone, self.grid, len(columns))
        for cid in [cid for cid in self._cards if cid not in placed]:
            self._cards.pop(cid).element.delete()
        for key in [key for key in self._tiles if key not in {column.key for column in columns}]:
            self._tiles.pop(key).element.delete()
        self._show_chosen()
        self._update_buttons()

    def _draw_cards(self, tile: GroupTile, column: GroupView, view: BoardView) -> None:
        for index, contribution in enumerate(column.members):
            card = self._cards.get(contribution.id)
            if card is None:
                card = self._cards[contribution.id] = BoardCard(contribution.id, self, tile.cards)
            move_to(card.element, tile.cards, index)
            card.element.set_visibility(tile.shows(index))
            card.fill(contribution, view.counts.get(contribution.id, (0, 0)), differ=contribution.id in view.differ,
                      pickable=column.key != ALONE, picked=contribution.id in self.picked,
                      selected=contribution.id == self.chosen)

    def _add_tile(self, key: str) -> GroupTile:
        tile = self._tiles[key] = GroupTile(key, self, self.grid)
        return tile

    def _clear(self) -> None:
        for tile in self._tiles.values():
            tile.element.delete()
        self._tiles, self._cards = {}, {}

    def _show_chosen(self) -> None:
        text = next((c.text for c in self._members_all() if c.id == self.chosen), None)
        label = t("boardws.selected", self.lang, text=_short(text)) if text else ""
        if self.chosen_label.text != label:
            self.chosen_label.set_text(label)
        self.chosen_box.set_visibility(bool(label))
        self.let_go_button.set_visibility(bool(label))
        self.new_zone.classes(**{"add" if label else "remove": "dk-bnew--placing"})

    # what the facilitator does

    async def suggest(self) -> None:
        """Compute suggested groups (again); moved contributions and renamed groups stay as they are."""
        step_key = self.step_key
        if step_key is not None:
            await self._act(lambda: self.engine.boards.suggest(self.session_id, step_key), busy=True)

    async def merge(self) -> None:
        """Join the ticked groups into the first of them (in board order)."""
        if self.view is None:
            return
        chosen = [group.key for group in self.view.groups if group.key in self.selected_groups]
        self.selected_groups = set()
        await self._on_board(lambda key: self.engine.boards.merge(self.session_id, key, chosen))

    async def undo(self) -> None:
        """Put the board back as it was before its last change."""
        await self._on_board(lambda key: self.engine.boards.undo(self.session_id, key))

    def drag(self, contribution_id: str) -> None:
        """Remember the card being dragged (the drop says where it goes)."""
        self._dragged = contribution_id

    async def drop(self, target: str) -> None:
        """Put the dragged card in ``target`` (a group id, ALONE or NEW_GROUP)."""
        dragged, self._dragged = self._dragged, None
        if dragged is not None:
            await self.move(dragged, target)

    async def move(self, contribution_id: str, target: str) -> None:
        """Put a contribution in group ``target``, on its own (ALONE) or in a new group (NEW_GROUP)."""
        boards = self.engine.boards
        if target == NEW_GROUP:
            await self._on_board(lambda key: boards.move_to_new_group(self.session_id, key, contribution_id))
        else:
            group_id = None if target == ALONE else target
            await self._on_board(lambda key: boards.move(self.session_id, key, contribution_id, group_id))

    async def card_key(self, contribution_id: str, key: str) -> None:
        """Handle a key pressed on a card: Enter or space chooses it, Esc lets go, 1-9, 0 or N move it."""
        if key in ("Enter", " "):
            self.chosen = None if self.chosen == contribution_id else contribution_id
        elif key == "Escape":
            self.chosen = None
        elif (target := self._keys.get(key.lower())) is not None:
            self.chosen, self._focus_after = None, contribution_id
            self.unfolded.add(target)
            await self.move(contribution_id, target)
            return
        else:
            ui.notify(t("boardws.no_such_group", self.lang, key=key))
        if self.view is not None:
            self._draw(self.view)

    def choose(self, contribution_id: str) -> None:
        """Choose a card by a tap (a tap on the chosen card lets go); a tap on a group then places it."""
        self.chosen = None if self.chosen == contribution_id else contribution_id
        if self.view is not None:
            self._draw(self.view)

    async def place(self, target: str) -> None:
        """Put the chosen card in ``target`` (a group id, ALONE or NEW_GROUP); nothing when none is chosen."""
        chosen = self.chosen
        if chosen is None or chosen not in self._cards:
            return
        self.chosen = None
        self.unfolded.add(target)
        if self.view is not None:
            self._draw(self.view)
        await self.move(chosen, target)

    def let_go(self) -> None:
        """Let go of the chosen card without moving it."""
        self.chosen = None
        if self.view is not None:
            self._draw(self.view)

    def fold(self, key: str, unfolded: bool) -> None:
        """Show all cards of the tile ``key``, or only its first few."""
        (self.unfolded.add if unfolded else self.unfolded.discard)(key)
        if self.view is not None:
            self._draw(self.view)

    def select_group(self, group_id: str, selected: bool) -> None:
        """Tick or untick a group for merging."""
        (self.selected_groups.add if selected else self.selected_groups.discard)(group_id)
        self._update_buttons()

    def pick(self, contribution_id: str, picked: bool) -> None:
        """Tick or untick a contribution to split it off its group."""
        (self.picked.add if picked else self.picked.discard)(contribution_id)
        self._update_buttons()

    async def split(self, group_id: str) -> None:
        """Take the ticked contributions of a group out into a new group."""
        chosen = sorted(self.picked & self._members(group_id))
        self.picked -= set(chosen)
        await self._on_board(lambda key: self.engine.boards.split(self.session_id, key, group_id, chosen))

    def ask_rename(self, group_id: str) -> None:
        """Open the rename dialog for a group, filled with its name."""
        group = next((g for g in self.view.groups if g.key == group_id), None) if self.view else None
        if group is None:
            return
        self._renaming = group_id
        self.rename_field.set_value(group.label)
        self.rename_dialog.open()

    async def _save_rename(self) -> None:
        group_id, self._renaming = self._renaming, None
        self.rename_dialog.close()
        text = str(self.rename_field.value or "")
        if group_id is not None and text.strip():
            await self.rename(group_id, text)

    async def rename(self, group_id: str, label: str) -> None:
        """Give a group the facilitator's name for it."""
        await self._on_board(lambda key: self.engine.boards.rename(self.session_id, key, group_id, label))

    async def open_on_screen(self, group_key: str) -> None:
        """Open one group large on the projector (switching the grouped view on when it is off)."""
        step_key = self.step_key
        if step_key is None:
            return
        if not self.groups_shown():
            await self._act(lambda: self.engine.boards.show_groups(self.session_id, step_key, True))
            self._sync_switch()
        self.flags.open_group(self.session_id, step_key, group_key)
        self.show_screen()

    def opened(self) -> str | None:
        """Return the key of the group open on the projector now (None: the overview)."""
        return self.flags.discussion(self.session_id).opened(self.step_key) if self.step_key else None

    def groups_shown(self) -> bool:
        """True when the grouped view of the current step is switched on."""
        return bool(self.screen.switch.value)

    def label_of(self, key: str) -> str:
        """Return the name of the group ``key`` as the board shows it now."""
        columns = (*self.view.groups, self.view.alone) if self.view else ()
        return next((column.label for column in columns if column.key == key), "")

    # helpers

    async def on_switch(self, event: ValueChangeEventArguments[bool | None]) -> None:
        """Switch the grouped view of the current step on or off, as the switch was set."""
        step_key, shown = self.step_key, bool(event.value)
        # Also called (a moment later) when _sync_switch sets the stored state: nothing to do then.
        if step_key is None or shown == self._stored_switch():
            return
        # Switching on without a board suggests one first, which takes a moment.
        await self._act(lambda: self.engine.boards.show_groups(self.session_id, step_key, shown),
                        busy=shown and self.view is None)
        if self.step_key == step_key:
            self._sync_switch()  # back to the stored state when the engine refused

    def _sync_switch(self) -> None:
        """Set the switch to the stored state of the current step."""
        self.screen.switch.set_value(self._stored_switch())

    def _stored_switch(self) -> bool:
        step_key = self.step_key
        try:
            return step_key is not None and self.engine.boards.groups_shown(self.session_id, step_key)
        except Refused:
            return False

    async def change_board(self, change: Callable[[str], object]) -> None:
        """Run ``change(step_key)`` on the current step's board; a refusal becomes a notice."""
        await self._on_board(change)

    async def _on_board(self, change: Callable[[str], object]) -> None:
        step_key = self.step_key
        if step_key is not None:
            await self._act(lambda: change(step_key))

    async def _act(self, action: Callable[[], object], *, busy: bool = False) -> None:
        """Run a board change off the event loop; tell the facilitator when the engine refuses."""
        self.working.set_visibility(busy)
        try:
            await run.io_bound(action)
        except Refused as refused:
            notify_refusal(refused, self.lang)
        finally:
            self.working.set_visibility(False)

    def _members_all(self) -> list[Contribution]:
        view = self.view
        return [c for column in (*view.groups, view.alone) for c in column.members] if view else []

    def _members(self, group_id: str) -> set[str]:
        group = next((g for g in self.view.groups if g.key == group_id), None) if self.view else None
        return {c.id for c in group.members} if group else set()

    def _update_buttons(self) -> None:
        ticked = len(self.selected_groups)
        self.merge_button.set_enabled(ticked >= 2)
        self.merge_now.set_visibility(ticked >= 2)
        merge = t("boardui.merge_count", self.lang, count=ticked)
        if self.merge_now.text != merge:
            self.merge_now.set_text(merge)
        for group_id, tile in self._tiles.items():
            if group_id != ALONE:
                chosen = self.picked & self._members(group_id)
                tile.split.set_visibility(0 < len(chosen) < len(self._members(group_id)))


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
