"""The console's group board: suggest groups, then move, rename, merge, split and undo.

The facilitator has the last word: every change goes through ``engine.boards``, which keeps
manual decisions when suggestions are recomputed. Board work runs in a worker thread (a
suggestion takes up to a few hundred milliseconds, and holds the board's lock meanwhile), and the
panel is drawn again from the bus, at most every 0.3 s.
"""

from __future__ import annotations

from collections.abc import Callable

from nicegui import run, ui
from nicegui.events import ValueChangeEventArguments

from kit.core import events
from kit.core.boards import groupable
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.i18n import t
from kit.ui.board.console_pieces import NEW_GROUP, draw_board
from kit.ui.board.view import ALONE, BoardView, read_board
from kit.ui.shared.live import LiveFeed, for_session
from kit.ui.shared.snapshot import StepSnapshot
from kit.ui.shared.theme import heading, stylesheet

FLUSH_INTERVAL = 0.3
_EVENTS = (events.BoardChanged, events.ContributionAdded, events.ContributionChanged)


class BoardPanel:
    """The group board of the console's current step (hidden on steps without one)."""

    def __init__(self, engine: Engine, session_id: str, lang: str) -> None:
        self.engine = engine
        self.session_id = session_id
        self.lang = lang
        self.step_key: str | None = None
        self.view: BoardView | None = None
        self.selected_groups: set[str] = set()
        self.picked: set[str] = set()
        self._dragged: str | None = None
        self._editing = False
        self._stale = False
        self._split_buttons: dict[str, ui.button] = {}
        ui.add_css(stylesheet("board/console.css"))
        with ui.column().classes("dk-panel w-full gap-2").mark("board") as self.root:
            with ui.row().classes("w-full items-center gap-4"):
                heading(t("boardui.heading", lang))
                self.switch = ui.switch(t("boardui.show", lang), on_change=self._on_switch).mark("show-groups")
            with ui.row().classes("items-center gap-2"):
                self.suggest_button = ui.button(icon="auto_awesome", on_click=self.suggest).mark("suggest")
                self.merge_button = ui.button(t("boardui.merge", lang), icon="merge", on_click=self.merge) \
                    .props("outline").mark("merge")
                self.undo_button = ui.button(t("boardui.undo", lang), icon="undo", on_click=self.undo) \
                    .props("outline").mark("undo")
                self.working = ui.spinner(size="md")
            ui.label(t("boardui.hint", lang)).classes("dk-muted text-sm")
            self.body = ui.column().classes("w-full gap-2").mark("board-body")
            with ui.dialog() as self.move_dialog:
                self.move_card = ui.card().classes("p-6 gap-2").style("max-width: 36rem")
        self.working.set_visibility(False)
        self.root.set_visibility(False)
        LiveFeed(engine.bus, for_session(session_id), self._on_batch, interval=FLUSH_INTERVAL)

    def follow(self, snapshot: StepSnapshot) -> None:
        """Show the board of the console's current step (after the step was drawn again)."""
        available = groupable(snapshot.step)
        self.root.set_visibility(available)
        key = snapshot.step.key if available else None
        if key != self.step_key:
            self.step_key = key
            self.selected_groups, self.picked = set(), set()
        if key is None:
            self.body.clear()
            self.view = None
            return
        self._sync_switch()
        self.redraw()

    def redraw(self) -> None:
        """Draw the board again from the engine (held back while a group name is being edited)."""
        if self.step_key is None:
            return
        if self._editing:
            self._stale = True
            return
        self._stale = False
        try:
            self.view = read_board(self.engine, self.session_id, self.step_key, t("board.alone", self.lang))
            can_undo = self.engine.boards.can_undo(self.session_id, self.step_key)
        except Refused:
            self.view, can_undo = None, False
        view = self.view
        self.suggest_button.set_text(t("boardui.resuggest" if view else "boardui.suggest", self.lang))
        self.undo_button.set_enabled(can_undo)
        self.body.clear()
        with self.body:
            if view is None:
                ui.label(t("boardui.empty", self.lang)).classes("dk-muted").mark("board-empty")
                self._split_buttons = {}
            else:
                self.selected_groups &= {group.key for group in view.groups}
                members = {c.id for group in view.groups for c in group.members}
                self.picked &= members
                self._split_buttons = draw_board(view, self)
        self._update_buttons()

    def _on_batch(self, batch: list[events.Event]) -> None:
        if self.step_key is None:
            return
        if any(isinstance(event, events.GroupsShown) and event.step_key == self.step_key for event in batch):
            self._sync_switch()  # switched here or on another console
        if any(isinstance(event, _EVENTS) for event in batch):
            self.redraw()

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

    def ask_move(self, contribution_id: str) -> None:
        """Let the facilitator tap where a contribution goes (the tablet's way of dragging)."""
        view = self.view
        if view is None:
            return
        current = next((g.key for g in view.groups if any(c.id == contribution_id for c in g.members)), ALONE)
        text = next((c.text for g in view.columns for c in g.members if c.id == contribution_id), "")
        self.move_card.clear()
        with self.move_card:
            ui.label(t("boardui.move_title", self.lang)).classes("text-lg font-bold")
            ui.label(text).classes("italic mb-2")
            # The two targets every card has come first, so a long list of groups never hides them.
            targets = [(NEW_GROUP, t("boardui.new_group", self.lang)), (ALONE, view.alone.label)]
            targets += [(g.key, g.label) for g in view.groups]
            for target, label in targets:
                button = ui.button(label, on_click=lambda target=target: self._chosen(contribution_id, target))
                button.props("outline no-caps align=left").classes("w-full").mark(f"to-{target}")
                button.set_enabled(target != current or target == NEW_GROUP)
            ui.button(t("ui.cancel", self.lang), on_click=self.move_dialog.close).props("flat").mark("cancel")
        self.move_dialog.open()

    async def _chosen(self, contribution_id: str, target: str) -> None:
        self.move_dialog.close()
        await self.move(contribution_id, target)

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

    async def rename(self, group_id: str, label: str) -> None:
        """Give a group the facilitator's name for it."""
        await self._on_board(lambda key: self.engine.boards.rename(self.session_id, key, group_id, label))

    def editing(self, active: bool) -> None:
        """Hold redraws while a group name is being edited; catch up when editing ends."""
        self._editing = active
        if not active and self._stale:
            self.redraw()

    # helpers

    async def _on_switch(self, event: ValueChangeEventArguments[bool | None]) -> None:
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
        self.switch.set_value(self._stored_switch())

    def _stored_switch(self) -> bool:
        step_key = self.step_key
        try:
            return step_key is not None and self.engine.boards.groups_shown(self.session_id, step_key)
        except Refused:
            return False

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
            ui.notify(t(f"reason.{refused.reason.value}", self.lang), type="warning")
        finally:
            self.working.set_visibility(False)

    def _members(self, group_id: str) -> set[str]:
        group = next((g for g in self.view.groups if g.key == group_id), None) if self.view else None
        return {c.id for c in group.members} if group else set()

    def _update_buttons(self) -> None:
        self.merge_button.set_enabled(len(self.selected_groups) >= 2)
        for group_id, button in self._split_buttons.items():
            chosen = self.picked & self._members(group_id)
            button.set_enabled(0 < len(chosen) < len(self._members(group_id)))
