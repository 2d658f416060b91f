"""The console board's pieces: a group tile and a card, drawn once and then updated in place.

Each piece only draws and reports what the facilitator did to a :class:`BoardActions`; the panel
decides what that means for the board. Texts change only when they differ, and a card that changes
group is moved into the other tile, never drawn again.
"""

from __future__ import annotations

from typing import Protocol

from nicegui import ui
from nicegui.events import GenericEventArguments

from kit.core.models import Contribution
from kit.i18n import t
from kit.ui.board.view import ALONE, GroupView

# The browser must be told a box accepts a drop (preventDefault); the highlight stays in the browser.
_DRAG_OVER_JS = "(e) => { e.preventDefault(); e.currentTarget.classList.add('dk-drop-over'); }"
_DRAG_LEAVE_JS = "(e) => e.currentTarget.classList.remove('dk-drop-over')"
_DROP_JS = "(e) => { e.preventDefault(); e.currentTarget.classList.remove('dk-drop-over'); emit(); }"
# Firefox starts a drag only when the drag carries data.
_DRAG_START_JS = "(e) => { e.dataTransfer.setData('text/plain', ''); e.dataTransfer.effectAllowed = 'move'; emit(); }"
# A card's own keys stay with the card: space and the arrows would otherwise turn the step.
_CARD_KEY_JS = """(e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const k = e.key;
  if (k === 'Enter' || k === ' ' || k === 'Escape' || /^[0-9nN]$/.test(k)) {
    e.preventDefault(); e.stopPropagation(); emit(k);
  }
  else if (k.startsWith('Arrow')) e.stopPropagation();
}"""
# A tap on a tile's free space places the chosen card there; its buttons, fields and cards keep their own taps.
_TILE_TAP_JS = """(e) => {
  if (e.target.closest('button, input, a, [role=button], [role=checkbox], .q-checkbox, .dk-bcard')) return;
  emit();
}"""
NEW_GROUP = "new"  # the drop target that makes a new group
FOLD_ABOVE = 4  # a larger group shows its first FOLDED cards until unfolded
FOLDED = 3
DIFFER_MARK = "≠"


class BoardActions(Protocol):
    """What the board's pieces report; ``target`` is a group id, ALONE or NEW_GROUP."""

    lang: str

    def drag(self, contribution_id: str) -> None: ...
    def drop(self, target: str) -> object: ...
    def choose(self, contribution_id: str) -> object: ...
    def place(self, target: str) -> object: ...
    def card_key(self, contribution_id: str, key: str) -> object: ...
    def select_group(self, group_id: str, selected: bool) -> None: ...
    def pick(self, contribution_id: str, picked: bool) -> None: ...
    def ask_rename(self, group_id: str) -> None: ...
    def split(self, group_id: str) -> object: ...
    def fold(self, key: str, unfolded: bool) -> None: ...
    def open_on_screen(self, group_key: str) -> object: ...


