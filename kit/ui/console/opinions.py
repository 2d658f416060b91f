"""The console's opinion groups panel: what the room shares, where it differs, and the facilitator's two switches.

It shows the current step's groups as the projector words them (what every group recognises, where
the groups differ, each side's size), plus which theme groups of the board each opinion group
recognises most. "Toon op het scherm" opens the projectors' opinion view (as M does); "Laat deelnemers
hun groep zien" lets each phone show its own participant's letter (off by default; never on the
projector). The panel follows the session on its own feed and redraws only when a new result comes,
at most every few seconds (:class:`~kit.ui.shared.opinions_feed.OpinionsFeed`).
"""

from __future__ import annotations

from nicegui import run, ui
from nicegui.events import ValueChangeEventArguments

from kit.core import events
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.i18n import t
from kit.opinions import OpinionGroups
from kit.ui.board.opinions_data import word_opinions
from kit.ui.board.opinions_map import group_colour
from kit.ui.board.opinions_themes import themes_recognised
from kit.ui.board.view import read_board
from kit.ui.shared.flags import ScreenFlags
from kit.ui.shared.live import LiveFeed, for_session
from kit.ui.shared.opinions_feed import OpinionsFeed, opinions_feed
from kit.ui.shared.snapshot import StepSnapshot, take_snapshot
from kit.ui.shared.theme import heading

POLL_INTERVAL = 1.5
_STEP = (events.StepChanged, events.StepsChanged, events.StepStateChanged, events.OpinionsViewChanged,
         events.OwnGroupShown, events.EventsMissed)

Themes = dict[str, tuple[str, ...]]


class OpinionsPanel:
    """The opinion groups of the console's current step, with the projector and phone switches."""

    def __init__(self, engine: Engine, session_id: str, lang: str, flags: ScreenFlags,
                 feed: OpinionsFeed | None = None) -> None:
        self.engine = engine
        self.session_id = session_id
        self.lang = lang
        self.flags = flags
        self.feed = feed or opinions_feed(engine)
        self.snapshot: StepSnapshot | None = None
        self._drawn: OpinionGroups | None = None
        with ui.column().classes("dk-panel w-full gap-2").mark("opinions-panel") as self.root:
            heading(t("opin.console.title", lang))
            with ui.row().classes("items-center gap-4"):
                self.show_button = ui.button(on_click=self.toggle_screen).props("outline no-caps") \
                    .mark("opinions-show")
                self.own_group = ui.switch(t("opin.console.own_group", lang), on_change=self._own_group_changed) \
                    .mark("own-group-switch")
            ui.label(t("opin.console.own_group_hint", lang)).classes("dk-muted text-sm")
            self.body = ui.column().classes("w-full gap-2").mark("opinions-body")
        self._follow()
        LiveFeed(engine.bus, for_session(session_id), self._on_batch)
        ui.timer(POLL_INTERVAL, self._poll)

    def place(self, container: ui.element) -> None:
        """Move the panel to the end of ``container`` (under the board on a step with one), keeping its state."""
        if self.root.parent_slot is not container.default_slot:
            self.root.move(container)

    def toggle_screen(self) -> None:
        """Open the opinion groups of the current step on the projectors, or close them (as the M key does)."""
        if self.snapshot is not None and self.snapshot.shows is not None:
            self.flags.toggle_opinions(self.session_id, self.snapshot.step.key)

    def _own_group_changed(self, event: ValueChangeEventArguments[bool | None]) -> None:
        shown = bool(event.value)
        if shown != self.engine.opinions.own_group.shown(self.session_id):
            self.engine.opinions.own_group.set_shown(self.session_id, shown)

    def _on_batch(self, batch: list[events.Event]) -> None:
        if any(isinstance(event, _STEP) for event in batch):
            self._follow()

    def _follow(self) -> None:
        try:
            snapshot = take_snapshot(self.engine, self.session_id, self.lang)
        except Refused:
            self.root.set_visibility(False)
            return
        if self.snapshot is None or self.snapshot.step.key != snapshot.step.key:
            self._drawn = None
            self.body.clear()
        self.snapshot = snapshot
        question = snapshot.shows is not None
        self.root.set_visibility(question)
        shown = self.flags.opinions_step(self.session_id) == snapshot.step.key
        self.show_button.set_text(t("opin.console.hide" if shown else "opin.console.show", self.lang))
        self.show_button.set_enabled(snapshot.revealed or shown)
        self.own_group.set_value(self.engine.opinions.own_group.shown(self.session_id))

    async def _poll(self) -> None:
        snapshot = self.snapshot
        if snapshot is None or snapshot.shows is None:
            return
        result = await self.feed.latest(self.session_id, snapshot.step.key)
        if result is None or result is self._drawn:
            return
        themes = await run.io_bound(self._themes, snapshot, result)
        if self.snapshot is snapshot:
            self._draw(snapshot, result, themes or {})

    def _themes(self, snapshot: StepSnapshot, result: OpinionGroups) -> Themes:
        """Read the step's marks and board (in a worker thread) and name each group's most recognised themes."""
        if not result.found:
            return {}
        try:
            board = read_board(self.engine, self.session_id, snapshot.step.key, "")
            marks = self.engine.opinions.marks(self.session_id, snapshot.step.key)
        except Refused:
            return {}
        if board is None:
            return {}
        themes = [(g.label, frozenset(c.id for c in g.members)) for g in board.groups]
        return themes_recognised(result, marks, themes)

    def _draw(self, snapshot: StepSnapshot, result: OpinionGroups, themes: Themes) -> None:
        self._drawn = result
        lang = self.lang
        shows = snapshot.shows
        texts = {c.id: c.text for c in self.engine.contributions(self.session_id, shows) if c.visible}
        worded = word_opinions(result, texts, lang)
        self.body.clear()
        with self.body:
            if worded.reason is not None:
                ui.label(worded.reason).classes("font-semibold").mark("opinions-reason")
            ui.label(worded.counted).classes("dk-muted text-sm")
            for label, size in worded.groups:
                with ui.row().classes("items-center gap-2 no-wrap").mark(f"opinion-group-{label}"):
                    ui.label(label).classes("dk-opin-chip").style(
                        f"background:{group_colour(label)};color:#fff;border-radius:50%;width:1.8em;height:1.8em;"
                        "display:inline-flex;align-items:center;justify-content:center;font-weight:800")
                    ui.label(t("opin.group", lang, label=label, count=size)).classes("font-semibold")
                    named = themes.get(label, ())
                    ui.label(t("opin.console.themes", lang, themes=", ".join(named)) if named
                             else t("opin.console.no_themes", lang)).classes("dk-muted").mark("group-themes")
            ui.label(worded.shared_heading).classes("font-bold")
            with ui.column().classes("gap-1").mark("opinions-shared"):
                for _, text in worded.shared:
                    ui.label(f"✓ {text}")
                if not worded.shared:
                    ui.label(t("opin.none_shared", lang)).classes("dk-muted")
            if worded.differences:
                ui.label(t("opin.differ", lang)).classes("font-bold")
                with ui.column().classes("gap-2").mark("opinions-differ"):
                    for difference in worded.differences:
                        with ui.column().classes("gap-0"):
                            ui.label(f"≠ {difference.text}")
                            ui.label(" · ".join(difference.sides)).classes("dk-muted text-sm").mark("differ-sides")
