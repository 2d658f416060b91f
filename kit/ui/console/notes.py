"""The facilitator's notes on each step (the card's "gespreksformat"), saved while typing."""

from __future__ import annotations

import time

from nicegui import context, ui

from kit.core import events
from kit.core.engine import Engine
from kit.core.errors import Refused
from kit.i18n import t
from kit.ui.shared.commands import notify_refusal
from kit.ui.shared.theme import heading

SAVE_DELAY = 0.5


class NotesPanel:
    """A notes field for the current step; text is saved ``delay`` seconds after the last keystroke.

    Notes are only ever shown here: never on the projector or the phones.
    """

    def __init__(self, engine: Engine, session_id: str, lang: str, delay: float = SAVE_DELAY) -> None:
        self.engine = engine
        self.session_id = session_id
        self.lang = lang
        self.delay = delay
        self.step_key: str | None = None
        self._pending: str | None = None
        self._changed_at = 0.0
        self._loading = False
        with ui.column().classes("dk-panel w-full gap-1").mark("notes-panel") as self.root:
            heading(t("conv.notes.title", lang))
            ui.label(t("conv.notes.hint", lang)).classes("dk-muted text-sm")
            self.field = ui.textarea().props("outlined autogrow").classes("w-full").mark("notes")
            self.field.props["aria-label"] = t("conv.notes.title", lang)
            self.status = ui.label().classes("dk-muted text-sm").mark("notes-status")
        self.field.on_value_change(lambda event: self._typed(str(event.value or "")))
        ui.timer(0.1, self._save_when_quiet)
        context.client.on_delete(lambda: self.flush(quiet=True))

    def show_step(self, step_key: str) -> None:
        """Show the note of ``step_key`` (the note being typed for the previous step is saved first)."""
        if step_key == self.step_key:
            return
        self.flush()
        self.step_key = step_key
        self._load(self.engine.notes(self.session_id).get(step_key, ""))
        self.status.set_text("")

    def apply(self, batch: list[events.Event]) -> None:
        """Take over a note saved elsewhere (another console) unless something is being typed here."""
        if self._pending is not None or self.step_key is None:
            return
        if any(isinstance(event, events.EventsMissed)
               or (isinstance(event, events.NoteSaved) and event.step_key == self.step_key) for event in batch):
            stored = self.engine.notes(self.session_id).get(self.step_key, "")
            if stored != (self.field.value or ""):
                self._load(stored)

    def flush(self, *, quiet: bool = False) -> None:
        """Save the note being typed now (``quiet``: the page is gone, so no notice on refusal)."""
        text, self._pending = self._pending, None
        if text is None or self.step_key is None:
            return
        try:
            self.engine.save_note(self.session_id, self.step_key, text)
        except Refused as refused:
            if not quiet:
                notify_refusal(refused, self.lang)
            return
        if not quiet:
            self.status.set_text(t("conv.notes.saved", self.lang))

    def _typed(self, text: str) -> None:
        if self._loading:
            return
        self._pending = text
        self._changed_at = time.monotonic()
        self.status.set_text(t("conv.notes.saving", self.lang))

    def _save_when_quiet(self) -> None:
        if self._pending is not None and time.monotonic() - self._changed_at >= self.delay:
            self.flush()

    def _load(self, text: str) -> None:
        self._loading = True
        try:
            self.field.set_value(text)
        finally:
            self._loading = False
