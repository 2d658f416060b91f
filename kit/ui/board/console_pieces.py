"""The console board's pieces: group boxes and cards that can be dragged, tapped, ticked and renamed.

Each piece only draws and reports what the facilitator did to a :class:`BoardActions`; the panel
decides what that means for the board.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from nicegui import ui

from kit.core.models import Contribution
from kit.i18n import t
from kit.ui.board.view import ALONE, BoardView, GroupView

# The browser must be told a box accepts a drop (preventDefault); the highlight stays in the browser.
_DRAG_OVER_JS = "(e) => { e.preventDefault(); e.currentTarget.classList.add('dk-drop-over'); }"
_DRAG_LEAVE_JS = "(e) => e.currentTarget.classList.remove('dk-drop-over')"
_DROP_JS = "(e) => { e.preventDefault(); e.currentTarget.classList.remove('dk-drop-over'); emit(); }"
# Firefox starts a drag only when the drag carries data.
_DRAG_START_JS = "(e) => { e.dataTransfer.setData('text/plain', ''); e.dataTransfer.effectAllowed = 'move'; emit(); }"
NEW_GROUP = "new"  # the drop target that makes a new group


class BoardActions(Protocol):
    """What the board's pieces report; ``target`` is a group id, ALONE or NEW_GROUP."""

    lang: str
    selected_groups: set[str]
    picked: set[str]

    def drag(self, contribution_id: str) -> None: ...
    def drop(self, target: str) -> object: ...
    def ask_move(self, contribution_id: str) -> None: ...
    def select_group(self, group_id: str, selected: bool) -> None: ...
    def pick(self, contribution_id: str, picked: bool) -> None: ...
    def rename(self, group_id: str, label: str) -> object: ...
    def editing(self, active: bool) -> None: ...
    def split(self, group_id: str) -> object: ...


def draw_board(view: BoardView, actions: BoardActions) -> dict[str, ui.button]:
    """Draw every group, then "eigen geluid" and the new-group drop zone; return the split buttons by group."""
    split_buttons = {group.key: group_box(group, view, actions) for group in view.groups}
    alone_box(view.alone, view, actions)
    new_group_zone(actions)
    return split_buttons


def group_box(group: GroupView, view: BoardView, actions: BoardActions) -> ui.button:
    """Draw one group: tick to merge, its name to edit, its count, its cards; return its split button."""
    lang, key = actions.lang, group.key
    with _drop_box(key, actions).classes("dk-bgroup"):
        with ui.row().classes("w-full items-center no-wrap gap-2"):
            ui.checkbox(value=group.key in actions.selected_groups,
                        on_change=lambda e: actions.select_group(key, bool(e.value))) \
                .props(f'dense aria-label="{t("boardui.select_group", lang)}"').mark(f"select-{key}")
            label = ui.input(value=group.label).props(f'dense borderless aria-label="{t("boardui.label", lang)}"') \
                .classes("dk-bgroup-label grow").mark(f"label-{key}")
            _on_rename(label, lambda text: actions.rename(key, text), actions)
            ui.label(str(len(group.members))).classes("dk-bcount").mark(f"count-{key}")
            split = ui.button(t("boardui.split", lang), icon="call_split",
                              on_click=lambda: actions.split(key)) \
                .props("flat dense no-caps").mark(f"split-{key}")
        _cards(group, view, actions, pickable=True)
    return split


def alone_box(alone: GroupView, view: BoardView, actions: BoardActions) -> None:
    """Draw the contributions on their own ("eigen geluid"), also a drop target."""
    with _drop_box(ALONE, actions).classes("dk-bgroup dk-bgroup--alone"):
        with ui.row().classes("w-full items-center no-wrap gap-2"):
            ui.label(alone.label).classes("dk-bgroup-label grow")
            ui.label(str(len(alone.members))).classes("dk-bcount").mark(f"count-{ALONE}")
        _cards(alone, view, actions, pickable=False)


def new_group_zone(actions: BoardActions) -> None:
    """Draw the drop zone that puts a contribution in a new group."""
    with _drop_box(NEW_GROUP, actions).classes("dk-bnew"):
        ui.icon("add")
        ui.label(t("boardui.drop_new", actions.lang))


def _drop_box(target: str, actions: BoardActions) -> ui.element:
    box = ui.element("div").mark(f"drop-{target}")
    box.on("dragover", js_handler=_DRAG_OVER_JS)
    box.on("dragleave", js_handler=_DRAG_LEAVE_JS)
    box.on("drop", lambda: actions.drop(target), js_handler=_DROP_JS)
    return box


def _cards(group: GroupView, view: BoardView, actions: BoardActions, *, pickable: bool) -> None:
    with ui.element("div").classes("dk-bcards"):
        for contribution in group.members:
            _card(contribution, contribution.id in view.differ, actions, pickable=pickable)


def _card(contribution: Contribution, differ: bool, actions: BoardActions, *, pickable: bool) -> None:
    cid = contribution.id
    card = ui.element("div").classes("dk-bcard" + (" dk-bcard--differ" if differ else "")).props("draggable")
    card.mark(f"card-{cid}").on("dragstart", lambda: actions.drag(cid), js_handler=_DRAG_START_JS)
    with card:
        if pickable:
            ui.checkbox(value=cid in actions.picked, on_change=lambda e: actions.pick(cid, bool(e.value))) \
                .props(f'dense aria-label="{t("boardui.pick", actions.lang)}"').mark(f"pick-{cid}")
        ui.label(contribution.text).classes("dk-bcard-text").mark(f"move-{cid}") \
            .on("click", lambda: actions.ask_move(cid))


def _on_rename(field: ui.input, rename: Callable[[str], object], actions: BoardActions) -> None:
    """Rename when Enter is pressed or the field is left; hold off redraws while it is being edited."""
    original = field.value

    def commit() -> object:
        actions.editing(False)
        text = str(field.value or "")
        return rename(text) if text.strip() and text != original else None

    field.on("focus", lambda: actions.editing(True))
    field.on("keydown.enter", commit)
    field.on("blur", commit)
