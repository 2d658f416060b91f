"""The keys that run a session, the same on the console and the projector."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nicegui import ui
from nicegui.events import KeyEventArguments

Action = Callable[[], object]


@dataclass(frozen=True)
class KeyActions:
    """What each key does; None leaves the key without effect (a projector without the cookie)."""

    next: Action | None = None
    previous: Action | None = None
    toggle_pause: Action | None = None
    toggle_reveal: Action | None = None
    toggle_qr: Action | None = None
    number: Callable[[int], object] | None = None  # a digit: open that group of the discussion view
    back: Action | None = None  # Escape: back to the overview


def bind_keys(actions: KeyActions) -> ui.keyboard:
    """Listen for → or space (next), ← (previous), P (pause), R (reveal), Q (QR code), 0–9 and Escape.

    F (fullscreen) is handled in the browser, see ``theme.add_fullscreen_key``.
    """

    def handle(event: KeyEventArguments) -> None:
        if not event.action.keydown or event.action.repeat:
            return
        if event.modifiers.ctrl or event.modifiers.meta or event.modifiers.alt:
            return
        key = event.key
        letter = key.name.lower() if len(key.name) == 1 else ""
        if key.arrow_right or key.space:
            action = actions.next
        elif key.arrow_left:
            action = actions.previous
        elif letter == "p":
            action = actions.toggle_pause
        elif letter == "r":
            action = actions.toggle_reveal
        elif letter == "q":
            action = actions.toggle_qr
        elif letter.isdigit() and actions.number is not None:
            number, on_number = int(letter), actions.number
            action = lambda: on_number(number)  # noqa: E731
        elif key.escape:
            action = actions.back
        else:
            action = None
        if action is not None:
            action()

    return ui.keyboard(on_key=handle)
