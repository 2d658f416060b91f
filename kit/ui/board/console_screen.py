"""The board's screen controls: what the projector's group view shows, its order, and the way back.

The discussion view is screen-only state (``ScreenFlags``): opening a group or sorting the overview
changes what every projector of the session shows, nothing that is stored; the change reaches the
projectors and the other consoles as an event on the bus.
"""

from __future__ import annotations

from typing import Protocol

from nicegui import ui
from nicegui.events import ValueChangeEventArguments

from kit.core.events import DiscussionSort
from kit.i18n import t
from kit.ui.shared.flags import ScreenFlags


class ScreenBoard(Protocol):
    """What the controls need of the board panel."""

    lang: str
    session_id: str
    step_key: str | None
    flags: ScreenFlags

    def opened(self) -> str | None: ...
    def on_switch(self, event: ValueChangeEventArguments[bool | None]) -> object: ...
    def groups_shown(self) -> bool: ...
    def label_of(self, key: str) -> str: ...
    def show_screen(self) -> None: ...


class ScreenControls:
    """A row: what the projector shows now, "back to the overview", and the overview's two orders."""

    def __init__(self, board: ScreenBoard) -> None:
        self.board = board
        self._active: DiscussionSort | None = None
        lang = board.lang
        with ui.row().classes("dk-bscreen w-full items-center gap-x-3 gap-y-2").mark("board-screen"):
            self.switch = ui.switch(t("boardui.show", lang), on_change=board.on_switch).mark("show-groups")
            ui.label(t("boardws.screen_shows", lang)).classes("font-bold")
            self.status = ui.label().classes("dk-bscreen-status").mark("screen-status")
            self.overview = ui.button(t("boardws.overview", lang), icon="grid_view", on_click=self.back) \
                .props("no-caps dense").mark("overview")
            ui.space()
            with ui.row().classes("items-center gap-1 no-wrap").props(
                    f'role="group" aria-label="{t("boardws.sort_label", lang)}"'):
                self.sorts = {
                    sort: ui.button(t(f"boardws.sort_{sort.value}", lang), on_click=lambda s=sort: self.sort(s))
                    .props("dense no-caps").mark(f"sort-{sort.value}")
                    for sort in DiscussionSort
                }

    def show(self) -> None:
        """Show the projector's current view, and which order is active."""
        board = self.board
        lang = board.lang
        opened = board.opened()
        if not board.groups_shown():
            status = t("boardws.screen_off", lang)
        elif opened is not None:
            status = t("boardws.screen_group", lang, label=board.label_of(opened))
        else:
            status = t("boardws.screen_overview", lang)
        if self.status.text != status:
            self.status.set_text(status)
        self.overview.set_visibility(opened is not None)
        active = board.flags.discussion(board.session_id).sort
        if active is self._active:
            return
        self._active = active
        for sort, button in self.sorts.items():
            button.props(remove="outline unelevated")
            button.props("unelevated" if sort is active else "outline")
            button.props(f'aria-pressed="{str(sort is active).lower()}"')

    def back(self) -> None:
        """Close the opened group: the projector shows the overview again."""
        board = self.board
        if board.step_key is not None:
            board.flags.open_group(board.session_id, board.step_key, None)
            board.show_screen()

    def sort(self, sort: DiscussionSort) -> None:
        """Order the projector's overview by ``sort``."""
        board = self.board
        board.flags.sort_overview(board.session_id, sort)
        board.show_screen()
