"""The projector's opinion groups view: what we share, where we differ (with each side's size) and the map of dots.

The facilitator opens it with M (or from the console) on a step whose contributions are revealed; it takes
the place of the wall and the group overview on every projector of the session until closed or another
step comes. Below the minimum it says plainly why there is nothing to say yet. It never shows who is in
which group: the dots have no names, and a participant's own group is only ever told to their own phone.
The groups come from :class:`~kit.ui.shared.opinions_feed.OpinionsFeed`, recomputed at most every few
seconds; the view looks for a new result every ``POLL_INTERVAL`` seconds and redraws only when there is one.
"""

from __future__ import annotations

from nicegui import ui

from kit.core import events
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.i18n import t
from kit.opinions import OpinionGroups
from kit.ui.board.opinions_data import OpinionsText, word_opinions
from kit.ui.board.opinions_map import group_colour, opinion_map_svg
from kit.ui.projector.fit import FLOOR_VW, Fit, fit_list
from kit.ui.shared.flags import ScreenFlags
from kit.ui.shared.hyphens import hyphenate
from kit.ui.shared.opinions_feed import OpinionsFeed
from kit.ui.shared.snapshot import StepSnapshot
from kit.ui.shared.theme import stylesheet

POLL_INTERVAL = 1.0
ITEMS = Fit((2.2, 1.9, 1.7, FLOOR_VW), 11, 30, "opin.pages")
SHARED_MARK = "✓"
DIFFER_MARK = "≠"


def opinions_on_screen(flags: ScreenFlags, session_id: str, snapshot: StepSnapshot) -> bool:
    """True when the projectors show the opinion groups of the current step (its contributions revealed)."""
    return (flags.opinions_step(session_id) == snapshot.step.key and snapshot.shows is not None
            and snapshot.revealed and not snapshot.session.ended)


