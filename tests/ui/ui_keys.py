"""Pressing a key on a simulated page (NiceGUI's ``ui.keyboard`` gets the browser's key event)."""

from __future__ import annotations

from nicegui import ui
from nicegui.testing import User


def press(user: User, key: str, code: str | None = None) -> None:
    """Send a keydown of ``key`` (e.g. ``"ArrowRight"``, ``" "``, ``"p"``) to the page's keyboard listener."""
    args = {
        "action": "keydown", "repeat": False, "altKey": False, "ctrlKey": False, "metaKey": False,
        "shiftKey": False, "key": key, "code": code or key, "location": 0,
    }
    user.find(ui.keyboard).trigger("key", args)
