"""The facilitator console (``/console/{session_id}``): run the session, watch the room, moderate."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from nicegui import ui
from starlette.responses import RedirectResponse, Response

from kit.app import KitContext
from kit.application import run_engine
from kit.core import events
from kit.core.boards import groupable
from kit.core.errors import Reason, Refused
from kit.core.models import Anonymity
from kit.i18n import t
from kit.ui.board.console_panel import BoardPanel
from kit.ui.console.co_facilitators import co_facilitator_panel
from kit.ui.console.conversation import ConsoleConversation
from kit.ui.console.join import join_panel, tablet_dialog
from kit.ui.console.keys_legend import keys_legend
from kit.ui.console.opinions import OpinionsPanel
from kit.ui.console.room import ModerationList, ParticipantList
from kit.ui.console.step_bar import StepBar
from kit.ui.console.steps import StepPanel, step_list
from kit.ui.console.workspace import Panels, Workspace
from kit.ui.shared.access import drive_check, held_secret, is_facilitator, known_secret, remember_facilitator
from kit.ui.shared.commands import SessionCommands
from kit.ui.shared.error_pages import not_found_response
from kit.ui.shared.flags import ScreenFlags
from kit.ui.shared.key_help import key_help
from kit.ui.shared.keys import KeyActions, bind_keys
from kit.ui.shared.language import facilitator_lang
from kit.ui.shared.live import LiveFeed, for_session
from kit.ui.shared.refusal import refusal_response
from kit.ui.shared.report import report_panel
from kit.ui.shared.snapshot import StepSnapshot, take_snapshot
from kit.ui.shared.theme import add_fullscreen_key, frame, heading, stylesheet
from kit.ui.shared.urls import projector_url

ACCESS_CHECK_SECONDS = 5.0
_STEP_EVENTS = (events.StepChanged, events.StepsChanged, events.StepStateChanged, events.SessionEnded,
                events.SessionSettingsChanged, events.EventsMissed)


def register_console(ctx: KitContext, flags: ScreenFlags) -> None:
    """Register ``/console/{session_id}``; ``?key=SECRET`` signs this browser in once, then is dropped."""

    @ui.page("/console/{session_id}", title=t("ui.title.console"))
    def console(session_id: str, key: str | None = None) -> Response | None:
        lang = facilitator_lang()
        hosted = ctx.settings.hosted
        if key is not None:
            if not ctx.engine.check_secret(session_id, key):
                return not_found_response() if hosted else \
                    refusal_response("ui.refused.console_title", "ui.refused.console_wrong_key", lang)
            remember_facilitator(session_id, key)
            return RedirectResponse(f"/console/{session_id}", status_code=303)
        if not is_facilitator(ctx.engine, session_id, hosted):
            return not_found_response() if hosted else \
                refusal_response("ui.refused.console_title", "ui.refused.console_no_key", lang)
        view = ConsoleView(ctx, flags, session_id, lang)
        view.build()
        if hosted or held_secret(session_id):
            # taken off the session, an account disabled, or a key made new: an open console closes too
            still = drive_check(ctx.engine, session_id, hosted)
            ui.timer(ACCESS_CHECK_SECONDS, lambda: view.check_access(still))
        return None


class ConsoleView:
    """One console page; its parts are redrawn from bus batches (lists change one row at a time)."""

    def __init__(self, ctx: KitContext, flags: ScreenFlags, session_id: str, lang: str) -> None:
        self.ctx = ctx
        self.engine = ctx.engine
        self.flags = flags
        self.session_id = session_id
        self.lang = lang
        self.commands = SessionCommands(ctx.engine, session_id, lang)
        # A new tablet link and the check of this browser's access take turns: the check must not read the
        # key before it was made new and test it after.
        self.key_turn = asyncio.Lock()
        self.snapshot: StepSnapshot = take_snapshot(ctx.engine, session_id, lang)
        self._moderated: str | None = None
        self._moderation_drawn = False
        self._steps_drawn: tuple[str, tuple[str, ...]] | None = None

    def build(self) -> None:
        """Lay out the console and start listening to the session."""
        session = self.snapshot.session
        lang = self.lang
        ui.add_css(stylesheet("console/console.css"))
        # Open beside the page from 1024 px; below, it lies over the console and opens from the header's menu.
        with ui.left_drawer(value=None, fixed=True).classes("bg-white p-3").props("width=300 bordered") \
                .mark("drawer") as self.drawer:
            keys_legend(lang)
            self.steps = ui.column().classes("w-full gap-0")
        menu = (t("ui.console.steps_menu", lang), self.drawer.toggle)
        with frame(session.title, lang, menu=menu), ui.column().classes("w-full gap-4 min-w-0"):
            self.ended = ui.label(t("ui.console.ended", lang)).classes("dk-warning w-full").mark("ended")
            with ui.row().classes("dk-console-row w-full gap-4 no-wrap items-start"):
                with ui.column().classes("dk-main grow gap-4 min-w-0") as main:
                    with ui.column().classes("dk-panel w-full gap-1"):
                        self.step = StepPanel(self.engine, self.commands, lang, self.toggle_qr)
                    self.conversation = ConsoleConversation(self.engine, self.commands, self.snapshot, lang)
                    with ui.column().classes("dk-panel w-full gap-1") as moderation:
                        heading(t("ui.console.contributions", lang))
                        self.shows_label = ui.label().classes("dk-muted text-sm")
                        self.moderation = ModerationList(self.engine, self.commands, lang,
                                                         named=session.anonymity is not Anonymity.ANONYMOUS)
                    self.opinions = OpinionsPanel(self.engine, self.session_id, lang, self.flags)
                with ui.column().classes("dk-side shrink-0 gap-4") as self.side:
                    self._preview_panel()
                    with ui.column().classes("dk-panel w-full gap-2") as join:
                        join_panel(self.ctx, session, lang)
                        self._room_controls()
                    with ui.column().classes("dk-panel w-full gap-1") as participants:
                        self.participants = ParticipantList(self.engine, self.commands, lang)
                    with ui.column().classes("dk-panel w-full gap-2").mark("report") as report:
                        report_panel(self.engine, self.session_id, lang)
                        if self.ctx.settings.hosted:
                            co_facilitator_panel(self.engine, self.session_id, lang)
            self.workspace = Workspace(lang)
            with self.workspace.board:
                self.board = BoardPanel(self.engine, self.session_id, lang, self.flags)
            self.bar = StepBar(self.commands, lang)
        self.panels = Panels(main, self.side, (self.conversation.root, moderation), self.conversation.notes.root,
                             (join, participants, report))
        self.participants.reset(self.engine.participants(self.session_id))
        self.redraw_step()
        LiveFeed(self.engine.bus, for_session(self.session_id), self.on_batch)
        bind_keys(KeyActions(
            next=self.commands.next, previous=self.commands.previous, toggle_pause=self.commands.toggle_pause,
            toggle_reveal=self.commands.toggle_reveal, toggle_qr=self.toggle_qr,
            toggle_opinions=self.opinions.toggle_screen,
        ))
        add_fullscreen_key()
        key_help(lang, drives=True)

    def _preview_panel(self) -> None:
        session = self.snapshot.session
        url = projector_url(session.id, session.view_key)
        with ui.column().classes("dk-panel dk-preview-panel w-full gap-2").mark("preview"):
            with ui.row().classes("dk-preview-head items-center gap-2 no-wrap"):
                ui.element("span").classes("dk-live-dot").props('aria-hidden="true"')
                heading(t("boardws.preview", self.lang))
            preview = t("ui.console.preview_title", self.lang)
            ui.html(f'<div class="dk-preview"><iframe src="{url}" title="{preview}" tabindex="-1"></iframe></div>',
                    sanitize=False).classes("dk-preview-frame")
            with ui.row().classes("dk-preview-buttons gap-2"):
                ui.button(t("ui.console.open_projector", self.lang), icon="open_in_new",
                          on_click=lambda: ui.navigate.to(url, new_tab=True)).props("no-caps") \
                    .tooltip(t("keys.tip.projector", self.lang)).mark("open-projector")
                ui.button(t("ui.console.qr_large", self.lang), icon="qr_code_2", on_click=self.toggle_qr) \
                    .props("outline no-caps").tooltip(t("keys.tip.qr", self.lang)).mark("qr-large")

    def _room_controls(self) -> None:
        session = self.snapshot.session
        dialog = tablet_dialog(self.ctx, session, known_secret(self.engine, session.id), self.lang, self.commands,
                               self.key_turn)
        with ui.row().classes("items-center gap-4"):
            self.lock = ui.switch(t("ui.console.lock", self.lang), value=session.locked).mark("lock")
            self.lock.on_value_change(
                lambda event: self.commands.run(self.engine.lock_room, self.session_id, bool(event.value)))
            ui.button(t("ui.console.tablet", self.lang), icon="tablet", on_click=dialog.open) \
                .props("outline").mark("tablet")

    async def check_access(self, still: Callable[[str | None], bool]) -> None:
        """Reload the page (it then says it found nothing) once ``still`` says this browser may no longer drive."""
        try:
            async with self.key_turn:
                allowed = await run_engine(still, held_secret(self.session_id))
        except Refused:
            return  # the database is away: asked again at the next check
        if not allowed:
            ui.navigate.reload()

    def toggle_qr(self) -> None:
        """Show or hide the large QR code on the projector."""
        key = "ui.console.qr_shown" if self.flags.toggle_qr(self.session_id) else "ui.console.qr_hidden"
        ui.notify(t(key, self.lang))

    def redraw_step(self) -> None:
        """Draw the step list and the current step again, and the contributions it shows."""
        try:
            self.snapshot = take_snapshot(self.engine, self.session_id, self.lang)
        except Refused as refusal:
            if refusal.reason is Reason.NOT_STORED:
                raise  # the database is away, the session is not gone: the page's feed draws it again
            self.ended.set_text(t("ui.console.gone", self.lang))
            self.ended.set_visibility(True)
            return
        self.ended.set_visibility(self.snapshot.session.ended)
        steps = (self.snapshot.step.key, tuple(step.key for step in self.snapshot.steps))
        if steps != self._steps_drawn:  # kept while only the step's state changes, so no click is lost
            self._steps_drawn = steps
            self.steps.clear()
            with self.steps:
                step_list(self.snapshot, self.commands, self.lang, close=self.drawer.hide)
        self.step.show(self.snapshot)
        self.bar.show(self.snapshot)
        step = self.snapshot.step
        board_mode = groupable(step)
        self.workspace.arrange(self.panels, step_key=step.key, board_mode=board_mode, collecting=step.collects)
        self.opinions.place(self.workspace.board if board_mode else self.panels.main)
        self.side.classes(**{"add" if board_mode else "remove": "dk-side--compact"})
        self.board.follow(self.snapshot)
        self.conversation.redraw(self.snapshot)
        shows = self.snapshot.shows
        if not self._moderation_drawn or shows != self._moderated:
            self.moderation.reset(self.engine.contributions(self.session_id, shows) if shows else [])
            self._moderated, self._moderation_drawn = shows, True
        self.shows_label.set_text(t("ui.console.shows", self.lang) if shows else t("ui.console.shows_none", self.lang))

    def _read_again(self) -> None:
        """Show the room again as the store has it: its lock, participants and the contributions on show."""
        self.lock.set_value(self.snapshot.session.locked)
        self.participants.reset(self.engine.participants(self.session_id))
        shows = self.snapshot.shows
        self.moderation.reset(self.engine.contributions(self.session_id, shows) if shows else [])

    def on_batch(self, batch: list[events.Event]) -> None:
        """Apply a batch of the session's events to the parts they concern."""
        if any(isinstance(event, (*_STEP_EVENTS, events.SessionDeleted)) for event in batch):
            self.redraw_step()
        if any(isinstance(event, events.EventsMissed) for event in batch):
            self._read_again()
        self.conversation.apply(batch)
        self.board.apply(batch)
        for event in batch:
            if isinstance(event, events.ParticipantJoined):
                participant = self.engine.get_participant(event.participant_id)
                if participant is not None:
                    self.participants.add(participant)
            elif isinstance(event, events.ParticipantRemoved):
                self.participants.remove(event.participant_id)
            elif isinstance(event, events.RoomLockChanged):
                self.lock.set_value(event.locked)
            elif (isinstance(event, events.ContributionAdded | events.ContributionChanged)
                  and event.step_key == self.snapshot.shows):
                contribution = self.engine.get_contribution(self.session_id, event.contribution_id)
                if contribution is not None:
                    self.moderation.apply(contribution)