class GroupTile:
    """One group (or "eigen geluid") on the console board: its key, name, counts, screen button and cards."""

    def __init__(self, key: str, actions: BoardActions, container: ui.element) -> None:
        self.key = key
        self.actions = actions
        self.unfolded = False
        self.size = 0
        lang = actions.lang
        group = key != ALONE
        alone = "" if group else " dk-btile--alone"
        with container:
            self.element = drop_box(key, actions).classes(f"dk-btile{alone}").mark(f"drop-{key}", f"tile-{key}")
        self.element.on("click", lambda: actions.place(key), js_handler=_TILE_TAP_JS)
        with self.element:
            with ui.element("div").classes("dk-btile-head"):
                self.number = ui.label().classes("dk-bkey").mark(f"key-{key}")
                self.select = ui.checkbox(on_change=lambda e: actions.select_group(key, bool(e.value))) \
                    .props(f'dense aria-label="{t("boardui.select_group", lang)}"').mark(f"select-{key}")
                self.select.set_visibility(group)
                self.label = ui.label().classes("dk-btile-label").mark(f"label-{key}")
                self.rename = ui.button(icon="edit", on_click=lambda: actions.ask_rename(key)) \
                    .props("flat dense round size=sm").mark(f"rename-{key}")
                self.rename.set_visibility(group)
            with ui.element("div").classes("dk-btile-facts"):
                self.count = ui.label().classes("dk-bfact").mark(f"count-{key}")
                self.sides = ui.label().classes("dk-bfact").mark(f"sides-{key}")
                self.contested = ui.label(f"{DIFFER_MARK} {t('boardws.contested', lang)}") \
                    .classes("dk-bcontested").mark(f"contested-{key}")
            self.place = ui.button(t("boardui.place_here", lang), icon="south",
                                   on_click=lambda: actions.place(key)) \
                .props("unelevated no-caps").classes("dk-bplace").mark(f"to-{key}")
            self.place.set_visibility(False)
            with ui.element("div").classes("dk-btile-actions"):
                self.open = ui.button(t("boardws.open", lang), icon="slideshow",
                                      on_click=lambda: actions.open_on_screen(key)) \
                    .props("outline dense no-caps").mark(f"open-{key}")
                self.on_screen = ui.label(t("boardws.on_screen", lang)).classes("dk-bonscreen") \
                    .mark(f"onscreen-{key}")
                self.split = ui.button(t("boardui.split", lang), icon="call_split",
                                       on_click=lambda: actions.split(key)) \
                    .props("flat dense no-caps").mark(f"split-{key}")
                self.split.set_visibility(False)
            self.cards = ui.element("div").classes("dk-bcards")
            self.more = ui.button(on_click=lambda: actions.fold(key, not self.unfolded)) \
                .props("flat dense no-caps").classes("dk-bmore").mark(f"more-{key}")
        self._opened: bool | None = None

    def fill(self, group: GroupView, number: str, *, opened: bool, selected: bool, unfolded: bool,
             placing: bool = False) -> None:
        """Show ``group``'s name, counts and sides, its key ``number`` and whether it is on the screen.

        A group of more than ``FOLD_ABOVE`` cards shows its first ``FOLDED`` unless ``unfolded``; while
        a card from elsewhere is chosen (``placing``) the tile offers to take it.
        """
        lang = self.actions.lang
        self.unfolded, self.size = unfolded, len(group.members)
        folds = self.size > FOLD_ABOVE
        more = t("boardws.fewer", lang) if unfolded else t("boardws.more", lang, count=self.size)
        self.more.set_visibility(folds)
        if folds and self.more.text != more:
            self.more.set_text(more)
        _set_text(self.number, number)
        self.number.props(f'aria-label="{t("boardws.key", lang, key=number)}"')
        _set_text(self.label, group.label)
        people = t("boardws.people_one", lang) if group.people == 1 else t("boardws.people", lang, count=group.people)
        _set_text(self.count, t("boardws.facts", lang, count=count_text(len(group.members), lang), people=people))
        reacted = group.recognise + group.differ > 0
        sides = t("boardws.sides", lang, recognise=group.recognise, differ=group.differ)
        _set_text(self.sides, sides if reacted else "")
        self.sides.set_visibility(reacted)
        self.contested.set_visibility(group.contested)
        self.rename.props(f'aria-label="{t("boardws.rename_label", lang, label=group.label)}"')
        self.open.props(f'aria-label="{t("boardws.open_label", lang, label=group.label)}"')
        self.place.props["aria-label"] = t("boardui.place_in", lang, label=group.label)
        self.place.set_visibility(placing)
        self.element.classes(**{"add" if placing else "remove": "dk-btile--placing"})
        if self.select.value != selected:
            self.select.set_value(selected)
        if opened != self._opened:
            self._opened = opened
            self.element.classes(**{"add" if opened else "remove": "dk-btile--onscreen"})
            self.on_screen.set_visibility(opened)
            self.open.set_visibility(not opened)
        self.element.classes(**{"add" if group.contested else "remove": "dk-btile--contested"})


    def shows(self, index: int) -> bool:
        """True when the card at ``index`` is shown (not folded away)."""
        return self.unfolded or self.size <= FOLD_ABOVE or index < FOLDED


