"""The projector's step-specific parts: role tiles with live votes, the countdown, actions, the summary."""

from __future__ import annotations

from nicegui import ui

from kit.core import events
from kit.core.card import Footnote
from kit.core.engine import Engine
from kit.core.models import InputState
from kit.core.steps import StepKind
from kit.i18n import t
from kit.ui.projector.actions import ActionList
from kit.ui.projector.roles import role_tiles
from kit.ui.projector.summary import summary_view
from kit.ui.shared.snapshot import StepSnapshot
from kit.ui.shared.theme import stylesheet
from kit.ui.shared.timer import add_countdown_script, countdown
from kit.ui.shared.votes import VoteBars

_VOTE_EVENTS = (events.VotesChanged, events.ParticipantJoined, events.ParticipantRemoved, events.EventsMissed)
_SUMMARY_EVENTS = (*_VOTE_EVENTS, events.ContributionAdded, events.ContributionChanged)


def footnotes(notes: list[Footnote]) -> None:
    """Show a role's footnotes small at the bottom of the screen.

    The card's markers are left out of the question texts (see the card file), so a footnote shows
    no marker either: a lone "1" would point at nothing.
    """
    if not notes:
        return
    with ui.element("div").classes("dk-footnote").mark("footnote"):
        for note in notes:
            ui.label(note.text)


class ConversationScreen:
    """Built inside the projector's wall area; ``rebuild`` per step, ``apply`` for single changes."""

    def __init__(self, engine: Engine, session_id: str) -> None:
        self.engine = engine
        self.session_id = session_id
        self.snapshot: StepSnapshot | None = None
        self.bars: VoteBars | None = None
        self.vote_total: ui.label | None = None
        self.summary: ui.element | None = None
        ui.add_css(stylesheet("shared/conversation.css"))
        ui.add_css(stylesheet("projector/lists.css"))
        add_countdown_script()
        with ui.element("div").classes("dk-conversation") as self.wrapper:
            self.area = ui.element("div").classes("dk-conversation-area")
            self.actions = ActionList()

    def rebuild(self, snapshot: StepSnapshot, corner: ui.element, names: dict[str, str | None]) -> None:
        """Draw the parts of the current step again (the countdown goes below the join box in ``corner``)."""
        self.snapshot = snapshot
        session, step, lang = snapshot.session, snapshot.step, snapshot.session.language
        self.area.clear()
        self.actions.clear()
        self.bars = self.vote_total = self.summary = None
        if step.collects:
            with corner:
                countdown(self.engine.step_state(session, step), lang)
        # A step whose list of cards the browser fits (roles, actions, the summary) gets the whole wall area.
        fills = step.kind in (StepKind.ROLE_CHOICE, StepKind.CLOSING) or (step.takes_action and snapshot.revealed)
        self.wrapper.classes(**{"add" if fills else "remove": "dk-conversation--fill"})
        with self.area:
            if step.kind is StepKind.ROLE_CHOICE:
                self.bars = role_tiles(snapshot.card, step.role, lang)
                self.vote_total = ui.label().classes("dk-vote-total").mark("vote-total")
                self._show_votes()
            elif step.kind is StepKind.ROLE_QUESTION:
                if snapshot.view.input_state is InputState.CLOSED:
                    ui.label(t("conv.mode.aloud_screen", lang)).classes("dk-aloud").mark("aloud")
                if step.role is not None:
                    footnotes(snapshot.card.role(step.role).footnotes)
            elif step.kind is StepKind.CLOSING:
                self.summary = ui.element("div").classes("dk-summary-area")
                self._show_summary()
        if step.takes_action and snapshot.revealed:
            self.actions.reset(self.engine.contributions(self.session_id, step.key), names, lang)

    def apply(self, batch: list[events.Event], names: dict[str, str | None]) -> None:
        """Apply single changes: votes move the bars, an action arrives, the summary counts again."""
        snapshot = self.snapshot
        if snapshot is None:
            return
        step = snapshot.step
        if self.bars is not None and any(isinstance(event, _VOTE_EVENTS) for event in batch):
            self._show_votes()
        if step.kind is StepKind.CLOSING and any(isinstance(event, _SUMMARY_EVENTS) for event in batch):
            self._show_summary()
        if not (step.takes_action and snapshot.revealed):
            return
        for event in batch:
            if isinstance(event, events.ContributionAdded | events.ContributionChanged) and event.step_key == step.key:
                contribution = self.engine.get_contribution(self.session_id, event.contribution_id)
                if contribution is not None:
                    self.actions.apply(contribution, names.get(contribution.participant_id))

    def _show_votes(self) -> None:
        snapshot = self.snapshot
        if snapshot is None or self.bars is None or self.vote_total is None:
            return
        lang = snapshot.session.language
        counts = self.engine.vote_counts(snapshot.session, snapshot.step.round or 0)
        self.bars.show(counts)
        total = len(self.engine.participants(self.session_id))
        text = t("conv.votes.total", lang, count=sum(counts.values()), total=total)
        if snapshot.view.input_state is InputState.OPEN:
            text = f"{text} · {t('conv.votes.prompt', lang)}"
        self.vote_total.set_text(text)

    def _show_summary(self) -> None:
        snapshot = self.snapshot
        if snapshot is None or self.summary is None:
            return
        self.summary.clear()
        with self.summary:
            summary_view(self.engine.summarize_session(self.session_id), snapshot.session, snapshot.card,
                         snapshot.session.language)
