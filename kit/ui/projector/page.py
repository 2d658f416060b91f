"""The projector page: the current step in large type, the join code, and the room's contributions."""

from __future__ import annotations

from nicegui import ui
from starlette.responses import Response

from kit.app import KitContext
from kit.core import events
from kit.core.errors import Reason, Refused
from kit.core.models import Anonymity, InputState
from kit.core.screen import shown_on_screen, shows_cards
from kit.i18n import t
from kit.ui.board.opinions_projector import OpinionsScreen
from kit.ui.board.projector_view import GroupedWall
from kit.ui.projector.conversation import ConversationScreen
from kit.ui.projector.parts import is_welcome, join_box, step_text, welcome
from kit.ui.projector.wall import CardWall
from kit.ui.shared.access import is_facilitator, may_view
from kit.ui.shared.commands import SessionCommands
from kit.ui.shared.error_pages import not_found_response
from kit.ui.shared.flags import ScreenFlags
from kit.ui.shared.framework_text import switch_kit_texts, use_kit_texts
from kit.ui.shared.key_help import key_help, overlay_html
from kit.ui.shared.keys import KeyActions, bind_keys
from kit.ui.shared.live import LiveFeed, for_session
from kit.ui.shared.opinions_feed import opinions_feed
from kit.ui.shared.refusal import refusal_response
from kit.ui.shared.snapshot import StepSnapshot, take_snapshot
from kit.ui.shared.theme import add_fullscreen_key, script, stylesheet

# Events after which the whole step is drawn again; everything else changes one card or a count.
_REBUILD = (events.StepChanged, events.StepsChanged, events.StepStateChanged, events.SessionSettingsChanged,
            events.SessionEnded, events.EventsMissed)
WALL_DELAY = 0.5  # seconds after the group view is drawn that the wall behind it is filled
_COUNTS = (events.ParticipantJoined, events.ParticipantRemoved, events.ContributionAdded,
           events.ContributionChanged)


def register_projector(ctx: KitContext, flags: ScreenFlags) -> None:
    """Register ``/projector/{session_id}?view=VIEWKEY`` (read-only; keys drive only for the facilitator)."""

    @ui.page("/projector/{session_id}", title=t("ui.title.projector"))
    def projector(session_id: str, view: str = "") -> Response | None:
        session = ctx.engine.session_or_none(session_id)
        hosted = ctx.settings.hosted
        if session is None or not may_view(session, view):
            return not_found_response() if hosted else \
                refusal_response("ui.refused.projector_title", "ui.refused.projector_key", "nl")
        ProjectorView(ctx, flags, session_id, drives=is_facilitator(ctx.engine, session_id, hosted)).build()
        return None


