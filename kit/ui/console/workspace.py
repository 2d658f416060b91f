"""The console's two layouts: side by side on most steps, a full-width board with tabs on a question's board.

On a step with a group board the board takes the console's width; the step's controls, the notes and
the room move into tabs beside it, so the board and its main actions stay above the fold on a
laptop. The panels are moved, not drawn again, so what is typed in them stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from kit.i18n import t

BOARD, STEP, NOTES, ROOM = "board", "step", "notes", "room"


@dataclass(frozen=True)
class Panels:
    """The panels that change place: where they stand side by side, and the ones that move."""

    main: ui.element  # the main column, after the step panel
    side: ui.element  # the side column, after the preview
    step: tuple[ui.element, ...]  # the step's controls and its contributions
    notes: ui.element
    room: tuple[ui.element, ...]  # join, participants, report


class Workspace:
    """The tabs of the board layout; ``arrange`` puts the panels where the current step wants them."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.board_mode: bool | None = None
        self.step_key: str | None = None
        with ui.column().classes("dk-workspace w-full gap-0").mark("workspace") as self.root:
            with ui.tabs().props("dense no-caps align=left inline-label active-color=primary indicator-color=primary") \
                    .classes("dk-tabs w-full").mark("workspace-tabs") as self.tabs:
                self.tab = {
                    BOARD: ui.tab(BOARD, t("boardws.tab.board", lang), icon="dashboard").mark("tab-board"),
                    STEP: ui.tab(STEP, t("boardws.tab.step", lang), icon="tune").mark("tab-step"),
                    NOTES: ui.tab(NOTES, t("boardws.tab.notes", lang), icon="edit_note").mark("tab-notes"),
                    ROOM: ui.tab(ROOM, t("boardws.tab.room", lang), icon="groups").mark("tab-room"),
                }
            with ui.tab_panels(self.tabs, value=BOARD).classes("dk-tab-panels w-full") as self.panels:
                self.panel = {name: ui.tab_panel(name).classes("p-0 pt-3 gap-4") for name in self.tab}
        self.root.set_visibility(False)

    @property
    def board(self) -> ui.element:
        """The tab panel that holds the group board."""
        return self.panel[BOARD]

    def arrange(self, panels: Panels, *, step_key: str, board_mode: bool, collecting: bool) -> None:
        """Lay out for ``step_key``, with a board (``board_mode``) or without.

        Entering a step with a board opens the board tab, or "Stap" while the step still collects.
        """
        if board_mode and step_key != self.step_key:
            self.tabs.set_value(STEP if collecting else BOARD)
        self.step_key = step_key
        if board_mode == self.board_mode:
            return
        self.board_mode = board_mode
        self.root.set_visibility(board_mode)
        if board_mode:
            _place(panels.step, self.panel[STEP])
            _place((panels.notes,), self.panel[NOTES])
            _place(panels.room, self.panel[ROOM])
        else:
            _place((*panels.step[:1], panels.notes, *panels.step[1:]), panels.main, start=1)
            _place(panels.room, panels.side, start=1)

    def show_tab(self, name: str) -> None:
        """Switch to the tab ``name``."""
        self.tabs.set_value(name)


def _place(elements: tuple[ui.element, ...], container: ui.element, start: int = 0) -> None:
    for index, element in enumerate(elements, start=start):
        element.move(container, target_index=index)
