"""The console's role choice: the roles with the phones' votes beside them, then the role's questions.

Choosing role 2 with questions 2.3 and 2.7 takes four clicks: the role, the two questions, and
"use". No question starts ticked unless this round already has the role (then its questions are);
"Alle vragen" ticks or unticks them all at once.
"""

from __future__ import annotations

from nicegui import ui

from kit.core.card import Card
from kit.core.engine import Engine
from kit.core.models import InputState
from kit.i18n import t
from kit.ui.shared.commands import SessionCommands
from kit.ui.shared.snapshot import StepSnapshot
from kit.ui.shared.votes import VoteBars


class RoleChoice:
    """Voting open or closed, one row per role (choice, live bar, count), the questions, and "use"."""

    def __init__(self, engine: Engine, commands: SessionCommands, snapshot: StepSnapshot, lang: str) -> None:
        self.engine = engine
        self.commands = commands
        self.card: Card = snapshot.card
        self.session_id = snapshot.session.id
        self.round_index = snapshot.step.round or 0
        self.chosen = snapshot.session.rounds[self.round_index]
        self.lang = lang
        self.role: int | None = self.chosen.role
        self.boxes: dict[str, ui.checkbox] = {}
        self._settling = False
        state = engine.step_state(snapshot.session, snapshot.step)
        with ui.column().classes("w-full gap-1").mark("vote-panel"):
            with ui.row().classes("items-center gap-4"):
                ui.label(t("ui.console.choose_role", lang)).classes("font-bold")
                voting = ui.switch(t("conv.votes.open", lang), value=state.input_state is InputState.OPEN) \
                    .mark("voting")
                voting.on_value_change(lambda event: commands.set_input(
                    snapshot.step.key, InputState.OPEN if event.value else InputState.CLOSED))
            ui.label(t("rolechoice.pick_role", lang)).classes("dk-muted text-sm")
            self.bars = VoteBars(lang)
            self.radios: dict[int, ui.radio] = {}
            for role in self.card.roles:
                with ui.row().classes("dk-role-row w-full items-center no-wrap gap-2"):
                    value = role.number if role.number == self.role else None
                    radio = ui.radio({role.number: f"{role.number}. {role.title}"}, value=value) \
                        .props("dense").classes("w-72 shrink-0").mark(f"role-{role.number}")
                    radio.on_value_change(lambda event, number=role.number: self._pick_role(number, event.value))
                    self.radios[role.number] = radio
                    self.bars.add(role.number, "console-votes")
            self.total = ui.label().classes("dk-muted text-sm").mark("vote-total")
            ui.label(t("conv.votes.advice", lang)).classes("dk-muted text-sm")
            self.questions = ui.column().classes("w-full gap-0 mt-2")
            ui.button(t("ui.console.use_role", lang), on_click=self.use).classes("mt-2").mark("use-role")
        self._show_questions()

    def show(self, counts: dict[int, int], participants: int) -> None:
        """Show ``counts`` (votes per role) and how many of the ``participants`` voted."""
        self.bars.show(counts)
        self.total.set_text(t("conv.votes.total", self.lang, count=sum(counts.values()), total=participants))

    def use(self) -> None:
        """Take the chosen role and the ticked questions for this round."""
        if self.role is None:
            ui.notify(t("rolechoice.pick_role", self.lang), type="warning")
            return
        picked = tuple(number for number, box in self.boxes.items() if box.value)
        if not picked:
            ui.notify(t("rolechoice.pick_questions", self.lang), type="warning")
            return
        role = self.role
        self.commands.attempt(lambda: self.engine.choose_role(self.session_id, self.round_index, role, picked))

    def _pick_role(self, number: int, value: object) -> None:
        if value != number or self.role == number:
            return
        self.role = number
        for other, radio in self.radios.items():
            if other != number:
                radio.set_value(None)
        self._show_questions()

    def _show_questions(self) -> None:
        self.questions.clear()
        self.boxes = {}
        if self.role is None:
            return
        role = self.card.role(self.role)
        ticked = set(self.chosen.questions) if self.chosen.role == role.number else set()
        with self.questions:
            ui.label(t("rolechoice.questions", self.lang, role=role.number)).classes("font-bold")
            self.all = ui.checkbox(t("rolechoice.all", self.lang), value=len(ticked) == len(role.questions)) \
                .mark("all-questions")
            self.all.on_value_change(lambda event: self._tick_all(bool(event.value)))
            with ui.column().classes("gap-0 ml-6"):
                for question in role.questions:
                    box = ui.checkbox(f"{question.number}  {question.text}", value=question.number in ticked)
                    box.on_value_change(lambda _event: self._settle_all())
                    self.boxes[question.number] = box.mark(f"question-{question.number}")

    def _tick_all(self, value: bool) -> None:
        if self._settling:
            return
        self._settling = True
        for box in self.boxes.values():
            box.set_value(value)
        self._settling = False

    def _settle_all(self) -> None:
        if self._settling:
            return
        self._settling = True
        self.all.set_value(all(box.value for box in self.boxes.values()))
        self._settling = False
