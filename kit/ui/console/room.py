"""The console's live lists: the participants in the room and the contributions of the current step."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import ui

from kit.core.engine import Engine
from kit.core.models import Contribution, Participant
from kit.i18n import t
from kit.ui.shared.commands import SessionCommands
from kit.ui.shared.dialogs import confirm


class ParticipantList:
    """Joined participants, each with a remove button; rows come and go one at a time."""

    def __init__(self, engine: Engine, commands: SessionCommands, lang: str) -> None:
        self.engine = engine
        self.commands = commands
        self.lang = lang
        self.count = ui.label().classes("font-bold").mark("participant-count")
        self.container = ui.column().classes("w-full gap-0 max-h-80 overflow-auto")
        self._rows: dict[str, ui.row] = {}

    def reset(self, participants: list[Participant]) -> None:
        """Show exactly ``participants``."""
        self.container.clear()
        self._rows = {}
        for participant in participants:
            self.add(participant)
        self._update_count()

    def add(self, participant: Participant) -> None:
        """Add a row for a participant who joined."""
        if participant.id in self._rows or participant.removed:
            return
        name = shown_name(participant, self.lang)
        with self.container, ui.row().classes("w-full items-center no-wrap") as row:
            ui.label(name).classes("grow")
            remove = ui.button(icon="person_remove", on_click=lambda: self._ask_remove(participant.id, name)) \
                .props("flat dense round color=negative").tooltip(t("ui.console.remove", self.lang)) \
                .mark(f"remove-{participant.id}")
            remove.props["aria-label"] = f"{t('ui.console.remove', self.lang)}: {name}"
        self._rows[participant.id] = row
        self._update_count()

    def remove(self, participant_id: str) -> None:
        """Drop the row of a removed participant."""
        row = self._rows.pop(participant_id, None)
        if row is not None:
            row.delete()
            self._update_count()

    def _ask_remove(self, participant_id: str, name: str) -> None:
        confirm(t("ui.console.confirm_remove", self.lang, name=name), t("ui.console.remove", self.lang),
                lambda: self.commands.run(self.engine.remove_participant, self.commands.session_id, participant_id),
                self.lang)

    def _update_count(self) -> None:
        self.count.set_text(t("ui.console.participants", self.lang, count=len(self._rows)))


def shown_name(participant: Participant, lang: str) -> str:
    """Return the name the facilitator sees for ``participant``: the one given, else "Deelnemer N"."""
    return participant.name or t("ui.console.participant_anonymous", lang, number=participant.number)


@dataclass
class _Row:
    row: ui.row
    text: ui.label
    button: ui.button


class ModerationList:
    """The current step's contributions in the order received, each with hide/show.

    In a session with names (optional or required) each row also says who wrote it, so the
    facilitator can see who wrote what; an anonymous session shows no one.
    """

    def __init__(self, engine: Engine, commands: SessionCommands, lang: str, *, named: bool = False) -> None:
        self.engine = engine
        self.commands = commands
        self.lang = lang
        self.named = named
        self.container = ui.column().classes("w-full gap-1").mark("contributions")
        self._rows: dict[str, _Row] = {}
        self._names: dict[str, str] = {}  # participant id -> shown name (names never change after joining)

    def reset(self, contributions: list[Contribution]) -> None:
        """Show exactly ``contributions`` (withdrawn ones left out)."""
        self.container.clear()
        self._rows = {}
        for contribution in contributions:
            self.apply(contribution)

    def apply(self, contribution: Contribution) -> None:
        """Add, update or drop the row of one contribution."""
        row = self._rows.get(contribution.id)
        if contribution.withdrawn:
            if row is not None:
                row.row.delete()
                del self._rows[contribution.id]
            return
        if row is None:
            row_classes = "dk-moderation-row w-full items-start no-wrap border-b py-1"
            with self.container, ui.row().classes(row_classes) as element:
                with ui.column().classes("grow gap-0 min-w-0"):
                    text = ui.label().classes("whitespace-pre-wrap").mark("contribution")
                    if self.named:
                        ui.label(self._name_of(contribution.participant_id)).classes("dk-muted text-sm") \
                            .mark("contribution-author")
                button = ui.button(on_click=lambda: self._toggle(contribution.id)).props("flat dense")
            row = self._rows[contribution.id] = _Row(element, text, button)
        row.text.set_text(contribution.text)
        if contribution.hidden:
            row.text.classes(add="dk-hidden-text")
        else:
            row.text.classes(remove="dk-hidden-text")
        row.button.set_text(t("ui.console.unhide" if contribution.hidden else "ui.console.hide", self.lang))
        row.button.mark(f"{'unhide' if contribution.hidden else 'hide'}-{contribution.id}")

    def _name_of(self, participant_id: str) -> str:
        name = self._names.get(participant_id)
        if name is None:
            participant = self.engine.get_participant(participant_id)
            name = shown_name(participant, self.lang) if participant is not None else ""
            self._names[participant_id] = name
        return name

    async def _toggle(self, contribution_id: str) -> None:
        """Hide a shown contribution, or show a hidden one again (off the event loop)."""
        await self.commands.run(self._flip_hidden, contribution_id)

    def _flip_hidden(self, contribution_id: str) -> None:
        current = self.engine.get_contribution(self.commands.session_id, contribution_id)
        if current is not None:
            self.engine.hide_contribution(self.commands.session_id, contribution_id, not current.hidden)