class ProjectorView:
    """One projector page; keeps references to its elements and updates them from bus batches."""

    def __init__(self, ctx: KitContext, flags: ScreenFlags, session_id: str, *, drives: bool) -> None:
        self.ctx = ctx
        self.engine = ctx.engine
        self.flags = flags
        self.session_id = session_id
        self.drives = drives
        self.snapshot: StepSnapshot = take_snapshot(self.engine, session_id, self._lang())
        self.cards_shown = False  # the rule phones follow too (kit/core/screen.py)
        self.names: dict[str, str | None] = {}
        self.active: set[str] = set()
        self.texts_lang = self.snapshot.session.language  # of NiceGUI's own notices
        self.key_help: ui.html | None = None

    def _lang(self) -> str:
        return self.engine.get_session(self.session_id).language

    def build(self) -> None:
        """Lay out the screen, fill it, and start listening to the session."""
        ui.add_css(stylesheet("projector/projector.css"))
        ui.query("body").classes("dk-projector-body")
        use_kit_texts(self.texts_lang)
        with ui.element("div").classes("dk-screen") as self.screen:
            self.step_area = ui.element("div").classes("dk-step-area")
            self.corner = ui.element("div").classes("dk-corner")
            with ui.element("div").classes("dk-wall-area"):
                self.silent = ui.label().classes("dk-silent").mark("silent")
                self.conversation = ConversationScreen(self.engine, self.session_id)
                self.wall = CardWall()
                self.grouped = GroupedWall(self.engine, self.session_id, self.flags, screen=self.screen,
                                           wall=self.wall.container)
                self.opinions = OpinionsScreen(self.engine, self.session_id, self.flags, opinions_feed(self.engine),
                                               screen=self.screen)
            with ui.element("div").classes("dk-status"):
                self.participants_label = ui.label().classes("dk-participants").mark("participants")
                self.responded_label = ui.label().classes("dk-responded").mark("responded")
                self.pager_info = ui.label().classes("dk-pager-info").mark("pager-info")
                self.input_label = ui.label().classes("dk-input").mark("input-state")
        self.overlay = ui.element("div").classes("dk-overlay").mark("qr-overlay")
        self.overlay.on("click", self.toggle_local_qr)
        self.rebuild()
        LiveFeed(self.engine.bus, for_session(self.session_id), self.on_batch)
        ui.add_body_html(f"<script>{script('projector/pager.js')}</script>")
        bind_keys(self._key_actions())
        add_fullscreen_key()
        self.key_help = key_help(self._lang(), drives=self.drives, projector=True)

    def _key_actions(self) -> KeyActions:
        if not self.drives:
            return KeyActions(toggle_qr=self.toggle_local_qr)
        commands = SessionCommands(self.engine, self.session_id, self._lang())
        grouped = self.grouped

        def forward() -> None:
            if not grouped.step_focus(1):
                commands.next()

        def back() -> None:
            if not grouped.step_focus(-1):
                commands.previous()

        return KeyActions(
            next=forward, previous=back,
            toggle_pause=commands.toggle_pause, toggle_reveal=commands.toggle_reveal,
            toggle_qr=lambda: self.flags.toggle_qr(self.session_id),
            number=grouped.open_number, back=grouped.close, toggle_opinions=self.opinions.toggle,
        )

    def rebuild(self) -> None:
        """Draw the current step again from the engine (a new step, a reveal, a new language)."""
        try:
            snapshot = take_snapshot(self.engine, self.session_id, self._lang())
        except Refused as refusal:
            if refusal.reason is Reason.NOT_STORED:
                raise  # the database is away, the session is not gone: the page's feed draws it again
            self._show_gone()
            return
        self.snapshot = snapshot
        try:
            groups = self.engine.boards.groups_shown(self.session_id, snapshot.step.key)
        except Refused as refusal:
            if refusal.reason is Reason.NOT_STORED:
                raise
            groups = False
        self.cards_shown = shows_cards(shown_on_screen(snapshot.step, revealed=snapshot.revealed, groups_shown=groups))
        self.wall.text_lang = snapshot.card.language
        lang = snapshot.session.language
        self.screen.props(f'lang="{lang}"')
        if lang != self.texts_lang:
            self.texts_lang = lang
            switch_kit_texts(lang)
            if self.key_help is not None:
                self.key_help.set_content(overlay_html(lang, drives=self.drives, projector=True))
        everyone = self.engine.participants(self.session_id, include_removed=True)
        self.names = {p.id: p.name for p in everyone} if self._named() else {}
        self.active = {p.id for p in everyone if not p.removed}
        join_url = self.ctx.join_url(snapshot.session.code)
        base = self.ctx.join.base_url
        if is_welcome(snapshot):
            self.screen.classes(add="dk-screen--welcome")
        else:
            self.screen.classes(remove="dk-screen--welcome")
        # An ended session invites nobody: whoever scanned the code would only read that it is over.
        inviting = not snapshot.session.ended
        self.step_area.clear()
        with self.step_area:
            if is_welcome(snapshot):
                welcome(snapshot, join_url, base, lang, inviting=inviting)
            else:
                step_text(snapshot)
        self.corner.clear()
        self.overlay.clear()
        if inviting:
            with self.corner:
                join_box(join_url, base, snapshot.session.code, lang, variant="corner")
            with self.overlay:
                join_box(join_url, base, snapshot.session.code, lang, variant="overlay")
        self.overlay.set_visibility(inviting and self.flags.qr_large(self.session_id))
        self.conversation.rebuild(snapshot, self.corner, self.names)
        self.grouped.follow(snapshot)
        self.opinions.follow(snapshot)
        self._show_wall(now=False)
        self._update_counts()

    def _show_wall(self, *, now: bool) -> None:
        """Fill the wall with the current step's contributions (kept, and hidden, behind the group view).

        A wall that is still empty behind the group view is filled a moment later (unless ``now``), so
        the room sees the groups first and the answers are ready when the facilitator steps back.
        """
        snapshot = self.snapshot
        if not snapshot.shows or not self.cards_shown:
            self.wall.clear()
            return
        if not now and self.grouped.active and not self.wall.holds(snapshot.shows):
            with self.screen:
                ui.timer(WALL_DELAY, lambda: self._show_wall(now=True), once=True)
            return
        self.wall.lang = snapshot.session.language
        self.wall.reset(self.engine.contributions(self.session_id, snapshot.shows), self.names, snapshot.shows,
                        snapshot.step.key)

    def on_batch(self, batch: list[events.Event]) -> None:
        """Apply a batch of the session's events: rebuild on a step change, else touch single cards."""
        if any(isinstance(event, events.SessionDeleted) for event in batch):
            self._show_gone()
            return
        if any(isinstance(event, _REBUILD) for event in batch):
            self.rebuild()
            return
        shows = self.snapshot.shows
        for event in batch:
            if isinstance(event, events.ParticipantJoined):
                participant = self.engine.get_participant(event.participant_id)
                if participant is not None:
                    self.active.add(participant.id)
                    if self._named():
                        self.names[participant.id] = participant.name
            elif isinstance(event, events.ParticipantRemoved):
                self.active.discard(event.participant_id)
            elif isinstance(event, events.QrLargeChanged):
                self.overlay.set_visibility(event.large and not self.snapshot.session.ended)
            elif (isinstance(event, events.ContributionAdded | events.ContributionChanged)
                  and event.step_key == shows and self.cards_shown):
                contribution = self.engine.get_contribution(self.session_id, event.contribution_id)
                if contribution is not None:
                    self.wall.apply(contribution, self.names.get(contribution.participant_id))
        self.conversation.apply(batch, self.names)
        self.grouped.apply(batch)
        self.opinions.apply(batch)
        if any(isinstance(event, _COUNTS) for event in batch):
            self._update_counts()

    def _named(self) -> bool:
        return self.snapshot.session.anonymity is not Anonymity.ANONYMOUS

    def _update_counts(self) -> None:
        snapshot = self.snapshot
        lang = snapshot.session.language
        total = len(self.active)
        key = "ui.projector.participants_one" if total == 1 else "ui.projector.participants"
        self.participants_label.set_text(t(key, lang, count=total))
        silent = snapshot.shows is not None and not snapshot.revealed
        if snapshot.shows is not None:
            count = self.engine.count_responders(self.session_id, snapshot.shows)
            text = t("ui.projector.responded", lang, count=count, total=total)
            self.responded_label.set_text(text)
            self.silent.set_text(f"{text}. {t('ui.projector.silent', lang)}")
        self.responded_label.set_visibility(snapshot.shows is not None and not silent)
        self.silent.set_visibility(silent)
        if snapshot.session.ended:
            self.input_label.set_text(t("ui.projector.ended", lang))
        elif snapshot.collecting:
            self.input_label.set_text(t(f"ui.projector.input.{snapshot.view.input_state.value}", lang))
        else:
            self.input_label.set_text("")
        self.input_label.classes(replace=f"dk-input dk-input--{self._input_state().value}")

    def _input_state(self) -> InputState:
        return self.snapshot.view.input_state if self.snapshot.collecting else InputState.CLOSED

    def toggle_local_qr(self) -> None:
        """Show or hide the large QR code on this screen only (never on an ended session's screen)."""
        self.overlay.set_visibility(not self.overlay.visible and not self.snapshot.session.ended)

    def _show_gone(self) -> None:
        self.step_area.clear()
        with self.step_area:
            ui.label(t("ui.projector.gone", "nl")).classes("dk-text")
        self.wall.clear()
