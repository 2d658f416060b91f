"""The keys that run a session, the same on the console and the projector."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nicegui import ui
from nicegui.events import KeyEventArguments

Action = Callable[[], None]


@dataclass(frozen=True)
class KeyInfo:
    """One key as the legend and the "?" overlay name it.

    ``keys`` are shown as typed; a name starting with ``keys.`` is a catalogue key (``keys.space``).
    ``drives`` is True for the keys that run the session (they do nothing on a projector that only follows).
    """

    keys: tuple[str, ...]
    short: str
    text: str
    drives: bool


KEYS: tuple[KeyInfo, ...] = (
    KeyInfo(("→", "keys.space"), "keys.short.next", "keys.next", drives=True),
    KeyInfo(("←",), "keys.short.previous", "keys.previous", drives=True),
    KeyInfo(("P",), "keys.short.pause", "keys.pause", drives=True),
    KeyInfo(("R",), "keys.short.reveal", "keys.reveal", drives=True),
    KeyInfo(("Q",), "keys.short.qr", "keys.qr", drives=False),
    KeyInfo(("F",), "keys.short.fullscreen", "keys.fullscreen", drives=False),
    KeyInfo(("?",), "keys.short.help", "keys.help", drives=False),
)


@dataclass(frozen=True)
class KeyActions:
    """What each key does; None leaves the key without effect (a projector without the cookie)."""

    next: Action | None = None
    previous: Action | None = None
    toggle_pause: Action | None = None
    toggle_reveal: Action | None = None
    toggle_qr: Action | None = None


def bind_keys(actions: KeyActions) -> ui.keyboard:
    """Listen for → or space (next), ← (previous), P (pause), R (reveal) and Q (QR code).

    F (fullscreen) and ? (the list of keys) are handled in the browser, see ``theme.add_fullscreen_key``
    and ``key_help.key_help``; ``KEYS`` names every key for the legend and that list.
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
        else:
            action = None
        if action is not None:
            action()

    return ui.keyboard(on_key=handle)