class OpinionsScreen:
    """The opinion groups view of one projector page; hides the rest of the wall area while shown."""

    def __init__(self, engine: Engine, session_id: str, flags: ScreenFlags, feed: OpinionsFeed, *,
                 screen: ui.element) -> None:
        self.engine = engine
        self.session_id = session_id
        self.flags = flags
        self.feed = feed
        self.screen = screen
        self.snapshot: StepSnapshot | None = None
        self.active = False
        self._drawn: OpinionGroups | None = None
        ui.add_css(stylesheet("board/opinions.css"))
        with ui.element("div").classes("dk-opinions").mark("opinions") as self.root:
            self.body = ui.element("div").classes("dk-opin-body")
        self.root.set_visibility(False)
        ui.timer(POLL_INTERVAL, self._poll)

    def follow(self, snapshot: StepSnapshot) -> None:
        """Take the projector's current step and show or hide the view for it."""
        if self.snapshot is None or self.snapshot.step.key != snapshot.step.key:
            self._drawn = None
        self.snapshot = snapshot
        self._sync()

    def apply(self, batch: list[events.Event]) -> None:
        """Take a batch of the session's events: the facilitator opened or closed the view."""
        if any(isinstance(event, events.OpinionsViewChanged) for event in batch):
            self._sync()

    def toggle(self) -> bool:
        """Open the view for the current step on every projector of the session, or close it; False off a question."""
        if self.snapshot is None or self.snapshot.shows is None:
            return False
        self.flags.toggle_opinions(self.session_id, self.snapshot.step.key)
        return True

    def _sync(self) -> None:
        snapshot = self.snapshot
        active = snapshot is not None and opinions_on_screen(self.flags, self.session_id, snapshot)
        if active != self.active:
            self.active = active
            self._drawn = None
            self.root.set_visibility(active)
            self.screen.classes(**{"add" if active else "remove": "dk-screen--opinions"})
            if active:
                self._waiting()
        if active and snapshot is not None:
            cached = self.feed.cached(self.session_id, snapshot.step.key)
            if cached is not None:
                self._draw(cached)

    async def _poll(self) -> None:
        snapshot = self.snapshot
        if not self.active or snapshot is None:
            return
        try:
            result = await self.feed.latest(self.session_id, snapshot.step.key)
        except Refused:
            result = None
        if result is not None and self.active:
            self._draw(result)

    def _waiting(self) -> None:
        lang = self._lang()
        self.body.clear()
        with self.body:
            ui.label(t("opin.waiting", lang)).classes("dk-opin-reason")

    def _draw(self, result: OpinionGroups) -> None:
        """Draw ``result`` unless it is the one on screen (a new result comes at most every few seconds)."""
        if result is self._drawn or self.snapshot is None:
            return
        self._drawn = result
        lang = self._lang()
        text_lang = self.snapshot.card.language
        texts = {c.id: hyphenate(c.text, text_lang) for c in self.engine.contributions(self.session_id,
                                                                                       self.snapshot.shows)
                 if c.visible}
        worded = word_opinions(result, texts, lang)
        self.body.clear()
        with self.body:
            self._map(worded, lang)
            self._lists(worded, lang)

    def _map(self, worded: OpinionsText, lang: str) -> None:
        with ui.element("div").classes("dk-opin-side").mark("opinions-map"):
            ui.label(t("opin.title", lang)).classes("dk-opin-title")
            if worded.dots:
                ui.html(opinion_map_svg(worded.dots, t("opin.map_alt", lang)), sanitize=False).classes("dk-opin-map")
            with ui.element("div").classes("dk-opin-legend").mark("opinions-legend"):
                for label, size in worded.groups:
                    with ui.element("div").classes("dk-opin-legend-item"):
                        ui.label(label).classes("dk-opin-letter").style(f"background:{group_colour(label)}")
                        ui.label(t("opin.map_legend", lang, label=label, count=size)).classes("dk-opin-legend-text")
            ui.label(worded.counted).classes("dk-opin-counted").mark("opinions-counted")

    def _lists(self, worded: OpinionsText, lang: str) -> None:
        with ui.element("div").classes("dk-opin-main"):
            if worded.reason is not None:
                ui.label(worded.reason).classes("dk-opin-reason").mark("opinions-reason")
            with ui.element("div").classes("dk-opin-heads"):
                if worded.shared or worded.reason is None:
                    self._head(SHARED_MARK, worded.shared_heading, "dk-opin-mark--shared")
                if worded.differences:
                    self._head(DIFFER_MARK, t("opin.differ", lang), "dk-opin-mark--differ")
            items = fit_list(ui.element("div").classes("dk-opin-items").mark("opinions-items"), ITEMS, lang)
            with items:
                for cid, text in worded.shared:
                    with ui.element("div").classes("dk-opin-item dk-opin-item--shared dk-pitem").mark(f"shared-{cid}"):
                        ui.label(SHARED_MARK).classes("dk-opin-mark dk-opin-mark--shared")
                        ui.label(text).classes("dk-opin-text")
                if not worded.shared and worded.reason is None:
                    with ui.element("div").classes("dk-opin-item dk-pitem").mark("shared-none"):
                        ui.label(t("opin.none_shared", lang)).classes("dk-opin-text")
                for difference in worded.differences:
                    with ui.element("div").classes("dk-opin-item dk-opin-item--differ dk-pitem") \
                            .mark(f"differ-{difference.contribution_id}"):
                        ui.label(DIFFER_MARK).classes("dk-opin-mark dk-opin-mark--differ")
                        ui.label(difference.text).classes("dk-opin-text")
                        ui.label(" · ".join(difference.sides)).classes("dk-opin-sides").mark("differ-sides")

    def _head(self, mark: str, text: str, kind: str) -> None:
        with ui.element("div").classes("dk-opin-head"):
            ui.label(mark).classes(f"dk-opin-mark {kind}")
            ui.label(text).classes("dk-opin-head-text")

    def _lang(self) -> str:
        return self.snapshot.session.language if self.snapshot is not None else "nl"
