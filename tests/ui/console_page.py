"""Opening the facilitator console of a session in a simulated browser."""

from __future__ import annotations

from nicegui.testing import User

from kit.core.engine import OpenedSession


async def open_console(user: User, opened: OpenedSession) -> None:
    """Open the console of ``opened`` with its facilitator secret, as the link the laptop shows does."""
    await user.open(f"/console/{opened.session.id}?key={opened.secret}")
