"""The keys that run a session, the same on the console and the projector."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nicegui import ui
from nicegui.events import KeyEventArguments

Action = Callable[[], object]


@dataclass(frozen=True)
class KeyInfo:
    """One key as the legend and the "?" overlay name it.

    ``keys`` are shown as typed; a name starting with ``keys.`` is a catalogue key (``keys.space``).
    ``drives`` is True for the keys that run the session (they do nothing on a projector that only follows);
    ``projector`` for the keys of the projector's discussion view and pages, which the console leaves alone.
    """

    keys: tuple[str, ...]
    short: str
    text: str
    drives: bool
    projector: bool = False


KEYS: tuple[KeyInfo, ...] = (
    KeyInfo(("→", "keys.space"), "keys.short.next", "keys.next", drives=True),
    KeyInfo(("←",), "keys.short.previous", "keys.previous", drives=True),
    KeyInfo(("P",), "keys.short.pause", "keys.pause", drives=True),
    KeyInfo(("R",), "keys.short.reveal", "keys.reveal", drives=True),
    KeyInfo(("Q",), "keys.short.qr", "keys.qr", drives=False),
    KeyInfo(("F",), "keys.short.fullscreen", "keys.fullscreen", drives=False),
    KeyInfo(("?",), "keys.short.help", "keys.help", drives=False),
    KeyInfo(("1–9", "0"), "keys.short.group", "keys.group", drives=True, projector=True),
    KeyInfo(("← →",), "keys.short.other_group", "keys.other_group", drives=True, projector=True),
    KeyInfo(("Esc",), "keys.short.overview", "keys.overview", drives=True, projector=True),
    KeyInfo(("M",), "keys.short.opinions", "keys.opinions", drives=True),
    KeyInfo(("PageDown", "PageUp"), "keys.short.page", "keys.page", drives=False, projector=True),
)


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
    toggle_opinions: Action | None = None  # M: the opinion groups of the step on the projectors, or not


def bind_keys(actions: KeyActions) -> ui.keyboard:
    """Listen for → or space (next), ← (previous), P (pause), R (reveal), Q (QR code), M (opinion groups),
    0–9 and Escape.

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
        elif letter == "m":
            action = actions.toggle_opinions
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
