"""The console's part of the card's conversation: countdown, voting, question mode, next role, notes."""

from __future__ import annotations

from nicegui import ui

from kit.core import events
from kit.core.engine import Engine
from kit.core.models import InputState
from kit.core.steps import StepKind
from kit.i18n import t
from kit.ui.console.about import about_dialog
from kit.ui.console.language import session_language_toggle
from kit.ui.console.notes import NotesPanel
from kit.ui.console.role_choice import RoleChoice
from kit.ui.shared.commands import SessionCommands
from kit.ui.shared.snapshot import StepSnapshot
from kit.ui.shared.theme import stylesheet
from kit.ui.shared.timer import DEFAULT_MINUTES, timer_control

_VOTE_EVENTS = (events.VotesChanged, events.ParticipantJoined, events.ParticipantRemoved, events.EventsMissed)
PHONES, ALOUD = "phones", "aloud"


class ConsoleConversation:
    """Built in the console's main column; ``redraw`` on each step change, ``apply`` for votes and notes."""

    def __init__(self, engine: Engine, commands: SessionCommands, snapshot: StepSnapshot, lang: str) -> None:
        self.engine = engine
        self.commands = commands
        self.session_id = snapshot.session.id
        self.lang = lang
        self.minutes = DEFAULT_MINUTES
        self.votes: RoleChoice | None = None
        self.snapshot = snapshot
        ui.add_css(stylesheet("shared/conversation.css"))
        about = about_dialog(snapshot.card, lang)
        with ui.column().classes("dk-panel w-full gap-3").mark("conversation") as self.root:
            with ui.row().classes("w-full items-center justify-between gap-4"):
                ui.button(t("conv.about.button", lang), icon="menu_book", on_click=about.open) \
                    .props("outline").mark("about-open")
                self.language = session_language_toggle(commands, snapshot.session.language, lang)
            self.controls = ui.column().classes("w-full gap-3")
        self.notes = NotesPanel(engine, self.session_id, lang)

    def redraw(self, snapshot: StepSnapshot) -> None:
        """Draw the controls of the current step again and show its notes."""
        self.snapshot = snapshot
        self.votes = None
        self.language.set_value(snapshot.session.language)
        self.controls.clear()
        step = snapshot.step
        state = self.engine.step_state(snapshot.session, step)
        with self.controls:
            if step.kind is StepKind.ROLE_QUESTION:
                self._question_mode(step.key, state.input_state)
            if step.collects and not snapshot.session.ended:
                timer_control(self.commands, step.key, state, self.lang, self.minutes, self._remember_minutes)
            if step.kind is StepKind.ROLE_CHOICE:
                self.votes = RoleChoice(self.engine, self.commands, snapshot, self.lang)
                self._show_votes()
            if step.kind is StepKind.ROLE_QUESTION and _is_last_question(snapshot):
                self._after_last_question()
        self.controls.set_visibility(bool(list(self.controls)))
        self.notes.show_step(step.key)

    def apply(self, batch: list[events.Event]) -> None:
        """Move the vote counts and take over notes saved elsewhere."""
        if self.votes is not None and any(isinstance(event, _VOTE_EVENTS) for event in batch):
            self._show_votes()
        self.notes.apply(batch)

    def _remember_minutes(self, minutes: int) -> None:
        self.minutes = minutes

    def _show_votes(self) -> None:
        if self.votes is not None:
            counts = self.engine.vote_counts(self.snapshot.session, self.snapshot.step.round or 0)
            self.votes.show(counts, len(self.engine.participants(self.session_id)))

    def _question_mode(self, step_key: str, input_state: InputState) -> None:
        lang = self.lang
        mode = ALOUD if input_state is InputState.CLOSED else PHONES
        with ui.column().classes("gap-1"):
            ui.label(t("conv.mode.title", lang)).classes("font-bold")
            toggle = ui.toggle({PHONES: t("conv.mode.phones", lang), ALOUD: t("conv.mode.aloud", lang)}, value=mode)
            toggle.props("no-caps spread toggle-color=primary").classes("text-base").mark("question-mode")
            toggle.on_value_change(lambda event: self.commands.set_input(
                step_key, InputState.CLOSED if event.value == ALOUD else InputState.OPEN))
            hint = "conv.mode.aloud_hint" if mode == ALOUD else "conv.mode.phones_hint"
            ui.label(t(hint, lang)).classes("dk-muted text-sm")

    def _after_last_question(self) -> None:
        lang = self.lang
        with ui.column().classes("gap-2 w-full dk-warning").mark("after-last-question"):
            ui.label(t("conv.round.last_question", lang)).classes("font-bold")
            with ui.row().classes("gap-2"):
                ui.button(t("conv.round.another", lang), icon="add",
                          on_click=lambda: self.commands.attempt(lambda: self.engine.add_role_round(self.session_id))) \
                    .mark("another-role-round")
                ui.button(t("conv.round.go_on", lang), icon="arrow_forward", on_click=self.commands.next) \
                    .props("outline").mark("go-on")


def _is_last_question(snapshot: StepSnapshot) -> bool:
    """True on the last question of the last role round (the next step is the dream question)."""
    index = snapshot.steps.index(snapshot.step)
    return index + 1 < len(snapshot.steps) and snapshot.steps[index + 1].kind is StepKind.DREAM