class BoardCard:
    """One contribution on the console board: drag it, tap it, or choose it and press a group key."""

    def __init__(self, contribution_id: str, actions: BoardActions, container: ui.element) -> None:
        cid = self.contribution_id = contribution_id
        lang = actions.lang
        with container:
            self.element = ui.element("div").classes("dk-bcard").props("draggable").mark(f"card-{cid}")
        self.element.on("dragstart", lambda: actions.drag(cid), js_handler=_DRAG_START_JS)
        with self.element:
            self.pick = ui.checkbox(on_change=lambda e: actions.pick(cid, bool(e.value))) \
                .props(f'dense aria-label="{t("boardui.pick", lang)}"').mark(f"pick-{cid}")
            with ui.element("div").classes("dk-bcard-body").props('tabindex="0" role="button"') \
                    .mark(f"move-{cid}") as self.body:
                self.sides = ui.label().classes("dk-bcard-sides").mark(f"card-sides-{cid}")  # floats right
                self.text = ui.label().classes("dk-bcard-text")
        self.body.on("click", lambda: actions.choose(cid))
        self.body.on("keydown", lambda e: _key(actions, cid, e), js_handler=_CARD_KEY_JS)
        self.lang = lang
        self._state: tuple[object, ...] = ()

    def fill(self, contribution: Contribution, sides: tuple[int, int], *, differ: bool, pickable: bool,
             picked: bool, selected: bool) -> None:
        """Show the text, the room's reactions and the card's state (changes only what differs)."""
        state = (contribution.text, sides, differ, pickable, picked, selected)
        if state == self._state:
            return
        self._state = state
        lang = self.lang
        _set_text(self.text, contribution.text)
        yes, no = sides
        _set_text(self.sides, t("boardws.card_sides", lang, recognise=yes, differ=no) if yes + no else "")
        self.sides.set_visibility(yes + no > 0)
        self.sides.props(f'aria-label="{t("boardws.card_sides_label", lang, recognise=yes, differ=no)}"')
        self.element.classes(**{"add" if differ else "remove": "dk-bcard--differ"})
        self.element.classes(**{"add" if selected else "remove": "dk-bcard--selected"})
        # The name comes from the card's visible text (a screen reader reads what is shown); how to move it
        # is its description. Set as values, not a props string, so quotes in the text stay text.
        self.body.props["aria-pressed"] = str(selected).lower()
        self.body.props["title"] = t("boardws.card_hint", lang)
        self.body.update()
        self.pick.set_visibility(pickable)
        if self.pick.value != picked:
            self.pick.set_value(picked)

    def focus(self) -> None:
        """Put the keyboard focus on the card (after it moved to another tile)."""
        ui.run_javascript(f"setTimeout(() => document.getElementById('c{self.body.id}')?.focus(), 60)")


def drop_box(target: str, actions: BoardActions) -> ui.element:
    """Return a new element that takes a dragged card to ``target``."""
    box = ui.element("div").mark(f"drop-{target}")
    box.on("dragover", js_handler=_DRAG_OVER_JS)
    box.on("dragleave", js_handler=_DRAG_LEAVE_JS)
    box.on("drop", lambda: actions.drop(target), js_handler=_DROP_JS)
    return box


def new_group_zone(actions: BoardActions, container: ui.element) -> ui.element:
    """Draw the zone that puts a contribution in a new group: dropped on it, or chosen and then tapped."""
    zone_markers = (f"drop-{NEW_GROUP}", f"to-{NEW_GROUP}")
    with container, drop_box(NEW_GROUP, actions).classes("dk-bnew").mark(*zone_markers) as zone:
        ui.label("N").classes("dk-bkey").props(f'aria-label="{t("boardws.key", actions.lang, key="N")}"')
        ui.icon("add")
        ui.label(t("boardui.drop_new", actions.lang))
    zone.props('role="button" tabindex="0"')
    zone.on("click", lambda: actions.place(NEW_GROUP))
    zone.on("keydown.enter", lambda: actions.place(NEW_GROUP))
    return zone


def move_to(element: ui.element, container: ui.element, index: int) -> None:
    """Put ``element`` at ``index`` in ``container`` unless it is already there."""
    children = container.default_slot.children
    if element.parent_slot is container.default_slot and index < len(children) and children[index] is element:
        return
    element.move(container, target_index=index)


def count_text(count: int, lang: str) -> str:
    """Return "1 bijdrage" or "N bijdragen"."""
    return t("boardui.count_one", lang) if count == 1 else t("boardui.count", lang, count=count)


def _key(actions: BoardActions, contribution_id: str, event: GenericEventArguments) -> object:
    return actions.card_key(contribution_id, str(event.args))


def _set_text(label: ui.label, text: str) -> None:
    if label.text != text:
        label.set_text(text)
